// log, log2, log10 and log1p on f64x2 (and f32x4 through kit.viaF64): fdlibm's reduction to
// [√2/2, √2] and its log1p kernel, with the base-2/base-10 variants carried in extra precision.
import type { MathFn, V } from './asm.js';
import { F32, F64, Fx, viaF64 } from './kit.js';

const LN2HI = 6.93147180369123816490e-1;
const LN2LO = 1.90821492927058770002e-10;
// fdlibm e_log.c: log(1+f) = f − hfsq + s·(hfsq + R(s²)), s = f/(2+f)
const LG = [6.666666666666735130e-1, 3.999999999940941908e-1, 2.857142874366239149e-1, 2.222219843214978396e-1, 1.818357216161805012e-1, 1.531383769920937332e-1, 1.479819860511658591e-1];

interface Reduced {
  /** the exponent k, as a float */
  k: V;
  f: V;
  hfsq: V;
  /** s·(hfsq + R) */
  tail: V;
}

/** R(s²) as fdlibm splits it into odd and even powers of w = z². */
function kernel(m: F64, f: V): { hfsq: V; tail: V } {
  const hfsq = m.mul(m.c(0.5), m.mul(f, f));
  const s = m.div(f, m.add(m.c(2), f));
  const z = m.mul(s, s);
  const w = m.mul(z, z);
  const t1 = m.mul(w, m.poly(w, [LG[1]!, LG[3]!, LG[5]!]));
  const t2 = m.mul(z, m.poly(w, [LG[0]!, LG[2]!, LG[4]!, LG[6]!]));
  return { hfsq, tail: m.mul(s, m.add(hfsq, m.add(t2, t1))) };
}

/** x = 2^k·(1+f), 1+f in [√2/2, √2), for positive x (subnormals scaled up first). */
function reduce(m: F64, x: V): Reduced {
  const sub = m.lt(x, m.c(2.2250738585072014e-308));
  const xs = m.sel(sub, m.mul(x, m.c(18014398509481984)), x); // 2^54
  const hx = m.iadd(xs, m.ci((0x3ff00000n - 0x3fe6a09en) << 32n));
  const ki = m.isub(m.shru(hx, 52), m.ci(0x3ff));
  const k = m.sub(m.intToFloat(ki), m.and(sub, m.c(54)));
  const mant = m.iadd(m.and(hx, m.ci(0x000fffffffffffffn)), m.ci(0x3fe6a09en << 32n));
  const f = m.sub(mant, m.c(1));
  return { k, f, ...kernel(m, f) };
}

/** NumPy's log family at 0, negatives, +inf and NaN. */
function specials(m: Fx, x: V, y: V): V {
  let r = m.sel(m.eq(x, m.c(Infinity)), x, y);
  r = m.sel(m.eq(x, m.c(0)), m.c(-Infinity), r);
  r = m.sel(m.lt(x, m.c(0)), m.c(NaN), r);
  return m.sel(m.isNan(x), x, r);
}

export const log64: MathFn = (asm, [x]) => {
  const m = new F64(asm);
  const { k, f, hfsq, tail } = reduce(m, x!);
  const y = m.add(m.add(m.sub(m.add(tail, m.mul(k, m.c(LN2LO))), hfsq), f), m.mul(k, m.c(LN2HI)));
  return specials(m, x!, y);
};

/** hi + lo = f − hfsq + tail, with hi on 21 bits so products by 32-bit constants are exact. */
function hiLo(m: F64, r: Reduced): [V, V] {
  const hi = m.hi32(m.sub(r.f, r.hfsq));
  return [hi, m.add(m.sub(m.sub(r.f, hi), r.hfsq), r.tail)];
}

const IVLN2HI = 1.44269504072144627571; // 0x3ff7154765200000
const IVLN2LO = 1.67517131648865118353e-10;

