// Chunked sources and sinks: the one small interface evaluateChunked reads and writes (shape, dtype,
// chunk grid, async read/write of one chunk), the chunk grid's arithmetic, and the in-memory adapter.
// Storage formats (Zarr through zarrita) adapt to it in their own files; nothing here does I/O.

import { fail } from '../errors.js';
import type { AbortSignalLike } from '../util/abort.js';
import { DTYPES, dtypeOfArray, type DType } from '../types/dtypes.js';
import { cStrides, sizeOf, toView, type View } from '../types/shapes.js';

/** One chunk's elements in C order (a typed array), or a view of them. */
export type ChunkData = ArrayBufferView | { readonly data: ArrayBufferView; readonly shape: readonly number[]; readonly stride?: readonly number[] };

/**
 * An array stored as a grid of chunks: the one interface evaluateChunked reads and writes. Zarr
 * arrays (zarrita) adapt to it by themselves; any async reader can implement it.
 *
 * @example
 * ```ts
 * // a user's own reader: one file per chunk of 1e6 float64
 * const x: ChunkedArray = {
 *   shape: [n], dtype: 'float64', chunks: [1e6],
 *   read: async ([k]) => new Float64Array((await fs.promises.readFile(`x/${k}.bin`)).buffer),
 * };
 * ```
 */
export interface ChunkedArray {
  readonly shape: readonly number[];
  readonly dtype: DType;
  /** The chunk shape (edge chunks are cut at the array's edge). */
  readonly chunks: readonly number[];
  /**
   * The chunk at grid coordinates `coords`: its elements in C order, either exactly the chunk's
   * extent or the full chunk shape (edge chunks padded, as Zarr stores them). `signal`, when
   * given, is the caller's: a reader that can cancel its I/O should.
   */
  read(coords: readonly number[], options?: { readonly signal?: AbortSignalLike }): Promise<ChunkData>;
  /** For a sink: store the whole chunk at `coords` (its exact extent, C order). */
  write?(coords: readonly number[], data: ArrayBufferView): Promise<void>;
}

export function isChunked(v: unknown): v is ChunkedArray {
  const c = v as Partial<ChunkedArray> | null;
  return typeof c === 'object' && c !== null && Array.isArray(c.shape) && Array.isArray(c.chunks) && typeof c.read === 'function' && typeof c.dtype === 'string';
}

/** Checks a user's ChunkedArray once: shapes, chunk shape and dtype, with errors that name it. */
export function checkChunked(name: string, c: ChunkedArray): void {
  const ints = (a: readonly number[], min: number) => a.every((x) => Number.isSafeInteger(x) && x >= min);
  if (!ints(c.shape, 0)) fail('BAD_VAR', `${name}: shape must be non-negative integers, got [${c.shape.join(', ')}]`);
  if (c.chunks.length !== c.shape.length || !ints(c.chunks, 1)) fail('BAD_VAR', `${name}: chunks must be one positive integer per dimension, got [${c.chunks.join(', ')}] for shape [${c.shape.join(', ')}]`);
  if (!DTYPES.includes(c.dtype)) fail('BAD_VAR', `${name}: dtype must be one of ${DTYPES.join(', ')}, got ${JSON.stringify(c.dtype)}`);
}

/** The chunk grid: how many chunks along each dimension. */
export const gridShape = (shape: readonly number[], chunks: readonly number[]): number[] => shape.map((n, d) => Math.ceil(n / chunks[d]!));

/** Grid coordinates of the chunk with C-order index `k`. */
export function chunkCoords(grid: readonly number[], k: number): number[] {
  const coords = new Array<number>(grid.length);
  for (let d = grid.length - 1; d >= 0; d--) {
    coords[d] = k % grid[d]!;
    k = Math.floor(k / grid[d]!);
  }
  return coords;
}

/** A box of the array: start and size per dimension. */
export interface Region {
  readonly start: readonly number[];
  readonly size: readonly number[];
}

/** The region of the chunk at `coords` (cut at the array's edge). */
export const chunkRegion = (shape: readonly number[], chunks: readonly number[], coords: readonly number[]): Region => ({
  start: coords.map((c, d) => c * chunks[d]!),
  size: coords.map((c, d) => Math.min(chunks[d]!, shape[d]! - c * chunks[d]!)),
});

