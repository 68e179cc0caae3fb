// Scalar complex math, C99 Annex G semantics as NumPy computes them (npymath, after FreeBSD msun):
// branch cuts, signed zeros, inf/nan. Each function leaves (re, im) in `P`; kernels call the *Re/*Im
// twins (plan/splitComplex.ts splits parts), or the Re twin and then read P[1] (plan/joinComplex.ts).
// Pure arithmetic on doubles: complex64 rounds each part afterwards (registry's F()).

import { inverseFunctions } from './complexInverse.js';
import { hypot } from './complexHypot.js';

/** The last result: P[0] = re, P[1] = im (one per thread; kernel calls never interleave). */
export const P = new Float64Array(2);
const put = (re: number, im: number): void => {
  P[0] = re;
  P[1] = im;
};

const LN2 = Math.LN2;
const LOG10E = Math.LOG10E;
const DBL_MAX = Number.MAX_VALUE;
const DBL_MIN = 2.2250738585072014e-308;
const isFinite = Number.isFinite;
const isNaN = Number.isNaN;
const isInf = (x: number) => x === Infinity || x === -Infinity;
/** Sign bit of x (NaN: none; fusexpr's NaNs carry no sign, README). */
export const signbit = (x: number) => x < 0 || Object.is(x, -0);
export const copysign = (a: number, b: number) => (signbit(b) ? -Math.abs(a) : Math.abs(a));


/** v · 2**e without overflow in 2**e. */
export function ldexp(v: number, e: number): number {
  while (e > 1023) {
    v *= 2 ** 1023;
    e -= 1023;
  }
  while (e < -1022) {
    v *= 2 ** -1022;
    e += 1022;
  }
  return v * 2 ** e;
}

// exp(x)·(cos y, sin y) for x where exp(x) overflows but the product may not: exp(x - k ln2)·2**k
const SCALED_CEXP_LOWER = 710.47586007394386;
const SCALED_CEXP_UPPER = 1454.9159319953251;
function scaledCexp(x: number, y: number, expt: number): void {
  const k = 1799;
  // mantissas multiplied, exponents added: a tiny sin(y) must not underflow before the scaling
  const [m, e] = frexp(Math.exp(x - k * LN2));
  const [mc, ec] = frexp(Math.cos(y));
  const [ms, es] = frexp(Math.sin(y));
  put(ldexp(m * mc, e + ec + k + expt), ldexp(m * ms, e + es + k + expt));
}

/** v = mant · 2**exp with 0.5 ≤ |mant| < 1 (0 and non-finite v: exp 0). */
function frexp(v: number): [number, number] {
  if (v === 0 || !isFinite(v)) return [v, 0];
  let e = Math.floor(Math.log2(Math.abs(v))) + 1;
  let m = ldexp(v, -e);
  if (Math.abs(m) >= 1) (m /= 2), e++;
  else if (Math.abs(m) < 0.5) (m *= 2), e--;
  return [m, e];
}

// ---- arithmetic ----------------------------------------------------------------------------------

export function cmul(ar: number, ai: number, br: number, bi: number): void {
  put(ar * br - ai * bi, ar * bi + ai * br);
}

/** Smith's algorithm, as NumPy's complex divide loop (division by 0 gives inf/nan parts). */
export function cdiv(ar: number, ai: number, br: number, bi: number): void {
  const abr = Math.abs(br);
  const abi = Math.abs(bi);
  if (abr >= abi) {
    if (abr === 0 && abi === 0) return put(ar / abr, ai / abi);
    const rat = bi / br;
    const scl = 1 / (br + bi * rat);
    return put((ar + ai * rat) * scl, (ai - ar * rat) * scl);
  }
  const rat = br / bi;
  const scl = 1 / (bi + br * rat);
  put((ar * rat + ai) * scl, (ai * rat - ar) * scl);
}

// ---- exp, log, sqrt, pow -----------------------------------------------------------------------------

export function cexp(r: number, i: number): void {
  if (isFinite(r)) {
    if (i === 0) return put(Math.exp(r), i); // glibc's, which NumPy calls: exact, signed, no inf·0
    if (r >= SCALED_CEXP_LOWER && r <= SCALED_CEXP_UPPER) return scaledCexp(r, i, 0);
    const x = Math.exp(r);
    if (isFinite(i)) return put(x * Math.cos(i), x * Math.sin(i));
    return put(NaN, NaN);
  }
  if (isNaN(r)) return i === 0 ? put(r, i) : put(r, NaN);
  if (r > 0) {
    if (i === 0) return put(r, i);
    if (isFinite(i)) return put(r * Math.cos(i), r * Math.sin(i));
    return put(r, NaN);
  }
  if (isFinite(i)) {
    const x = Math.exp(r);
    return put(x * Math.cos(i), x * Math.sin(i));
  }
  put(0, copysign(0, i));
}

