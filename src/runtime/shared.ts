// SharedArrayBuffer-backed arrays: what the parallel path needs (workers see the same memory), and
// the user API over fusexpr's own memory (the Wasm arena, backends/wasm/arena.ts), where Wasm kernels
// can run on them without copies. Falls back to plain SharedArrayBuffers where the arena cannot serve.

import { fail } from '../errors.js';
import { ARRAY_CLASS, BoolArray, COMPLEX_DTYPES, DType, DTYPES, NO_FLOAT16, asBool as boolOf, isComplex, isInt, intRange, partOf, type ArrayOf, type ComplexDType } from '../types/dtypes.js';
import { isComplexLike, isComplexScalar } from './vars.js';
import { arenaArray, arenaBoolView, freeArena, isArenaArray, userArenaBytes } from '../backends/wasm/arrays.js';
import { arenaStats, inArena } from '../backends/wasm/arena.js';

type Ctor = { new (b: ArrayBufferLike | number): ArrayBufferView; BYTES_PER_ELEMENT: number; name: string; prototype: object };

/**
 * Results evaluate allocates go to the arena (when every array input is an arena array) only while
 * that keeps the arena's memory under max(this, 2 × the bytes users allocated there): the garbage
 * collector does not see arena bytes, and a synchronous loop never runs the finalizers that free
 * them, so past it results are plain memory, which the collector does see (the JS kernels run on
 * them). Chosen by bench/wasm.ts (1,000 results of 1e7 without out).
 */
export const RESULT_ARENA_LIMIT = 512 * 2 ** 20;

/**
 * A zero-filled typed array of `dtype` over a SharedArrayBuffer (bool: a BoolArray),
 * so threads can use it; an ordinary one where SharedArrayBuffer is unavailable (a page that is not
 * cross-origin isolated, where threads are off anyway).
 *
 * @example
 * ```ts
 * import { empty, evaluate } from 'fusexpr';
 * const a = empty('float64', 1_000_000);  // Float64Array over shared memory
 * const out = empty('float32', 1_000_000);
 * evaluate('sqrt(a) + 1', { a }, out);    // threads write out directly
 * const z = empty('complex128', 4);       // { data: Float64Array(8), shape: [4], dtype: 'complex128' }
 * ```
 */
export function empty<D extends ComplexDType>(dtype: D, length: number): ComplexArrayOf<D>;
export function empty<D extends DType>(dtype: D, length: number): ArrayOf<D>;
export function empty(dtype: DType, length: number): ArrayBufferView | ComplexArrayOf<ComplexDType> {
  if (!DTYPES.includes(dtype) && !isComplex(dtype)) fail('OPTION', dtype === 'float16' ? `empty(): ${NO_FLOAT16}` : `empty(): dtype must be one of ${[...DTYPES, ...COMPLEX_DTYPES].join(', ')}, got ${JSON.stringify(dtype)}`);
  if (!Number.isSafeInteger(length) || length < 0) fail('OPTION', `empty(): length must be a non-negative integer, got ${String(length)}`);
  // complex: interleaved (re, im) parts, in the form evaluate returns complex results in
  if (isComplex(dtype)) return { data: allocate(partOf(dtype), 2 * length, true, 'zeroed') as Float32Array & Float64Array, shape: [length], dtype };
  return allocate(dtype, length, true, 'zeroed');
}

/** What empty, zeros and full return for a complex dtype: evaluate's complex result form (1-D). */
export interface ComplexArrayOf<D extends ComplexDType> {
  readonly data: D extends 'complex64' ? Float32Array : Float64Array;
  readonly shape: number[];
  readonly dtype: D;
}

/**
 * An array of `dtype` (bool: a BoolArray), over a SharedArrayBuffer when `shared`. `arena`:
 * in the Wasm arena when it has room ('zeroed': filled with 0; 'result': not zeroed, under
 * RESULT_ARENA_LIMIT), else plain memory, zeroed.
 */
export function allocate(dtype: DType, n: number, shared = false, arena?: 'zeroed' | 'result'): ArrayBufferView {
  const C = ARRAY_CLASS[dtype] as unknown as Ctor;
  let a: ArrayBufferView | undefined;
  try {
    if (arena) a = arenaArray(C, n, arena === 'zeroed', arena === 'result' ? Math.max(RESULT_ARENA_LIMIT, 2 * userArenaBytes()) : Infinity);
    // empty() promises shared memory; a result is shared only when threads will write it
    a ??= (shared || arena === 'zeroed') && typeof SharedArrayBuffer !== 'undefined' ? new C(new SharedArrayBuffer(n * C.BYTES_PER_ELEMENT)) : new C(n);
  } catch (e) {
    // above the engine's typed-array length, or more memory than it can reserve
    if (e instanceof RangeError) fail('LIMIT', `cannot allocate ${n} ${dtype} elements (${n * C.BYTES_PER_ELEMENT} bytes): ${e.message}`);
    throw e;
  }
  if (dtype === 'bool') boolOf(a as Uint8Array);
  return a;
}

