// Shapes, strides and numpy broadcasting; ndarray-like views ({ data, shape, stride?, offset? }, the
// scijs field names). Strides and offsets are in elements.

import { fail } from '../errors.js';

export interface View {
  readonly data: ArrayBufferView;
  readonly shape: readonly number[];
  readonly stride: readonly number[];
  readonly offset: number;
}

export const MAX_RANK = 32;

/** Is `v` an ndarray-like view (an object with a typed-array `data` and a `shape`)? */
export function isViewLike(v: unknown): v is { data: ArrayBufferView; shape: readonly number[]; stride?: readonly number[]; offset?: number } {
  return typeof v === 'object' && v !== null && !ArrayBuffer.isView(v) && ArrayBuffer.isView((v as { data?: unknown }).data) && Array.isArray((v as { shape?: unknown }).shape);
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

/** Validate a view-like object into a View; every element it addresses must lie inside `data`. */
export function toView(name: string, v: { data: ArrayBufferView; shape: readonly number[]; stride?: readonly number[]; offset?: number }): View {
  const shape = v.shape;
  if (shape.length > MAX_RANK) fail('BAD_VAR', `var '${name}': rank ${shape.length} is above the limit of ${MAX_RANK}`);
  for (const n of shape) if (!Number.isSafeInteger(n) || n < 0) fail('BAD_VAR', `var '${name}': shape [${shape.join(', ')}] must hold non-negative integers`);
  const stride = v.stride ?? cStrides(shape);
  if (stride.length !== shape.length || stride.some((s) => !Number.isSafeInteger(s))) fail('BAD_VAR', `var '${name}': stride [${stride.join(', ')}] does not fit shape [${shape.join(', ')}]`);
  const offset = v.offset ?? 0;
  if (!Number.isSafeInteger(offset) || offset < 0) fail('BAD_VAR', `var '${name}': offset must be a non-negative integer, got ${String(offset)}`);
  const length = (v.data as unknown as { length: number }).length;
  if (sizeOf(shape) > 0) {
    let lo = offset;
    let hi = offset;
    shape.forEach((n, d) => {
      const span = (n - 1) * stride[d]!;
      if (span < 0) lo += span;
      else hi += span;
    });
    if (lo < 0 || hi >= length) fail('BAD_VAR', `var '${name}': shape [${shape.join(', ')}], stride [${stride.join(', ')}] and offset ${offset} address elements outside its data (length ${length})`);
  }
  return { data: v.data, shape: [...shape], stride: [...stride], offset };
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
