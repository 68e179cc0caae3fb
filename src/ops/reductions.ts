// THE reduction state, one per (reduction, operand dtype): identity, per-block step, merge of block
// partials, finalize. Every driver and backend reduces through it (JIT kernels emit `stepCode`, the
// closures backend and axis reductions call `reduceBlock`, the runtime merges partials in block
// order), so a result never depends on the schedule, the thread count or the backend.

import { f16round } from './scalar.js';
import { intRange, isBig, isFloat, isUnsigned, type DType } from '../types/dtypes.js';
import type { ReductionName } from './registry.js';
import { FusexprError } from '../errors.js';
import { isLeafC, splitC, pairwiseC32, pairwiseC64 } from './pairwiseComplex.js';

type Value = any; // number | bigint, as in the registry
type Partial = number | bigint;

/** How one block of elements becomes a partial. */
export type BlockStep =
  /** A running accumulator: `acc = step(acc, v)`; any/all may stop early at `stopAt`. */
  | { readonly kind: 'fold'; readonly init: Partial; readonly stepCode: (v: string) => string; readonly step: (acc: Value, v: Value) => Value; readonly stopAt?: number }
  /**
   * NumPy's pairwise summation (numpy/_core/src/umath/loops_utils.h): the block's values are
   * collected (converted to float by `convert`) and summed pairwise, in float32 when `float32`.
   */
  | { readonly kind: 'pairwise'; readonly float32: boolean; readonly convert: boolean; readonly complexPart?: boolean };

/**
 * How a reduction's elements are cut into blocks. 'uniform': blocks of blockSize (any grouping
 * gives the same answer). 'tree': NumPy's pairwise recursion, cut at subtrees of at most blockSize
 * (or 128) elements and merged up the same tree, so a contiguous sum is bit-identical to np.sum at
 * any length, block size and thread count. 'whole': one sequential block (a float product
 * overflows or underflows differently when grouped). 'buffered': NumPy's 8192-element buffers,
 * each summed pairwise, added in order (a mean of ints, which NumPy casts buffer by buffer).
 */
export type Blocking = 'uniform' | 'tree' | 'whole' | 'buffered' | 'exact' | 'ctree';

/**
 * 'exact' blocks (integer sums in float64) hold at most this many elements: values below 2**32 in
 * magnitude then sum to below 2**53, so every block's float sum is exact.
 */
export const EXACT_BLOCK = 2 ** 21;

/**
 * NumPy's buffer for reductions that cast (mean of ints accumulates in float64): it sums each
 * buffer of 8192 elements pairwise and adds the buffers in order (numpy/_core/src/umath/reduction.c).
 */
export const NUMPY_BUFFER = 8192;

export interface ReductionState {
  readonly op: ReductionName;
  /** dtype of the values reduced. */
  readonly operand: DType;
  readonly block: BlockStep;
  readonly blocking: Blocking;
  /** Partials are bigints (int64 sums, integer products). */
  readonly bigPartials: boolean;
  /** One block's partial, from values v[off … off+len) (the function twin of the emitted block loop). */
  reduceBlock(v: ArrayLike<Value>, off: number, len: number): Partial;
  /** Block partials in block order → the total; `n` and `blockSize` as given to blockStarts. */
  merge(partials: ArrayLike<Partial>, count: number, n: number, blockSize: number): Partial;
  /**
   * Partials of consecutive pieces (chunks of a chunked array), in order → one partial: pairwise
   * over the pieces for float sums, in order otherwise. Deterministic, whatever the I/O timing.
   */
  mergePieces(partials: ArrayLike<Partial>, count: number): Partial;
  /** The total over n elements → the result value (raises VALUE for min/max of nothing). */
  finalize(total: Partial, n: number): Partial;
}

const fround = Math.fround;