/**
 * Same as empty: shared memory starts zeroed.
 *
 * @example
 * ```ts
 * const z = zeros('int32', 16); // Int32Array of 16 zeros, shared
 * ```
 */
export const zeros = empty;

/**
 * Whether `a` lives in a SharedArrayBuffer (what the threads need; see the `copyToShared` option).
 *
 * @example
 * ```ts
 * import { isShared, empty } from 'fusexpr';
 * isShared(empty('float64', 4));     // true
 * isShared(new Float64Array(4));     // false
 * ```
 */
export function isShared(a: ArrayBufferView): boolean {
  // a page that is not cross-origin isolated has no SharedArrayBuffer at all
  return typeof SharedArrayBuffer !== 'undefined' && a.buffer instanceof SharedArrayBuffer;
}

/**
 * A copy of `a` in shared memory (same typed-array class); `a` itself when it already is shared
 * (or when SharedArrayBuffer is unavailable).
 *
 * @example
 * ```ts
 * import { toShared, evaluate } from 'fusexpr';
 * const a = toShared(Float64Array.from([1, 2, 3]));
 * evaluate('a * 2', { a }); // may run on the threads
 * ```
 */
export function toShared<T extends ArrayBufferView>(a: T): T {
  if (!ArrayBuffer.isView(a) || a instanceof DataView) {
    fail('BAD_VAR', `toShared() takes a typed array, got ${Array.isArray(a) ? 'an Array' : a === null ? 'null' : typeof a === 'object' ? ((a as object).constructor?.name ?? 'an object') : typeof a}`);
  }
  return sharedCopy(a, true);
}

/**
 * `a` itself when it is shared, else a copy in shared memory: in fusexpr's memory when `arena` (the
 * user's arrays), else a plain SharedArrayBuffer (a call's own temporary copies, `copyToShared`: the
 * collector sees and frees those, where arena copies made in a loop filled the 4 GiB arena).
 */
export function sharedCopy<T extends ArrayBufferView>(a: T, arena: boolean): T {
  if (isShared(a) || typeof SharedArrayBuffer === 'undefined') return a;
  const C = a.constructor as new (buffer: SharedArrayBuffer, byteOffset?: number, length?: number) => T;
  const n = (a as unknown as { length: number }).length;
  const copy = ((arena ? arenaArray(C as unknown as Ctor, n, false) : undefined) as T | undefined) ?? new C(new SharedArrayBuffer(a.byteLength));
  new Uint8Array(copy.buffer, copy.byteOffset, copy.byteLength).set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  // a BoolArray stays bool: the copy is of its class
  return copy;
}

/**
 * Say that a Uint8Array of 0/1 is bool, so `a & b`, `where(m, …)` and `~m` treat it as bool: returns
 * a {@link BoolArray} over the same bytes. A plain Uint8Array becomes that BoolArray itself (its
 * prototype changes); any other (one in fusexpr's memory, a Node Buffer, a subclass) is left as it
 * is: use the returned array, which for fusexpr's memory is there too (Wasm reads it) and keeps the
 * block alive like a subarray. Its `subarray()` and `slice()` are BoolArrays. A byte other than 0
 * and 1 reads as true, as NumPy reads bool (`asBool(alpha)` is "alpha > 0").
 *
 * @example
 * ```ts
 * import { asBool, evaluate } from 'fusexpr';
 * const mask = asBool(new Uint8Array([1, 0, 1]));
 * evaluate('where(mask, x, 0)', { mask, x: new Float64Array([1, 2, 3]) }); // [1, 0, 3]
 * ```
 */
export function asBool(a: Uint8Array | Uint8ClampedArray): BoolArray {
  // not a Uint8Array (boolOf takes a Uint8ClampedArray, or says what it takes), or bool already
  if (!(a instanceof Uint8Array) || a instanceof BoolArray) return boolOf(a);
  return arenaBoolView(a) ?? boolOf(a);
}

/**
 * An array of `length` elements all equal to `value`, in fusexpr's memory (like empty).
 *
 * @example
 * ```ts
 * import { full } from 'fusexpr';
 * const ones = full('float64', 1e6, 1); // Float64Array of 1e6 ones, in the Wasm arena
 * const js = full('complex64', 8, { re: 0, im: 1 }); // { data: Float32Array [0, 1, 0, 1, …], shape: [8], dtype: 'complex64' }
 * ```
 */
