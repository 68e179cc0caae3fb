// power (float x ** y) on f64x2 (and f32x4 through kit.viaF64): fdlibm's e_pow.c without branches —
// log2|x| as t1 + t2 in extra precision (21-bit splits keep every product exact), y·log2|x| split
// the same way, 2^(p_h + p_l) by the exp kernel, then C99 Annex F's special cases as selects.
import type { MathFn, V } from './asm.js';
import { exp64 } from './exp.js';
import { F64, viaF64 } from './kit.js';
import { log64 } from './log.js';

const L = [5.99999999999994648725e-1, 4.28571428578550184252e-1, 3.33333329818377432918e-1, 2.72728123808534006489e-1, 2.30660745775561754067e-1, 2.06975017800338417784e-1];
const P = [1.66666666666666019037e-1, -2.77777777770155933842e-3, 6.61375632143793436117e-5, -1.65339022054652515390e-6, 4.13813679705723846039e-8];
const DP_H = 5.84962487220764160156e-1; // log2(1.5) high
const DP_L = 1.35003920212974897128e-8;
const LG2 = 6.93147180559945286227e-1;
const LG2_H = 6.93147182464599609375e-1;
const LG2_L = -1.90465429995776804525e-9;
const OVT = 8.0085662595372944372e-17; // −(1024 − log2(overflow + 0.5 ulp))
const CP = 9.61796693925975554329e-1; // 2/(3·ln2)
const CP_H = 9.61796700954437255859e-1;
const CP_L = -7.02846165095275826516e-9;

/** log2|x| = t1 + t2 (t1 on 21 bits), for finite positive ax. */
function log2x(m: F64, ax0: V): [V, V] {
  const one = m.c(1);
  const sub = m.lt(ax0, m.c(2.2250738585072014e-308));
  const ax = m.sel(sub, m.mul(ax0, m.c(9007199254740992)), ax0); // 2^53
  const j = m.and(m.shru(ax, 32), m.ci(0xfffff)); // the high word's mantissa bits
  const big = m.not(m.ilt(j, m.ci(0xbb67a))); // ≥ √3: use ax/2
  const k1 = m.andnot(m.igt(j, m.ci(0x3988e)), big); // √(3/2) ≤ ax < √3: around 1.5
  let n = m.sub(m.intToFloat(m.isub(m.shru(ax, 52), m.ci(1023))), m.and(sub, m.c(53)));
  n = m.add(n, m.and(big, one));
  const mant = m.or(m.and(ax, m.ci(0x000fffffffffffffn)), m.ci(0x3ff0000000000000n));
  const a = m.mul(mant, m.sel(big, m.c(0.5), one));
  const bp = m.sel(k1, m.c(1.5), one);
  const dpH = m.and(k1, m.c(DP_H));
  const dpL = m.and(k1, m.c(DP_L));
  // ss = s_h + s_l = (a − bp)/(a + bp)
  const u = m.sub(a, bp);
  const v = m.div(one, m.add(a, bp));
  const ss = m.mul(u, v);
  const sH = m.hi32(ss);
  const tH = m.hi32(m.add(a, bp));
  const tL = m.sub(a, m.sub(tH, bp));
  const sL = m.mul(v, m.sub(m.sub(u, m.mul(sH, tH)), m.mul(sH, tL)));
  let s2 = m.mul(ss, ss);
  let r = m.mul(m.mul(s2, s2), m.poly(s2, L));
  r = m.add(r, m.mul(sL, m.add(sH, ss)));
  s2 = m.mul(sH, sH);
  const tH2 = m.hi32(m.add(m.add(m.c(3), s2), r));
  const tL2 = m.sub(r, m.sub(m.sub(tH2, m.c(3)), s2));
  const uu = m.mul(sH, tH2);
  const vv = m.add(m.mul(sL, tH2), m.mul(tL2, ss));
  const pH = m.hi32(m.add(uu, vv));
  const pL = m.sub(vv, m.sub(pH, uu));
  const zH = m.mul(m.c(CP_H), pH);
  const zL = m.add(m.add(m.mul(m.c(CP_L), pH), m.mul(pL, m.c(CP))), dpL);
  const t1 = m.hi32(m.add(m.add(m.add(zH, zL), dpH), n));
  const t2 = m.sub(zL, m.sub(m.sub(m.sub(t1, n), dpH), zH));
  return [t1, t2];
}

