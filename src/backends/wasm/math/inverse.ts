// arctan, arcsin, arccos and arctan2 on f64x2 (and f32x4 through kit.viaF64): fdlibm's reductions
// (atan: five intervals with atan(c) in hi+lo; asin/acos: R(z) = p/q and a split square root),
// each interval computed with one shared division and chosen by selects.
import type { MathFn, V } from './asm.js';
import { F64, viaF64 } from './kit.js';

const ATAN_HI = [4.63647609000806093515e-1, 7.85398163397448278999e-1, 9.82793723247329054082e-1, 1.57079632679489655800];
const ATAN_LO = [2.26987774529616870924e-17, 3.06161699786838301793e-17, 1.39033110312309984516e-17, 6.12323399573676603587e-17];
const AT = [3.33333333333329318027e-1, -1.99999999998764832476e-1, 1.42857142725034663711e-1, -1.11111104054623557880e-1, 9.09088713343650656196e-2, -7.69187620504482999495e-2, 6.66107313738753120669e-2, -5.83357013379057348645e-2, 4.97687799461593236017e-2, -3.65315727442169155270e-2, 1.62858201153657823623e-2];

/** atan(a) for a ≥ 0 or NaN (fdlibm s_atan.c). */
function atanPos(m: F64, a: V): V {
  const one = m.c(1);
  const i0 = m.ge(a, m.c(7 / 16)), i1 = m.ge(a, m.c(11 / 16)), i2 = m.ge(a, m.c(19 / 16)), i3 = m.ge(a, m.c(39 / 16));
  // a = c + u with u = (a − c)/(1 + a·c) per interval, in one division
  let num = m.sel(i0, m.sub(m.add(a, a), one), a);
  let den = m.sel(i0, m.add(m.c(2), a), one);
  num = m.sel(i1, m.sub(a, one), num);
  den = m.sel(i1, m.add(a, one), den);
  num = m.sel(i2, m.sub(a, m.c(1.5)), num);
  den = m.sel(i2, m.add(one, m.mul(m.c(1.5), a)), den);
  num = m.sel(i3, m.c(-1), num);
  den = m.sel(i3, a, den);
  const u = m.div(num, den);
  const z = m.mul(u, u);
  const w = m.mul(z, z);
  const s1 = m.mul(z, m.poly(w, [AT[0]!, AT[2]!, AT[4]!, AT[6]!, AT[8]!, AT[10]!]));
  const s2 = m.mul(w, m.poly(w, [AT[1]!, AT[3]!, AT[5]!, AT[7]!, AT[9]!]));
  const us = m.mul(u, m.add(s1, s2));
  const pick = (t: readonly number[]) => m.sel(i3, m.c(t[3]!), m.sel(i2, m.c(t[2]!), m.sel(i1, m.c(t[1]!), m.c(t[0]!))));
  const reduced = m.sub(pick(ATAN_HI), m.sub(m.sub(us, pick(ATAN_LO)), u));
  return m.sel(i0, reduced, m.sub(u, us));
}

export const atan64: MathFn = (asm, [x]) => {
  const m = new F64(asm);
  return m.or(atanPos(m, m.abs(x!)), m.signOf(x!));
};

const PI = 3.1415926535897931160;
const PI_LO = 1.2246467991473531772e-16;

export const atan2_64: MathFn = (asm, [y, x]) => {
  const m = new F64(asm);
  const ay = m.abs(y!), ax = m.abs(x!);
  const inf = m.c(Infinity);
  let t = m.div(ay, ax);
  t = m.sel(m.and(m.eq(ay, inf), m.eq(ax, inf)), m.c(1), t); // atan2(±inf, ±inf): odd multiples of π/4
  t = m.andnot(t, m.eq(ay, m.c(0))); // y = ±0: 0 or π even when x is ±0
  const z = atanPos(m, t);
  const left = m.not(m.ieq(m.signOf(x!), m.ci(0))); // x < 0 or x = −0
  let r = m.sel(left, m.sub(m.c(PI), m.sub(z, m.c(PI_LO))), z);
  // |y/x| > 2^60 (x = ±0 and y = ±inf alone included): ±π/2 rounded, where the formula above can be 1 ulp off
  r = m.or(m.sel(m.gt(t, m.c(1.152921504606846976e18)), m.c(1.57079632679489655800), r), m.signOf(y!));
  return m.sel(m.or(m.isNan(x!), m.isNan(y!)), m.add(x!, y!), r);
};

