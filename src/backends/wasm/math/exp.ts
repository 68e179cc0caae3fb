// exp, exp2 and expm1 on f64x2 (and f32x4 through kit.viaF64): Cody–Waite reduction by ln2 and
// fdlibm's rational forms, which stay below 1 ulp without FMA. No branches: special cases are selects.
import type { MathFn, V } from './asm.js';
import { F32, F64, viaF64 } from './kit.js';

const LN2HI = 6.93147180369123816490e-1; // 0x3fe62e42fee00000: k·LN2HI is exact for |k| < 2^20
const LN2LO = 1.90821492927058770002e-10; // 0x3dea39ef35793c76
const INVLN2 = 1.44269504088896338700;
const LN2 = 0.6931471805599453; // ln 2 rounded
const LN2TAIL = 2.3190468138462996e-17; // ln 2 − LN2
// fdlibm e_exp.c: r·(exp(r)+1)/(exp(r)−1) ≈ 2 + r²·P(r²) on |r| ≤ 0.5·ln2
const P = [1.66666666666666019037e-1, -2.77777777770155933842e-3, 6.61375632143793436117e-5, -1.65339022054652515390e-6, 4.13813679705723846039e-8];

/** exp(hi − lo) for |hi − lo| ≤ 0.35 (fdlibm: error below 1 ulp). */
export function expCore(m: F64, hi: V, lo: V): V {
  const r = m.sub(hi, lo);
  const rr = m.mul(r, r);
  const c = m.sub(r, m.mul(rr, m.poly(rr, P)));
  const q = m.div(m.mul(r, c), m.sub(m.c(2), c));
  return m.add(m.c(1), m.add(m.sub(q, lo), hi));
}

export const exp64: MathFn = (asm, [x0]) => {
  const m = new F64(asm);
  // clamping keeps k in range and still overflows/underflows (NaN passes through min/max)
  const x = m.clamp(x0!, -746, 710);
  const t = m.roundShift(m.mul(x, m.c(INVLN2)));
  const kf = m.sub(t, m.c(6755399441055744));
  const hi = m.sub(x, m.mul(kf, m.c(LN2HI)));
  const lo = m.mul(kf, m.c(LN2LO));
  return m.scale(expCore(m, hi, lo), m.shiftInt(t));
};

export const exp2_64: MathFn = (asm, [x0]) => {
  const m = new F64(asm);
  const x = m.clamp(x0!, -1080, 1030);
  const t = m.roundShift(x);
  const r = m.sub(x, m.sub(t, m.c(6755399441055744))); // exact, |r| ≤ 0.5
  // r·ln2 as p + e exactly (Dekker), then the tail of ln 2
  const [p, e] = m.twoProd(r, m.c(LN2));
  const lo = m.neg(m.add(e, m.mul(r, m.c(LN2TAIL))));
  return m.scale(expCore(m, p, lo), m.shiftInt(t));
};

// fdlibm s_expm1.c, scaled Q's for R1(2z) with z = x²/2
const Q = [-3.33333333333331316428e-2, 1.58730158725481460165e-3, -7.93650757867487942473e-5, 4.00821782732936239552e-6, -2.01099218183624371326e-7];