export const log2_64: MathFn = (asm, [x]) => {
  const m = new F64(asm);
  const r = reduce(m, x!);
  const [hi, lo] = hiLo(m, r);
  const vhi = m.mul(hi, m.c(IVLN2HI));
  let vlo = m.add(m.mul(m.add(lo, hi), m.c(IVLN2LO)), m.mul(lo, m.c(IVLN2HI)));
  const w = m.add(r.k, vhi);
  vlo = m.add(vlo, m.add(m.sub(r.k, w), vhi));
  return specials(m, x!, m.add(vlo, w));
};

const IVLN10HI = 4.34294481878168880939e-1; // 0x3fdbcb7b15200000
const IVLN10LO = 2.50829467116452752298e-11;
const LOG10_2HI = 3.01029995663611771306e-1; // 0x3fd34413509f6000
const LOG10_2LO = 3.69423907715893078616e-13;

export const log10_64: MathFn = (asm, [x]) => {
  const m = new F64(asm);
  const r = reduce(m, x!);
  const [hi, lo] = hiLo(m, r);
  const vhi = m.mul(hi, m.c(IVLN10HI));
  const y2 = m.mul(r.k, m.c(LOG10_2HI));
  let vlo = m.add(m.add(m.mul(r.k, m.c(LOG10_2LO)), m.mul(m.add(lo, hi), m.c(IVLN10LO))), m.mul(lo, m.c(IVLN10HI)));
  const w = m.add(y2, vhi);
  vlo = m.add(vlo, m.add(m.sub(y2, w), vhi));
  return specials(m, x!, m.add(vlo, w));
};

export const log1p64: MathFn = (asm, [x0]) => {
  const m = new F64(asm);
  const x = x0!;
  const one = m.c(1);
  // 1 + x = u + c exactly-ish; u = 2^k·(1+f)
  const u = m.add(one, x);
  const hu = m.iadd(u, m.ci((0x3ff00000n - 0x3fe6a09en) << 32n));
  const kf = m.intToFloat(m.isub(m.shru(hu, 52), m.ci(0x3ff)));
  const cK = m.sel(m.ge(kf, m.c(2)), m.sub(one, m.sub(u, x)), m.sub(x, m.sub(u, one)));
  const cU = m.sel(m.lt(kf, m.c(54)), m.div(cK, u), m.c(0));
  const fU = m.sub(m.iadd(m.and(hu, m.ci(0x000fffffffffffffn)), m.ci(0x3fe6a09en << 32n)), one);
  // near 0 (1+x within [√2/2, √2)) f = x itself, without rounding 1 + x
  const near = m.and(m.gt(x, m.c(-0.2928932188134524)), m.lt(x, m.c(0.41421356237309503)));
  const f = m.sel(near, x, fU);
  const k = m.andnot(kf, near);
  const c = m.andnot(cU, near);
  const { hfsq, tail } = kernel(m, f);
  const y = m.add(m.add(m.sub(m.add(tail, m.add(m.mul(k, m.c(LN2LO)), c)), hfsq), f), m.mul(k, m.c(LN2HI)));
  let r = m.sel(m.lt(m.abs(x), m.c(1.1102230246251565e-16)), x, y); // |x| < 2^-53, keeps −0
  r = m.sel(m.eq(x, m.c(Infinity)), x, r);
  r = m.sel(m.eq(x, m.c(-1)), m.c(-Infinity), r);
  r = m.sel(m.lt(x, m.c(-1)), m.c(NaN), r);
  return m.sel(m.isNan(x), x, r);
};

/**
 * float32 log1p in float64: log(1 + x) loses only the rounding of 1 + x (2^-53, relative 2^-53/|x|),
 * fine above 2^-12; below, x·(1 − x·(1/2 − x/3)) (error x³/4 relative, under 2^-38).
 */
export const log1p32 = viaF64((asm, [x]) => {
  const m = new F64(asm);
  const small = m.mul(x!, m.sub(m.c(1), m.mul(x!, m.sub(m.c(0.5), m.mul(x!, m.c(1 / 3))))));
  return m.sel(m.lt(m.abs(x!), m.c(2.44140625e-4)), small, log64(asm, [m.add(m.c(1), x!)]));
});