export function clog(re: number, im: number): void {
  const ax = Math.abs(re);
  const ay = Math.abs(im);
  if (isNaN(ax) && isFinite(ay)) return put(ax, NaN);
  let rr: number;
  if (ax > DBL_MAX / 4 || ay > DBL_MAX / 4) {
    rr = Math.log(hypot(ax / 2, ay / 2)) + LN2;
  } else if (ax < DBL_MIN && ay < DBL_MIN) {
    if (ax > 0 || ay > 0) {
      // hypot would be subnormal: scale up by 2**53
      rr = Math.log(hypot(ax * 2 ** 53, ay * 2 ** 53)) - 53 * LN2;
    } else {
      return put(-Infinity, Math.atan2(im, re)); // log(±0 ± 0i)
    }
  } else {
    const h = hypot(ax, ay);
    if (h >= 0.71 && h <= 1.73) {
      const am = ax > ay ? ax : ay;
      const an = ax > ay ? ay : ax;
      rr = Math.log1p((am - 1) * (am + 1) + an * an) / 2;
    } else {
      rr = Math.log(h);
    }
  }
  put(rr, Math.atan2(im, re));
}

const SQRT_THRESH = DBL_MAX / (1 + Math.SQRT2);
export function csqrt(a: number, b: number): void {
  if (a === 0 && b === 0) return put(0, b);
  if (isInf(b)) return put(Infinity, b);
  if (isNaN(a)) return put(a, NaN);
  if (isInf(a)) {
    // sqrt(-inf + y i) = 0 + inf i; sqrt(inf + y i) = inf + 0 i (nan y stays nan)
    return a < 0 ? put(Math.abs(b - b), copysign(a, b)) : put(a, copysign(b - b, b));
  }
  let scale = false;
  if (Math.abs(a) >= SQRT_THRESH || Math.abs(b) >= SQRT_THRESH) {
    a *= 0.25;
    b *= 0.25;
    scale = true;
  }
  let re: number;
  let im: number;
  if (a >= 0) {
    const t = Math.sqrt((a + hypot(a, b)) * 0.5);
    re = t;
    im = b / (2 * t);
  } else {
    const t = Math.sqrt((-a + hypot(a, b)) * 0.5);
    re = Math.abs(b) / (2 * t);
    im = copysign(t, b);
  }
  put(scale ? re * 2 : re, im);
}

/** NumPy's complex power: 1 for a zero exponent, exact products for small integer ones, else exp(b·log a). */
export function cpow(ar: number, ai: number, br: number, bi: number): void {
  if (br === 0 && bi === 0) return put(1, 0);
  if (ar === 0 && ai === 0) return br > 0 ? put(0, 0) : put(NaN, NaN);
  if (bi === 0 && br > -100 && br < 100 && Math.trunc(br) === br) {
    let n = br;
    if (n === 1) return put(ar, ai);
    if (n === 2) return cmul(ar, ai, ar, ai);
    if (n === 3) {
      cmul(ar, ai, ar, ai);
      return cmul(ar, ai, P[0]!, P[1]!);
    }
    if (n < 0) n = -n;
    let rr = 1;
    let ri = 0;
    let pr = ar;
    let pi = ai;
    for (let mask = 1; ; ) {
      if (n & mask) {
        cmul(rr, ri, pr, pi);
        rr = P[0]!;
        ri = P[1]!;
      }
      mask <<= 1;
      if (n < mask) break;
      cmul(pr, pi, pr, pi);
      pr = P[0]!;
      pi = P[1]!;
    }
    return br < 0 ? cdiv(1, 0, rr, ri) : put(rr, ri);
  }
  clog(ar, ai);
  mulAnnexG(br, bi, P[0]!, P[1]!);
  cexp(P[0]!, P[1]!);
}