export const expm1_64: MathFn = (asm, [x0]) => {
  const m = new F64(asm);
  const one = m.c(1);
  const xin = x0!;
  const x = m.clamp(xin, -45, 710); // expm1(−45) rounds to −1
  const t = m.roundShift(m.mul(x, m.c(INVLN2)));
  const kf = m.sub(t, m.c(6755399441055744));
  const k = m.shiftInt(t);
  const hi = m.sub(x, m.mul(kf, m.c(LN2HI)));
  const lo = m.mul(kf, m.c(LN2LO));
  const r = m.sub(hi, lo);
  const c = m.sub(m.sub(hi, r), lo);
  const hfx = m.mul(m.c(0.5), r);
  const hxs = m.mul(r, hfx);
  const r1 = m.add(one, m.mul(hxs, m.poly(hxs, Q)));
  const tt = m.sub(m.c(3), m.mul(r1, hfx));
  const e0 = m.mul(hxs, m.div(m.sub(r1, tt), m.sub(m.c(6), m.mul(r, tt))));
  const rK0 = m.sub(r, m.sub(m.mul(r, e0), hxs));
  const e = m.sub(m.sub(m.mul(r, m.sub(e0, c)), c), hxs);
  const rKm1 = m.sub(m.mul(m.c(0.5), m.sub(r, e)), m.c(0.5));
  const rK1 = m.sel(
    m.lt(r, m.c(-0.25)),
    m.mul(m.c(-2), m.sub(e, m.add(r, m.c(0.5)))),
    m.add(one, m.mul(m.c(2), m.sub(r, e))),
  );
  const twopk = m.pow2i(k);
  const twomk = m.pow2i(m.isub(m.ci(0), k));
  const rBig = m.sub(m.scale(m.add(m.sub(r, e), one), k), one);
  const rLow = m.mul(m.add(m.sub(r, e), m.sub(one, twomk)), twopk);
  const rHigh = m.mul(m.add(m.sub(r, m.add(e, twomk)), one), twopk);
  let y = m.sel(m.lt(kf, m.c(20)), rLow, rHigh);
  y = m.sel(m.or(m.lt(kf, m.c(0)), m.gt(kf, m.c(56))), rBig, y);
  y = m.sel(m.eq(kf, m.c(1)), rK1, y);
  y = m.sel(m.eq(kf, m.c(-1)), rKm1, y);
  y = m.sel(m.eq(kf, m.c(0)), rK0, y);
  return m.sel(m.eq(xin, m.c(0)), xin, y); // keeps −0
};

/**
 * float32 expm1 in float64: exp(x) − 1 keeps 53 − log2(1/|x|) bits, plenty for float32 above 2^-20;
 * below, x·(1 + x/2) (error x²/6, under 2^-40 relative).
 */
export const expm1_32 = viaF64((asm, [x]) => {
  const m = new F64(asm);
  const small = m.mul(x!, m.add(m.c(1), m.mul(m.c(0.5), x!))); // keeps −0
  return m.sel(m.lt(m.abs(x!), m.c(9.5367431640625e-7)), small, m.sub(exp64(asm, [x!]), m.c(1)));
});

// float32 exp in f32x4 arithmetic (Cephes expf): two-part ln2, a degree-5 polynomial for
// (exp(r) − 1 − r)/r², scaling by 2^k in two steps so subnormal results round once
const C1 = 0.693359375; // 9 bits: k·C1 exact
const C2 = -2.12194440e-4;
const PF = [5.0000001201e-1, 1.6666665459e-1, 4.1665795894e-2, 8.3334519073e-3, 1.3981999507e-3, 1.9875691500e-4];

export const exp32: MathFn = (asm, [x0]) => {
  const m = new F32(asm);
  const x = m.clamp(x0!, -104, 89);
  const t = m.roundShift(m.mul(x, m.c(1.44269504088896341)));
  const kf = m.shiftFloat(t);
  const r = m.sub(m.sub(x, m.mul(kf, m.c(C1))), m.mul(kf, m.c(C2)));
  const y = m.add(m.add(m.mul(m.mul(r, r), m.poly(r, PF)), r), m.c(1));
  return m.scale(y, m.shiftInt(t));
};

// float32 exp2 in f32x4 arithmetic (Cephes exp2f): r = x − round(x) exactly, 2^r = 1 + r·P(r)
const P2F = [6.931472028550421e-1, 2.402264791363012e-1, 5.550332471162809e-2, 9.618437357674640e-3, 1.339887440266574e-3, 1.535336188319500e-4];

export const exp2_32: MathFn = (asm, [x0]) => {
  const m = new F32(asm);
  const x = m.clamp(x0!, -151, 129);
  const t = m.roundShift(x);
  const r = m.sub(x, m.shiftFloat(t));
  return m.scale(m.add(m.c(1), m.mul(r, m.poly(r, P2F))), m.shiftInt(t));
};
