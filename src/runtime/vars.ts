// Classifying the user's vars: each value's dtype, storage class and weakness (what kernels are
// specialized on), validated once, with errors that name the var. Also converts scalar values to the
// representation a kernel parameter of a given dtype expects.

import { fail } from '../errors.js';
import { DType, DTYPES, NO_FLOAT16, castHint, isFloat16Elsewhere, dtypeOfArray, dtypeOfData, isDType, storageOf, intRange, isBig, isInt, INT64_MIN, INT64_MAX, type ComplexDType } from '../types/dtypes.js';
import type { InputInfo } from '../bind/typed.js';
import { isViewLike, toView, flatView, type IntList, type View } from '../types/shapes.js';
import { f16round } from '../ops/scalar.js';
import { isFreedArena } from '../backends/wasm/arrays.js';

export type VarValue = ArrayBufferView | number | boolean | bigint | readonly number[];
export type Vars = Readonly<Record<string, VarValue>>;

/** A one-or-two character code per var: the signature's building block (cheap to compute per call). */
export function signatureCode(v: unknown): string {
  switch (typeof v) {
    case 'number':
      // 'i': an int that fits int32 (where(m, k, 0) is int32 then), 'I': a larger safe int
      return Number.isSafeInteger(v) && !Object.is(v, -0) ? ((v as number) >= -2147483648 && (v as number) <= 2147483647 ? 'i' : 'I') : 'f';
    case 'boolean':
      return 'b';
    case 'bigint':
      return 'B';
    case 'undefined':
      return '-';
    case 'object':
      if (v === null) return '?';
      if (ArrayBuffer.isView(v)) {
        const d = dtypeOfArray(v);
        if (!d) return '?';
        return `${d}/${storageOf(v)}`;
      }
      if (isComplexLike(v)) return `${v.dtype}/v${v.shape === undefined ? 'd' : (v.shape as ArrayLike<number>).length}`;
      if (isViewLike(v)) {
        const d = v.dtype === undefined ? dtypeOfArray(v.data) : dtypeOfData(v.data, v.dtype);
        return d ? `${d}/${storageOf(v.data)}/v${v.shape?.length ?? 'd'}` : '?';
      }
      if (Array.isArray(v)) return 'A';
      if (isComplexScalar(v)) return 'c';
      return '?';
    default:
      return '?';
  }
}

export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an Array';
  if (ArrayBuffer.isView(v)) return v.constructor.name;
  if (typeof v === 'object') return `an object (${(v as object).constructor?.name ?? 'Object'})`;
  return typeof v;
}

/**
 * Fails when `v` (a var, or out when `name` is undefined) is an array of fusexpr's memory that free()
 * gave back, or a view over one: its bytes may belong to another array now. Views built over the
 * memory by hand (`new Float64Array(a.buffer, …)`) cannot be told apart and are not checked.
 */
export function checkNotFreed(name: string | undefined, v: unknown): void {
  if (typeof v !== 'object' || v === null) return;
  const data = ArrayBuffer.isView(v) ? v : (v as { data?: unknown }).data;
  if (typeof data !== 'object' || data === null || !isFreedArena(data)) return;
  if (name === undefined) fail('BAD_OUT', 'out was given back by free(): its memory may belong to another array now');
  fail('BAD_VAR', `var '${name}' was given back by free(): its memory may belong to another array now`);
}

