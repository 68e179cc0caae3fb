// The inverse complex trigonometric and hyperbolic functions, as NumPy's npymath computes them
// (FreeBSD's catrig: Hull, Fairgrieve and Tang, "Implementing the complex arcsine and arccosine
// functions using exception handling", 1997). Results go through `put` into complex.ts's pair.

import { hypot } from './complexHypot.js';

const EPS = Number.EPSILON;
const RECIP_EPSILON = 1 / EPS;
const DBL_MAX = Number.MAX_VALUE;
const A_CROSSOVER = 10;
const B_CROSSOVER = 0.6417;
const FOUR_SQRT_MIN = 5.9666725849601654e-154;
const QUARTER_SQRT_MAX = 3.3519519824856489e153;
const SQRT_MIN = 1.4916681462400413e-154;
const SQRT_6_EPSILON = 3.65002414998885671e-8;
const SQRT_3_EPSILON = 2.5809568279517849e-8;
const PIO2 = Math.PI / 2;
const LN2 = Math.LN2;

const signbit = (x: number) => x < 0 || Object.is(x, -0);
const copysign = (a: number, b: number) => (signbit(b) ? -Math.abs(a) : Math.abs(a));
const isInf = (x: number) => x === Infinity || x === -Infinity;

/** (hypot(a, b) − b) / 2, without cancellation. */
function f(a: number, b: number, hypot: number): number {
  if (b < 0) return (hypot - b) / 2;
  if (b === 0) return a / 2;
  return (a * a) / (hypot + b) / 2;
}

interface Hard {
  rx: number;
  usable: boolean;
  B: number;
  sqrtA2my2: number;
  newY: number;
}
const hard: Hard = { rx: 0, usable: false, B: 0, sqrtA2my2: 0, newY: 0 };

/** x, y ≥ 0 and < 1/ε: rx = Re casinh(x + iy), and B = y/A or sqrt(A² − y²) for the imaginary part. */
function doHardWork(x: number, y: number): Hard {
  const R = hypot(x, y + 1);
  const S = hypot(x, y - 1);
  let A = (R + S) / 2;
  if (A < 1) A = 1;
  if (A < A_CROSSOVER) {
    if (y === 1 && x < (EPS * EPS) / 128) hard.rx = Math.sqrt(x);
    else if (x >= EPS * Math.abs(y - 1)) {
      const Am1 = f(x, 1 + y, R) + f(x, 1 - y, S);
      hard.rx = Math.log1p(Am1 + Math.sqrt(Am1 * (A + 1)));
    } else if (y < 1) hard.rx = x / Math.sqrt((1 - y) * (1 + y));
    else hard.rx = Math.log1p(y - 1 + Math.sqrt((y - 1) * (y + 1)));
  } else {
    hard.rx = Math.log(A + Math.sqrt(A * A - 1));
  }
  hard.newY = y;
  if (y < FOUR_SQRT_MIN) {
    hard.usable = false;
    hard.sqrtA2my2 = A * (2 / EPS);
    hard.newY = y * (2 / EPS);
    return hard;
  }
  hard.B = y / A;
  hard.usable = true;
  if (hard.B > B_CROSSOVER) {
    hard.usable = false;
    if (y === 1 && x < EPS / 128) hard.sqrtA2my2 = Math.sqrt(x) * Math.sqrt((A + y) / 2);
    else if (x >= EPS * Math.abs(y - 1)) {
      const Amy = f(x, y + 1, R) + f(x, y - 1, S);
      hard.sqrtA2my2 = Math.sqrt(Amy * (A + y));
    } else if (y > 1) {
      hard.sqrtA2my2 = ((x * (4 / EPS / EPS) * y) / Math.sqrt((y + 1) * (y - 1)));
      hard.newY = y * (4 / EPS / EPS);
    } else hard.sqrtA2my2 = Math.sqrt((1 - y) * (1 + y));
  }
  return hard;
}

/** log(x + iy) for |z| finite and above ~1/ε: [re, im]. */
function clogLarge(x: number, y: number): [number, number] {
  let ax = Math.abs(x);
  let ay = Math.abs(y);
  if (ax < ay) [ax, ay] = [ay, ax];
  let rr: number;
  if (ax > DBL_MAX / 2) rr = Math.log(hypot(x / Math.E, y / Math.E)) + 1;
  else if (ax > QUARTER_SQRT_MAX || ay < SQRT_MIN) rr = Math.log(hypot(x, y));
  else rr = Math.log(ax * ax + ay * ay) / 2;
  return [rr, Math.atan2(y, x)];
}

/** floor(log2 |v|) for finite nonzero v. */
function ilogb(v: number): number {
  const a = Math.abs(v);
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--;
  else if (2 ** (e + 1) <= a) e++;
  return e;
}

/** Re(1/(x + iy)) without spurious underflow; one of |x|, |y| is above 1/ε. */
function realPartReciprocal(x: number, y: number): number {
  if (isInf(x)) return 1 / x;
  const ix = x === 0 ? -1075 : ilogb(x);
  const iy = y === 0 ? -1075 : ilogb(y);
  if (ix - iy >= 27) return 1 / x;
  if (iy - ix >= 27) return x / y / y;
  if (ix <= 485) return x / (x * x + y * y);
  const scale = 2 ** (1 - ix);
  x *= scale;
  y *= scale;
  return (x / (x * x + y * y)) * scale;
}

