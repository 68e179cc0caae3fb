// Layouts for strided kernels: where each array operand's elements live for an output shape (offset,
// strides, broadcasting as stride 0), and the roll/shift index transforms of stencils. Generated
// strided kernels walk the output row by row; `rowSegments` splits each row where a rolled operand
// wraps or a shifted one enters or leaves its bounds, so the inner loop has no modulo and no bounds
// test. Layouts are plain data (they travel to workers); scratch is per call.

import { cStrides } from '../types/shapes.js';

/** An index transform on one axis of the output: roll (periodic) or shift (out of range reads the fill). */
export interface Transform {
  readonly axis: number;
  readonly kind: 'roll' | 'shift';
  readonly amount: number;
}

export interface LeafLayout {
  readonly offset: number;
  /** Per output dim, in elements; 0 where broadcast. */
  readonly strides: readonly number[];
  readonly transforms: readonly Transform[];
}

export interface Layout {
  readonly shape: readonly number[];
  readonly leaves: readonly LeafLayout[];
  readonly outOffset: number;
  readonly outStrides: readonly number[];
}

// Offsets are Int32 (typed arrays here are < 2**31 elements) so the kernels' index math stays in small ints.
export interface RowScratch {
  readonly segLen: Int32Array;
  readonly outAt: Int32Array;
  /** segment × leaf: element offset at the segment start */
  readonly at: Int32Array;
  /** segment × leaf: 1 when the leaf is in bounds (shift) over the whole segment */
  readonly inb: Uint8Array;
  /** per leaf: stride along the last axis */
  readonly step: Int32Array;
  outStep: number;
  readonly idx: Float64Array;
  readonly cuts: number[];
  /** per leaf: offset of the current row (outer indices), -1 when a shift leaves the bounds */
  readonly base: Float64Array;
  /** the segment template of a whole row, built on first use */
  fullRow?: RowTemplate;
}

// One scratch per layout per thread: kernel calls of one thread never overlap, and each worker gets
// its own copy of the layout (structured clone), so blocks of a call reuse it without allocating.
const scratchCache = new WeakMap<Layout, RowScratch>();

export function rowScratch(L: Layout): RowScratch {
  let S = scratchCache.get(L);
  if (!S) {
    S = newScratch(L);
    scratchCache.set(L, S);
  }
  return S;
}

function newScratch(L: Layout): RowScratch {
  const nl = L.leaves.length;
  const last0 = L.shape.length - 1;
  const maxSeg = 2 + L.leaves.reduce((a, l) => {
    const onLast = l.transforms.filter((t) => t.axis === last0).length;
    return a + (onLast > 1 ? (L.shape[last0] ?? 1) : 2 * onLast);
  }, 0);
  const last = L.shape.length - 1;
  const step = new Int32Array(nl);
  L.leaves.forEach((l, k) => (step[k] = last >= 0 ? l.strides[last]! : 0));
  return {
    segLen: new Int32Array(maxSeg), outAt: new Int32Array(maxSeg), at: new Int32Array(maxSeg * nl), inb: new Uint8Array(maxSeg * nl),
    step, outStep: last >= 0 ? L.outStrides[last]! : 0, idx: new Float64Array(Math.max(1, L.shape.length)), cuts: [], base: new Float64Array(nl),
  };
}

/** Source index along `axis` for output index i, or -1 when a shift leaves the bounds. */
function source(tfs: readonly Transform[], axis: number, i: number, n: number): number {
  let j = i;
  for (const t of tfs) {
    if (t.axis !== axis) continue;
    if (t.kind === 'roll') {
      j -= t.amount % n;
      if (j < 0) j += n;
      else if (j >= n) j -= n;
    } else {
      j -= t.amount;
      if (j < 0 || j >= n) return -1;
    }
  }
  return j;
}

/**
 * Segments of the row holding flat output index `i`, up to `end` (exclusive) or the row's end.
 * Returns the number of segments; their lengths, output offsets and per-leaf offsets/bounds are in S.
 */
export function rowSegments(L: Layout, S: RowScratch, i: number, end: number): number {
  const shape = L.shape;
  const rank = shape.length;
  const nl = L.leaves.length;
  if (rank === 0) {
    S.segLen[0] = 1;
    S.outAt[0] = L.outOffset;
    for (let k = 0; k < nl; k++) {
      S.at[k] = L.leaves[k]!.offset;
      S.inb[k] = 1;
    }
    return 1;
  }
  // multi-index of i (C order)
  let rest = i;
  for (let d = rank - 1; d >= 0; d--) {
    const n = shape[d]!;
    S.idx[d] = rest % n;
    rest = Math.floor(rest / n);
  }
  const last = rank - 1;
  const n = shape[last]!;
  const j0 = S.idx[last]!;
  const j1 = Math.min(n, j0 + (end - i));
  let outBase = L.outOffset;
  for (let d = 0; d < last; d++) outBase += L.outStrides[d]! * S.idx[d]!;
  // each leaf's offset from the outer (row) indices, once per row; -1 marks out of bounds
  for (let k = 0; k < nl; k++) {
    const leaf = L.leaves[k]!;
    let base = leaf.offset;
    for (let d = 0; d < last && base >= 0; d++) {
      const src = leaf.transforms.length ? source(leaf.transforms, d, S.idx[d]!, shape[d]!) : S.idx[d]!;
      base = src < 0 ? -1 : base + leaf.strides[d]! * src;
    }
    S.base[k] = base;
  }
  // whole rows (the common case) share one segment template: only the row bases differ
  if (j0 === 0 && j1 === n) {
    const t = S.fullRow ?? (S.fullRow = rowTemplate(L, n, last));
    for (let g = 0; g < t.count; g++) {
      S.segLen[g] = t.segLen[g]!;
      S.outAt[g] = outBase + t.outRel[g]!;
      for (let k = 0; k < nl; k++) {
        const base = S.base[k]!;
        const inb = base >= 0 && t.inb[g * nl + k] === 1;
        S.at[g * nl + k] = inb ? base + t.rel[g * nl + k]! : 0;
        S.inb[g * nl + k] = inb ? 1 : 0;
      }
    }
    return t.count;
  }
  const cuts = cutsOf(L, S.cuts, j0, j1, n, last);
  let g = 0;
  let prev = j0;
  for (const c of cuts) {
    if (c <= prev || c > j1) continue;
    writeSegment(L, S, g++, prev, c, outBase);
    prev = c;
  }
  return g;
}