/** C's complex `*` as glibc's cpow computes b·log a (libgcc's __muldc3): a nan result with an infinite operand is recovered as an infinity. */
function mulAnnexG(a: number, b: number, c: number, d: number): void {
  let x = a * c - b * d;
  let y = a * d + b * c;
  if (x === x || y === y) return put(x, y);
  const inf = (v: number) => (isInf(v) ? 1 : 0);
  const zeroIfNan = (v: number) => (isNaN(v) ? copysign(0, v) : v);
  let recalc = false;
  if (isInf(a) || isInf(b)) [a, b, c, d, recalc] = [copysign(inf(a), a), copysign(inf(b), b), zeroIfNan(c), zeroIfNan(d), true];
  if (isInf(c) || isInf(d)) [c, d, a, b, recalc] = [copysign(inf(c), c), copysign(inf(d), d), zeroIfNan(a), zeroIfNan(b), true];
  if (!recalc && (isInf(a * c) || isInf(b * d) || isInf(a * d) || isInf(b * c))) [a, b, c, d, recalc] = [zeroIfNan(a), zeroIfNan(b), zeroIfNan(c), zeroIfNan(d), true];
  if (recalc) {
    x = Infinity * (a * c - b * d);
    y = Infinity * (a * d + b * c);
  }
  put(x, y);
}

/** NumPy's complex reciprocal (its `z ** -1` fast path): Smith's division of 1 by z. */
export function creciprocal(re: number, im: number): void {
  if (Math.abs(im) <= Math.abs(re)) {
    const r = im / re;
    const d = re + im * r;
    return put(1 / d, -r / d);
  }
  const r = re / im;
  const d = re * r + im;
  put(r / d, -1 / d);
}

export function clog10(re: number, im: number): void {
  clog(re, im);
  put(P[0]! * LOG10E, P[1]! * LOG10E);
}

/** NumPy's own: log|1 + z| + i·arg(1 + z). */
export function clog1p(re: number, im: number): void {
  put(Math.log(hypot(re + 1, im)), Math.atan2(im, re + 1));
}

/** NumPy's own: expm1(x)·cos y − 2 sin²(y/2) + i·exp(x)·sin y. */
export function cexpm1(re: number, im: number): void {
  const a = Math.sin(im / 2);
  put(Math.expm1(re) * Math.cos(im) - 2 * a * a, Math.exp(re) * Math.sin(im));
}

// ---- hyperbolic and trigonometric ---------------------------------------------------------------------

const C_BIG = 22;
const C_HUGE = 8.9884656743115795e307;

export function ccosh(x: number, y: number): void {
  const xf = isFinite(x);
  const yf = isFinite(y);
  if (xf && yf) {
    if (y === 0) return put(Math.cosh(x), x * y);
    const ax = Math.abs(x);
    if (ax < C_BIG) return put(Math.cosh(x) * Math.cos(y), Math.sinh(x) * Math.sin(y));
    if (ax < SCALED_CEXP_LOWER) {
      const h = Math.exp(ax) * 0.5;
      return put(h * Math.cos(y), copysign(h, x) * Math.sin(y));
    }
    if (ax < SCALED_CEXP_UPPER) {
      scaledCexp(ax, y, -1);
      return put(P[0]!, P[1]! * copysign(1, x));
    }
    const h = C_HUGE * x;
    return put(h * h * Math.cos(y), h * Math.sin(y));
  }
  if (x === 0 && !yf) return put(y - y, copysign(0, x * (y - y)));
  if (y === 0 && !xf) return put(x * x, copysign(0, x) * y);
  if (xf && !yf) return put(y - y, x * (y - y));
  if (isInf(x)) {
    if (!yf) return put(x * x, x * (y - y));
    return put(x * x * Math.cos(y), x * Math.sin(y));
  }
  put(x * x * (y - y), (x + x) * (y - y));
}

export function csinh(x: number, y: number): void {
  const xf = isFinite(x);
  const yf = isFinite(y);
  if (xf && yf) {
    if (y === 0) return put(Math.sinh(x), y);
    const ax = Math.abs(x);
    if (ax < C_BIG) return put(Math.sinh(x) * Math.cos(y), Math.cosh(x) * Math.sin(y));
    if (ax < SCALED_CEXP_LOWER) {
      const h = Math.exp(ax) * 0.5;
      return put(copysign(h, x) * Math.cos(y), h * Math.sin(y));
    }
    if (x < SCALED_CEXP_UPPER) {
      scaledCexp(ax, y, -1);
      return put(P[0]! * copysign(1, x), P[1]!);
    }
    const h = C_HUGE * x;
    return put(h * Math.cos(y), h * h * Math.sin(y));
  }
  if (x === 0 && !yf) return put(x, y - y);
  if (y === 0 && !xf) return isNaN(x) ? put(x, y) : put(x, copysign(0, y));
  if (xf && !yf) return put(y - y, x * (y - y));
  if (!xf && !isNaN(x)) {
    if (!yf) return put(x * x, x * (y - y));
    return put(x * Math.cos(y), Infinity * Math.sin(y));
  }
  put(x * x * (y - y), (x + x) * (y - y));
}

