// Regions of operands for one piece of a chunked evaluation: which box of each array a piece needs
// (its output box, grown by halos where roll/shift read neighbours), and assembling that box from
// a ChunkedArray's chunks (through a small cache) or from an in-memory view, wrapping around the
// array for roll. Halos make every interior element of a piece exactly the whole-array answer.

import { fail } from '../errors.js';
import type { Expr } from '../ast/nodes.js';
import { exprChildren } from '../ast/print.js';
import { postOrder } from '../util/postOrder.js';
import { LruCache } from '../util/cache.js';
import type { DType } from '../types/dtypes.js';
import { cStrides, sizeOf, type View } from '../types/shapes.js';
import { allocate } from '../runtime/shared.js';
import type { AbortSignalLike } from '../util/abort.js';
import { chunkRegion, chunkView, copyBox, type ChunkedArray, type Region } from './source.js';

/** Per output axis: how far roll/shift reach (the sum of |amount|), and whether they wrap. */
export interface Halo {
  readonly reach: readonly number[];
  readonly wrap: readonly boolean[];
}

/**
 * The halo of an expression over an output of rank `rank`: every roll/shift contributes |amount|
 * on its axis (nested ones add up). `rankOf` gives a subexpression's rank (to align its axis).
 * roll and shift on one axis cannot share a halo (wrapping vs edges): that is an error.
 */
export function haloOf(ast: Expr, rank: number, rankOf: (e: Expr) => number): Halo {
  const reach = new Array<number>(rank).fill(0);
  const wrap = new Array<boolean>(rank).fill(false);
  const shifted = new Array<boolean>(rank).fill(false);
  postOrder<Expr, void>(ast, exprChildren, (e) => {
    if (e.kind !== 'call' || (e.callee !== 'roll' && e.callee !== 'shift')) return;
    const operandRank = rankOf(e.args[0]!);
    const amount = Math.abs(literalInt(e.args[1]!));
    const axisExpr = e.args[2] ?? e.keywords.find((k) => k.name === 'axis')?.value;
    let axis = axisExpr ? literalInt(axisExpr) : 0;
    if (axis < 0) axis += operandRank;
    const d = axis + (rank - operandRank);
    if (d < 0 || d >= rank) return; // bind reports bad axes
    reach[d] += amount;
    if (e.callee === 'roll') wrap[d] = true;
    else shifted[d] = true;
    if (wrap[d] && shifted[d]) fail('VALUE', `evaluateChunked: roll and shift along the same axis (${d}) are not supported in one expression`, 'evaluate them in two passes, writing the first into a chunked array');
  }, new Map());
  return { reach, wrap };
}

function literalInt(e: Expr): number {
  if (e.kind === 'number') return e.value;
  if (e.kind === 'unary' && e.arg.kind === 'number') return e.op === '-' ? -e.arg.value : e.arg.value;
  return 0; // bind rejects non-literal amounts and axes
}

/** The box a piece reads (its output box grown by the halo), per output axis as index intervals. */
export function grow(region: Region, halo: Halo, shape: readonly number[]): { size: number[]; intervals: { from: number; len: number }[][]; inner: number[] } {
  const size: number[] = [];
  const intervals: { from: number; len: number }[][] = [];
  const inner: number[] = []; // where the output box starts inside the grown box
  region.start.forEach((s, d) => {
    const n = shape[d]!;
    const h = halo.reach[d]!;
    let lo = s - h;
    let hi = s + region.size[d]! + h;
    if (!halo.wrap[d] || h === 0) {
      lo = Math.max(0, lo);
      hi = Math.min(n, hi);
      intervals.push([{ from: lo, len: hi - lo }]);
    } else {
      // periodic: the grown range may run off either end; never longer than the axis twice over
      const parts: { from: number; len: number }[] = [];
      for (let i = lo; i < hi; ) {
        const at = ((i % n) + n) % n;
        const len = Math.min(hi - i, n - at);
        parts.push({ from: at, len });
        i += len;
      }
      intervals.push(parts);
    }
    size.push(hi - lo);
    inner.push(s - lo);
  });
  return { size, intervals, inner };
}

/** Reads chunks of one ChunkedArray, keeping the last few (halos and neighbouring pieces reuse them). */
export class ChunkReader {
  private readonly cache: LruCache<string, Promise<View>>;
  // three chunks: the one a piece reads, the next (prefetched) and a halo neighbour; memory stays a few chunks
  constructor(readonly name: string, readonly array: ChunkedArray, private readonly signal?: AbortSignalLike, keep = 3) {
    this.cache = new LruCache(keep);
  }