/** Cut points along the last axis in [j0, j1] where some leaf wraps or crosses its bounds, sorted. */
function cutsOf(L: Layout, cuts: number[], j0: number, j1: number, n: number, last: number): number[] {
  cuts.length = 0;
  cuts.push(j0, j1);
  for (const leaf of L.leaves) {
    let count = 0;
    for (const t of leaf.transforms) if (t.axis === last) count++;
    if (count === 1) {
      const t = leaf.transforms.find((x) => x.axis === last)!;
      if (t.kind === 'roll') cuts.push(((t.amount % n) + n) % n);
      else cuts.push(t.amount, n + t.amount);
    } else if (count > 1) {
      // composed transforms on one axis (rare): find where the source index jumps, by scanning
      let before = source(leaf.transforms, last, j0, n);
      for (let j = j0 + 1; j < j1; j++) {
        const src = source(leaf.transforms, last, j, n);
        const jump = src < 0 || before < 0 ? src < 0 !== before < 0 : src !== before + 1;
        if (jump) cuts.push(j);
        before = src;
      }
    }
  }
  return cuts.sort((a, b) => a - b);
}

interface RowTemplate {
  count: number;
  segLen: Int32Array;
  outRel: Int32Array;
  /** segment × leaf: offset along the row relative to the row base, and in-bounds along the row */
  rel: Int32Array;
  inb: Uint8Array;
}

function rowTemplate(L: Layout, n: number, last: number): RowTemplate {
  const nl = L.leaves.length;
  const cuts = cutsOf(L, [], 0, n, n, last);
  const segs: [number, number][] = [];
  let prev = 0;
  for (const c of cuts) {
    if (c <= prev || c > n) continue;
    segs.push([prev, c]);
    prev = c;
  }
  const t: RowTemplate = { count: segs.length, segLen: new Int32Array(segs.length), outRel: new Int32Array(segs.length), rel: new Int32Array(segs.length * nl), inb: new Uint8Array(segs.length * nl) };
  segs.forEach(([a, b], g) => {
    t.segLen[g] = b - a;
    t.outRel[g] = L.outStrides[last]! * a;
    L.leaves.forEach((leaf, k) => {
      const src = leaf.transforms.length ? source(leaf.transforms, last, a, n) : a;
      t.rel[g * nl + k] = src < 0 ? 0 : leaf.strides[last]! * src;
      t.inb[g * nl + k] = src < 0 ? 0 : 1;
    });
  });
  return t;
}

function writeSegment(L: Layout, S: RowScratch, g: number, a: number, b: number, outBase: number): void {
  const last = L.shape.length - 1;
  const n = L.shape[last]!;
  const nl = L.leaves.length;
  S.segLen[g] = b - a;
  S.outAt[g] = outBase + L.outStrides[last]! * a;
  for (let k = 0; k < nl; k++) {
    const leaf = L.leaves[k]!;
    const base = S.base[k]!;
    const src = base < 0 ? -1 : leaf.transforms.length ? source(leaf.transforms, last, a, n) : a;
    S.at[g * nl + k] = src < 0 ? 0 : base + leaf.strides[last]! * src;
    S.inb[g * nl + k] = src < 0 ? 0 : 1;
  }
}

/** Copy a leaf (with its broadcasting and transforms; out of bounds reads 0) into a C-contiguous array of `shape`. */
export function gather(data: ArrayLike<number | bigint>, leaf: LeafLayout, shape: readonly number[], dest: { [i: number]: number | bigint }, zero: number | bigint): void {
  const L: Layout = { shape, leaves: [leaf], outOffset: 0, outStrides: cStrides(shape) };
  const S = rowScratch(L);
  const n = shape.reduce((a, b) => a * b, 1);
  const step = S.step[0]!;
  for (let i = 0; i < n; ) {
    const g = rowSegments(L, S, i, n);
    for (let q = 0; q < g; q++) {
      const len = S.segLen[q]!;
      let o = S.at[q]!;
      let w = S.outAt[q]!;
      const inb = S.inb[q]!;
      for (let j = 0; j < len; j++, o += step, w++) dest[w] = inb ? data[o]! : zero;
      i += len;
    }
  }
}

/** Copy a C-contiguous array of `shape` into a strided destination. */
export function scatter(src: ArrayLike<number | bigint>, shape: readonly number[], dest: { [i: number]: number | bigint }, offset: number, strides: readonly number[]): void {
  const L: Layout = { shape, leaves: [], outOffset: offset, outStrides: strides };
  const S = rowScratch(L);
  const n = shape.reduce((a, b) => a * b, 1);
  for (let i = 0; i < n; ) {
    const g = rowSegments(L, S, i, n);
    for (let q = 0; q < g; q++) {
      const len = S.segLen[q]!;
      let w = S.outAt[q]!;
      for (let j = 0; j < len; j++, w += S.outStep) dest[w] = src[i + j]!;
      i += len;
    }
  }
}
