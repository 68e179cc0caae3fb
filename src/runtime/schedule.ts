// schedule: a compiled plan's stages → jobs (a kernel, its args, where it writes, how many elements).
// Decides each stage's kernel variant from the call's views (flat, strided, or a reduce operand
// materialized first), reduces axes and merges block partials through the op table's reduction
// state. Drivers (drivers.ts) run the jobs; nothing here compiles or touches threads.

import type { Instr, Param, Program } from '../plan/program.js';
import { isUnsigned, type DType } from '../types/dtypes.js';
import { cStrides, elementOffsets, isContiguousOver, reducedShape, sizeOf, type View } from '../types/shapes.js';
import { FLAT, type Arg, type Kernel } from '../kernel/abi.js';
import { contiguousReduction, layoutOf, leavesFlat, operandProgram, pairsContiguous, stridedVariant, type PlanKernels } from '../kernel/variants.js';
import { scatter } from '../kernel/layout.js';
import { complexReduction } from './complexProduct.js';
import { bothParts, planeSum, planeTwins } from './complexSum.js';
import { blockStarts, reductionState } from '../ops/reductions.js';
import { scalarParam } from './vars.js';
import { allocate, free } from './shared.js';
import { inArena } from '../backends/wasm/arena.js';
import type { Call, Scalar, Value } from './prepare.js';
import type { Plan } from '../plan/program.js';

/** One unit of work for a driver: run a kernel over [0, n) in blocks. */
export interface Job {
  readonly kernel: Kernel;
  readonly kind: 'map' | 'reduce';
  readonly args: readonly Arg[];
  /** map: the output's data; reduce: one partial per block. */
  readonly dest: ArrayBufferView;
  readonly n: number;
  /** Blocks in the job; reductions may have non-uniform ones, starting at `starts` (ops/reductions.ts). */
  readonly blocks: number;
  readonly starts?: Float64Array;
  /** May run on the pool (the call has one and the job has more than one block). */
  readonly parallel: boolean;
  /** false: a pass whose elements another job of the stage reports (onProgress counts each stage once). */
  readonly counted?: boolean;
}

export interface Compiled {
  readonly plan: Plan;
  readonly kernels: PlanKernels;
}

/**
 * The stages as a sequence of jobs; drivers run each yielded job to completion and resume. Returns
 * every stage's value (a View, or a scalar for rank-0 stages).
 */
