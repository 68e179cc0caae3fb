// Shapes, strides and numpy broadcasting; ndarray-like views ({ data, shape, stride?, offset? }, the
// scijs field names). Strides and offsets are in elements.

import { fail } from '../errors.js';

export interface View {
  readonly data: ArrayBufferView;
  readonly shape: readonly number[];
  readonly stride: readonly number[];
  readonly offset: number;
  /** What the data holds, when the view said so (`dtype: 'bool'` over a Uint8Array). */
  readonly dtype?: string;
}

export const MAX_RANK = 32;

/** A shape or stride as users pass it: an Array (scijs) or a typed array of integers. */
export type IntList = readonly number[] | Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array | Uint32Array | Float32Array | Float64Array;

export interface ViewLike {
  readonly data: ArrayBufferView;
  /** Optional when `dtype` is given: the whole data, 1-D. */
  readonly shape?: IntList;
  readonly stride?: unknown;
  readonly offset?: unknown;
  readonly dtype?: unknown;
}

const isIntList = (x: unknown): x is IntList => Array.isArray(x) || (ArrayBuffer.isView(x) && !(x instanceof DataView) && !(x instanceof BigInt64Array) && !(x instanceof BigUint64Array));

/** Is `v` an ndarray-like view (an object with a typed-array `data` and a `shape`, or a `dtype` saying what the data holds)? */
export function isViewLike(v: unknown): v is ViewLike {
  if (typeof v !== 'object' || v === null || ArrayBuffer.isView(v) || !ArrayBuffer.isView((v as { data?: unknown }).data)) return false;
  const shape = (v as { shape?: unknown }).shape;
  return isIntList(shape) || (shape === undefined && (v as { dtype?: unknown }).dtype !== undefined);
}

export function cStrides(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    s[d] = acc;
    acc *= shape[d]!;
  }
  return s;
}

export const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/**
 * Validate a view-like object into a View: integer shape, strides and offset, at most 2**53 - 1
 * elements, and every element it addresses inside `data`. Errors name the var (BAD_VAR) or out (BAD_OUT).
 */
export function toView(name: string, v: ViewLike, code: 'BAD_VAR' | 'BAD_OUT' = 'BAD_VAR'): View {
  const who = code === 'BAD_OUT' ? 'out' : `var '${name}'`;
  const bad = (reason: string, hint?: string): never => fail(code, `${who}: ${reason}`, hint);
  const shape = v.shape === undefined ? [(v.data as unknown as { length: number }).length] : integers(v.shape, 'shape', bad);
  if (shape.length > MAX_RANK) bad(`rank ${shape.length} is above the limit of ${MAX_RANK}`);
  if (shape.some((n) => n < 0)) bad(`shape [${shape.join(', ')}] must hold non-negative integers`);
  const stride = v.stride === undefined ? cStrides(shape) : integers(v.stride, 'stride', bad);
  if (stride.length !== shape.length) bad(`stride [${stride.join(', ')}] does not fit shape [${shape.join(', ')}]`);
  const offset = v.offset ?? 0;
  if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0) bad(`offset must be a non-negative integer, got ${String(offset)}`);
  const size = sizeOf(shape);
  if (!Number.isSafeInteger(size)) fail('LIMIT', `${who}: shape [${shape.join(', ')}] has more than 2**53 - 1 elements`);
  const length = (v.data as unknown as { length: number }).length;
  if (size > 0) {
    // the lowest and highest element addressed; a step beyond the safe integers is outside any data
    let lo = offset as number;
    let hi = offset as number;
    for (let d = 0; d < shape.length; d++) {
      const span = (shape[d]! - 1) * stride[d]!;
      if (span < 0) lo += span;
      else hi += span;
    }
    if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi) || lo < 0 || hi >= length) {
      bad(`shape [${shape.join(', ')}], stride [${stride.join(', ')}] and offset ${offset} address elements outside its data (length ${length})`);
    }
  }
  const view: View = { data: v.data, shape, stride, offset: offset as number };
  return v.dtype === undefined ? view : { ...view, dtype: v.dtype as string };
}

/** A shape or stride as a fresh Array of safe integers; anything else is an error naming it. */
function integers(x: unknown, what: string, bad: (reason: string, hint?: string) => never): number[] {
  if (!isIntList(x)) return bad(`${what} must be an Array or a typed array of integers, got ${describe(x)}`);
  const out = Array.from(x as ArrayLike<number>);
  if (!out.every((n) => Number.isSafeInteger(n))) bad(`${what} [${out.join(', ')}] must hold integers (of magnitude below 2**53)`);
  return out;
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (typeof x !== 'object') return typeof x;
  return ArrayBuffer.isView(x) ? x.constructor.name : `an object (${(x as object).constructor?.name ?? 'Object'})`;
}

/** Views larger than this are checked for self-overlap by the sufficient rule alone (exact marking costs a byte per element). */
const EXACT_OVERLAP_CHECK = 1 << 24;

