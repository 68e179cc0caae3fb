// Dtypes, their typed-array classes, and NumPy-2 (NEP 50) promotion with weak scalars.
// This file decides what type every operation computes in; it knows nothing of operators.

import { fail } from '../errors.js';
/**
 * The element types fusexpr computes in (NumPy's names). int64 values are bigints; bool arrays
 * are Uint8Arrays of 0/1 (tag your own with asBool).
 *
 * @example
 * ```ts
 * const d: DType = validate('a > 1', { a }).dtype; // 'bool'
 * ```
 */
export type DType = 'bool' | 'int32' | 'int64' | 'float32' | 'float64' | ComplexDType;
/** The real dtypes (kernels compute in these; complex values are split into two of them). */
export const DTYPES: readonly DType[] = ['bool', 'int32', 'int64', 'float32', 'float64'];

/** Complex dtypes: stored interleaved (re, im) in a Float32Array (complex64) or Float64Array (complex128). */
export type ComplexDType = 'complex64' | 'complex128';
export const COMPLEX_DTYPES: readonly ComplexDType[] = ['complex64', 'complex128'];
export const isComplex = (d: DType): d is ComplexDType => d === 'complex64' || d === 'complex128';
/** The dtype of a complex dtype's parts (complex64 → float32), and back. */
export const partOf = (d: ComplexDType): 'float32' | 'float64' => (d === 'complex64' ? 'float32' : 'float64');
export const complexOf = (d: DType): ComplexDType => (d === 'float32' || d === 'complex64' ? 'complex64' : 'complex128');

export type Kind = 'b' | 'i' | 'f' | 'c';
export const kindOf = (d: DType): Kind => (d === 'bool' ? 'b' : d === 'int32' || d === 'int64' ? 'i' : isComplex(d) ? 'c' : 'f');
export const isFloat = (d: DType) => d === 'float32' || d === 'float64';
export const isInt = (d: DType) => d === 'int32' || d === 'int64';

/** A dtype plus NEP 50 weakness: Python-like scalars (JS numbers, literals) defer to arrays. */
export interface TypeInfo {
  readonly dtype: DType;
  readonly weak: boolean;
}

export type NumericArray =
  | Float64Array
  | Float32Array
  | Int32Array
  | BigInt64Array
  | Uint8Array
  | Int8Array
  | Int16Array
  | Uint16Array
  | Uint32Array
  | Uint8ClampedArray;

/**
 * The typed-array class of a dtype (bool: Uint8Array).
 *
 * @example
 * ```ts
 * const a: ArrayOf<'int64'> = empty('int64', 4); // BigInt64Array
 * ```
 */
export type ArrayOf<D extends DType> = D extends 'float64'
  ? Float64Array
  : D extends 'float32'
    ? Float32Array
    : D extends 'int32'
      ? Int32Array
      : D extends 'int64'
        ? BigInt64Array
        : Uint8Array;

export const ARRAY_CLASS = {
  bool: Uint8Array,
  int32: Int32Array,
  int64: BigInt64Array,
  float32: Float32Array,
  float64: Float64Array,
  complex64: Float32Array,
  complex128: Float64Array,
} as const;

/**
 * The dtype an input array computes in. Narrow ints are upcast (as numexpr does): int8/int16/uint8/
 * uint16 → int32; uint32 → int64 (exact). A Uint8Array is read as bool only when it is an `out`
 * or was made by fusexpr for bool data: see `classifyArray` — plain Uint8Array inputs are uint8 → int32.
 */
export function dtypeOfArray(a: ArrayBufferView): DType | undefined {
  if (a instanceof Float64Array) return 'float64';
  if (a instanceof Float32Array) return 'float32';
  if (a instanceof Int32Array) return 'int32';
  if (a instanceof BigInt64Array) return 'int64';
  if (a instanceof Uint8Array) return BOOL_ARRAYS.has(a) ? 'bool' : 'int32';
  if (a instanceof Int8Array || a instanceof Int16Array || a instanceof Uint16Array) return 'int32';
  if (a instanceof Uint8ClampedArray) return 'int32';
  if (a instanceof Uint32Array) return 'int64';
  return undefined;
}

/** Which typed-array class a kernel parameter is (part of the signature: one class per parameter). */
export function storageOf(a: ArrayBufferView): string {
  return a.constructor.name;
}

// Uint8Arrays that hold bool data: fusexpr's own bool results, and arrays the user tagged with
// `asBool`. Plain Uint8Array stays uint8 (image data), as in numpy where bool is its own dtype.
const BOOL_ARRAYS = new WeakSet<Uint8Array>();
/**
 * Tag a Uint8Array as bool data (0/1), so `a & b`, `where(m, …)` and `~m` treat it as bool; an
 * untagged Uint8Array is uint8 image data and is rejected. Returns `a`.
 *
 * @example
 * ```ts
 * import { asBool, evaluate } from 'fusexpr';
 * const mask = asBool(new Uint8Array([1, 0, 1]));
 * evaluate('where(mask, x, 0)', { mask, x: new Float64Array([1, 2, 3]) }); // [1, 0, 3]
 * ```
 */
