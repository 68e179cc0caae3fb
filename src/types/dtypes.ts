// Dtypes, their typed-array classes, and NumPy-2 (NEP 50) promotion with weak scalars.
// This file decides what type every operation computes in; it knows nothing of operators.

import { fail } from '../errors.js';
/**
 * The element types fusexpr computes in (NumPy's names), one per typed-array class. int64 and uint64
 * values are bigints; bool arrays are {@link BoolArray}s (Uint8Arrays of 0/1 that stay bool through
 * `slice()` and `subarray()`). float16 is a dtype only where the engine has `Float16Array` and
 * `Math.f16round` (Chrome/Edge ≥ 135, Firefox ≥ 129, Safari ≥ 18.2, Node ≥ 24; not Node 20 or 22):
 * see {@link hasFloat16}.
 *
 * @example
 * ```ts
 * const d: DType = validate('a > 1', { a }).dtype; // 'bool'
 * ```
 */
export type DType = 'bool' | 'int8' | 'uint8' | 'int16' | 'uint16' | 'int32' | 'uint32' | 'int64' | 'uint64' | 'float16' | 'float32' | 'float64' | ComplexDType;

/** Complex dtypes: stored interleaved (re, im) in a Float32Array (complex64) or Float64Array (complex128). */
export type ComplexDType = 'complex64' | 'complex128';
export const COMPLEX_DTYPES: readonly ComplexDType[] = ['complex64', 'complex128'];
export const isComplex = (d: DType): d is ComplexDType => d === 'complex64' || d === 'complex128';
/** The dtype of a complex dtype's parts (complex64 → float32), and back. */
export const partOf = (d: ComplexDType): 'float32' | 'float64' => (d === 'complex64' ? 'float32' : 'float64');
export const complexOf = (d: DType): ComplexDType => (d === 'float16' || d === 'float32' || d === 'complex64' ? 'complex64' : 'complex128');

/** NumPy's kind letters: bool, unsigned, signed, float, complex. */
export type Kind = 'b' | 'u' | 'i' | 'f' | 'c';

interface DTypeInfo {
  readonly kind: Kind;
  /** Bits of one element (bool: 8). */
  readonly bits: number;
  /** The typed-array class results of this dtype are stored in. */
  readonly array: TypedArrayClass;
  /** numpy's short code, used in kernel names (b1, i4, u8…). */
  readonly code: string;
  /** Values are bigints (int64, uint64). */
  readonly big: boolean;
}

export type TypedArrayClass = { new (n: number): ArrayBufferView; new (b: ArrayBufferLike, off?: number, len?: number): ArrayBufferView; readonly BYTES_PER_ELEMENT: number; readonly name: string };

/**
 * A Uint8Array of 0/1 that is bool data: fusexpr's bool results are these, and so is what
 * `slice()`, `subarray()`, `map()` and `toShared()` make of one (a subclass keeps its class through
 * them). `structuredClone` and `postMessage` give back a plain Uint8Array (uint8): restore it with
 * {@link asBool}, or pass `{ data, dtype: 'bool' }`.
 *
 * @example
 * ```ts
 * const m = evaluate('a > 0', { a }) as BoolArray;
 * evaluate('~m', { m: m.slice() }); // still bool
 * ```
 */
export class BoolArray extends Uint8Array {}

const F16 = (globalThis as { Float16Array?: TypedArrayClass }).Float16Array;
/**
 * Whether this engine has float16 (exported as `hasFloat16`): `Float16Array` and `Math.f16round` both
 * exist. Elsewhere 'float16' is no dtype at all (a Float16Array, `float16(x)` and `dtype: 'float16'`
 * are errors saying why), and no code path calls `Math.f16round`.
 *
 * @example
 * ```ts
 * import { hasFloat16, evaluate } from 'fusexpr';
 * const a = hasFloat16 ? new Float16Array([1, 2]) : new Float32Array([1, 2]);
 * evaluate('a * 2', { a }); // float16 where the engine has it
 * ```
 */