/**
 * An out view must write each element once: with a stride 0 on an axis of size > 1, or rows that overlap
 * each other, numpy's result depends on the order of writes; fusexpr refuses (BAD_OUT). The quick rule:
 * with axes of size > 1 sorted by |stride|, each stride exceeds the reach of the smaller ones. Layouts
 * it cannot clear (interleaved axes) are checked exactly when small, else refused as possibly overlapping.
 */
export function assertNoSelfOverlap(v: View): void {
  const axes = v.shape.map((n, d) => ({ d, n, s: Math.abs(v.stride[d]!) })).filter((a) => a.n > 1).sort((a, b) => a.s - b.s);
  const where = `out: shape [${v.shape.join(', ')}] with stride [${v.stride.join(', ')}]`;
  const hint = "numpy's result would depend on the order of writes; write into a view that addresses each element once";
  const zero = axes.find((a) => a.s === 0);
  if (zero) fail('BAD_OUT', `${where} writes elements more than once (stride 0 on axis ${zero.d} of size ${zero.n})`, hint);
  let reach = 0; // the farthest address the axes seen so far can step to
  let nested = true;
  for (const a of axes) {
    if (a.s <= reach) nested = false;
    reach += (a.n - 1) * a.s;
  }
  if (nested) return;
  const size = sizeOf(v.shape);
  const extent = reach + 1; // the addresses span [0, reach] after making strides positive
  if (size > extent) fail('BAD_OUT', `${where} writes elements more than once (${size} elements in ${extent} places)`, hint);
  if (extent > EXACT_OVERLAP_CHECK) fail('BAD_OUT', `${where} may write elements more than once (its axes interleave)`, hint);
  const seen = new Uint8Array(extent);
  const index = new Array<number>(axes.length).fill(0);
  for (let k = 0, at = 0; k < size; k++) {
    if (seen[at]) fail('BAD_OUT', `${where} writes elements more than once`, hint);
    seen[at] = 1;
    for (let j = 0; j < axes.length; j++) {
      // odometer over the axes: step axis j, or wind it back and carry
      if (++index[j]! < axes[j]!.n) {
        at += axes[j]!.s;
        break;
      }
      at -= (axes[j]!.n - 1) * axes[j]!.s;
      index[j] = 0;
    }
  }
}

export function flatView(data: ArrayBufferView): View {
  const n = (data as unknown as { length: number }).length;
  return { data, shape: [n], stride: [1], offset: 0 };
}

/** numpy broadcasting of several shapes; the error names the shapes and whose they are. */
export function broadcastShapes(shapes: readonly (readonly number[])[], names: readonly string[]): number[] {
  const rank = Math.max(0, ...shapes.map((s) => s.length));
  const out = new Array<number>(rank).fill(1);
  const from = new Array<number>(rank).fill(-1);
  shapes.forEach((s, k) => {
    for (let i = 0; i < s.length; i++) {
      const d = rank - s.length + i;
      const n = s[i]!;
      if (n === out[d]) continue;
      if (n === 1) continue;
      if (out[d] === 1) {
        out[d] = n;
        from[d] = k;
        continue;
      }
      const other = from[d]!;
      fail('SHAPE', `shapes [${shapes[other]!.join(', ')}] ('${names[other]}') and [${s.join(', ')}] ('${names[k]}') cannot be broadcast together`, 'dimensions must be equal or 1, aligned from the right');
    }
  });
  return out;
}

/** A view's strides over a broadcast result shape: 0 where the view is stretched (missing or size-1). */
export function broadcastStrides(v: View, shape: readonly number[]): number[] {
  const rank = shape.length;
  const out = new Array<number>(rank).fill(0);
  for (let i = 0; i < v.shape.length; i++) {
    const d = rank - v.shape.length + i;
    out[d] = v.shape[i] === 1 && shape[d] !== 1 ? 0 : v.stride[i]!;
  }
  return out;
}

/** Whether a view over `shape` (after broadcasting) is C-contiguous: then data[offset + i] is element i. */
export function isContiguousOver(strides: readonly number[], shape: readonly number[]): boolean {
  let expect = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    if (shape[d] !== 1 && strides[d] !== expect) return false;
    expect *= shape[d]!;
  }
  return true;
}

/** A reduction's result shape: the kept axes (and the reduced ones as 1s with keepdims). */
export const reducedShape = (loop: readonly number[], axes: readonly number[] | null, keepdims: boolean): number[] =>
  axes === null ? [] : keepdims ? loop.map((x, d) => (axes.includes(d) ? 1 : x)) : loop.filter((_, d) => !axes.includes(d));

/** The element offsets of an index space (C order) with these strides. */
export function elementOffsets(shape: readonly number[], strides: readonly number[]): Float64Array {
  const out = new Float64Array(sizeOf(shape));
  const idx = new Array<number>(shape.length).fill(0);
  let off = 0;
  for (let i = 0; i < out.length; i++) {
    out[i] = off;
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++idx[d]! < shape[d]!) {
        off += strides[d]!;
        break;
      }
      off -= strides[d]! * (shape[d]! - 1);
      idx[d] = 0;
    }
  }
  return out;
}
