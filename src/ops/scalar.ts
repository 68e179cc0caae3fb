// Scalar semantics that JS operators do not give directly: NumPy's floor division, remainder, power,
// rounding, shifts and float→int casts. Generated kernels call these (as `H.name`), and constant folding
// calls the same functions, so folded and computed values cannot disagree. Must stay pure and small.

import { FusexprError } from '../errors.js';
import { P } from './complex.js';

const INT64_MIN = -(2n ** 63n);
const fround = Math.fround;

/** numpy.floor_divide on floats (npy_divmod): division by zero gives a/b (±inf or nan). */
export function floordiv(a: number, b: number): number {
  if (b === 0) return a / b;
  const mod = a % b;
  let div = (a - mod) / b;
  if (mod !== 0 && b < 0 !== mod < 0) div -= 1;
  if (div === 0) return zeroSignedAs(a / b); // 0 // -3 is -0, as numpy's copysign(0, a/b)
  const floordiv = Math.floor(div);
  return div - floordiv > 0.5 ? floordiv + 1 : floordiv;
}

/** npy_divmod in float32 arithmetic, step by step: one float64 pass then fround can differ by an ulp. */
export function floordivF32(a: number, b: number): number {
  if (b === 0) return fround(a / b);
  const mod = a % b; // fmod is exact in either width
  let div = fround(fround(a - mod) / b);
  if (mod !== 0 && b < 0 !== mod < 0) div = fround(div - 1);
  if (div === 0) return zeroSignedAs(a / b);
  const floordiv = Math.floor(div);
  return fround(div - floordiv) > 0.5 ? fround(floordiv + 1) : floordiv;
}

const zeroSignedAs = (q: number): number => (q < 0 || Object.is(q, -0) ? -0 : 0);

/** numpy.remainder on floats: the result takes the divisor's sign; x % 0 is nan. */
export function mod(a: number, b: number): number {
  if (b === 0) return NaN;
  let m = a % b;
  if (m !== 0) {
    if (b < 0 !== m < 0) m += b;
  } else {
    m = b < 0 ? -0 : 0;
  }
  return m;
}

export function floordiv32(a: number, b: number): number {
  if (b === 0) return 0; // numpy: integer division by zero gives 0 (with a warning)
  return Math.floor(a / b) | 0; // |0 wraps INT32_MIN // -1 like numpy
}

export function mod32(a: number, b: number): number {
  if (b === 0) return 0;
  const m = a % b;
  return (m !== 0 && b < 0 !== m < 0 ? m + b : m) | 0;
}

export function floordiv64(a: bigint, b: bigint): bigint {
  if (b === 0n) return 0n;
  let q = a / b;
  if (a % b !== 0n && a < 0n !== b < 0n) q -= 1n;
  return BigInt.asIntN(64, q);
}

export function mod64(a: bigint, b: bigint): bigint {
  if (b === 0n) return 0n;
  const m = a % b;
  return m !== 0n && b < 0n !== m < 0n ? m + b : m;
}

export function fmod32(a: number, b: number): number {
  return b === 0 ? 0 : (a % b) | 0;
}

export function fmod64(a: bigint, b: bigint): bigint {
  return b === 0n ? 0n : a % b;
}

/** C pow, which numpy uses: pow(1, nan) = 1 and pow(-1, ±inf) = 1, where JS gives nan. */
export function pow(a: number, b: number): number {
  if (a === 1 || b === 0) return 1;
  if (a === -1 && (b === Infinity || b === -Infinity)) return 1;
  return Math.pow(a, b);
}

/** numpy's power with a scalar exponent: 0.5 takes its sqrt fast path (nan at -inf, -0 at -0). */
export function powScalar(a: number, b: number): number {
  return b === 0.5 ? Math.sqrt(a) : pow(a, b);
}

export function negativePowerError(): never {
  throw new FusexprError('VALUE', 'Integers to negative integer powers are not allowed');
}

export function ipow32(a: number, b: number): number {
  if (b < 0) negativePowerError();
  let result = 1;
  let base = a | 0;
  while (b > 0) {
    if (b & 1) result = Math.imul(result, base);
    base = Math.imul(base, base);
    b >>>= 1;
  }
  return result;
}

export function ipow64(a: bigint, b: bigint): bigint {
  if (b < 0n) negativePowerError();
  let result = 1n;
  let base = a;
  while (b > 0n) {
    if (b & 1n) result = BigInt.asIntN(64, result * base);
    base = BigInt.asIntN(64, base * base);
    b >>= 1n;
  }
  return result;
}