export function* jobs(c: Compiled, call: Call, blockSize: number): Generator<Job, Value[], void> {
  const { plan } = c;
  const results: Value[] = new Array(plan.stages.length);
  const last = plan.stages.length - 1;
  const shared = call.pool !== undefined;
  /** The stages' temporaries in fusexpr's memory, given back when the call completes (see `temp`). */
  const temps: ArrayBufferView[] = [];
  /**
   * A stage's temporary: in fusexpr's memory when the call's arrays are (Wasm reads it in place), and
   * then freed at the end, as a loop that passes `out` would otherwise fill the memory up to the
   * results' limit with temporaries only the garbage collector could give back.
   */
  const temp = (dtype: DType, shape: readonly number[]): View => {
    const v = contiguous(dtype, shape, shared, call.arena);
    if (call.arena) temps.push(v.data);
    return v;
  };
  /** Twin stages summing a complex var's two planes (runtime/complexSum.ts): the later one's value, from the earlier's pass. */
  const twins = planeTwins(plan);
  const twinValue = new Map<number, Scalar>();
  const leafView = (p: Param): View | undefined =>
    p.kind === 'array' ? (call.values[p.input] as View) : p.kind === 'stage' && p.rank > 0 ? (results[p.stage] as View) : undefined;
  /** A param's argument: array data, or a scalar (a var, or a rank-0 stage's value). */
  const argOf = (p: Param): Arg => {
    switch (p.kind) {
      case 'scalar':
        return scalarParam(plan.inputs[p.input]!.name, call.values[p.input], p.dtype);
      case 'ones':
        return 0;
      case 'array':
        return (call.values[p.input] as View).data;
      case 'stage':
        return p.rank > 0 ? (results[p.stage] as View).data : (results[p.stage] as Scalar);
    }
  };

  /** A param's flat-kernel argument over n elements: the data from the element at the loop's start. */
  const flatArg = (n: number) => (p: Param): Arg => {
    const v = leafView(p);
    if (!v) return argOf(p);
    return p.kind === 'array' && p.part ? pairs(v, p.part, n) : subarray(v, n);
  };

  /** Run a map program over `loop` into `dest`: the flat kernel when every operand is contiguous, else strided. */
  function* mapJob(s: number, part: 'stage' | 'operand' | 'pair', program: Program, loop: number[], dest: View, parallel: boolean, counted = true): Generator<Job, void, void> {
    const n = sizeOf(loop);
    // an empty loop still runs once (over no element) when a Python int from vars must be checked to
    // fit: `(~k) - i32` raises for k = 2**40 as NumPy does, whatever the array's size
    const blocks = n === 0 && program.instrs.some(checksOnce) ? 1 : Math.ceil(n / blockSize);
    // a complex result's stage (plan/joinComplex.ts) stores (re, im) pairs: dest is the re plane
    const destFlat = dest.shape.length === 0 || (program.im ? pairsContiguous(dest, loop) : isContiguousOver(dest.stride, loop));
    if (!program.transformed && destFlat && leavesFlat(program, leafView, loop)) {
      const args = program.params.map(flatArg(n));
      const d = dest.shape.length === 0 ? dest.data : program.im ? pairs(dest, 're', n) : subarray(dest, n);
      const arena = c.kernels.wasm && allInArena(args, d);
      // plain arrays: heavy kernels still pay off on Wasm through a per-thread scratch
      const staged = !arena && part === 'stage' ? c.kernels.staged(s) : undefined;
      yield { kernel: staged ?? c.kernels.get(s, part, FLAT, arena), kind: 'map', args, dest: d, n, blocks, parallel, counted };
      return;
    }
    if (program.im) throw new Error('internal: a complex result stage runs flat only (runtime/complexCall.ts checks)');
    const layout = layoutOf(program, leafView, loop, dest);
    const args: Arg[] = [layout, ...program.params.map(argOf)];
    yield { kernel: c.kernels.get(s, part, stridedVariant(layout)), kind: 'map', args, dest: dest.data, n, blocks, parallel, counted };
  }

  for (let s = 0; s <= last; s++) {
    const stage = plan.stages[s]!;
    const loop = call.loopShapes[s]!;
    const n = sizeOf(loop);
    const parallel = shared && n > 1;
    if (stage.kind === 'map') {
      // a scalar stage writes a plain array: a Python int computed from int vars may exceed int64 until checked
      const dest: View = s === last && stage.rank > 0 ? call.out! : stage.rank > 0 ? temp(stage.outputDtype, loop) : { data: [0] as unknown as ArrayBufferView, shape: [], stride: [], offset: 0 };
      yield* mapJob(s, 'stage', stage, loop, dest, parallel && stage.rank > 0);
      results[s] = stage.rank > 0 ? dest : (dest.data as unknown as ArrayLike<Scalar>)[0]!;
      continue;
    }
    // reduce: the stage's own kernel reads its operands in place when they are flat; otherwise the
    // operand is materialized (contiguous) first
    const state = reductionState(stage.reduce!, stage.resultDtype, stage.complexPart);
    // keepdims over every axis is the full reduction (NumPy's pairwise tree) put in an array of 1s
    const axes = stage.axes ?? null;
    const full = axes === null || axes.length === loop.length;
    let kernel: Kernel;
    let args: Arg[];
    if (twinValue.has(s)) {
      results[s] = twinValue.get(s)!;
      continue;
    }
    const twin = twins.get(s);
    if (twin !== undefined && leavesFlat(stage, leafView, loop)) {
      // both planes of a flat complex var in one pass over its pairs; the job counts the twin's elements too
      const p = planeSum(stage)!;
      const v = leafView(p)!;
      const both = bothParts(stage, v.data as unknown as ArrayLike<number>, v.offset - (p.part === 'im' ? 1 : 0), n, blockSize);
      yield { kernel: both.kernel, kind: 'reduce', args: [], dest: both.partials, n: 2 * n, blocks: both.blocks, starts: both.starts, parallel: false };
      const [re, im] = both.totals();
      results[s] = p.part === 're' ? re : im;
      twinValue.set(twin, p.part === 're' ? im : re);
      continue;
    }
    if (stage.pair) {
      // a complex product, min or max: both planes materialized, reduced in order, this stage's part kept
      const operand = contiguous(stage.resultDtype, loop, shared);
      yield* mapJob(s, 'operand', operandProgram(stage), loop, operand, parallel);
      const other = contiguous(stage.resultDtype, loop, shared);
      yield* mapJob(s, 'pair', stage.pair.other, loop, other, parallel, false);
      const [re, im] = stage.pair.take === 're' ? [operand, other] : [other, operand];
      const values = complexReduction(stage.reduce!, re.data as Float64Array, im.data as Float64Array, loop, full ? null : axes, stage.resultDtype === 'float32', stage.pair.take);
      if (stage.rank === 0) {
        results[s] = values[0]!;
        continue;
      }
      const r = contiguous(stage.outputDtype, call.shapes[s]!, shared && s !== last);
      (r.data as unknown as Float64Array).set(values);
      results[s] = reduced(r, s === last);
      continue;
    }
    if (full && !stage.transformed && leavesFlat(stage, leafView, loop)) {
      args = stage.params.map(flatArg(n));
      kernel = c.kernels.get(s, 'stage', FLAT, c.kernels.wasm && allInArena(args, null));
    } else {
      const operand = temp(stage.resultDtype, loop);
      // a full reduction's own job reports its elements; an axis reduction's operand pass is all there is
      yield* mapJob(s, 'operand', operandProgram(stage), loop, operand, parallel, !full);
      if (!full) {
        results[s] = reduced(reduceAxes(stage, operand, axes, shared && s !== last), s === last);
        continue;
      }
      const wasm = c.kernels.wasm && !stage.complexPart && inArena(operand.data);
      kernel = contiguousReduction(stage.reduce!, stage.resultDtype, stage.outputDtype, operand.data.constructor.name, wasm ? 'wasm' : c.kernels.backend, stage.complexPart);
      args = [operand.data];
    }
    // an empty reduction runs one empty block when it has checks to make (as a map's, in mapJob)
    const starts = n === 0 && stage.instrs.some(checksOnce) ? Float64Array.of(0, 0) : blockStarts(state.blocking, n, blockSize);
    const blocks = starts ? starts.length - 1 : Math.ceil(n / blockSize);
    const partials = allocatePartials(state.bigPartials ? (isUnsigned(state.operand) ? 'u' : 'i') : 'f', blocks, shared);
    yield { kernel, kind: 'reduce', args, dest: partials, n, blocks, starts, parallel: parallel && blocks > 1 };
    const total = state.finalize(state.merge(partials as unknown as ArrayLike<Scalar>, blocks, n, blockSize), n);
    if (stage.rank === 0) {
      results[s] = total;
      continue;
    }
    const ones = contiguous(stage.outputDtype, call.shapes[s]!, shared && s !== last);
    (ones.data as unknown as Scalar[])[0] = total;
    results[s] = reduced(ones, s === last);
  }
  // every job has run to completion (drivers resume only then): no thread reads the temporaries now;
  // a call that throws midway leaves them to the collector
  for (const t of temps) free(t);
  return results;

  /** An axis reduction's result; the last stage's is also written into out. */
  function reduced(r: View, isLast: boolean): View {
    if (isLast) {
      const o = call.out!;
      scatter(r.data as unknown as ArrayLike<number>, r.shape, o.data as unknown as number[], o.offset, o.stride);
    }
    return r;
  }
}

