// The values users pass and get back, as types: vars, out, and what a call returns. Types only;
// runtime checks live in runtime/vars.ts and api.ts.

import type { BoolArray, DType } from './types/dtypes.js';

/**
 * An ndarray-like view: the scijs `ndarray` field names (strides and offset in elements). Any object
 * with `data` and `shape` is accepted; `stride` defaults to C order and `offset` to 0. `dtype` says
 * what the data holds when its class does not (`'bool'` over a Uint8Array); bool results that are
 * views carry `dtype: 'bool'`.
 *
 * @example
 * ```ts
 * import ndarray from 'ndarray';
 * const view: NdArray<Float64Array> = ndarray(new Float64Array(6), [2, 3]);
 * const plain: NdArray = { data: new Float32Array(6), shape: [3, 2], stride: [1, 3] };
 * ```
 */
export interface NdArray<T extends ArrayBufferView = ArrayBufferView> {
  data: T;
  shape: number[];
  stride?: number[];
  offset?: number;
  dtype?: DType;
}

/**
 * A typed array that says its dtype: the serializable way to pass bool data (a structured clone keeps
 * the field, not the BoolArray class). Without `shape` it is the whole array, 1-D.
 *
 * @example
 * ```ts
 * evaluate('~m', { m: { data: new Uint8Array([1, 0]), dtype: 'bool' } }); // BoolArray [0, 1]
 * ```
 */
export interface TypedData<T extends ArrayBufferView = ArrayBufferView> {
  data: T;
  dtype: DType;
  shape?: number[];
  stride?: number[];
  offset?: number;
}

/**
 * Where a result may be written: a typed array (C-order for N-D results) or a view.
 *
 * @example
 * ```ts
 * const out: Out = new Float64Array(1000);
 * evaluate('a * 2', { a }, out);
 * ```
 */
export type Out = ArrayBufferView | NdArray | TypedData;

/**
 * A complex scalar var: a Python complex, weak as a JS number is a weak Python float (`x * c` with a
 * float32 `x` is complex64). A strong complex64/complex128 scalar is a 0-d view:
 * `{ data: Float64Array.of(re, im), shape: [], dtype: 'complex128' }` (what a complex `sum` returns).
 *
 * @example
 * ```ts
 * evaluate('x * c', { x: new Float32Array([1, 2]), c: { re: 0, im: 1 } }); // complex64 [1j, 2j]
 * ```
 */
export interface Complex {
  re: number;
  im: number;
}

/**
 * One var: a typed array (any class: Int8Array … BigUint64Array, Float32/64Array, Uint8ClampedArray;
 * a BoolArray, e.g. from {@link asBool}, for bool), an ndarray-like view, a
 * {@link TypedData}, or a scalar (number, bigint for int64, boolean, {@link Complex}).
 *
 * @example
 * ```ts
 * const vars: Readonly<Record<string, VarValue>> = { a: new Float64Array(8), k: 2, big: 3n, flag: true };
 * ```
 */
export type VarValue = number | bigint | boolean | Complex | ArrayBufferView | NdArray | TypedData;

/**
 * The vars of a call, by the names the expression uses.
 *
 * @example
 * ```ts
 * const vars: Vars = { x: new Float64Array([1, 2]), s: 0.5 };
 * evaluate('x * s', vars);
 * ```
 */
export type Vars = Readonly<Record<string, VarValue>>;

/**
 * A typed array fusexpr returns: one class per dtype (bool is a {@link BoolArray} of 0/1).
 *
 * @example
 * ```ts
 * const r = evaluate('a > 0', { a }) as ResultArray; // a Uint8Array here
 * ```
 */
export type ResultArray = Float64Array | Float32Array | Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | BigInt64Array | BigUint64Array | BoolArray;

/**
 * A scalar result (full reductions, expressions without arrays): a number, a bigint for int64, a
 * boolean for bool.
 *
 * @example
 * ```ts
 * const total = evaluate('sum(a)', { a }) as number;
 * ```
 */
export type ScalarResult = number | bigint | boolean;

/**
 * What evaluate returns for these vars (without `out`): a scalar for reductions and scalar-only
 * expressions; otherwise a typed array, or a view (of an input view's class) when any var is one.
 *
 * @example
 * ```ts
 * const r: Result<{ a: Float64Array }> = evaluate('a + 1', { a }); // ResultArray | ScalarResult
 * ```
 */
export type Result<V = Vars> = ScalarResult | ArrayResultOf<V[keyof V]>;

/**
 * The array part of {@link Result}: a view when a var is a view, a typed array when vars are
 * typed arrays, nothing when every var is a scalar.
 *
 * @example
 * ```ts
 * type R = ArrayResultOf<Float64Array | number>; // ResultArray
 * ```
 */
export type ArrayResultOf<T> = unknown extends T
  ? ResultArray | NdArray<ResultArray>
  : // a var with a shape is a view: array results are views
    ([Extract<T, { readonly data: ArrayBufferView; readonly shape: ArrayLike<number> }>] extends [never] ? never : NdArray<ResultArray>)
    // `{ data, dtype }` without a shape is a flat array: real results are typed arrays, complex ones views
    | ([Exclude<Extract<T, { readonly data: ArrayBufferView }>, { readonly shape: ArrayLike<number> }>] extends [never] ? never : ResultArray | NdArray<ResultArray>)
    | ([Extract<T, ArrayBufferView>] extends [never] ? never : ResultArray);