export function full<D extends ComplexDType>(dtype: D, length: number, value: number | bigint | boolean | { re: number; im: number }): ComplexArrayOf<D>;
export function full<D extends DType>(dtype: D, length: number, value: number | bigint | boolean): ArrayOf<D>;
export function full(dtype: DType, length: number, value: number | bigint | boolean | { re: number; im: number }): ArrayBufferView | ComplexArrayOf<ComplexDType> {
  if (isComplex(dtype)) return fullComplex(dtype, length, value);
  if (typeof value !== 'number' && typeof value !== 'bigint' && typeof value !== 'boolean') {
    fail('OPTION', isComplexScalar(value) ? `full(): a complex value needs a complex dtype, not ${dtype}` : `full(): value must be a number, bigint or boolean, got ${typeof value}`);
  }
  if (dtype !== 'bool' && isInt(dtype) && (typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value)))) {
    // an integer that does not fit is an error, as np.full(n, 300, dtype=np.uint8) in NumPy 2 (and `u + 300` here)
    const [lo, hi] = intRange(dtype);
    const big = BigInt(value);
    if (big < lo || big > hi) fail('VALUE', `full(): ${String(value)} is out of bounds for ${dtype} (${lo} to ${hi})`);
  }
  const a = empty(dtype, length);
  let v: number | bigint;
  if (dtype === 'int64' || dtype === 'uint64') {
    // a fractional number truncates toward zero (as a float → int cast does)
    if (typeof value === 'number' && !Number.isFinite(value)) fail('OPTION', `full(): ${String(value)} has no ${dtype} value`);
    const big = typeof value === 'bigint' ? value : BigInt(typeof value === 'boolean' ? Number(value) : Math.trunc(value));
    v = dtype === 'int64' ? BigInt.asIntN(64, big) : BigInt.asUintN(64, big);
  } else v = dtype === 'bool' ? (value ? 1 : 0) : Number(value);
  (a as unknown as { fill(v: unknown): void }).fill(v);
  return a;
}

/** full() of a complex dtype: a real value gets a +0 imaginary part; complex64 rounds each part (astype). */
function fullComplex<D extends ComplexDType>(dtype: D, length: number, value: unknown): ComplexArrayOf<D> {
  const real = typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean';
  if (!real && !isComplexScalar(value)) fail('OPTION', `full(): value must be a number, bigint, boolean or { re: number, im: number }, got ${typeof value === 'object' ? describe(value) : typeof value}`);
  const [re, im] = real ? [Number(value), 0] : [value.re, value.im];
  const a = empty(dtype, length);
  const data = a.data as Float64Array;
  for (let i = 0; i < 2 * length; i += 2) {
    data[i] = re;
    data[i + 1] = im;
  }
  return a;
}

const describe = (v: object | null): string => (v === null ? 'null' : `an object without numbers re and im`);

/**
 * Release an array from `empty`, `zeros`, `full`, `toShared` or a result computed from them, now,
 * instead of when the garbage collector finds it unreachable. Every view of it (subarrays, ndarrays
 * over it) becomes invalid: its memory is handed out again. Returns false (and does nothing) for an
 * array fusexpr did not allocate in its memory, or one freed already.
 *
 * @example
 * ```ts
 * import { empty, free } from 'fusexpr';
 * const tmp = empty('float64', 1e7);
 * // … use tmp …
 * free(tmp); // its 80 MB are reused by the next allocation
 * ```
 */
export function free(a: ArrayBufferView | { readonly data: ArrayBufferView; readonly dtype: ComplexDType }): boolean {
  // a complex array (empty('complex128', n), a complex result): its interleaved data
  if (isComplexLike(a)) return freeArena(a.data);
  if (!ArrayBuffer.isView(a)) fail('BAD_VAR', 'free() takes an array from empty, zeros, full or toShared');
  return freeArena(a);
}

/**
 * Whether `a` lives in fusexpr's memory (the Wasm arena), where Wasm kernels can read it in place.
 *
 * @example
 * ```ts
 * import { inMemory, empty } from 'fusexpr';
 * inMemory(empty('float32', 8));    // true (where WebAssembly is available)
 * inMemory(new Float32Array(8));    // false
 * inMemory(empty('complex128', 4)); // true: a complex array, as free() takes it
 * ```
 */
export function inMemory(a: ArrayBufferView | { readonly data: ArrayBufferView; readonly dtype: ComplexDType }): boolean {
  // a complex array (empty('complex128', n), a complex result), as free() takes it: its interleaved data
  if (isComplexLike(a)) return inArena(a.data);
  return ArrayBuffer.isView(a) && inArena(a);
}

/** The arena's figures (bytes of Wasm memory, live bytes, their peak): for tuning and tests. */
export const memoryStats = arenaStats;

/** Whether `a` and `b` may share memory: the same buffer, or both in the arena. */
export const sameMemory = (a: ArrayBufferView, b: ArrayBufferView): boolean => a.buffer === b.buffer || (inArena(a) && inArena(b));

/** Whether two arrays' bytes overlap. */
export function bytesOverlap(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return sameMemory(a, b) && a.byteOffset < b.byteOffset + b.byteLength && b.byteOffset < a.byteOffset + a.byteLength;
}

export { isArenaArray };
