// exp, exp2 and expm1 on f64x2 (and f32x4 through kit.viaF64), below 1 ulp without FMA: exp and exp2
// by a 2048-entry table of 2^(j/2048) and a degree-3 polynomial, with a vector slow path (ifAny) near
// over/underflow (Cody–Waite by ln2 and a division-free minimax polynomial); expm1 by fdlibm's form.
import type { Asm, MathFn, V } from './asm.js';
import { F32, F64, viaF64 } from './kit.js';
import { EXP2_2048, EXP2_2048_TAIL } from './tables.js';

const LN2HI = 6.93147180369123816490e-1; // 0x3fe62e42fee00000: k·LN2HI is exact for |k| < 2^20
const LN2LO = 1.90821492927058770002e-10; // 0x3dea39ef35793c76
const INVLN2 = 1.44269504088896338700;
const LN2 = 0.6931471805599453; // ln 2 rounded
const LN2TAIL = 2.3190468138462996e-17; // ln 2 − LN2
// exp(r) = 1 + r + r²·EQ(r) on |r| ≤ ln2/2: EQ minimax of degree 9 (relative error 2^-57.9,
// scripts/exp-minimax.py 0.34657359027997264 9), no division (f64x2.div is slow on x86)
const EQ = [0.5000000000000011, 0.16666666666666413, 0.041666666666530267, 0.008333333333494338, 0.0013888888943597566, 0.00019841269506764927, 2.48014931363218e-05, 2.755758628105193e-06, 2.7630233871620454e-07, 2.5000067274192672e-08];

/** exp(hi − lo) for |hi − lo| ≤ 0.35: the exact part hi − lo is added last (measured: at most 1.0 ulp). */
export function expCore(m: F64, hi: V, lo: V): V {
  const r = m.sub(hi, lo);
  const rr = m.mul(r, r);
  return m.add(m.c(1), m.add(hi, m.sub(m.mul(rr, m.estrin(r, EQ)), lo)));
}

/** exp(x) over the whole line: clamped (NaN passes through pmin/pmax) so that k stays in range and still overflows and underflows. */
function expWide(m: F64, x0: V): V {
  const x = m.clamp(x0, -746, 710);
  const t = m.roundShift(m.mul(x, m.c(INVLN2)));
  const kf = m.shiftFloat(t);
  const hi = m.sub(x, m.mul(kf, m.c(LN2HI)));
  const lo = m.mul(kf, m.c(LN2LO));
  return m.scale(expCore(m, hi, lo), m.shiftInt(t));
}

// exp with a table (glibc's exp, N = 2048): x = (2048·e + j)·ln2/2048 + r, |r| ≤ ln2/4096, and
// exp(x) = 2^e · 2^(j/2048) · exp(r), a table giving 2^(j/2048) rounded (tables.ts, 16 KiB) and
// exp(r) − 1 ≈ r + r²·(c2 + c3·r) (minimax, relative error 2^-57.2: scripts/exp-minimax.py
// 0.000169226 1). Measured over 2e5 points: at most 1.04 ulp (the table's rounding, 0.5 ulp, plus
// the result's). With glibc's tails (a second table) 0.63 ulp, for sinh and cosh, whose formulas
// add to exp's error (1.87 ulp without the tails). bench, exp at 1e6: with the tails 13% slower
// (1.04–1.10 against 0.91–0.95 ms); N = 256 with a degree-4 polynomial 10% slower still.
const INVLN2N = 2954.639443740597; // 2048/ln2
const LN2N_HI = 0.0003384507717782981; // ln2/2048 on 32 bits: k·LN2N_HI is exact for |k| < 2^21
const LN2N_LO = -2.0512280628325608e-14;
const EQ3 = [0.5000000009884835, 0.16666666670056893];

/**
 * 2^(k/2048)·exp(r) for the integer k a roundShift value t holds (|k| ≤ 2048·1021, so that 2^e is a
 * normal scale) and |r| ≤ ln2/4096 (plus rounding); `tails`: with the table's tails.
 */
function expTable(m: F64, t: V, r: V, tails: boolean): V {
  const s = m.iadd(m.asm.gather(EXP2_2048, t), m.shl(t, 41)); // 2^(j/2048)·2^e: k << 41 adds e to the exponent field
  const rt = tails ? m.add(m.asm.gather(EXP2_2048_TAIL, t), r) : r;
  return m.add(s, m.mul(s, m.add(rt, m.mul(m.mul(r, r), m.poly(r, EQ3)))));
}

/**
 * exp(x): the table for |x| ≤ 708 (NaN included: it flows through), the whole-line algorithm on a
 * rarely taken vector slow path for larger |x| and ±inf.
 */
function expBoth(asm: Asm, x: V, tails: boolean): V {
  const m = new F64(asm);
  const t = m.roundShift(m.mul(x, m.c(INVLN2N)));
  const kf = m.shiftFloat(t);
  const r = m.sub(m.sub(x, m.mul(kf, m.c(LN2N_HI))), m.mul(kf, m.c(LN2N_LO)));
  const out = asm.local(expTable(m, t, r, tails));
  const wide = m.gt(m.abs(x), m.c(708));
  asm.ifAny(wide, () => asm.set(out, m.sel(wide, expWide(m, x), asm.get(out))));
  return asm.get(out);
}

/** exp within 1.04 ulp. */
export const exp64: MathFn = (asm, [x]) => expBoth(asm, x!, false);
/** exp within 0.63 ulp (a second table load), for formulas that add to its error. */
export const expPrecise64: MathFn = (asm, [x]) => expBoth(asm, x!, true);

/** exp2 over the whole line: r·ln2 as an exact p + e (Dekker), then the tail of ln 2. */
function exp2Wide(m: F64, x0: V): V {
  const x = m.clamp(x0, -1080, 1030);
  const t = m.roundShift(x);
  const r = m.sub(x, m.shiftFloat(t)); // exact, |r| ≤ 0.5
  const [p, e] = m.twoProd(r, m.c(LN2));
  const lo = m.neg(m.add(e, m.mul(r, m.c(LN2TAIL))));
  return m.scale(expCore(m, p, lo), m.shiftInt(t));
}

/** exp2: x − k/2048 is exact, and its product by ln 2 errs by 2^-66 relative; the table as for exp. */
export const exp2_64: MathFn = (asm, [x]) => {
  const m = new F64(asm);
  const t = m.roundShift(m.mul(x!, m.c(2048)));
  const r = m.mul(m.sub(x!, m.mul(m.shiftFloat(t), m.c(1 / 2048))), m.c(LN2));
  const out = asm.local(expTable(m, t, r, false));
  const wide = m.gt(m.abs(x!), m.c(1020));
  asm.ifAny(wide, () => asm.set(out, m.sel(wide, exp2Wide(m, x!), asm.get(out))));
  return asm.get(out);
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