/** A chunk's data as a View with the chunk's full (possibly padded) extent. */
export function chunkView(name: string, data: ChunkData, extent: readonly number[], dtype: DType, coords: readonly number[] = []): View {
  const where = `var '${name}', chunk [${coords.join(', ')}]`;
  const v = (ArrayBuffer.isView(data) ? { data, shape: extent } : data) as { data: unknown; shape: readonly number[]; stride?: readonly number[] } | null;
  if (typeof v !== 'object' || v === null || !ArrayBuffer.isView(v.data) || dtypeOfArray(v.data) === undefined) {
    fail('BAD_VAR', `${where}: read() must resolve to a typed array fusexpr computes with, or { data, shape, stride? }`);
  }
  if (dtypeOfArray(v.data) !== dtype && !(dtype === 'bool' && v.data instanceof Uint8Array)) {
    fail('BAD_VAR', `${where}: the chunk is a ${v.data.constructor.name} but the array's dtype is ${dtype}`);
  }
  const view = toView(name, v as { data: ArrayBufferView; shape: readonly number[]; stride?: readonly number[] });
  if (view.shape.length !== extent.length || view.shape.some((n, d) => n < extent[d]!)) {
    fail('BAD_VAR', `${where}: the chunk has shape [${view.shape.join(', ')}], smaller than its extent [${extent.join(', ')}]`);
  }
  return view;
}

/**
 * An in-memory array (typed array or view) presented as a ChunkedArray with the given chunk shape:
 * for tests, for mixing with stored arrays, and as the reference for what the adapters must do.
 *
 * @example
 * ```ts
 * const x = chunkedArray(new Float64Array(1e6).fill(2), [1e5]);
 * await evaluateChunked('sum(x*x)', { x }); // 4e6
 * ```
 */
export function chunkedArray(value: ArrayBufferView | { data: ArrayBufferView; shape?: readonly number[]; stride?: readonly number[]; offset?: number; dtype?: DType }, chunks: readonly number[], writable = true): ChunkedArray {
  const view = ArrayBuffer.isView(value) ? { data: value, shape: [(value as unknown as { length: number }).length], stride: [1], offset: 0 } : toView('chunkedArray', value);
  // a view's own dtype first (`{ data: u8, dtype: 'bool' }` is bool); toView checked it fits the data
  const dtype = ((view as { dtype?: DType }).dtype ?? dtypeOfArray(view.data)) as DType | undefined;
  if (!dtype) fail('BAD_VAR', `chunkedArray: ${view.data.constructor.name} is not a typed array fusexpr computes with`);
  if (!(DTYPES as readonly string[]).includes(dtype)) fail('BAD_VAR', `chunkedArray: ${dtype} arrays are not supported here yet`, 'evaluate in memory');
  const arr: ChunkedArray = {
    shape: [...view.shape], dtype, chunks: [...chunks],
    async read(coords) {
      const r = chunkRegion(view.shape, chunks, coords);
      const out = new (view.data.constructor as new (n: number) => ArrayBufferView)(sizeOf(r.size));
      copyBox(view, r.start, r.size, out, cStrides(r.size), 0);
      return out;
    },
    write: writable
      ? async (coords, data) => {
          const r = chunkRegion(view.shape, chunks, coords);
          const src = { data, shape: r.size, stride: cStrides(r.size), offset: 0 };
          const dst = { ...view, offset: view.offset + r.start.reduce((o, s, d) => o + s * view.stride[d]!, 0) };
          copyBox(src, r.size.map(() => 0), r.size, dst.data, dst.stride, dst.offset);
        }
      : undefined,
  };
  checkChunked('chunkedArray', arr);
  return arr;
}

/** Copy the box [start, start + size) of `src` into `dest` at `offset` with `strides`. */
export function copyBox(src: View, start: readonly number[], size: readonly number[], dest: ArrayBufferView, strides: readonly number[], offset: number): void {
  const s = src.data as unknown as ArrayLike<number | bigint>;
  const d = dest as unknown as { [i: number]: number | bigint };
  const rank = size.length;
  if (sizeOf(size) === 0) return;
  const idx = new Array<number>(rank).fill(0);
  const last = rank - 1;
  for (;;) {
    let si = src.offset;
    let di = offset;
    for (let k = 0; k < last; k++) {
      si += (start[k]! + idx[k]!) * src.stride[k]!;
      di += idx[k]! * strides[k]!;
    }
    if (rank === 0) {
      d[di] = s[si]!;
      return;
    }
    const ss = src.stride[last]!;
    const ds = strides[last]!;
    si += start[last]! * ss;
    for (let j = 0; j < size[last]!; j++, si += ss, di += ds) d[di] = s[si]!;
    let k = last - 1;
    while (k >= 0 && ++idx[k]! === size[k]!) idx[k--] = 0;
    if (k < 0) return;
  }
}