// ---- Python-int arithmetic: bind folds weak integer literals exactly (`2**64`, `10**20`), as Python
// computes them before numpy sees them. Division by zero and negative shift counts keep the kernels' answers.

/** Bits an exactly folded integer may have: 2**10**9 would take minutes and memory, and no dtype holds it. */
export const MAX_EXACT_BITS = 4096;

const bitLength = (x: bigint): number => (x < 0n ? -x : x).toString(2).length;

function exact(x: bigint): bigint {
  if (bitLength(x) > MAX_EXACT_BITS) throw new FusexprError('VALUE', `integer arithmetic on literals exceeds ${MAX_EXACT_BITS} bits`);
  return x;
}

export const addExact = (a: bigint, b: bigint): bigint => exact(a + b);
export const subtractExact = (a: bigint, b: bigint): bigint => exact(a - b);
export const multiplyExact = (a: bigint, b: bigint): bigint => exact(a * b);
export const negativeExact = (a: bigint): bigint => -a;
export const absExact = (a: bigint): bigint => (a < 0n ? -a : a);

export function floordivExact(a: bigint, b: bigint): bigint {
  if (b === 0n) return 0n;
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

export function powExact(a: bigint, b: bigint): bigint {
  if (b < 0n) negativePowerError();
  // |a| ≥ 2 has at least (bits(a) - 1) * b bits: refuse before computing
  if ((a < -1n || a > 1n) && BigInt(bitLength(a) - 1) * b > BigInt(MAX_EXACT_BITS)) exact(1n << BigInt(MAX_EXACT_BITS + 1));
  return exact(a ** b);
}

export function shlExact(a: bigint, b: bigint): bigint {
  if (b < 0n || a === 0n) return 0n;
  if (BigInt(bitLength(a)) + b > BigInt(MAX_EXACT_BITS)) exact(1n << BigInt(MAX_EXACT_BITS + 1));
  return a << b;
}

export function shrExact(a: bigint, b: bigint): bigint {
  if (b < 0n || b >= BigInt(bitLength(a))) return a < 0n ? -1n : 0n;
  return a >> b;
}

/** A weak (Python) int computed at run time, where it meets an int64 operand or is returned: it must fit. */
export function fitInt64(v: bigint): bigint {
  if (v < INT64_MIN || v > 2n ** 63n - 1n) throw new FusexprError('VALUE', `integer ${v} (computed from integer vars) is out of bounds for int64`);
  return v;
}

/** The same where it meets an int32 operand (NEP 50: a Python int that does not fit is an error). */
export function fitInt32(v: bigint): number {
  if (v < -2147483648n || v > 2147483647n) throw new FusexprError('VALUE', `integer ${v} (computed from integer vars) is out of bounds for int32`);
  return Number(v);
}

/** numpy's shifts: a shift by a negative or ≥ width count gives 0 (or -1 for >> of a negative). */
export function shl32(a: number, b: number): number {
  return b >= 0 && b < 32 ? a << b : 0;
}
export function shr32(a: number, b: number): number {
  return b >= 0 && b < 32 ? a >> b : a < 0 ? -1 : 0;
}
export function shl64(a: bigint, b: bigint): bigint {
  return b >= 0n && b < 64n ? BigInt.asIntN(64, a << b) : 0n;
}
export function shr64(a: bigint, b: bigint): bigint {
  return b >= 0n && b < 64n ? a >> b : a < 0n ? -1n : 0n;
}

/** Round half to even (numpy.round / rint), keeping the sign of zero. */
export function round(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  let r: number;
  if (d > 0.5) r = f + 1;
  else if (d < 0.5) r = f;
  else r = f % 2 === 0 ? f : f + 1;
  return r === 0 && (x < 0 || Object.is(x, -0)) ? -0 : r;
}

/** numpy.sign: nan stays nan, ±0 gives +0. */
export function sign(x: number): number {
  return x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : x;
}

/** numpy.minimum / maximum: nan-propagating (nan in either argument gives nan). */
export function minimum(a: number, b: number): number {
  return a <= b || a !== a ? a : b;
}
export function maximum(a: number, b: number): number {
  return a >= b || a !== a ? a : b;
}
export function clip(x: number, lo: number, hi: number): number {
  return minimum(maximum(x, lo), hi);
}
export function clipInt<T extends number | bigint>(x: T, lo: T, hi: T): T {
  const t = x < lo ? lo : x;
  return t > hi ? hi : t;
}

export function copysign(a: number, b: number): number {
  const neg = b < 0 || (b === 0 && 1 / b < 0);
  const m = Math.abs(a);
  return neg ? -m : m;
}

export function signbit(x: number): number {
  return x < 0 || (x === 0 && 1 / x < 0) ? 1 : 0;
}

export function exp2(x: number): number {
  return Math.pow(2, x);
}

/** float → int32 as x86 numpy does: truncate; nan and out-of-range give INT32_MIN. */
export function toInt32(x: number): number {
  return x > -2147483649 && x < 2147483648 ? x | 0 : -2147483648;
}

/** float → int64 as x86 numpy does: truncate; nan and out-of-range give INT64_MIN. */
export function toInt64(x: number): bigint {
  return x > -9223372036854775808 && x < 9223372036854775808 ? BigInt(Math.trunc(x)) : INT64_MIN;
}

export function abs64(a: bigint): bigint {
  return a < 0n ? BigInt.asIntN(64, -a) : a;
}

export function sign64(a: bigint): bigint {
  return a > 0n ? 1n : a < 0n ? -1n : 0n;
}

export { fround };

/**
 * Rounding to float16 (to nearest, ties to even): Math.f16round, which exists wherever float16 does
 * (types/dtypes.ts HAS_FLOAT16). Elsewhere no dtype is float16, so nothing calls this.
 */
export const f16round: (x: number) => number =
  (Math as { f16round?: (x: number) => number }).f16round ?? (() => { throw new Error('internal: float16 arithmetic on an engine without Math.f16round'); });

/** pow(x, 0.5) through sqrt, with pow's answers at -0 (+0) and -inf (+inf). */
export function powHalf(x: number): number {
  return x === -Infinity ? Infinity : Math.sqrt(x) + 0;
}

/** pow(x, 1.5) as x * sqrt(x), with pow's answers at -0 (+0) and -inf (+inf). */
export function powThreeHalves(x: number): number {
  return x === -Infinity ? Infinity : x * Math.sqrt(x) + 0;
}

/**
 * An integer → float32 with one rounding (to nearest, ties to even), as numpy's int64 → float32 cast.
 * Math.fround(Number(x)) rounds twice (to 53 bits, then 24): 2**60 + 2**36 + 1 would give 2**60.
 * Exact for any bigint; beyond float32's range it is ±inf.
 */
export function int64ToFloat32(x: bigint): number {
  if (x >= -9007199254740992n && x <= 9007199254740992n) return fround(Number(x)); // Number(x) is exact
  const negative = x < 0n;
  const m = negative ? -x : x;
  const shift = BigInt(m.toString(2).length - 24); // keep the top 24 bits
  let q = m >> shift;
  const rest = m - (q << shift);
  const half = 1n << (shift - 1n);
  if (rest > half || (rest === half && (q & 1n) === 1n)) q += 1n;
  const r = fround(Number(q) * 2 ** Number(shift)); // q ≤ 2**24: exact, unless it overflows to inf
  return negative ? -r : r;
}

export function int64ToInt32(x: bigint): number {
  return Number(BigInt.asIntN(32, x));
}

// ---- the other integer widths (int8 … uint64): each emitter wraps these helpers' results itself

/** Unsigned floor division and remainder: x // 0 and x % 0 give 0, as numpy's integer loops. */
export function floordivU(a: number, b: number): number {
  return b === 0 ? 0 : Math.floor(a / b); // exact: a and b < 2**32
}
export function modU(a: number, b: number): number {
  return b === 0 ? 0 : a % b;
}
export function floordivU64(a: bigint, b: bigint): bigint {
  return b === 0n ? 0n : a / b;
}
export function modU64(a: bigint, b: bigint): bigint {
  return b === 0n ? 0n : a % b;
}
export function ipowU64(a: bigint, b: bigint): bigint {
  let result = 1n;
  let base = a;
  while (b > 0n) {
    if (b & 1n) result = BigInt.asUintN(64, result * base);
    base = BigInt.asUintN(64, base * base);
    b >>= 1n;
  }
  return result;
}

/** a << b for a `w`-bit int (the caller wraps to w bits); counts outside [0, w) give 0, as numpy. */
export function shl(a: number, b: number, w: number): number {
  return b >= 0 && b < w ? a << b : 0;
}
/** Arithmetic a >> b for a signed `w`-bit int; counts outside [0, w) give -1 or 0. */
export function shrS(a: number, b: number, w: number): number {
  return b >= 0 && b < w ? a >> b : a < 0 ? -1 : 0;
}
/** Logical a >> b for an unsigned `w`-bit int. */
export function shrU(a: number, b: number, w: number): number {
  return b >= 0 && b < w ? a >>> b : 0;
}
export function shlU64(a: bigint, b: bigint): bigint {
  return b < 64n ? BigInt.asUintN(64, a << b) : 0n;
}
export function shrU64(a: bigint, b: bigint): bigint {
  return b < 64n ? a >> b : 0n;
}

/** float → uint32 as x86 numpy does: through int64 (truncate; nan and beyond int64 give 0). */
export function toUint32(x: number): number {
  return x > -9223372036854775808 && x < 9223372036854775808 ? Math.trunc(x) >>> 0 : 0;
}
/**
 * float → uint64 as x86 numpy does (its loop: x >= 2**63 ? int64(x - 2**63) ^ 2**63 : int64(x)):
 * truncate; negative values wrap; nan, -inf and below int64 give 2**63; 2**64 and beyond (+inf) give 0.
 */
export function toUint64(x: number): bigint {
  if (x > -9223372036854775808 && x < 9223372036854775808) return BigInt.asUintN(64, BigInt(Math.trunc(x)));
  if (x >= 9223372036854775808) return x < 18446744073709551616 ? BigInt(x) : 0n;
  return 9223372036854775808n;
}

/** A Uint8ClampedArray's store: nan → 0, saturate to [0, 255], round half to even (canvas ImageData). */
export function clampUint8(x: number | bigint): number {
  if (typeof x === 'bigint') return x <= 0n ? 0 : x >= 255n ? 255 : Number(x);
  if (!(x > 0)) return 0;
  if (x >= 255) return 255;
  const f = Math.floor(x);
  const d = x - f;
  return d > 0.5 ? f + 1 : d < 0.5 ? f : f % 2 === 0 ? f : f + 1;
}

function fitRange(v: bigint, lo: bigint, hi: bigint, name: string): bigint {
  if (v < lo || v > hi) throw new FusexprError('VALUE', `integer ${v} (computed from integer vars) is out of bounds for ${name}`);
  return v;
}
export const fitInt8 = (v: bigint): number => Number(fitRange(v, -128n, 127n, 'int8'));
export const fitUint8 = (v: bigint): number => Number(fitRange(v, 0n, 255n, 'uint8'));
export const fitInt16 = (v: bigint): number => Number(fitRange(v, -32768n, 32767n, 'int16'));
export const fitUint16 = (v: bigint): number => Number(fitRange(v, 0n, 65535n, 'uint16'));
export const fitUint32 = (v: bigint): number => Number(fitRange(v, 0n, 4294967295n, 'uint32'));
export const fitUint64 = (v: bigint): bigint => fitRange(v, 0n, 2n ** 64n - 1n, 'uint64');

// the complex parts kernels call (ops/complex.ts), as H.cexpRe(re, im) …
export {
  cexpRe, cexpIm, clogRe, clogIm, clog10Re, clog10Im, csqrtRe, csqrtIm, cexpm1Re, cexpm1Im, clog1pRe, clog1pIm,
  csinRe, csinIm, ccosRe, ccosIm, ctanRe, ctanIm, csinhRe, csinhIm, ccoshRe, ccoshIm, ctanhRe, ctanhIm,
  casinRe, casinIm, cacosRe, cacosIm, catanRe, catanIm, casinhRe, casinhIm, cacoshRe, cacoshIm, catanhRe, catanhIm,
  cdivRe, cdivIm, cpowRe, cpowIm, creciprocalRe, creciprocalIm,
} from './complex.js';
export { cabs } from './complexHypot.js';
export { csignRe, csignIm, csignF32Re, csignF32Im, clog2Re, clog2Im, cexp2Re, cexp2Im, cexp2F32Re, cexp2F32Im } from './complexExtra.js';
export { cpowScalarRe, cpowScalarIm, cpowScalarIntRe, cpowScalarIntIm } from './complexExtra.js';
/** The imaginary part the last complex helper call left (kernels read it right after its Re twin). */
export const cLastIm = (): number => P[1]!;