// float32 log in f32x4 arithmetic (Cephes logf): the same reduction to [√2/2, √2) on i32 lanes, a
// degree-8 polynomial for (log(1+f) − f + f²/2)/f³ and a two-part ln2
const LOGF = [3.3333331174e-1, -2.4999993993e-1, 2.0000714765e-1, -1.6668057665e-1, 1.4249322787e-1, -1.2420140846e-1, 1.1676998740e-1, -1.1514610310e-1, 7.0376836292e-2];

/** x = 2^k·(1+f) on i32 lanes; p = f³·P(f) (Cephes's polynomial part), z = f². */
function reduceF(m: F32, x: V): { k: V; f: V; p: V; z: V } {
  const sub = m.lt(x, m.c(1.1754943508222875e-38));
  const xs = m.sel(sub, m.mul(x, m.c(8388608)), x); // 2^23
  const hx = m.iadd(xs, m.ci(0x3f800000 - 0x3f3504f3));
  const k = m.sub(m.intToFloat(m.exponent(hx)), m.and(sub, m.c(23)));
  const f = m.sub(m.iadd(m.and(hx, m.ci(0x007fffff)), m.ci(0x3f3504f3)), m.c(1));
  const z = m.mul(f, f);
  return { k, f, p: m.mul(m.mul(m.poly(f, LOGF), f), z), z };
}

export const log32: MathFn = (asm, [x]) => {
  const m = new F32(asm);
  const { k, f, p, z } = reduceF(m, x!);
  const y = m.sub(m.add(p, m.mul(k, m.c(-2.12194440e-4))), m.mul(m.c(0.5), z));
  const r = m.add(m.add(f, y), m.mul(k, m.c(0.693359375)));
  return specials(m, x!, r);
};

/** Cephes log2f: (f + y)·log2(e) as (f + y)·(log2(e) − 1) + y + f, then + k exactly. */
export const log2_32: MathFn = (asm, [x]) => {
  const m = new F32(asm);
  const { k, f, p, z } = reduceF(m, x!);
  const y = m.sub(p, m.mul(m.c(0.5), z));
  const L = m.c(0.44269504088896340736);
  const r = m.add(m.add(m.add(m.add(m.mul(y, L), m.mul(f, L)), y), f), k);
  return specials(m, x!, r);
};

// float32 log10 in float64 halves with fdlibm logf's float-sized kernel (4 terms, 2^-34 relative)
// times log10(e): Cephes's all-float32 log10f measured 1.7 ulp, too near the bound
const LGF = [0xaaaaaa * 2 ** -24, 0xccce13 * 2 ** -25, 0x91e9ee * 2 ** -25, 0xf89e26 * 2 ** -26];

export const log10_32 = viaF64((asm, [x]) => {
  const m = new F64(asm);
  const sub = m.lt(x!, m.c(2.2250738585072014e-308)); // never for widened float32, but keeps reduce's contract
  const xs = m.sel(sub, m.mul(x!, m.c(18014398509481984)), x!);
  const hx = m.iadd(xs, m.ci((0x3ff00000n - 0x3fe6a09en) << 32n));
  const k = m.sub(m.intToFloat(m.isub(m.shru(hx, 52), m.ci(0x3ff))), m.and(sub, m.c(54)));
  const f = m.sub(m.iadd(m.and(hx, m.ci(0x000fffffffffffffn)), m.ci(0x3fe6a09en << 32n)), m.c(1));
  const s = m.div(f, m.add(m.c(2), f));
  const z = m.mul(s, s);
  const w = m.mul(z, z);
  const r = m.add(m.mul(z, m.add(m.c(LGF[0]!), m.mul(w, m.c(LGF[2]!)))), m.mul(w, m.add(m.c(LGF[1]!), m.mul(w, m.c(LGF[3]!)))));
  const hfsq = m.mul(m.c(0.5), m.mul(f, f));
  const ln = m.add(m.mul(k, m.c(0.6931471805599453)), m.add(m.sub(f, hfsq), m.mul(s, m.add(hfsq, r))));
  return specials(m, x!, m.mul(ln, m.c(0.4342944819032518)));
});