/** The InputInfo for a var value; throws BAD_VAR for values fusexpr cannot compute with. */
export function inputInfo(name: string, v: unknown): InputInfo | undefined {
  switch (typeof v) {
    case 'undefined':
      return undefined;
    case 'number':
    {
      const code = signatureCode(v);
      return code === 'f' ? { name, kind: 'scalar', dtype: 'float64', weak: true } : { name, kind: 'scalar', dtype: 'int64', weak: true, small: code === 'i' };
    }
    case 'boolean':
      return { name, kind: 'scalar', dtype: 'bool', weak: true }; // a Python bool: weak, so `b * 3` is a Python int (int32 when it fits)
    case 'bigint':
      if (v < INT64_MIN || v > INT64_MAX) fail('VALUE', `var '${name}': ${v} is out of the int64 range`);
      return { name, kind: 'scalar', dtype: 'int64', weak: false };
    case 'object':
      if (isFloat16Elsewhere(v) || isFloat16Elsewhere((v as { data?: unknown } | null)?.data)) fail('BAD_VAR', `var '${name}': ${NO_FLOAT16}`, 'convert it: new Float32Array(x)');
      if (v !== null && ArrayBuffer.isView(v)) {
        const dtype = dtypeOfArray(v);
        if (dtype) return { name, kind: 'array', dtype, storage: storageOf(v), rank: 1, view: false };
        fail('BAD_VAR', `var '${name}': ${describeValue(v)} is not a supported array type`, 'use a typed array: (Big)(U)Int8/16/32/64Array, Float32/64Array, Uint8ClampedArray');
      }
      if (isComplexLike(v)) {
        const rank = v.shape === undefined ? 1 : (v.shape as ArrayLike<number>).length;
        // without a shape, a flat complex array: its real results stay typed arrays (as for `{ data, dtype: 'bool' }`)
        return { name, kind: 'array', dtype: v.dtype, storage: storageOf(v.data), rank, view: v.shape !== undefined };
      }
      if (isViewLike(v)) {
        const dtype = dtypeOfData(v.data, v.dtype);
        if (!dtype) fail('BAD_VAR', `var '${name}': its data, ${describeValue(v.data)}, is not a supported array type`);
        if (!isDType(dtype)) fail('BAD_VAR', `var '${name}': ${dtype}`);
        // `{ data, dtype }` without a shape is a flat array that says its dtype: results stay typed arrays
        return { name, kind: 'array', dtype, storage: storageOf(v.data), rank: v.shape?.length ?? 1, view: v.shape !== undefined };
      }
      if (Array.isArray(v)) return { name, kind: 'array', dtype: 'float64', storage: 'Float64Array', rank: 1, view: false };
      // a Python complex: weak, as a JS number is a weak Python float (NEP 50)
      if (isComplexScalar(v)) return { name, kind: 'scalar', dtype: 'complex128', weak: true };
      if (v !== null && ('re' in v || 'im' in v) && !('data' in v)) {
        const o = v as { re?: unknown; im?: unknown };
        fail('BAD_VAR', `var '${name}': a complex scalar is { re: number, im: number }, got re: ${describeValue(o.re)}, im: ${describeValue(o.im)}`, 'for a strong complex64 or complex128 scalar pass a 0-d view: { data: Float64Array.of(re, im), shape: [], dtype: \'complex128\' }');
      }
      break;
  }
  // a Zarr (zarrita) array or a ChunkedArray: stored in chunks, evaluated by evaluateChunked
  const chunked = typeof v === 'object' && v !== null && Array.isArray((v as { chunks?: unknown }).chunks);
  fail('BAD_VAR', `var '${name}' is ${describeValue(v)}`, chunked ? 'it is a chunked (Zarr) array: use evaluateChunked for those' : 'vars must be typed arrays, views, numbers, booleans, bigints or complex { re, im }');
}

/** An array var as a View. Plain number Arrays are copied into a Float64Array (documented). */
export function toArrayValue(name: string, v: unknown): View {
  if (ArrayBuffer.isView(v)) {
    if (v.byteLength === 0 && isDetached(v)) fail('BAD_VAR', `var '${name}': its ArrayBuffer is detached (transferred or freed)`);
    return flatView(v);
  }
  if (isViewLike(v)) {
    if (v.data.byteLength === 0 && isDetached(v.data)) fail('BAD_VAR', `var '${name}': its ArrayBuffer is detached (transferred or freed)`);
    return toView(name, v);
  }
  const a = v as readonly unknown[];
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (typeof x !== 'number') fail('BAD_VAR', `var '${name}': element ${i} is ${describeValue(x)}, not a number`);
    out[i] = x;
  }
  return flatView(out);
}

const SMALL_RANGE: Partial<Record<DType, [number, number]>> = Object.fromEntries(
  DTYPES.filter((d) => isInt(d) && !isBig(d)).map((d) => [d, intRange(d).map(Number) as [number, number]]),
);

/** A scalar var's value as a kernel parameter of `dtype`, with NEP 50's overflow check for ints. */
export function scalarParam(name: string, v: unknown, dtype: DType): number | bigint {
  switch (dtype) {
    case 'float64':
      return Number(v);
    case 'float32':
      return Math.fround(Number(v));
    case 'float16':
      return f16round(Number(v)); // only where float16 exists
    case 'bool':
      return v === true || (typeof v === 'number' && v !== 0) || (typeof v === 'bigint' && v !== 0n) ? 1 : 0;
    default: {
      if (dtype === 'complex64' || dtype === 'complex128') throw new Error(`internal: no ${dtype} scalar parameters (complex values are split into parts)`);
      if (typeof v === 'number' && !isBig(dtype)) {
        // the common case, without bigints: a JS number var meeting an int array
        const [lo, hi] = SMALL_RANGE[dtype]!;
        if (v < lo || v > hi) fail('VALUE', `var '${name}' = ${String(v)} is out of bounds for ${dtype}`, castHint(dtype, BigInt(v)));
        return v;
      }
      const [lo, hi] = intRange(dtype);
      const n = typeof v === 'bigint' ? v : typeof v === 'boolean' ? BigInt(v) : BigInt(v as number);
      if (n < lo || n > hi) fail('VALUE', `var '${name}' = ${String(v)} is out of bounds for ${dtype}`, castHint(dtype, n));
      return isBig(dtype) ? n : Number(n);
    }
  }
}