export const HAS_FLOAT16 = typeof F16 === 'function' && typeof (Math as { f16round?: unknown }).f16round === 'function';
/** Why float16 is missing here, for error messages. */
export const NO_FLOAT16 = 'float16 needs an engine with Float16Array and Math.f16round (Chrome/Edge ≥ 135, Firefox ≥ 129, Safari ≥ 18.2, Node ≥ 24); this one has none';

/** A Float16Array (or a polyfill's) on an engine without float16: fusexpr says why it cannot use it. */
export const isFloat16Elsewhere = (v: unknown): boolean =>
  !HAS_FLOAT16 && typeof v === 'object' && v !== null && (v as { constructor?: { name?: unknown } }).constructor?.name === 'Float16Array';

/**
 * Every dtype's facts, in NumPy's order (bool, then ints by size, then floats, then complex). A new
 * real dtype is one entry here plus its emitters in the op table; complex64/complex128 are kind 'c'
 * over Float32Array/Float64Array storage, (re, im) interleaved, said by a view's `dtype`, and never
 * reach a kernel (plan/splitComplex.ts computes them as their real parts).
 */
export const DTYPE_INFO = {
  bool: { kind: 'b', bits: 8, array: BoolArray as unknown as TypedArrayClass, code: 'b1', big: false },
  int8: { kind: 'i', bits: 8, array: Int8Array as unknown as TypedArrayClass, code: 'i1', big: false },
  uint8: { kind: 'u', bits: 8, array: Uint8Array as unknown as TypedArrayClass, code: 'u1', big: false },
  int16: { kind: 'i', bits: 16, array: Int16Array as unknown as TypedArrayClass, code: 'i2', big: false },
  uint16: { kind: 'u', bits: 16, array: Uint16Array as unknown as TypedArrayClass, code: 'u2', big: false },
  int32: { kind: 'i', bits: 32, array: Int32Array as unknown as TypedArrayClass, code: 'i4', big: false },
  uint32: { kind: 'u', bits: 32, array: Uint32Array as unknown as TypedArrayClass, code: 'u4', big: false },
  int64: { kind: 'i', bits: 64, array: BigInt64Array as unknown as TypedArrayClass, code: 'i8', big: true },
  uint64: { kind: 'u', bits: 64, array: BigUint64Array as unknown as TypedArrayClass, code: 'u8', big: true },
  // float16 only where the engine has it (HAS_FLOAT16)
  ...(HAS_FLOAT16 ? { float16: { kind: 'f', bits: 16, array: F16!, code: 'f2', big: false } } : {}),
  float32: { kind: 'f', bits: 32, array: Float32Array as unknown as TypedArrayClass, code: 'f4', big: false },
  float64: { kind: 'f', bits: 64, array: Float64Array as unknown as TypedArrayClass, code: 'f8', big: false },
  // complex: the array holds (re, im) pairs; kernels never see these (plan/splitComplex.ts splits them)
  complex64: { kind: 'c', bits: 64, array: Float32Array as unknown as TypedArrayClass, code: 'c8', big: false },
  complex128: { kind: 'c', bits: 128, array: Float64Array as unknown as TypedArrayClass, code: 'c16', big: false },
} as Readonly<Record<DType, DTypeInfo>>;
/** The real dtypes: what kernels compute in (a complex value is two of them). */
export const DTYPES: readonly DType[] = (Object.keys(DTYPE_INFO) as DType[]).filter((d) => !isComplex(d));
export const INT_DTYPES: readonly DType[] = DTYPES.filter((d) => DTYPE_INFO[d].kind === 'i' || DTYPE_INFO[d].kind === 'u');
export const isDType = (x: unknown): x is DType => typeof x === 'string' && Object.prototype.hasOwnProperty.call(DTYPE_INFO, x);

/**
 * Every dtype's kind, bits and code, float16 included on any engine: the rules (promotion, casting,
 * the README's tables) are the same everywhere, whether or not this engine can store float16.
 */
