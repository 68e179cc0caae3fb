// sinh, cosh and tanh on f64x2 (and f32x4 through kit.viaF64): Taylor or chebyfit kernels near 0,
// one exp (sinh, cosh; musl's __expo2 past log(DBL_MAX)) or expm1 (tanh) call elsewhere, every branch
// computed and chosen by selects.
import type { Asm, MathFn, V } from './asm.js';
import { exp64, expm1_64, expPrecise64 } from './exp.js';
import { F64, viaF64 } from './kit.js';

const LOG_DBL_MAX = 709.782712893384;
const KLN2 = 1416.0996898839683; // 2043·ln2 (0x1.62066151add8bp+10)
const TWO_1021 = 2 ** 1021;

/** 1/(2k+1)! for k = 1…n (Taylor coefficients of (sinh x − x)/x³ in z = x²). */
function taylor(n: number, first: number): number[] {
  return Array.from({ length: n }, (_, k) => {
    let f = 1;
    for (let j = 2; j <= 2 * k + first; j++) f *= j;
    return 1 / f;
  });
}
const SINH_TAYLOR = taylor(12, 3); // |x| < 2: truncation below 2^-60 relative
const COSH_TAYLOR = taylor(8, 4); // (cosh x − 1 − x²/2)/x⁴, |x| < ln2: below 2^-60

/**
 * exp(a) for a < log(DBL_MAX), else exp(a − 2043·ln2) (musl's __expo2), in one exp call;
 * `big` marks the second kind, which callers scale by 2^1021 twice.
 */
function expOrExpo2(asm: Asm, m: F64, a: V): { e: V; big: V } {
  const big = m.not(m.lt(a, m.c(LOG_DBL_MAX)));
  return { e: expPrecise64(asm, [m.sel(big, m.sub(a, m.c(KLN2)), a)]), big };
}

export const sinh64: MathFn = (asm, [x]) => {
  const m = new F64(asm);
  const a = m.abs(x!);
  const z = m.mul(a, a);
  const small = m.add(a, m.mul(m.mul(a, z), m.poly(z, SINH_TAYLOR)));
  // |x| ≥ 2: (e − 1/e)/2 amplifies exp's error by coth 2 = 1.04 at most
  const { e, big } = expOrExpo2(asm, m, a);
  const mid = m.mul(m.c(0.5), m.sub(e, m.div(m.c(1), e)));
  const huge = m.mul(m.mul(e, m.c(TWO_1021)), m.c(TWO_1021));
  const r = m.sel(m.lt(a, m.c(2)), small, m.sel(big, huge, mid));
  return m.or(r, m.signOf(x!));
};

export const cosh64: MathFn = (asm, [x]) => {
  const m = new F64(asm);
  const a = m.abs(x!);
  const z = m.mul(a, a);
  const small = m.add(m.c(1), m.add(m.mul(m.c(0.5), z), m.mul(m.mul(z, z), m.poly(z, COSH_TAYLOR))));
  const { e, big } = expOrExpo2(asm, m, a);
  const mid = m.mul(m.c(0.5), m.add(e, m.div(m.c(1), e)));
  const huge = m.mul(m.mul(e, m.c(TWO_1021)), m.c(TWO_1021));
  // a NaN comes back as it came (abs() above cleared a negative NaN's sign; NumPy keeps it)
  return m.sel(m.isNan(x!), x!, m.sel(m.lt(a, m.c(0.6931471805599453)), small, m.sel(big, huge, mid)));
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
  const t = expm1_64(asm, [m.mul(two, m.pmin(a, m.c(20)))]);
  const big = m.sub(m.c(1), m.div(two, m.add(t, two)));
  const z = m.mul(a, a);
  const small = m.add(a, m.mul(m.mul(a, z), m.poly(z, TANH_SMALL)));
  let r = m.sel(m.gt(a, m.c(0.5493061443340549)), big, small); // log(3)/2; NaN takes the polynomial
  r = m.sel(m.gt(a, m.c(20)), m.c(1), r);
  return m.or(r, m.signOf(x!));
};

// float32 in float64 with no care for cancellation beyond the short series near 0 (float64 carries
// 29 spare bits): one exp call each, no overflow handling (float32's range ends at exp(89))

export const sinh32 = viaF64((asm, [x]) => {
  const m = new F64(asm);
  const a = m.abs(x!);
  const e = exp64(asm, [a]);
  const small = m.mul(a, m.add(m.c(1), m.mul(m.mul(a, a), m.c(1 / 6)))); // a < 2^-7: error a⁴/120
  const r = m.sel(m.lt(a, m.c(0.0078125)), small, m.mul(m.c(0.5), m.sub(e, m.div(m.c(1), e))));
  return m.or(r, m.signOf(x!));
});

export const cosh32 = viaF64((asm, [x]) => {
  const m = new F64(asm);
  const e = exp64(asm, [m.abs(x!)]);
  return m.mul(m.c(0.5), m.add(e, m.div(m.c(1), e)));
});

export const tanh32 = viaF64((asm, [x]) => {
  const m = new F64(asm);
  const a = m.abs(x!);
  const e2 = exp64(asm, [m.mul(m.c(2), m.pmin(a, m.c(20)))]);
  const small = m.mul(a, m.sub(m.c(1), m.mul(m.mul(a, a), m.c(1 / 3)))); // a < 2^-7: error 2a⁴/15
  const r = m.sel(m.lt(a, m.c(0.0078125)), small, m.div(m.sub(e2, m.c(1)), m.add(e2, m.c(1))));
  return m.or(r, m.signOf(x!));
});
