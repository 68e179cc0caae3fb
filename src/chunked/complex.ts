// In-memory values in evaluateChunked's pieces: a var's box assembled, a stencil piece's inner box, a
// result's in-memory target (complex, or a scratch when out overlaps a var). Complex ones move as real views with a trailing axis of 2 (their (re, im)
// pairs), so the real box copies (regions.ts, source.ts) carry them unchanged. Computes nothing.

import { fail } from '../errors.js';
import { complexView, dataOf, isComplexLike, type ComplexLike } from '../runtime/vars.js';
import { dtypeOfArray, partOf, type ComplexDType, type DType } from '../types/dtypes.js';
import { asView } from './helpers.js';
import { cStrides, sizeOf, type View } from '../types/shapes.js';
import { allocate, bytesOverlap } from '../runtime/shared.js';
import { copyBox } from './source.js';
import { assembleView, type BoxSpec } from './regions.js';

/** A complex array of evaluate's result form: interleaved data, shape in complex elements. */
export interface ComplexArray {
  readonly data: Float32Array | Float64Array;
  readonly shape: number[];
  readonly dtype: ComplexDType;
}

/** A complex View (counted in complex elements) as the real View of its pairs: shape [...shape, 2]. */
const pairsOf = (v: View): View => ({ data: v.data, shape: [...v.shape, 2], stride: [...v.stride.map((s) => 2 * s), 1], offset: 2 * v.offset });

/** A C-contiguous complex array of `shape` as the real View of its pairs. */
const contiguousPairs = (data: ArrayBufferView, shape: readonly number[]): View => ({ data, shape: [...shape, 2], stride: cStrides([...shape, 2]), offset: 0 });

/** An in-memory complex var's box, assembled contiguous: a complex var of the box's shape. */
export function assembleComplex(name: string, v: ComplexLike, box: BoxSpec, shared: boolean): ComplexArray {
  const pairs = assembleView(pairsOf(complexView(name, v)), { size: [...box.size, 2], intervals: [...box.intervals, [{ from: 0, len: 2 }]] }, partOf(v.dtype), shared);
  return { data: pairs.data as Float64Array, shape: [...box.size], dtype: v.dtype };
}

/** An in-memory var's box, assembled contiguous in its own dtype (`{ data: u8, dtype: 'bool' }` is bool, not uint8; complex stays complex). */
export function assembleInMemory(name: string, v: unknown, box: BoxSpec, shared: boolean): View | ComplexArray {
  if (isComplexLike(v)) return assembleComplex(name, v, box, shared);
  const mem = asView(name, v);
  return assembleView(mem, box, (mem.dtype as DType | undefined) ?? dtypeOfArray(mem.data)!, shared);
}

/** Where a complex result goes: `out` (a complex view, checked) or a new array; a View in complex elements. */
export function complexTarget(dtype: ComplexDType, shape: readonly number[], out: unknown): { view: View; array: ComplexArray } {
  if (out !== undefined) {
    if (!isComplexLike(out) || out.dtype !== dtype) fail('BAD_OUT', `a ${dtype} result needs a ${dtype} out: { data: ${dtype === 'complex64' ? 'Float32Array' : 'Float64Array'}, shape?, dtype: '${dtype}' }`);
    return { view: complexView('out', out, 'BAD_OUT'), array: out as ComplexArray };
  }
  const data = allocate(partOf(dtype), 2 * sizeOf(shape)) as Float64Array;
  return { view: { data, shape: [...shape], stride: cStrides(shape), offset: 0 }, array: { data, shape: [...shape], dtype } };
}

/** Copy the box [start, start + size) of a C-contiguous complex array of `shape` into `target` (complex elements) at `at`. */
export function copyComplex(data: ArrayBufferView, shape: readonly number[], start: readonly number[], size: readonly number[], target: View, at: readonly number[]): void {
  const t = pairsOf(target);
  copyBox(contiguousPairs(data, shape), [...start, 0], [...size, 2], t.data, t.stride, t.offset + at.reduce((o, s, d) => o + s * t.stride[d]!, 0));
}

/** A piece's inner box out of the result of its grown box (a stencil's halo dropped), complex or not. */
export function innerBox(result: ArrayBufferView | View | ComplexArray, grownSize: readonly number[], inner: readonly number[], size: readonly number[], shared: boolean): unknown {
  if (isComplexLike(result)) {
    const r = result as ComplexArray;
    const data = allocate(partOf(r.dtype), 2 * sizeOf(size), shared);
    copyComplex(r.data, grownSize, inner, size, { data, shape: [...size], stride: cStrides(size), offset: 0 }, size.map(() => 0));
    return { data, shape: [...size], dtype: r.dtype };
  }
  const data = ArrayBuffer.isView(result) ? result : (result as View).data;
  const out = allocate(dtypeOfArray(data)!, sizeOf(size), shared);
  copyBox({ data, shape: grownSize, stride: cStrides(grownSize), offset: 0 }, inner, size, out, cStrides(size), 0);
  return size.length > 1 ? { data: out, shape: [...size] } : out;
}

/**
 * `target` itself, or a C-contiguous scratch of its shape when its bytes overlap an in-memory var:
 * pieces written early would be read by later ones (a stencil, a reversed or shifted view of the
 * same memory). `finish` copies the scratch into target after the last piece.
 */
export function unaliased(target: View, complex: boolean, values: Readonly<Record<string, unknown>>): { view: View; finish(): void } {
  if (!Object.values(values).some((v) => { const d = dataOf(v); return d !== undefined && bytesOverlap(d, target.data); })) return { view: target, finish: () => undefined };
  const data = new (target.data.constructor as new (n: number) => ArrayBufferView)(sizeOf(target.shape) * (complex ? 2 : 1));
  const view = { data, shape: [...target.shape], stride: cStrides(target.shape), offset: 0 };
  const zeros = target.shape.map(() => 0);
  return {
    view,
    finish: () => (complex ? copyComplex(data, target.shape, zeros, target.shape, target, zeros) : copyBox(view, zeros, target.shape, target.data, target.stride, target.offset)),
  };
}
