// SharedArrayBuffer-backed arrays: what the parallel path needs (workers see the same memory).

import { fail } from '../errors.js';
import { ARRAY_CLASS, DType, DTYPES, asBool, isBoolArray, type ArrayOf } from '../types/dtypes.js';

/**
 * A zero-filled typed array of `dtype` over a SharedArrayBuffer (bool: a Uint8Array tagged as bool),
 * so threads can use it; an ordinary one where SharedArrayBuffer is unavailable (a page that is not
 * cross-origin isolated, where threads are off anyway).
 *
 * @example
 * ```ts
 * import { empty, evaluate } from 'fusexpr';
 * const a = empty('float64', 1_000_000);  // Float64Array over shared memory
 * const out = empty('float32', 1_000_000);
 * evaluate('sqrt(a) + 1', { a }, out);    // threads write out directly
 * ```
 */
export function empty<D extends DType>(dtype: D, length: number): ArrayOf<D> {
  if (!DTYPES.includes(dtype)) fail('OPTION', `empty(): dtype must be one of ${DTYPES.join(', ')}, got ${JSON.stringify(dtype)}`);
  if (!Number.isSafeInteger(length) || length < 0) fail('OPTION', `empty(): length must be a non-negative integer, got ${String(length)}`);
  return allocate(dtype, length, true) as ArrayOf<D>;
}

/** A zeroed array of `dtype` (bool: a tagged Uint8Array), over a SharedArrayBuffer when `shared`. */
export function allocate(dtype: DType, n: number, shared = false): ArrayBufferView {
  const C = ARRAY_CLASS[dtype] as unknown as { new (b: ArrayBufferLike | number): ArrayBufferView; BYTES_PER_ELEMENT: number };
  let a: ArrayBufferView;
  try {
    a = shared && typeof SharedArrayBuffer !== 'undefined' ? new C(new SharedArrayBuffer(n * C.BYTES_PER_ELEMENT)) : new C(n);
  } catch (e) {
    // above the engine's typed-array length, or more memory than it can reserve
    if (e instanceof RangeError) fail('LIMIT', `cannot allocate ${n} ${dtype} elements (${n * C.BYTES_PER_ELEMENT} bytes): ${e.message}`);
    throw e;
  }
  if (dtype === 'bool') asBool(a as Uint8Array);
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
  if (isShared(a) || typeof SharedArrayBuffer === 'undefined') return a;
  const C = a.constructor as new (buffer: SharedArrayBuffer, byteOffset?: number, length?: number) => T;
  const copy = new C(new SharedArrayBuffer(a.byteLength));
  new Uint8Array(copy.buffer, copy.byteOffset, copy.byteLength).set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  // a bool array stays bool (the tag belongs to the array object, so the copy needs its own)
  if (isBoolArray(a)) asBool(copy as unknown as Uint8Array);
  return copy;
}