const subarray = (v: View, n: number): ArrayBufferView => {
  const a = v.data as unknown as { subarray(s: number, e: number): ArrayBufferView; length: number };
  return v.offset === 0 && a.length === n ? v.data : a.subarray(v.offset, v.offset + n);
};

/** A complex var's n (re, im) pairs from a plane view of it (plan/splitComplex.ts: the im plane is one further). */
const pairs = (plane: View, part: 're' | 'im', n: number): ArrayBufferView => {
  const start = plane.offset - (part === 'im' ? 1 : 0);
  const a = plane.data as unknown as { subarray(s: number, e: number): ArrayBufferView; length: number };
  return start === 0 && a.length === 2 * n ? plane.data : a.subarray(start, start + 2 * n);
};

function contiguous(dtype: DType, shape: readonly number[], shared: boolean, arena = false): View {
  return { data: allocate(dtype, sizeOf(shape), shared, arena ? 'result' : undefined), shape: [...shape], stride: cStrides(shape), offset: 0 };
}

/** Every array argument (and the destination) lives in the Wasm arena: a Wasm kernel can run the job. */
function allInArena(args: readonly Arg[], dest: ArrayBufferView | null): boolean {
  if (dest && !inArena(dest)) return false;
  for (const a of args) if (ArrayBuffer.isView(a) && !inArena(a)) return false;
  return true;
}