export function asBool<T extends Uint8Array>(a: T): T {
  if (!(a instanceof Uint8Array)) fail('BAD_VAR', `asBool() takes a Uint8Array of 0/1, got ${a === null ? 'null' : (a as object)?.constructor?.name ?? typeof a}`);
  BOOL_ARRAYS.add(a);
  return a;
}
export function isBoolArray(a: unknown): boolean {
  return a instanceof Uint8Array && BOOL_ARRAYS.has(a);
}

const RANK: Record<DType, number> = { bool: 0, int32: 1, int64: 2, float32: 3, float64: 4, complex64: 5, complex128: 6 };

/** Promotion of two strong dtypes, as NumPy's table (int32+float32 → float64, int64+float32 → float64). */
export function promoteStrong(a: DType, b: DType): DType {
  if (a === b) return a;
  if (isComplex(a) || isComplex(b)) {
    // complex64 stays complex64 only with what float32 absorbs (bool, float32): NumPy's table
    if (a === 'complex128' || b === 'complex128') return 'complex128';
    const other = isComplex(a) ? b : a;
    return isComplex(other) || promoteStrong('float32', other) === 'float32' ? 'complex64' : 'complex128';
  }
  if (a === 'bool') return b;
  if (b === 'bool') return a;
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (ka === kb) return RANK[a] > RANK[b] ? a : b;
  // one int, one float
  const f = ka === 'f' ? a : b;
  const i = ka === 'f' ? b : a;
  if (f === 'float32' && (i === 'int32' || i === 'int64')) return 'float64';
  return f;
}

const KIND_ORDER: Record<Kind, number> = { b: 0, i: 1, f: 2, c: 3 };
const DEFAULT_OF_KIND: Record<Kind, DType> = { b: 'bool', i: 'int64', f: 'float64', c: 'complex128' };

/** NEP 50: a weak scalar takes the array's dtype when its kind is not higher, else its kind's default. */
export function promote(a: TypeInfo, b: TypeInfo): TypeInfo {
  if (!a.weak && !b.weak) return { dtype: promoteStrong(a.dtype, b.dtype), weak: false };
  if (a.weak && b.weak) {
    const k = KIND_ORDER[kindOf(a.dtype)] >= KIND_ORDER[kindOf(b.dtype)] ? a.dtype : b.dtype;
    return { dtype: k, weak: true };
  }
  const weak = a.weak ? a : b;
  const strong = a.weak ? b : a;
  const kw = kindOf(weak.dtype);
  const ks = kindOf(strong.dtype);
  if (KIND_ORDER[kw] <= KIND_ORDER[ks]) return { dtype: strong.dtype, weak: false };
  // a Python complex with a float array keeps its precision (float32 → complex64), NEP 50
  if (kw === 'c' && ks === 'f') return { dtype: complexOf(strong.dtype), weak: false };
  // weak float with int/bool array → float64; weak int with bool array → int64 (NumPy's default int)
  return { dtype: DEFAULT_OF_KIND[kw], weak: false };
}

/**
 * NumPy's result_type over several operands: the strong dtypes promote among themselves first, then
 * each weak scalar meets that result. Pairwise left to right would depend on the order: clip(bool, 0,
 * f32) would see bool + 0 → int64 first and end in float64, where numpy gives float32.
 */
export function promoteAll(types: readonly TypeInfo[]): TypeInfo {
  let t: TypeInfo | undefined;
  for (const x of types) if (!x.weak) t = t ? promote(t, x) : x;
  for (const x of types) if (x.weak) t = t ? promote(t, x) : x;
  return t!;
}

/**
 * Which result → out dtype conversions are allowed, as NumPy's `casting` (default 'same_kind').
 *
 * @example
 * ```ts
 * evaluate('a * 1.5', { a: new Int32Array(3) }, new Int32Array(3), { casting: 'unsafe' });
 * ```
 */
export type Casting = 'no' | 'equiv' | 'safe' | 'same_kind' | 'unsafe';
export const CASTINGS: readonly Casting[] = ['no', 'equiv', 'safe', 'same_kind', 'unsafe'];

const SAFE: Record<DType, readonly DType[]> = {
  bool: [...DTYPES, ...COMPLEX_DTYPES],
  int32: ['int32', 'int64', 'float64', 'complex128'],
  int64: ['int64', 'float64', 'complex128'],
  float32: ['float32', 'float64', 'complex64', 'complex128'],
  float64: ['float64', 'complex128'],
  complex64: ['complex64', 'complex128'],
  complex128: ['complex128'],
};

/** numpy.can_cast(from, to, casting). */
export function canCast(from: DType, to: DType, casting: Casting): boolean {
  if (from === to) return true;
  switch (casting) {
    case 'no':
    case 'equiv':
      return false;
    case 'safe':
      return SAFE[from].includes(to);
    case 'same_kind':
      // safe casts, or any cast to the same or a higher kind (bool < int < float < complex), as numpy
      return KIND_ORDER[kindOf(from)] <= KIND_ORDER[kindOf(to)];
    case 'unsafe':
      return true;
  }
}

export const INT32_MIN = -2147483648;
export const INT32_MAX = 2147483647;
export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;