export function inverseFunctions(P: Float64Array, put: (re: number, im: number) => void) {
  function casinh(x: number, y: number): void {
    const ax = Math.abs(x);
    const ay = Math.abs(y);
    if (Number.isNaN(x) || Number.isNaN(y)) {
      if (isInf(x)) return put(x, y + y);
      if (isInf(y)) return put(copysign(Infinity, x), x + x); // glibc: the sign of the real part
      if (y === 0) return put(x + x, y);
      return put(NaN, NaN);
    }
    if (ax > RECIP_EPSILON || ay > RECIP_EPSILON) {
      const [wx, wy] = signbit(x) ? clogLarge(-x, -y) : clogLarge(x, y);
      return put(copysign(wx + LN2, x), copysign(wy, y));
    }
    if (x === 0 && y === 0) return put(x, y);
    if (ax < SQRT_6_EPSILON / 4 && ay < SQRT_6_EPSILON / 4) return put(x, y);
    const h = doHardWork(ax, ay);
    const ry = h.usable ? Math.asin(h.B) : Math.atan2(h.newY, h.sqrtA2my2);
    put(copysign(h.rx, x), copysign(ry, y));
  }

  function cacos(x: number, y: number): void {
    const sx = signbit(x);
    const sy = signbit(y);
    const ax = Math.abs(x);
    const ay = Math.abs(y);
    if (Number.isNaN(x) || Number.isNaN(y)) {
      if (isInf(x)) return put(y + y, -Infinity);
      if (isInf(y)) return put(x + x, -y);
      if (x === 0) return put(PIO2, y + y);
      return put(NaN, NaN);
    }
    if (ax > RECIP_EPSILON || ay > RECIP_EPSILON) {
      const [wx, wy] = clogLarge(x, y);
      const rx = Math.abs(wy);
      const ry = wx + LN2;
      return put(rx, sy ? ry : -ry);
    }
    if (x === 1 && y === 0) return put(0, -y);
    if (ax < SQRT_6_EPSILON / 4 && ay < SQRT_6_EPSILON / 4) return put(PIO2 - x, -y);
    const h = doHardWork(ay, ax);
    let rx: number;
    if (h.usable) rx = Math.acos(sx ? -h.B : h.B);
    else rx = Math.atan2(h.sqrtA2my2, sx ? -h.newY : h.newY);
    put(rx, sy ? h.rx : -h.rx);
  }

  function catanh(x: number, y: number): void {
    const ax = Math.abs(x);
    const ay = Math.abs(y);
    if (y === 0 && ax <= 1) return put(Math.atanh(x), y);
    if (x === 0) return put(x, Math.atan(y));
    if (Number.isNaN(x) || Number.isNaN(y)) {
      if (isInf(x)) return put(copysign(0, x), y + y);
      if (isInf(y)) return put(copysign(0, x), copysign(PIO2, y));
      return put(NaN, NaN);
    }
    if (ax > RECIP_EPSILON || ay > RECIP_EPSILON) return put(realPartReciprocal(x, y), copysign(PIO2, y));
    if (ax < SQRT_3_EPSILON / 2 && ay < SQRT_3_EPSILON / 2) return put(x, y);
    let rx: number;
    if (ax === 1 && ay < EPS) rx = (LN2 - Math.log(ay)) / 2;
    else {
      const d = ax - 1;
      rx = Math.log1p((4 * ax) / (ay < SQRT_MIN ? d * d : d * d + ay * ay)) / 4;
    }
    let ry: number;
    if (ax === 1) ry = Math.atan2(2, -ay) / 2;
    else if (ay < EPS) ry = Math.atan2(2 * ay, (1 - ax) * (1 + ax)) / 2;
    else ry = Math.atan2(2 * ay, (1 - ax) * (1 + ax) - ay * ay) / 2;
    put(copysign(rx, x), copysign(ry, y));
  }

  /** asin z = i·conj(asinh(i·conj z)); atan likewise with atanh. */
  function casin(x: number, y: number): void {
    if ((Number.isNaN(x) || Number.isNaN(y)) && (isInf(x) || isInf(y))) return put(NaN, copysign(Infinity, y)); // glibc's
    casinh(y, x);
    put(P[1]!, P[0]!);
  }
  function catan(x: number, y: number): void {
    catanh(y, x);
    put(P[1]!, P[0]!);
  }

  /** acosh z = ±i·acos z, the sign making the real part ≥ 0. */
  function cacosh(x: number, y: number): void {
    cacos(x, y);
    const rx = P[0]!;
    const ry = P[1]!;
    if (Number.isNaN(rx) && Number.isNaN(ry)) return put(ry, rx);
    if (Number.isNaN(rx)) return put(Math.abs(ry), rx);
    if (Number.isNaN(ry)) return x === 0 ? put(ry, rx) : put(ry, ry); // glibc: acosh(±0 + i nan) = nan + i π/2
    put(Math.abs(ry), copysign(rx, y));
  }

  return { casinh, cacos, catanh, casin, catan, cacosh };
}