/** A complex array var: `{ data, shape?, stride?, offset?, dtype: 'complex64' | 'complex128' }`. */
export interface ComplexLike {
  readonly data: ArrayBufferView;
  readonly dtype: ComplexDType;
  readonly shape?: IntList;
  readonly stride?: unknown;
  readonly offset?: unknown;
}

/** A complex scalar var: a weak (Python) complex, `{ re, im }` of two numbers (other keys are ignored). */
export interface ComplexScalar {
  readonly re: number;
  readonly im: number;
}

export function isComplexScalar(v: unknown): v is ComplexScalar {
  return typeof v === 'object' && v !== null && typeof (v as { re?: unknown }).re === 'number' && typeof (v as { im?: unknown }).im === 'number' && !('data' in v);
}

/** A scalar var's value for a kernel parameter: a complex scalar's part when `part` is given. */
export const scalarValue = (v: unknown, part: 're' | 'im' | undefined): unknown => (part ? (v as ComplexScalar)[part] : v);

export function isComplexLike(v: unknown): v is ComplexLike {
  if (typeof v !== 'object' || v === null || ArrayBuffer.isView(v)) return false;
  const d = (v as { dtype?: unknown }).dtype;
  return (d === 'complex64' || d === 'complex128') && ArrayBuffer.isView((v as { data?: unknown }).data);
}

/**
 * A complex var (or out) validated as a View of complex elements: data holds (re, im) pairs, and
 * shape, stride and offset count complex elements (stride and offset as NumPy's, in items).
 */
export function complexView(name: string, v: ComplexLike, code: 'BAD_VAR' | 'BAD_OUT' = 'BAD_VAR'): View {
  const who = code === 'BAD_OUT' ? 'out' : `var '${name}'`;
  const want = v.dtype === 'complex64' ? Float32Array : Float64Array;
  if (!(v.data instanceof want)) fail(code, `${who}: ${v.dtype} data must be a ${want.name} of interleaved (re, im) pairs, got ${describeValue(v.data)}`);
  const n = (v.data as Float64Array).length;
  if (v.shape === undefined && n % 2 !== 0) fail(code, `${who}: ${v.dtype} data holds (re, im) pairs: its length ${n} is odd`);
  // validated as a real view with a last axis of 2: every pair addressed lies inside data
  const shape = v.shape === undefined ? [n / 2] : Array.from(v.shape as ArrayLike<number>);
  const stride = v.stride === undefined ? undefined : Array.isArray(v.stride) || ArrayBuffer.isView(v.stride) ? Array.from(v.stride as ArrayLike<number>) : v.stride;
  // counted in complex elements: checked before doubling (an offset of 0.5 would pass as 1, the im part)
  if (v.offset !== undefined && (typeof v.offset !== 'number' || !Number.isSafeInteger(v.offset) || v.offset < 0)) fail(code, `${who}: offset must be a non-negative integer, got ${String(v.offset)}`);
  if (Array.isArray(stride) && !stride.every((s) => Number.isSafeInteger(s))) fail(code, `${who}: stride [${stride.join(', ')}] must hold integers (in complex elements)`);
  const pairs = toView(name, {
    data: v.data, shape: [...shape, 2],
    stride: stride === undefined ? undefined : Array.isArray(stride) ? [...stride.map((s) => 2 * s), 1] : stride,
    offset: typeof v.offset === 'number' ? 2 * v.offset : v.offset,
  }, code);
  return { data: v.data, shape: pairs.shape.slice(0, -1), stride: pairs.stride.slice(0, -1).map((s) => s / 2), offset: pairs.offset / 2 };
}

/** One plane of a complex View, as a real View (stride and offset doubled; im one further). */
export const planeOf = (v: View, part: 're' | 'im'): View => ({ data: v.data, shape: v.shape, stride: v.stride.map((s) => 2 * s), offset: 2 * v.offset + (part === 'im' ? 1 : 0) });

/** A detached buffer reads as length 0; constructing a view on it throws. Checked only for empty views. */
export function isDetached(v: ArrayBufferView): boolean {
  try {
    new Uint8Array(v.buffer);
    return false;
  } catch {
    return true;
  }
}

/** The typed array behind a var: the array itself, or a view's `data` (undefined for scalars). */
export const dataOf = (v: unknown): ArrayBufferView | undefined =>
  ArrayBuffer.isView(v) ? v : typeof v === 'object' && v !== null && ArrayBuffer.isView((v as { data?: unknown }).data) ? (v as { data: ArrayBufferView }).data : undefined;