/** NumPy's pairwise sum of a[off … off+n) in float64 (exactly its split points and unrolling). */
export function pairwise64(a: ArrayLike<number>, off: number, n: number): number {
  if (n < 8) {
    let res = -0; // numpy's identity is added by the caller; -0 keeps x + (-0) = x for every x
    for (let i = 0; i < n; i++) res += a[off + i]!;
    return res;
  }
  if (n <= 128) {
    let r0 = a[off]!, r1 = a[off + 1]!, r2 = a[off + 2]!, r3 = a[off + 3]!, r4 = a[off + 4]!, r5 = a[off + 5]!, r6 = a[off + 6]!, r7 = a[off + 7]!;
    let i = 8;
    for (const m = n - (n % 8); i < m; i += 8) {
      const o = off + i;
      r0 += a[o]!; r1 += a[o + 1]!; r2 += a[o + 2]!; r3 += a[o + 3]!; r4 += a[o + 4]!; r5 += a[o + 5]!; r6 += a[o + 6]!; r7 += a[o + 7]!;
    }
    let res = (r0 + r1 + (r2 + r3)) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) res += a[off + i]!;
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwise64(a, off, n2) + pairwise64(a, off + n2, n - n2);
}

/** The same in float32: every addition rounded, as NumPy's float32 loop. */
export function pairwise32(a: ArrayLike<number>, off: number, n: number): number {
  if (n < 8) {
    let res = -0;
    for (let i = 0; i < n; i++) res = fround(res + a[off + i]!);
    return res;
  }
  if (n <= 128) {
    let r0 = a[off]!, r1 = a[off + 1]!, r2 = a[off + 2]!, r3 = a[off + 3]!, r4 = a[off + 4]!, r5 = a[off + 5]!, r6 = a[off + 6]!, r7 = a[off + 7]!;
    let i = 8;
    for (const m = n - (n % 8); i < m; i += 8) {
      const o = off + i;
      r0 = fround(r0 + a[o]!); r1 = fround(r1 + a[o + 1]!); r2 = fround(r2 + a[o + 2]!); r3 = fround(r3 + a[o + 3]!);
      r4 = fround(r4 + a[o + 4]!); r5 = fround(r5 + a[o + 5]!); r6 = fround(r6 + a[o + 6]!); r7 = fround(r7 + a[o + 7]!);
    }
    let res = fround(fround(fround(r0 + r1) + fround(r2 + r3)) + fround(fround(r4 + r5) + fround(r6 + r7)));
    for (; i < n; i++) res = fround(res + a[off + i]!);
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return fround(pairwise32(a, off, n2) + pairwise32(a, off + n2, n - n2));
}

/** Scratch for collecting a block's values (per thread; kernel calls of one thread never overlap). */
let scratch = new Float64Array(4096);
export function blockScratch(n: number): Float64Array {
  if (scratch.length < n) scratch = new Float64Array(Math.max(n, scratch.length * 2));
  return scratch;
}

/** Leaves of NumPy's pairwise recursion over n elements: the largest subtrees of ≤ max(blockSize, 128). */
const isLeaf = (n: number, blockSize: number) => n <= blockSize || n <= 128;
const split = (n: number) => {
  const n2 = Math.floor(n / 2);
  return n2 - (n2 % 8);
};

/**
 * Where each block of a reduction starts, plus the end: undefined for uniform blocks (block b is
 * [b·B, (b+1)·B)). Tree blocks follow NumPy's pairwise recursion; a whole reduction is one block.
 */
export function blockStarts(blocking: Blocking, n: number, blockSize: number): Float64Array | undefined {
  if (blocking === 'uniform') return undefined;
  if (blocking === 'whole') return Float64Array.of(0, n);
  if (blocking === 'buffered') return uniformStarts(n, NUMPY_BUFFER);
  if (blocking === 'exact') return uniformStarts(n, Math.min(blockSize, EXACT_BLOCK));
  const starts: number[] = [];
  const [leaf, cut] = blocking === 'ctree' ? [isLeafC, splitC] : [isLeaf, split];
  const walk = (off: number, len: number): void => {
    if (leaf(len, blockSize)) {
      starts.push(off);
      return;
    }
    const n2 = cut(len);
    walk(off, n2);
    walk(off + n2, len - n2);
  };
  walk(0, n);
  starts.push(n);
  return Float64Array.from(starts);
}

/** Block starts (and the end) of blocks of `size` over n elements: what 'uniform' means, spelled out. */
export const uniformStarts = (n: number, size: number): Float64Array =>
  Float64Array.from({ length: Math.ceil(n / size) + 1 }, (_, b) => Math.min(n, b * size));

/** The tree's partial sums added up the same tree (the leaves are the blocks, in order). */
function treeMerge(p: ArrayLike<number>, n: number, blockSize: number, add: (a: number, b: number) => number, complexPart = false): number {
  let next = 0;
  const [leaf, cut] = complexPart ? [isLeafC, splitC] : [isLeaf, split];
  const walk = (len: number): number => {
    if (leaf(len, blockSize)) return p[next++]!;
    const n2 = cut(len);
    const left = walk(n2);
    return add(left, walk(len - n2));
  };
  return walk(n);
}

const cache = new Map<string, ReductionState>();

/** The state of reduction `op` over values of `operand` dtype. */
/** `complexPart`: the operand is one part of complex values (plan/splitComplex.ts): NumPy's complex pairwise blocks. */
export function reductionState(op: ReductionName, operand: DType, complexPart = false): ReductionState {
  const key = `${op}:${operand}${complexPart ? ':c' : ''}`;
  let s = cache.get(key);
  if (!s) cache.set(key, (s = build(op, operand, complexPart)));
  return s;
}

function build(op: ReductionName, operand: DType, complexPart: boolean): ReductionState {
  const big = isBig(operand);
  // integer sums and products wrap in int64 (uint64 for unsigned operands), like numpy's
  const N = isUnsigned(operand) ? 'asUintN' : 'asIntN';
  const wrap64 = isUnsigned(operand) ? (x: bigint) => BigInt.asUintN(64, x) : (x: bigint) => BigInt.asIntN(64, x);
  const state = (block: BlockStep, bigPartials: boolean, merge: ReductionState['merge'], finalize: ReductionState['finalize'], blocking: Blocking = 'uniform'): ReductionState => ({
    op, operand, block, blocking, bigPartials, merge, finalize, reduceBlock: blockReducer(block),
    mergePieces: mergePiecesOf(block, blocking, merge),
  });
  switch (op) {
    case 'sum':
    case 'mean': {
      if (op === 'mean' || isFloat(operand)) {
        // floats sum pairwise in their dtype; mean of ints accumulates in float64 (numpy's dtype rule).
        // float16 sums pairwise in float32 and rounds once at the end (numpy's HALF_pairwise_sum); its
        // mean is numpy's too: a float32 sum, divided in float32, rounded to float16
        const f16 = operand === 'float16';
        const f32 = operand === 'float32' || f16;
        const add = f32 ? (a: number, b: number) => fround(a + b) : (a: number, b: number) => a + b;
        const fin = f16
          ? op === 'sum' ? (t: Partial) => f16round(t as number) : (t: Partial, n: number) => f16round(fround((t as number) / n))
          : op === 'sum' ? (t: Partial) => t : f32 ? (t: Partial, n: number) => fround((t as number) / n) : (t: Partial, n: number) => (t as number) / n;
        const block: BlockStep = { kind: 'pairwise', float32: f32, convert: big };
        if (complexPart && isFloat(operand)) {
          // a part of complex values: NumPy's complex pairwise tree; a complex128 mean is Smith's
          // division by n + 0j, i.e. a multiplication by 1/n (the other part's 0 · x aside), a complex64
          // one a division (both measured bit for bit against np.mean)
          const cblock: BlockStep = { ...block, complexPart: true };
          const cfin = op === 'sum' ? (t: Partial) => t : f32 ? fin : (t: Partial, n: number) => (t as number) * (1 / n);
          const ctotal = (p: ArrayLike<Partial>, _c: number, n: number, blockSize: number) => add(0, treeMerge(p as ArrayLike<number>, n, blockSize, add, true));
          return state(cblock, false, ctotal, cfin, 'ctree');
        }
        if (!isFloat(operand) || (f16 && op === 'mean')) {
          // a mean of ints: NumPy casts to float64 buffer by buffer, and adds the buffers in order (a
          // mean of float16 casts to float32 the same way)
          const inOrder = (p: ArrayLike<Partial>, c: number) => {
            let t = 0;
            for (let i = 0; i < c; i++) t = add(t, p[i] as number);
            return t;
          };
          return state(block, false, inOrder, fin, 'buffered');
        }
        // numpy adds the identity first: 0 + (-0) is +0
        const total = (p: ArrayLike<Partial>, _c: number, n: number, blockSize: number) => add(0, treeMerge(p as ArrayLike<number>, n, blockSize, add));
        return state(block, false, total, fin, 'tree');
      }
      if (!big) return exactSum(state);
      // int64/uint64 sums wrap in 64 bits, like numpy's
      const stepCode = big ? (v: string) => `acc = BigInt.${N}(64, acc + ${v});` : (v: string) => `acc = BigInt.${N}(64, acc + BigInt(${v}));`;
      const step = big ? (acc: Value, v: Value): Value => wrap64((acc as bigint) + (v as bigint)) : (acc: Value, v: Value): Value => wrap64((acc as bigint) + BigInt(v));
      return state({ kind: 'fold', init: 0n, stepCode, step }, true, (p, c) => {
        let t = 0n;
        for (let i = 0; i < c; i++) t = wrap64(t + (p[i] as bigint));
        return t;
      }, (t) => t);
    }
    case 'prod': {
      if (isFloat(operand)) {
        // sequential in the dtype (numpy's multiply.reduce has no pairwise variant); float16 multiplies
        // in float32 and rounds once at the end (numpy's HALF_multiply reduce loop)
        const f32 = operand === 'float32' || operand === 'float16';
        const block: BlockStep = f32
          ? { kind: 'fold', init: 1, stepCode: (v) => `acc = Math.fround(acc * ${v});`, step: (acc, v) => fround(acc * v) }
          : { kind: 'fold', init: 1, stepCode: (v) => `acc *= ${v};`, step: (acc, v) => acc * v };
        return state(block, false, (p) => p[0] ?? 1, operand === 'float16' ? (t) => f16round(t as number) : (t) => t, 'whole');
      }
      if (!big) return exactProduct(state);
      const stepCode = big ? (v: string) => `acc = BigInt.${N}(64, acc * ${v});` : (v: string) => `acc = BigInt.${N}(64, acc * BigInt(${v}));`;
      const step = big ? (acc: Value, v: Value): Value => wrap64((acc as bigint) * (v as bigint)) : (acc: Value, v: Value): Value => wrap64((acc as bigint) * BigInt(v));
      return state({ kind: 'fold', init: 1n, stepCode, step }, true, (p, c) => {
        let t = 1n;
        for (let i = 0; i < c; i++) t = wrap64(t * (p[i] as bigint));
        return t;
      }, (t) => t);
    }
    case 'min':
    case 'max': {
      const min = op === 'min';
      const cmp = min ? '<' : '>';
      let block: BlockStep;
      let better: (acc: Value, v: Value) => Value;
      if (isFloat(operand)) {
        // once acc is nan no comparison is true, and a nan element sets it again: nan-propagating
        better = min ? (acc, v) => (v < acc || v !== v ? v : acc) : (acc, v) => (v > acc || v !== v ? v : acc);
        block = { kind: 'fold', init: min ? Infinity : -Infinity, stepCode: (v) => `if (${v} ${cmp} acc || ${v} !== ${v}) acc = ${v};`, step: better };
      } else {
        const [lo, hi] = intRange(operand);
        const bounds: Partial[] = big ? [hi, lo] : [Number(hi), Number(lo)];
        better = min ? (acc, v) => (v < acc ? v : acc) : (acc, v) => (v > acc ? v : acc);
        block = { kind: 'fold', init: min ? bounds[0]! : bounds[1]!, stepCode: (v) => `if (${v} ${cmp} acc) acc = ${v};`, step: better };
      }
      const init = (block as { init: Partial }).init;
      return state(block, big, (p, c) => {
        let t: Value = init;
        for (let i = 0; i < c; i++) t = better(t, p[i]);
        return t;
      }, (t, n) => {
        if (n === 0) throw new FusexprError('VALUE', `zero-size array to reduction operation ${op} which has no identity`);
        return t;
      });
    }
    case 'any':
    case 'all': {
      const any = op === 'any';
      const block: BlockStep = any
        ? { kind: 'fold', init: 0, stepCode: (v) => `if (${v}) return 1;`, step: (acc, v) => (v ? 1 : acc), stopAt: 1 }
        : { kind: 'fold', init: 1, stepCode: (v) => `if (!${v}) return 0;`, step: (acc, v) => (v ? acc : 0), stopAt: 0 };
      return state(block, false, (p, c) => {
        for (let i = 0; i < c; i++) if (Number(p[i]) === (any ? 1 : 0)) return any ? 1 : 0;
        return any ? 0 : 1;
      }, (t) => t);
    }
  }
}

// Sums and products of bool and ≤ 32-bit ints give exact JS numbers (fusexpr's departure from NumPy's
// int64/uint64 accumulators: the answer fits a number, no BigInt). Beyond 2**53 a number is no longer
// exact: VALUE, with the way to NumPy's 64-bit answer.
type StateOf = (block: BlockStep, bigPartials: boolean, merge: ReductionState['merge'], finalize: ReductionState['finalize'], blocking?: Blocking) => ReductionState;
const SAFE = 2 ** 53;

function inexact(op: string, t: number | bigint): never {
  throw new FusexprError('VALUE', `the ${op} ${t} is beyond 2**53, where a JS number is no longer exact; ${op === 'sum' ? 'sum(int64(x))' : 'prod(int64(x))'} gives NumPy's int64 (a bigint)`);
}

/** Float accumulation in blocks of ≤ EXACT_BLOCK elements (each exact), blocks added as bigints. */
function exactSum(state: StateOf): ReductionState {
  const merge = (p: ArrayLike<Partial>, c: number): Partial => {
    let t = 0n;
    for (let i = 0; i < c; i++) t += BigInt(p[i]!);
    return t >= -SAFE && t <= SAFE ? Number(t) : t;
  };
  const block: BlockStep = { kind: 'fold', init: 0, stepCode: (v) => `acc += ${v};`, step: (acc, v) => acc + v };
  const s = state(block, false, merge, (t) => (typeof t === 'bigint' || Math.abs(t) > SAFE ? inexact('sum', t) : t), 'exact');
  // one long line of an axis reduction is one block: sum it in exact pieces too
  const reduceBlock = (v: ArrayLike<Value>, off: number, len: number): Partial => {
    const parts: number[] = [];
    for (let b = 0; b < len; b += EXACT_BLOCK) {
      let acc = 0;
      for (let j = b; j < Math.min(len, b + EXACT_BLOCK); j++) acc += v[off + j];
      parts.push(acc);
    }
    return merge(parts, parts.length);
  };
  return { ...s, reduceBlock };
}

/** Sequential float product: exact while |acc| ≤ 2**53, and once beyond it never returns (but to 0). */
function exactProduct(state: StateOf): ReductionState {
  const block: BlockStep = { kind: 'fold', init: 1, stepCode: (v) => `acc *= ${v};`, step: (acc, v) => acc * v };
  return state(block, false, (p, c) => {
    let t = 1;
    for (let i = 0; i < c; i++) t *= p[i] as number;
    return t;
  }, (t) => (!(Math.abs(t as number) <= SAFE) ? inexact('prod', t) : (t as number) + 0), 'whole');
}

function mergePiecesOf(block: BlockStep, blocking: Blocking, merge: ReductionState['merge']): ReductionState['mergePieces'] {
  if (blocking === 'tree') {
    const f32 = block.kind === 'pairwise' && block.float32;
    return (p, c) => (f32 ? fround(0 + pairwise32(p as ArrayLike<number>, 0, c)) : 0 + pairwise64(p as ArrayLike<number>, 0, c));
  }
  if (blocking === 'ctree') {
    return (p, c) => {
      let t = 0;
      for (let i = 0; i < c; i++) t += p[i] as number;
      return t;
    };
  }
  if (blocking === 'whole') {
    // products multiply the pieces' products in order, in the dtype
    const step = (block as { step: (a: Value, v: Value) => Value }).step;
    return (p, c) => {
      let t: Value = 1;
      for (let i = 0; i < c; i++) t = step(t, p[i]);
      return t;
    };
  }
  return (p, c) => merge(p, c, 0, 0);
}

function blockReducer(block: BlockStep): ReductionState['reduceBlock'] {
  if (block.kind === 'pairwise') {
    const sum = block.complexPart ? (block.float32 ? pairwiseC32 : pairwiseC64) : block.float32 ? pairwise32 : pairwise64;
    return (v, off, len) => {
      if (!block.convert) return sum(v as ArrayLike<number>, off, len);
      const s = blockScratch(len);
      for (let j = 0; j < len; j++) s[j] = Number(v[off + j]);
      return sum(s, 0, len);
    };
  }
  const { step, init, stopAt } = block;
  if (stopAt === undefined) {
    return (v, off, len) => {
      let acc: Value = init;
      for (let j = 0; j < len; j++) acc = step(acc, v[off + j]);
      return acc;
    };
  }
  return (v, off, len) => {
    let acc: Value = init;
    for (let j = 0; j < len; j++) {
      acc = step(acc, v[off + j]);
      if (acc === stopAt) return acc;
    }
    return acc;
  };
}
