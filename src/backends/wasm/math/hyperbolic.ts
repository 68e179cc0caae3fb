// sinh, cosh and tanh on f64x2 (and f32x4 through kit.viaF64), as fdlibm/musl build them from
// expm1 and exp (musl's sinh.c, cosh.c, tanh.c, __expo2.c) with every branch computed and selected,
// and polynomial kernels near 0 where musl's forms lose accuracy.
import type { Asm, MathFn, V } from './asm.js';
import { exp64, expm1_64 } from './exp.js';
import { F64, viaF64 } from './kit.js';

const LOG_DBL_MAX = 709.782712893384;
const KLN2 = 1416.0996898839683; // 2043·ln2 (0x1.62066151add8bp+10)
const TWO_1021 = 2 ** 1021;
const TINY = 1.4901161193847656e-8; // 2^-26

/** exp(a)/2 for a ≥ log(DBL_MAX) without overflowing early: exp(a − 2043·ln2)·2^2042. */
function expo2(asm: Asm, m: F64, a: V): V {
  const e = exp64(asm, [m.sub(a, m.c(KLN2))]);
  return m.mul(m.mul(e, m.c(TWO_1021)), m.c(TWO_1021));
}

/** 1/3!, 1/5!, …, 1/19! */
const SINH_TAYLOR = Array.from({ length: 9 }, (_, k) => {
  let f = 1;
  for (let j = 2; j <= 2 * k + 3; j++) f *= j;
  return 1 / f;
});

export const sinh64: MathFn = (asm, [x]) => {
  const m = new F64(asm);
  const a = m.abs(x!);
  const one = m.c(1);
  const t = expm1_64(asm, [m.min(a, m.c(LOG_DBL_MAX))]);
  const tp1 = m.add(t, one);
  // |x| < 1: the Taylor series to x^19 (truncation below 2^-60), more accurate than musl's t-form
  const z = m.mul(a, a);
  const small = m.add(a, m.mul(m.mul(a, z), m.poly(z, SINH_TAYLOR)));
  const mid = m.mul(m.c(0.5), m.add(t, m.div(t, tp1)));
  let r = m.sel(m.lt(a, m.c(LOG_DBL_MAX)), m.sel(m.lt(a, one), small, mid), expo2(asm, m, a));
  r = m.sel(m.lt(a, m.c(TINY)), a, r);
  return m.or(r, m.signOf(x!));
};

export const cosh64: MathFn = (asm, [x]) => {
  const m = new F64(asm);
  const a = m.abs(x!);
  const one = m.c(1);
  const t = expm1_64(asm, [m.min(a, one)]);
  const small = m.add(one, m.div(m.mul(t, t), m.mul(m.c(2), m.add(one, t))));
  const e = exp64(asm, [m.min(a, m.c(LOG_DBL_MAX))]);
  const mid = m.mul(m.c(0.5), m.add(e, m.div(one, e)));
  return m.sel(m.lt(a, m.c(0.6931471805599453)), small, m.sel(m.lt(a, m.c(LOG_DBL_MAX)), mid, expo2(asm, m, a)));
};

/**
 * (tanh(x) − x)/x³ as a polynomial in z = x² on [0, 0.5493²] (mpmath chebyfit, absolute error 7.5e-18):
 * below log(3)/2 musl's expm1 forms reach 1.8 ulp, this one stays near 0.5.
 */
const TANH_SMALL = [-0.3333333333333333, 0.13333333333332728, -0.053968253967450905, 0.02186948849443934, -0.008863234415652715, 0.0035921106142053605, -0.0014556637152999183, 0.0005889453575399849, -0.00023466240891891203, 8.515854948947192e-05, -2.063436174568992e-05];

export const tanh64: MathFn = (asm, [x]) => {
  const m = new F64(asm);
  const a = m.abs(x!);
  const two = m.c(2);
  const t = expm1_64(asm, [m.mul(two, m.min(a, m.c(20)))]);
  const big = m.sub(m.c(1), m.div(two, m.add(t, two)));
  const z = m.mul(a, a);
  const small = m.add(a, m.mul(m.mul(a, z), m.poly(z, TANH_SMALL)));
  let r = m.sel(m.gt(a, m.c(0.5493061443340549)), big, small); // log(3)/2; NaN takes the polynomial
  r = m.sel(m.gt(a, m.c(20)), m.c(1), r);
  return m.or(r, m.signOf(x!));
};

export const sinh32 = viaF64(sinh64);
export const cosh32 = viaF64(cosh64);
export const tanh32 = viaF64(tanh64);