const FACTS: Readonly<Record<DType, Omit<DTypeInfo, 'array'>>> = { ...DTYPE_INFO, float16: { kind: 'f', bits: 16, code: 'f2', big: false } };
/** The real dtypes in NumPy's order, float16 included on any engine (the README's tables). */
export const ALL_REAL_DTYPES: readonly DType[] = ['bool', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64', 'float16', 'float32', 'float64'];
export const codeOf = (d: DType): string => FACTS[d].code;

export const kindOf = (d: DType): Kind => FACTS[d].kind;
export const isFloat = (d: DType) => FACTS[d].kind === 'f';
/** Signed or unsigned integer. */
export const isInt = (d: DType) => FACTS[d].kind === 'i' || FACTS[d].kind === 'u';
export const isUnsigned = (d: DType) => FACTS[d].kind === 'u';
/** Values of this dtype are bigints in kernels and results. */
export const isBig = (d: DType) => FACTS[d].big;
export const bitsOf = (d: DType) => FACTS[d].bits;

/** The smallest and largest value of an integer dtype (bool: 0, 1). */
export function intRange(d: DType): [bigint, bigint] {
  const bits = BigInt(FACTS[d].bits);
  if (d === 'bool') return [0n, 1n];
  return FACTS[d].kind === 'u' ? [0n, 2n ** bits - 1n] : [-(2n ** (bits - 1n)), 2n ** (bits - 1n) - 1n];
}

/**
 * The hint for a Python int `v` that does not fit an int array of dtype `d`: the narrowest int dtype
 * holding both (`u8 * -1` → int16, `i32 * 2**40` → int64), or float64 when none does (uint64 and -1).
 */
export function castHint(d: DType, v: bigint): string {
  const [lo, hi] = intRange(d);
  const wide = (['int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64'] as const).find((c) => {
    const [cl, ch] = intRange(c);
    return cl <= lo && hi <= ch && cl <= v && v <= ch;
  });
  return wide ? `cast the array: ${wide}(x) or float64(x)` : 'cast the array: float64(x)';
}

/** A dtype plus NEP 50 weakness: Python-like scalars (JS numbers, literals) defer to arrays. */
export interface TypeInfo {
  readonly dtype: DType;
  readonly weak: boolean;
  /** A weak int known to fit int32 (a literal, or a JS number var, that does): where(m, 1, 0) is int32. */
  readonly small?: boolean;
}

export type NumericArray =
  | Float64Array
  | Float32Array
  | Int32Array
  | BigInt64Array
  | BigUint64Array
  | Uint8Array
  | Int8Array
  | Int16Array
  | Uint16Array
  | Uint32Array
  | Uint8ClampedArray
  | Float16ArrayLike;

/** A Float16Array (typed loosely: TypeScript's ES2024 lib has no Float16Array). */
export interface Float16ArrayLike extends ArrayBufferView {
  readonly length: number;
  [i: number]: number;
}

/**
 * The typed-array class of a dtype (bool: BoolArray).
 *
 * @example
 * ```ts
 * const a: ArrayOf<'int64'> = empty('int64', 4); // BigInt64Array
 * ```
 */
export type ArrayOf<D extends DType> = {
  bool: BoolArray; int8: Int8Array; uint8: Uint8Array; int16: Int16Array; uint16: Uint16Array; int32: Int32Array;
  uint32: Uint32Array; int64: BigInt64Array; uint64: BigUint64Array; float16: Float16ArrayLike; float32: Float32Array; float64: Float64Array;
  complex64: Float32Array; complex128: Float64Array;
}[D];

export const ARRAY_CLASS = Object.fromEntries((Object.keys(DTYPE_INFO) as DType[]).map((d) => [d, DTYPE_INFO[d].array])) as unknown as { readonly [D in DType]: { new (n: number): ArrayOf<D>; new (b: ArrayBufferLike): ArrayOf<D>; readonly BYTES_PER_ELEMENT: number } };

/**
 * The dtype an array holds, by its class: Int8Array is int8, Uint8Array and Uint8ClampedArray are
 * uint8, BigUint64Array is uint64… A Uint8Array is bool when it is a BoolArray (fusexpr's bool
 * results, or what asBool returns); a view can also say it with `dtype: 'bool'`.
 */
export function dtypeOfArray(a: ArrayBufferView): DType | undefined {
  if (a instanceof Float64Array) return 'float64';
  if (a instanceof Float32Array) return 'float32';
  if (a instanceof Int32Array) return 'int32';
  if (a instanceof Uint8Array) return a instanceof BoolArray ? 'bool' : 'uint8';
  if (a instanceof BigInt64Array) return 'int64';
  if (a instanceof Int8Array) return 'int8';
  if (a instanceof Int16Array) return 'int16';
  if (a instanceof Uint16Array) return 'uint16';
  if (a instanceof Uint32Array) return 'uint32';
  if (a instanceof BigUint64Array) return 'uint64';
  if (a instanceof Uint8ClampedArray) return 'uint8';
  if (HAS_FLOAT16 && a instanceof F16!) return 'float16';
  return undefined;
}

/**
 * The dtype of a view's data: its `dtype` field when it has one (which must fit the data's class:
 * 'bool' for any Uint8Array, else the class's own dtype), or the class's dtype. A string explains a refusal.
 */
export function dtypeOfData(data: ArrayBufferView, declared: unknown): DType | string | undefined {
  const own = dtypeOfArray(data);
  if (declared === undefined) return own;
  if (declared === 'float16' && !HAS_FLOAT16) return NO_FLOAT16;
  if (!isDType(declared)) return `dtype must be one of ${DTYPES.join(', ')}, got ${typeof declared === 'string' ? JSON.stringify(declared) : typeof declared}`;
  if (declared === own) return own;
  if (declared === 'bool' && data instanceof Uint8Array) return 'bool';
  if (declared === 'uint8' && own === 'bool') return 'uint8';
  return `dtype '${declared}' does not fit its data, a ${data.constructor.name} (${declared === 'bool' ? 'bool data is a Uint8Array' : `${declared} data is a ${DTYPE_INFO[declared].array.name}`})`;
}

/** Which typed-array class a kernel parameter is (part of the signature: one class per parameter). */
export function storageOf(a: ArrayBufferView): string {
  return a.constructor.name;
}

/**
 * Mark a Uint8Array of 0/1 as bool, so `a & b`, `where(m, …)` and `~m` treat it as bool: returns a
 * {@link BoolArray} over the same bytes. A plain Uint8Array becomes that BoolArray itself (its
 * prototype changes, so its copies stay bool too); any other Uint8Array (a Node Buffer, a subclass)
 * is left as it is and the returned BoolArray views its bytes. (The public `asBool`, runtime/shared.ts,
 * gives an array in fusexpr's memory a BoolArray view that stays there.) `{ data: a, dtype: 'bool' }`
 * says the same without touching `a`. A byte other than 0 and 1 reads as true, as NumPy reads bool
 * (`asBool(alpha)` is "alpha > 0").
 */
export function asBool(a: Uint8Array | Uint8ClampedArray): BoolArray {
  // a canvas's Uint8ClampedArray (an alpha channel): a BoolArray over the same bytes, as for a Buffer
  if (a instanceof Uint8ClampedArray) return new BoolArray(a.buffer as ArrayBuffer, a.byteOffset, a.length);
  if (!(a instanceof Uint8Array)) fail('BAD_VAR', `asBool() takes a Uint8Array or Uint8ClampedArray (any nonzero byte is true), got ${a === null ? 'null' : (a as object)?.constructor?.name ?? typeof a}`);
  if (a instanceof BoolArray) return a;
  if (Object.getPrototypeOf(a) === Uint8Array.prototype) return Object.setPrototypeOf(a, BoolArray.prototype) as BoolArray;
  return new BoolArray(a.buffer as ArrayBuffer, a.byteOffset, a.length);
}

/** The signed integer dtype of `bits` bits. */
const SIGNED: Record<number, DType> = { 8: 'int8', 16: 'int16', 32: 'int32', 64: 'int64' };

/**
 * Promotion of two strong dtypes: NumPy 2's table (np.result_type), pinned in test/types against the
 * table NumPy wrote (test/numpy/fixtures/tables.json). Signed with unsigned takes the smallest signed
 * type that holds both (uint8 + int8 → int16; uint64 + any signed → float64); an int meets a float in
 * the smallest float that holds it (int16 + float32 → float32, int32 + float32 → float64).
 */
export function promoteStrong(a: DType, b: DType): DType {
  if (a === b) return a;
  if (isComplex(a) || isComplex(b)) {
    // complex64 stays complex64 only with what float32 holds (bool, float32, 8/16-bit ints): NumPy's table
    if (a === 'complex128' || b === 'complex128') return 'complex128';
    const other = isComplex(a) ? b : a;
    return isComplex(other) || promoteStrong('float32', other) === 'float32' ? 'complex64' : 'complex128';
  }
  if (a === 'bool') return b;
  if (b === 'bool') return a;
  const A = FACTS[a];
  const B = FACTS[b];
  if (A.kind === 'f' || B.kind === 'f') {
    if (A.kind === 'f' && B.kind === 'f') return A.bits >= B.bits ? a : b;
    const [f, i] = A.kind === 'f' ? [A, B] : [B, A];
    // the float must hold every value of the int exactly: float16 holds 8-bit ints, float32 16-bit
    // ones, float64 32-bit ones (and int64/uint64 by NumPy's convention)
    if (f.bits === 16 && i.bits <= 8) return A.kind === 'f' ? a : b;
    return f.bits <= 32 && i.bits <= 16 ? 'float32' : 'float64';
  }
  if (A.kind === B.kind) return A.bits >= B.bits ? a : b;
  const [s, u] = A.kind === 'i' ? [A, B] : [B, A];
  if (s.bits > u.bits) return SIGNED[s.bits]!;
  return u.bits === 64 ? 'float64' : SIGNED[u.bits * 2]!;
}

// NEP 50's kinds for weak scalars: a Python int defers to any integer array, signed or not
const KIND_ORDER: Record<Kind, number> = { b: 0, u: 1, i: 1, f: 2, c: 3 };

/** NEP 50: a weak scalar takes the array's dtype when its kind is not higher, else its kind's default. */
export function promote(a: TypeInfo, b: TypeInfo): TypeInfo {
  if (!a.weak && !b.weak) return { dtype: promoteStrong(a.dtype, b.dtype), weak: false };
  if (a.weak && b.weak) {
    const k = KIND_ORDER[kindOf(a.dtype)] >= KIND_ORDER[kindOf(b.dtype)] ? a : b;
    const ints = [a, b].filter((x) => kindOf(x.dtype) === 'i');
    const small = kindOf(k.dtype) === 'i' && ints.every((x) => x.small);
    return small ? { dtype: k.dtype, weak: true, small } : { dtype: k.dtype, weak: true };
  }
  const weak = a.weak ? a : b;
  const strong = a.weak ? b : a;
  const kw = kindOf(weak.dtype);
  const ks = kindOf(strong.dtype);
  if (KIND_ORDER[kw] <= KIND_ORDER[ks]) return { dtype: strong.dtype, weak: false };
  // a Python complex keeps a float array's precision (float32 → complex64), else complex128: NEP 50
  if (kw === 'c') return { dtype: ks === 'f' ? complexOf(strong.dtype) : 'complex128', weak: false };
  // weak float with an int/bool array → float64; weak int with a bool array → int64 (NumPy's default int)
  return { dtype: kw === 'f' ? 'float64' : 'int64', weak: false };
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

// same_kind's order: a cast may go to the same kind or a later one (unsigned → signed, not back)
const CAST_KIND_ORDER: Record<Kind, number> = { b: 0, u: 1, i: 2, f: 3, c: 4 };

/** numpy.can_cast(from, to, casting), pinned against NumPy's table for every pair. */
export function canCast(from: DType, to: DType, casting: Casting): boolean {
  if (from === to) return true;
  switch (casting) {
    case 'no':
    case 'equiv':
      return false;
    case 'safe':
      // a safe cast is one promotion would make: the target holds every value
      return promoteStrong(from, to) === to;
    case 'same_kind':
      return promoteStrong(from, to) === to || CAST_KIND_ORDER[kindOf(from)] <= CAST_KIND_ORDER[kindOf(to)];
    case 'unsafe':
      return true;
  }
}

export const INT32_MIN = -2147483648;
export const INT32_MAX = 2147483647;
export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;