/** Kahan's algorithm (FreeBSD's ctanh). */
export function ctanh(x: number, y: number): void {
  if (!isFinite(x)) {
    if (isNaN(x)) return put(x, y === 0 ? y : x * y);
    return put(copysign(1, x), copysign(0, isInf(y) ? y : Math.sin(y) * Math.cos(y)));
  }
  if (!isFinite(y)) return x === 0 ? put(x, y - y) : put(y - y, y - y); // glibc: tanh(±0 + i inf) = ±0 + i nan
  if (Math.abs(x) >= 22) {
    const e = Math.exp(-Math.abs(x));
    return put(copysign(1, x), 4 * Math.sin(y) * Math.cos(y) * e * e);
  }
  const t = Math.tan(y);
  const beta = 1 + t * t;
  const s = Math.sinh(x);
  const rho = Math.sqrt(1 + s * s);
  const denom = 1 + beta * s * s;
  put((beta * rho * s) / denom, t / denom);
}

/** cos z = cosh(i z); sin z = −i sinh(i z); tan z = −i tanh(i z). */
export function ccos(x: number, y: number): void {
  ccosh(-y, x);
}
export function csin(x: number, y: number): void {
  // glibc's special values (NumPy calls glibc's csin)
  if (y === 0 && !isFinite(x)) return put(x - x, y);
  if (isInf(y) && !isFinite(x)) return put(x - x, Infinity);
  csinh(-y, x);
  put(P[1]!, -P[0]!);
}
export function ctan(x: number, y: number): void {
  ctanh(-y, x);
  put(P[1]!, -P[0]!);
}

const { cacos, casin, catan, cacosh, casinh, catanh } = inverseFunctions(P, put);
export { cacos, casin, catan, cacosh, casinh, catanh };

// ---- the part twins kernels call ----------------------------------------------------------------------

type Unary = (re: number, im: number) => void;
type Binary = (ar: number, ai: number, br: number, bi: number) => void;
const re1 = (f: Unary) => (a: number, b: number): number => (f(a, b), P[0]!);
const im1 = (f: Unary) => (a: number, b: number): number => (f(a, b), P[1]!);
const re2 = (f: Binary) => (a: number, b: number, c: number, d: number): number => (f(a, b, c, d), P[0]!);
const im2 = (f: Binary) => (a: number, b: number, c: number, d: number): number => (f(a, b, c, d), P[1]!);

/** The complex functions by NumPy name, as (re, im) → part. */
export const COMPLEX_UNARY: Readonly<Record<string, Unary>> = {
  exp: cexp, log: clog, log10: clog10, sqrt: csqrt, expm1: cexpm1, log1p: clog1p,
  sin: csin, cos: ccos, tan: ctan, sinh: csinh, cosh: ccosh, tanh: ctanh,
  arcsin: casin, arccos: cacos, arctan: catan, arcsinh: casinh, arccosh: cacosh, arctanh: catanh,
};

export const cexpRe = re1(cexp), cexpIm = im1(cexp), clogRe = re1(clog), clogIm = im1(clog);
export const clog10Re = re1(clog10), clog10Im = im1(clog10), csqrtRe = re1(csqrt), csqrtIm = im1(csqrt);
export const cexpm1Re = re1(cexpm1), cexpm1Im = im1(cexpm1), clog1pRe = re1(clog1p), clog1pIm = im1(clog1p);
export const csinRe = re1(csin), csinIm = im1(csin), ccosRe = re1(ccos), ccosIm = im1(ccos), ctanRe = re1(ctan), ctanIm = im1(ctan);
export const csinhRe = re1(csinh), csinhIm = im1(csinh), ccoshRe = re1(ccosh), ccoshIm = im1(ccosh), ctanhRe = re1(ctanh), ctanhIm = im1(ctanh);
export const casinRe = re1(casin), casinIm = im1(casin), cacosRe = re1(cacos), cacosIm = im1(cacos), catanRe = re1(catan), catanIm = im1(catan);
export const casinhRe = re1(casinh), casinhIm = im1(casinh), cacoshRe = re1(cacosh), cacoshIm = im1(cacosh), catanhRe = re1(catanh), catanhIm = im1(catanh);
export const creciprocalRe = re1(creciprocal), creciprocalIm = im1(creciprocal);
export const cdivRe = re2(cdiv), cdivIm = im2(cdiv), cpowRe = re2(cpow), cpowIm = im2(cpow);