const PIO2_HI = 1.57079632679489655800;
const PIO2_LO = 6.12323399573676603587e-17;
const PS = [1.66666666666666657415e-1, -3.25565818622400915405e-1, 2.01212532134862925881e-1, -4.00555345006794114027e-2, 7.91534994289814532176e-4, 3.47933107596021167570e-5];
const QS = [1, -2.40339491173441421878, 2.02094576023350569471, -6.88283971605453293030e-1, 7.70381505559019352791e-2];

/** fdlibm's R(z) ≈ (asin(√z)/√z − 1)/z. */
function rz(m: F64, z: V): V {
  return m.div(m.mul(z, m.poly(z, PS)), m.poly(z, QS));
}

export const asin64: MathFn = (asm, [x]) => {
  const m = new F64(asm);
  const a = m.abs(x!);
  const small = m.lt(a, m.c(0.5));
  const zb = m.mul(m.sub(m.c(1), a), m.c(0.5));
  const r = rz(m, m.sel(small, m.mul(a, a), zb));
  const s = m.sqrt(zb);
  const near1 = m.sub(m.c(PIO2_HI), m.sub(m.mul(m.c(2), m.add(s, m.mul(s, r))), m.c(PIO2_LO)));
  const f = m.hi32(s);
  const c = m.div(m.sub(zb, m.mul(f, f)), m.add(s, f));
  const hpio2 = m.c(0.5 * PIO2_HI);
  const mid = m.sub(hpio2, m.sub(m.sub(m.mul(m.mul(m.c(2), s), r), m.sub(m.c(PIO2_LO), m.mul(m.c(2), c))), m.sub(hpio2, m.mul(m.c(2), f))));
  let res = m.sel(small, m.add(a, m.mul(a, r)), m.sel(m.gt(a, m.c(0.975)), near1, mid));
  res = m.sel(m.gt(a, m.c(1)), m.c(NaN), res);
  return m.sel(m.isNan(x!), x!, m.or(res, m.signOf(x!)));
};

export const acos64: MathFn = (asm, [x0]) => {
  const m = new F64(asm);
  const x = x0!;
  const a = m.abs(x);
  const small = m.lt(a, m.c(0.5));
  const zb = m.mul(m.sub(m.c(1), a), m.c(0.5));
  const r = rz(m, m.sel(small, m.mul(x, x), zb));
  const s = m.sqrt(zb);
  const smallRes = m.sub(m.c(PIO2_HI), m.sub(x, m.sub(m.c(PIO2_LO), m.mul(x, r))));
  const negRes = m.mul(m.c(2), m.sub(m.c(PIO2_HI), m.add(s, m.sub(m.mul(r, s), m.c(PIO2_LO)))));
  const df = m.hi32(s);
  const c = m.div(m.sub(zb, m.mul(df, df)), m.add(s, df));
  const posRes = m.mul(m.c(2), m.add(df, m.add(m.mul(r, s), c)));
  let res = m.sel(small, smallRes, m.sel(m.lt(x, m.c(0)), negRes, posRes));
  res = m.sel(m.eq(x, m.c(1)), m.c(0), res);
  res = m.sel(m.gt(a, m.c(1)), m.c(NaN), res);
  return m.sel(m.isNan(x), x, res);
};

export const atan32 = viaF64(atan64);
export const atan2_32 = viaF64(atan2_64);
export const asin32 = viaF64(asin64);
export const acos32 = viaF64(acos64);
