// Zarr arrays (v2 and v3, any codec zarrita supports) as ChunkedArrays. Duck-typed on zarrita's
// `Array` (shape, chunks, dtype, getChunk), so fusexpr loads zarrita only to write chunks.

import { fail } from '../errors.js';
import { asBool, type DType } from '../types/dtypes.js';
import { chunkRegion, type ChunkedArray } from './source.js';

/** The parts of a zarrita `Array` fusexpr uses (zarrita's own `Array` class has them). */
export interface ZarrArrayLike {
  readonly kind: 'array';
  readonly shape: number[];
  readonly chunks: number[];
  readonly dtype: string;
  /** The decoded chunk at grid coordinates `coords` (zarrita pads edge chunks to the chunk shape). */
  getChunk(coords: number[], options?: { signal?: unknown }): Promise<{ data: unknown; shape: number[]; stride: number[] }>;
}

export function isZarrArray(v: unknown): v is ZarrArrayLike {
  const z = v as Partial<ZarrArrayLike> | null;
  return typeof z === 'object' && z !== null && z.kind === 'array' && typeof z.getChunk === 'function' && Array.isArray(z.shape) && Array.isArray(z.chunks);
}

/** Zarr data types → the dtype fusexpr computes them in (as for the typed arrays zarrita returns). */
const DTYPE: Record<string, DType> = {
  float64: 'float64', float32: 'float32', int64: 'int64', int32: 'int32', bool: 'bool',
  int8: 'int8', int16: 'int16', uint8: 'uint8', uint16: 'uint16', uint32: 'uint32', uint64: 'uint64',
};

/**
 * A zarrita array as a ChunkedArray (a sink too when its store is writable). evaluateChunked does
 * this by itself for zarrita arrays in vars and out.
 *
 * @example
 * ```ts
 * const x = await zarr.open(root.resolve('x'), { kind: 'array' });
 * const cx = fromZarr(x); // cx.shape, cx.chunks, await cx.read([0])
 * ```
 */
export function fromZarr(arr: ZarrArrayLike, name = 'zarr array'): ChunkedArray {
  const dtype = DTYPE[arr.dtype];
  if (!dtype) fail('BAD_VAR', `${name}: Zarr data type ${arr.dtype} is not supported (supported: ${Object.keys(DTYPE).join(', ')})`);
  const isBool = arr.dtype === 'bool';
  return {
    shape: arr.shape, dtype, chunks: arr.chunks,
    async read(coords, options) {
      // zarrita hands the signal to its store (a FetchStore cancels the request)
      const c = await arr.getChunk([...coords], options?.signal ? { signal: options.signal } : undefined);
      // zarrita's BoolArray wraps a Uint8Array of 0/1: read those bytes as fusexpr's bool
      const data = isBool ? asBool(new Uint8Array((c.data as { buffer: ArrayBuffer }).buffer)) : (c.data as ArrayBufferView);
      return { data, shape: c.shape, stride: c.stride };
    },
    async write(coords, data) {
      const zarr = await import('zarrita');
      const r = chunkRegion(arr.shape, arr.chunks, coords);
      const selection = r.start.map((s, d) => zarr.slice(s, s + r.size[d]!));
      const stride = r.size.map((_, d) => r.size.slice(d + 1).reduce((a, b) => a * b, 1));
      const value = isBool ? new (zarr.BoolArray as unknown as new (b: ArrayBuffer) => unknown)((data as Uint8Array).slice().buffer) : data;
      await zarr.set(arr as never, selection, { data: value, shape: [...r.size], stride } as never);
    },
  };
}