  chunk(coords: readonly number[]): Promise<View> {
    const key = coords.join(',');
    let p = this.cache.get(key);
    if (!p) {
      const extent = coords.map((c, d) => Math.min(this.array.chunks[d]!, this.array.shape[d]! - c * this.array.chunks[d]!));
      p = this.array.read(coords, this.signal ? { signal: this.signal } : undefined).then((data) => chunkView(this.name, data, extent, this.array.dtype, coords));
      p.catch(() => undefined); // a failed read is reported where it is awaited
      this.cache.set(key, p);
    }
    return p;
  }

  /** Start reading the chunks a box needs (prefetch for the next piece). */
  touch(box: BoxSpec): void {
    for (const c of chunksOf(this.array, box)) void this.chunk(c.coords);
  }

  /** Drop the chunks of `box` that `next` (the next piece's box) does not read: done with them. */
  release(box: BoxSpec, next: BoxSpec | undefined): void {
    const keep = new Set(next ? chunksOf(this.array, next).map((c) => c.coords.join(',')) : []);
    for (const c of chunksOf(this.array, box)) if (!keep.has(c.coords.join(','))) this.cache.delete(c.coords.join(','));
  }

  /** The box as a contiguous array of `dtype` (shared memory when threads may run on it). */
  async assemble(box: BoxSpec, dtype: DType, shared: boolean): Promise<View> {
    const parts = chunksOf(this.array, box);
    if (parts.length === 1 && (!shared || (await this.chunk(parts[0]!.coords)).data.buffer instanceof SharedArrayBuffer)) {
      // the box is inside one chunk (in shared memory when threads need it): read it in place
      const c = parts[0]!;
      const v = await this.chunk(c.coords);
      const origin = chunkRegion(this.array.shape, this.array.chunks, c.coords).start;
      const view = { data: v.data, shape: [...box.size], stride: v.stride, offset: v.offset + c.from.reduce((o, f, d) => o + (f - origin[d]!) * v.stride[d]!, 0) };
      // a bool array's chunks may come back as plain Uint8Arrays: say bool, or they compute as uint8
      return dtype === 'bool' ? { ...view, dtype } : view;
    }
    const out = allocate(dtype, sizeOf(box.size), shared);
    const strides = cStrides(box.size);
    for (const c of parts) {
      const v = await this.chunk(c.coords);
      const origin = chunkRegion(this.array.shape, this.array.chunks, c.coords).start;
      copyBox(v, c.from.map((f, d) => f - origin[d]!), c.len, out, strides, c.at.reduce((o, a, d) => o + a * strides[d]!, 0));
    }
    return { data: out, shape: box.size, stride: strides, offset: 0 };
  }
}

/** A box of an operand: per operand axis, intervals of source indices, laid out one after another. */
export interface BoxSpec {
  readonly size: readonly number[];
  readonly intervals: readonly (readonly { from: number; len: number }[])[];
}

/** Copy an in-memory view's box into a contiguous (shared) array. */
export function assembleView(v: View, box: BoxSpec, dtype: DType, shared: boolean): View {
  const out = allocate(dtype, sizeOf(box.size), shared);
  const strides = cStrides(box.size);
  for (const piece of pieces(box)) copyBox(v, piece.from, piece.len, out, strides, piece.at.reduce((o, a, d) => o + a * strides[d]!, 0));
  return { data: out, shape: box.size, stride: strides, offset: 0 };
}

/** The cartesian product of each axis' intervals: boxes with their source start and place in the output. */
function pieces(box: BoxSpec): { from: number[]; len: number[]; at: number[] }[] {
  let acc: { from: number[]; len: number[]; at: number[] }[] = [{ from: [], len: [], at: [] }];
  for (const parts of box.intervals) {
    const next: typeof acc = [];
    for (const a of acc) {
      let at = 0;
      for (const p of parts) {
        next.push({ from: [...a.from, p.from], len: [...a.len, p.len], at: [...a.at, at] });
        at += p.len;
      }
    }
    acc = next;
  }
  return acc;
}

/** The pieces of a box cut further at chunk edges: each with its chunk. */
function chunksOf(array: ChunkedArray, box: BoxSpec): { coords: number[]; from: number[]; len: number[]; at: number[] }[] {
  const out: { coords: number[]; from: number[]; len: number[]; at: number[] }[] = [];
  for (const p of pieces(box)) {
    // per axis, split [from, from + len) at multiples of the chunk size
    let acc: { coords: number[]; from: number[]; len: number[]; at: number[] }[] = [{ coords: [], from: [], len: [], at: [] }];
    p.from.forEach((f, d) => {
      const c = array.chunks[d]!;
      const next: typeof acc = [];
      for (let i = f; i < f + p.len[d]!; ) {
        const k = Math.floor(i / c);
        const len = Math.min(f + p.len[d]!, (k + 1) * c) - i;
        for (const a of acc) next.push({ coords: [...a.coords, k], from: [...a.from, i], len: [...a.len, len], at: [...a.at, p.at[d]! + (i - f)] });
        i += len;
      }
      acc = next;
    });
    out.push(...acc);
  }
  return out;
}