/** One slot per block: bigint partials for 64-bit accumulations (unsigned ones for unsigned operands), doubles otherwise. */
function allocatePartials(kind: 'i' | 'u' | 'f', blocks: number, shared: boolean): ArrayBufferView {
  const C = (kind === 'i' ? BigInt64Array : kind === 'u' ? BigUint64Array : Float64Array) as unknown as new (b: ArrayBufferLike | number) => ArrayBufferView;
  return shared ? new C(new SharedArrayBuffer(blocks * 8)) : new C(blocks);
}

/**
 * Reduce a C-contiguous operand over `axes`: each output element's values (the reduced axes in C
 * order) are one block of the reduction state. The kept axes keep their order; with keepdims the
 * reduced ones stay as 1s, which changes no offset.
 */
function reduceAxes(stage: Program, operand: View, axes: readonly number[], shared: boolean): View {
  const shape = operand.shape;
  const strides = cStrides(shape);
  const kept = shape.map((_, d) => d).filter((d) => !axes.includes(d));
  const out = contiguous(stage.outputDtype, reducedShape(shape, axes, stage.keepdims ?? false), shared);
  const len = sizeOf(axes.map((d) => shape[d]!));
  const src = operand.data as unknown as ArrayLike<Scalar>;
  const dst = out.data as unknown as { [i: number]: Scalar };
  const state = reductionState(stage.reduce!, stage.resultDtype, stage.complexPart);
  const within = elementOffsets(axes.map((d) => shape[d]!), axes.map((d) => strides[d]!));
  const bases = elementOffsets(kept.map((d) => shape[d]!), kept.map((d) => strides[d]!));
  const line: Scalar[] = new Array(len);
  const partial: Scalar[] = [0];
  for (let o = 0; o < bases.length; o++) {
    const base = bases[o]!;
    for (let t = 0; t < len; t++) line[t] = src[base + within[t]!]!;
    partial[0] = state.reduceBlock(line, 0, len);
    dst[o] = state.finalize(state.merge(partial, 1, len, len), len); // a line is one block
  }
  return out;
}


/** A hoisted check of a Python int computed from vars (fit_int32, exact_add…): it raises before the loop. */
const checksOnce = (ins: Instr): boolean => ins.hoisted && (ins.op.startsWith('fit_') || ins.op.startsWith('exact_'));

/** A scalar result as the JS value users get: number, bigint (int64), boolean (bool). */
export function toJs(v: Scalar, dtype: DType, weak: boolean): unknown {
  if (dtype === 'bool') return v === 1 || v === 1n;
  // a weak (Python) int is int32 (a number) when it fits, else int64 (a bigint): validate says the same
  if (dtype === 'int64') return weak && v >= -2147483648 && v <= 2147483647 ? Number(v) : BigInt(v);
  if (dtype === 'uint64') return BigInt(v);
  return Number(v);
}

/** Copy a scratch or shared stand-in back into out. */
export function copyBack(call: Call): void {
  if (!call.copyBack) return;
  const { from, to, pairs } = call.copyBack;
  if (!pairs) return scatter(from.data as unknown as ArrayLike<number>, from.shape, to.data as unknown as number[], to.offset, to.stride);
  // a complex result's stand-in (C-contiguous pairs) into out's two planes
  const src = from.data as unknown as ArrayLike<number>;
  const n = sizeOf(from.shape);
  const plane = (k: number) => Float64Array.from({ length: n }, (_, i) => src[2 * i + k]!);
  scatter(plane(0), from.shape, to.data as unknown as number[], to.offset, to.stride);
  scatter(plane(1), from.shape, to.data as unknown as number[], to.offset + 1, to.stride);
}