export const pow64: MathFn = (asm, [x, y0]) => {
  const m = new F64(asm);
  const one = m.c(1), zero = m.c(0), inf = m.c(Infinity);
  const ax = m.abs(x!);
  const y = y0!;
  // beyond 2^64 every result over- or underflows, and the exponent is an even integer
  const yc = m.clamp(y, -18446744073709551616, 18446744073709551616);
  const [t1, t2] = log2x(m, ax);
  const y1 = m.hi32(yc);
  const pL0 = m.add(m.mul(m.sub(yc, y1), t1), m.mul(yc, t2));
  const pH0 = m.mul(y1, t1);
  const z = m.add(pL0, pH0);
  const ovf = m.or(m.gt(z, m.c(1024)), m.and(m.eq(z, m.c(1024)), m.gt(m.add(pL0, m.c(OVT)), m.sub(z, pH0))));
  const unf = m.or(m.lt(z, m.c(-1075)), m.and(m.eq(z, m.c(-1075)), m.le(pL0, m.sub(z, pH0))));
  // 2^(p_h + p_l) = 2^n · 2^(p_h − n + p_l)
  const nf = m.clamp(m.nearest(z), -1080, 1030);
  const pH = m.sub(pH0, nf);
  const t = m.hi32(m.add(pL0, pH));
  const u = m.mul(t, m.c(LG2_H));
  const v = m.add(m.mul(m.sub(pL0, m.sub(t, pH)), m.c(LG2)), m.mul(t, m.c(LG2_L)));
  const zz = m.add(u, v);
  const w = m.sub(v, m.sub(zz, u));
  const tt = m.mul(zz, zz);
  const c = m.sub(zz, m.mul(tt, m.poly(tt, P)));
  const rr = m.sub(m.div(m.mul(zz, c), m.sub(c, m.c(2))), m.add(w, m.mul(zz, w)));
  const mag = m.scale(m.sub(one, m.sub(rr, zz)), m.shiftInt(m.roundShift(nf)));
  return specials(m, x!, y, m.sel(ovf, inf, m.sel(unf, zero, mag)));
};

/** x ** y from |x| ** y (`mag`, for finite nonzero x and finite y): signs and C99 Annex F's cases. */
function specials(m: F64, x: V, y: V, mag: V): V {
  const one = m.c(1), zero = m.c(0), inf = m.c(Infinity);
  const ax = m.abs(x);
  // the sign: negative x with an odd integer exponent
  const yInt = m.eq(m.trunc(y), y);
  const half = m.mul(y, m.c(0.5));
  const odd = m.and(m.and(yInt, m.lt(m.abs(y), m.c(9007199254740992))), m.ne(m.trunc(half), half));
  const negX = m.lt(x, zero);
  const sign = m.and(m.and(m.signOf(x), odd), m.ci(-0x8000000000000000n));
  let res = m.sel(m.andnot(negX, yInt), m.c(NaN), m.xor(mag, sign));
  // x = ±0, ±1, ±inf: |x| or 1/|x|, signed for odd y; (−1) ** non-integer stays NaN
  const xSpecial = m.or(m.or(m.eq(ax, zero), m.eq(ax, inf)), m.eq(ax, one));
  const zs = m.xor(m.sel(m.lt(y, zero), m.div(one, ax), ax), m.and(m.signOf(x), m.and(odd, m.ci(-0x8000000000000000n))));
  res = m.sel(m.andnot(xSpecial, m.andnot(m.eq(ax, one), yInt)), zs, res);
  // y = ±inf: 1 at |x| = 1, else inf or 0 by whether |x| > 1 agrees with y > 0
  const yInfRes = m.sel(m.eq(ax, one), one, m.sel(m.ieq(m.gt(ax, one), m.gt(y, zero)), inf, zero));
  res = m.sel(m.eq(m.abs(y), inf), yInfRes, res);
  res = m.sel(m.eq(y, one), x, res);
  res = m.sel(m.or(m.isNan(x), m.isNan(y)), m.add(x, y), res);
  return m.sel(m.or(m.eq(x, one), m.eq(y, zero)), one, res); // 1 ** y and x ** 0, even for NaN
}

/**
 * float32: exp(y·log|x|) in plain float64 — log's 2^-52 and the product's rounding stay far below a
 * float32 ulp — with the same special cases. Results in float32's subnormal range take the full
 * float64 algorithm instead (a slow path), so that exact ties such as 2^-150 still round to even.
 */
export const pow32 = viaF64((asm, [x, y]) => {
  const m = new F64(asm);
  const mag = exp64(asm, [m.mul(y!, log64(asm, [m.abs(x!)]))]);
  const out = asm.local(specials(m, x!, y!, mag));
  const tiny = m.lt(mag, m.c(1.1754943508222875e-38));
  asm.ifAny(tiny, () => asm.set(out, m.sel(tiny, pow64(asm, [x!, y!]), asm.get(out))));
  return asm.get(out);
});
