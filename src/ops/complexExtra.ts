// NumPy 2's sign, log2 and exp2 of complex numbers (numpy/_core/src/umath/loops.c.src and
// funcs.inc.src), and their float32 forms where complex64's answer is not the float64 one rounded
// (sign's |z| overflows to inf in float32; exp2 scales its argument in float32); and `z ** p` for a
// Python scalar p known at run time, with NumPy's fast paths. Pure scalar math.

import { P, cexp, clog, cmul, cpow, creciprocal, csqrt } from './complex.js';
import { hypot } from './complexHypot.js';

const fround = Math.fround;
const LOG2E = Math.LOG2E;
const LN2 = Math.LN2;
const LN2F = fround(Math.LN2);
const isInf = (x: number) => x === Infinity || x === -Infinity;

/** sign(z) = z / |z|; 0 for 0 (+0 parts), nan for nan; an infinite part gives ±1 on its axis, both infinite nan. */
function sign(re: number, im: number, abs: number, div: (a: number, b: number) => number): void {
  if (Number.isNaN(abs)) {
    P[0] = NaN;
    P[1] = NaN;
  } else if (isInf(abs)) {
    // |z| is inf: NumPy looks at which part is (a float32 |z| may overflow with both parts finite)
    if (isInf(re)) {
      P[0] = isInf(im) ? NaN : re > 0 ? 1 : -1;
      P[1] = isInf(im) ? NaN : 0;
    } else {
      P[0] = 0;
      P[1] = im > 0 ? 1 : -1;
    }
  } else if (abs === 0) {
    P[0] = 0;
    P[1] = 0;
  } else {
    P[0] = div(re, abs);
    P[1] = div(im, abs);
  }
}

const divide = (a: number, b: number) => a / b;
const divideF32 = (a: number, b: number) => fround(a / b);

export function csign(re: number, im: number): void {
  sign(re, im, hypot(re, im), divide);
}

/** complex64: |z| rounded to float32 (npy_hypotf), so a |z| above float32's max is inf. */
export function csignF32(re: number, im: number): void {
  sign(re, im, fround(hypot(re, im)), divideF32);
}

/** log2(z) = log(z) · log2(e), each part (npymath's nc_log2). */
export function clog2(re: number, im: number): void {
  clog(re, im);
  P[0] = P[0]! * LOG2E;
  P[1] = P[1]! * LOG2E;
}

/** exp2(z) = exp(z · ln 2), the product taken per part (nc_exp2). */
export function cexp2(re: number, im: number): void {
  cexp(re * LN2, im * LN2);
}

/** complex64: the argument scaled in float32, as NumPy's float loop does. */
export function cexp2F32(re: number, im: number): void {
  cexp(fround(re * LN2F), fround(im * LN2F));
}

/**
 * `z ** p`, p a Python int known only at run time (NumPy's fast_scalar_power: 2 is square, -1 the
 * reciprocal), or a Python float (0.5 is sqrt); any other p is cpow. `bi` is 0 (p is real).
 */
export function cpowScalarInt(ar: number, ai: number, br: number, bi: number): void {
  if (br === 2) cmul(ar, ai, ar, ai);
  else if (br === -1) creciprocal(ar, ai);
  else cpow(ar, ai, br, bi);
}

export function cpowScalar(ar: number, ai: number, br: number, bi: number): void {
  if (br === 0.5) csqrt(ar, ai);
  else cpow(ar, ai, br, bi);
}

const re1 = (f: (a: number, b: number) => void) => (a: number, b: number): number => (f(a, b), P[0]!);
const im1 = (f: (a: number, b: number) => void) => (a: number, b: number): number => (f(a, b), P[1]!);

export const csignRe = re1(csign), csignIm = im1(csign), csignF32Re = re1(csignF32), csignF32Im = im1(csignF32);
export const clog2Re = re1(clog2), clog2Im = im1(clog2), cexp2Re = re1(cexp2), cexp2Im = im1(cexp2);
export const cexp2F32Re = re1(cexp2F32), cexp2F32Im = im1(cexp2F32);
type Binary = (ar: number, ai: number, br: number, bi: number) => void;
const re2 = (f: Binary) => (a: number, b: number, c: number, d: number): number => (f(a, b, c, d), P[0]!);
const im2 = (f: Binary) => (a: number, b: number, c: number, d: number): number => (f(a, b, c, d), P[1]!);
export const cpowScalarRe = re2(cpowScalar), cpowScalarIm = im2(cpowScalar), cpowScalarIntRe = re2(cpowScalarInt), cpowScalarIntIm = im2(cpowScalarInt);
