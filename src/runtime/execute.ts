// execute: runs a compiled plan's stages in order, in the calling thread or across the pool. The one
// place that decides how blocks run and which kernel shape runs them (flat, strided, materialized
// operand), and that handles out, shapes and aliasing. Reductions keep one partial per block and
// combine them in block order, so a result never depends on the schedule or the thread count.

import { fail } from '../errors.js';
import type { DType } from '../types/dtypes.js';
import { isLeaf, type Param, type Program } from '../plan/program.js';
import { scalarParam, toArrayValue } from './vars.js';
import { kernelFor, identityReduction, operandProgram, type CompiledPlan, type KernelPair } from '../pipeline.js';
import { broadcastShapes, broadcastStrides, cStrides, isContiguousOver, isViewLike, sizeOf, toView, type View } from '../types/shapes.js';
import { gather, scatter, type Layout, type LeafLayout } from './layout.js';
import { buildClosureKernel } from '../codegen/closures.js';
import { accumulatorOf, accumulateRange } from '../ops/accumulators.js';
import { getPool, getParallelThreshold } from './threads.js';
import { allocate, isShared, toShared } from './shared.js';
import type { Pool } from './pool.js';

type Scalar = number | bigint;
type Value = Scalar | View;

/**
 * Elements per kernel call. bench/blocks.ts found speed flat from 256 to one call per array here;
 * 4096 (32 KiB of doubles) keeps per-block partials small and gives threads ~2,500 blocks at 1e7.
 */
export const DEFAULT_BLOCK_SIZE = 4096;

export interface ExecuteContext {
  readonly blockSize: number;
  /** Copy non-shared inputs into shared memory so the call can use threads. */
  readonly copyToShared?: boolean;
  /** Force the calling thread only (tune() and tests compare against it). */
  readonly singleThread?: boolean;
}

/** A prepared call: inputs validated, every stage's shape known, the output allocated. */
interface Call {
  /** Per input: a View for arrays, the raw value for scalars. */
  values: unknown[];
  /** Per stage: its output shape (for reduce stages: the reduced shape). */
  shapes: number[][];
  /** Per stage: the shape it iterates (map: its output; reduce: its operand). */
  loopShapes: number[][];
  /** Where the last stage writes (a View), when the result is an array. */
  out: View | undefined;
  /** What evaluate returns for array results. */
  returned: unknown;
  /** Copy `from` into `to` after the last stage (aliasing scratch, or a shared stand-in for out). */
  copyBack: { from: View; to: View } | undefined;
  pool: Pool | undefined;
}

const leafShape = (p: Param, values: unknown[], shapes: number[][]): readonly number[] | undefined => {
  if (p.kind === 'array') return (values[p.input] as View).shape;
  if (p.kind === 'stage' && p.rank > 0) return shapes[p.stage];
  return undefined; // scalars; masks take the shape of what they mask
};

/** Every stage's output and loop shapes, from the inputs' shapes (broadcasting errors name the vars). */
function inferShapes(c: CompiledPlan, values: unknown[]): { shapes: number[][]; loopShapes: number[][] } {
  const inputs = c.plan.inputs;
  const shapes: number[][] = [];
  const loopShapes: number[][] = [];
  for (const stage of c.plan.stages) {
    const leaves: (readonly number[])[] = [];
    const names: string[] = [];
    for (const p of stage.params) {
      const sh = leafShape(p, values, shapes);
      if (sh) {
        leaves.push(sh);
        names.push(p.kind === 'array' ? inputs[p.input]!.name : 'a reduction');
      }
    }
    const loop = broadcastShapes(leaves, names);
    loopShapes.push(loop);
    if (stage.kind === 'map') shapes.push(stage.rank === 0 ? [] : loop);
    else shapes.push(stage.axis === null || stage.axis === undefined ? [] : loop.filter((_, d) => d !== stage.axis));
  }
  return { shapes, loopShapes };
}

/** The result's shape for these vars, without running anything (validate()). */
export function resultShape(c: CompiledPlan, vars: Readonly<Record<string, unknown>>): number[] {
  const values = c.plan.inputs.map((info) => (info.kind === 'array' ? toArrayValue(info.name, vars[info.name]) : vars[info.name]));
  const { shapes } = inferShapes(c, values);
  return shapes[shapes.length - 1]!;
}

function prepare(c: CompiledPlan, vars: Readonly<Record<string, unknown>>, outArg: unknown, ctx: ExecuteContext, async: boolean): Call {
  const { plan } = c;
  const inputs = plan.inputs;
  const values: unknown[] = new Array(inputs.length);
  let allShared = true;
  let anyView = false;
  for (let i = 0; i < inputs.length; i++) {
    const info = inputs[i]!;
    const v = vars[info.name];
    if (info.kind === 'array') {
      const view = toArrayValue(info.name, v);
      if (!isShared(view.data)) allShared = false;
      if (info.view) anyView = true;
      values[i] = view;
    } else values[i] = v;
  }

  const { shapes, loopShapes } = inferShapes(c, values);
  const shape = shapes[shapes.length - 1]!;
  const size = sizeOf(shape);

  let out: View | undefined;
  let returned: unknown;
  if (plan.rank > 0) {
    if (outArg !== undefined) {
      out = outView(outArg, shape);
      returned = outArg;
    }
  } else if (outArg !== undefined) {
    fail('BAD_OUT', 'out was given but the expression gives a scalar (a full reduction or no arrays)');
  }

  // Threads: enough work, and every array the kernels touch in shared memory (or copied there).
  let pool: Pool | undefined;
  let copyBack: Call['copyBack'];
  const work = Math.max(0, ...loopShapes.map(sizeOf));
  if (!ctx.singleThread && c.codegen === 'jit' && inputs.some((i) => i.kind === 'array') && work * costOf(c) >= getParallelThreshold()) {
    const candidate = getPool();
    if (candidate && (!candidate.busy || async) && (allShared || ctx.copyToShared)) {
      pool = candidate;
      if (!allShared) {
        for (let i = 0; i < values.length; i++) {
          if (inputs[i]!.kind === 'array') {
            const v = values[i] as View;
            if (!isShared(v.data)) values[i] = { ...v, data: toShared(v.data) };
          }
        }
      }
      if (out && !isShared(out.data)) {
        if (!ctx.copyToShared) pool = undefined;
        else {
          const stand = { data: allocate(plan.dtype, size, true), shape, stride: cStrides(shape), offset: 0 };
          copyBack = { from: stand, to: out };
          out = stand;
        }
      }
    }
  }
  if (plan.rank > 0 && out === undefined) {
    const data = allocate(plan.dtype, size, pool !== undefined);
    out = { data, shape, stride: cStrides(shape), offset: 0 };
    returned = anyView ? viewLike(vars, inputs, data, shape) : data;
  }
  // out overlapping an input read at another place (a stencil, a shifted view): write a scratch, copy after
  if (out && !copyBack && overlapsDifferently(plan.stages[plan.stages.length - 1]!, values, out, shape)) {
    const scratch = { data: allocate(plan.dtype, size, pool !== undefined), shape, stride: cStrides(shape), offset: 0 };
    copyBack = { from: scratch, to: out };
    out = scratch;
  }
  return { values, shapes, loopShapes, out, returned, copyBack, pool };
}

/**
 * A result view of "the same kind" as the inputs: when an input is a scijs ndarray of the result's rank
 * and data type, an instance of its class (with get/set/pick…); otherwise a plain { data, shape, stride, offset }.
 */
function viewLike(vars: Readonly<Record<string, unknown>>, inputs: CompiledPlan['plan']['inputs'], data: ArrayBufferView, shape: number[]): unknown {
  const stride = cStrides(shape);
  for (const info of inputs) {
    if (info.kind !== 'array' || !info.view) continue;
    const v = vars[info.name] as { constructor?: { length: number; new (...a: unknown[]): unknown }; pick?: unknown; data: ArrayBufferView; shape: number[] };
    const ctor = v.constructor;
    if (typeof v.pick === 'function' && ctor && ctor !== Object && v.shape.length === shape.length && ctor.length === 2 + 2 * shape.length && v.data.constructor === data.constructor) {
      return new ctor(data, ...shape, ...stride, 0);
    }
  }
  return { data, shape: [...shape], stride, offset: 0 };
}

function outView(o: unknown, shape: readonly number[]): View {
  if (ArrayBuffer.isView(o)) {
    const n = (o as unknown as { length: number }).length;
    if (n !== sizeOf(shape)) {
      fail('BAD_OUT', shape.length <= 1 ? `out has length ${n} but the result has length ${sizeOf(shape)}` : `out has length ${n} but the result has shape [${shape.join(', ')}]`);
    }
    return { data: o, shape, stride: cStrides(shape), offset: 0 };
  }
  if (isViewLike(o)) {
    const v = toView('out', o);
    if (v.shape.length !== shape.length || v.shape.some((n, d) => n !== shape[d])) fail('BAD_OUT', `out has shape [${v.shape.join(', ')}] but the result has shape [${shape.join(', ')}]`);
    return v;
  }
  return fail('BAD_OUT', 'out must be a typed array or an ndarray-like view');
}

/** Does `out` share memory with an operand that is read at other positions than the one written? */
function overlapsDifferently(stage: Program, values: unknown[], out: View, shape: readonly number[]): boolean {
  for (const p of stage.params) {
    if (p.kind !== 'array') continue;
    const v = values[p.input] as View;
    if (v.data.buffer !== out.data.buffer || !extentsOverlap(v, out)) continue;
    const same =
      !p.transforms?.length &&
      v.data.byteOffset + v.offset * bytes(v) === out.data.byteOffset + out.offset * bytes(out) &&
      bytes(v) === bytes(out) &&
      v.shape.length === shape.length &&
      broadcastStrides(v, shape).every((st, d) => st === out.stride[d] || shape[d] === 1);
    if (!same) return true;
  }
  return false;
}

const bytes = (v: View) => (v.data as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;

function extentsOverlap(a: View, b: View): boolean {
  const range = (v: View): [number, number] => {
    let lo = v.offset;
    let hi = v.offset;
    v.shape.forEach((n, d) => {
      const span = (n - 1) * v.stride[d]!;
      if (span < 0) lo += span;
      else hi += span;
    });
    const base = v.data.byteOffset;
    return [base + lo * bytes(v), base + (hi + 1) * bytes(v)];
  };
  if (sizeOf(a.shape) === 0 || sizeOf(b.shape) === 0) return false;
  const [a0, a1] = range(a);
  const [b0, b1] = range(b);
  return a0 < b1 && b0 < a1;
}

/** One unit of work for a driver: run a kernel's blocks over [0, n). */
interface Job {
  readonly k: KernelPair;
  readonly kind: 'map' | 'reduce';
  readonly args: unknown[];
  readonly dest: ArrayBufferView;
  readonly n: number;
  readonly parallel: boolean;
}

/**
 * The stages as a sequence of jobs; the sync and async drivers run each job and resume. Everything
 * about layouts (flat fast path, strided views, transforms, materialized operands) is decided here.
 */
function* jobs(c: CompiledPlan, call: Call, ctx: ExecuteContext): Generator<Job, Value[], void> {
  const results: Value[] = new Array(c.plan.stages.length);
  const last = c.plan.stages.length - 1;
  const shared = call.pool !== undefined;
  for (let s = 0; s <= last; s++) {
    const stage = c.plan.stages[s]!;
    const loop = call.loopShapes[s]!;
    const n = sizeOf(loop);
    const parallel = shared && n > 1;
    if (stage.kind === 'map') {
      const dest: View = s === last && stage.rank > 0 ? call.out! : contiguous(stage.outputDtype, stage.rank > 0 ? loop : [], shared && stage.rank > 0);
      yield* mapJob(c, s, stage, 'flat', call, results, loop, dest, parallel && stage.rank > 0);
      results[s] = stage.rank > 0 ? dest : (dest.data as unknown as ArrayLike<Scalar>)[0]!;
      continue;
    }
    // reduce: materialize the operand unless the flat kernel can read it in place
    const full = stage.axis === null || stage.axis === undefined;
    const flatOk = full && !stage.transformed && leavesFlat(stage, call, results, loop);
    let source: { k: KernelPair; args: unknown[] };
    if (flatOk) {
      source = { k: kernelFor(c, s, 'flat'), args: flatArgs(stage, call, results, c.plan.inputs, loop) };
    } else {
      const operand = contiguous(stage.resultDtype, loop, shared);
      yield* mapJob(c, s, operandProgram(stage), 'operand-flat', call, results, loop, operand, parallel);
      if (!full) {
        const reduced = reduceAxis(stage, operand, stage.axis!, shared && s !== last);
        if (s === last) {
          const o = call.out!;
          scatter(reduced.data as unknown as ArrayLike<number>, reduced.shape, o.data as unknown as number[], o.offset, o.stride);
        }
        results[s] = reduced;
        continue;
      }
      const id = identityReduction(stage.reduce!, stage.resultDtype, stage.outputDtype, operand.data.constructor.name, c.codegen);
      source = { k: id.kernel, args: [operand.data] };
    }
    const partials = allocatePartials(stage, Math.ceil(n / ctx.blockSize), shared);
    yield { k: source.k, kind: 'reduce', args: source.args, dest: partials, n, parallel };
    results[s] = combine(stage, partials as unknown as ArrayLike<Scalar>, n);
  }
  return results;
}

/** Run a map program over `loop` into `dest`: the flat kernel when every operand is contiguous, else strided. */
function* mapJob(c: CompiledPlan, s: number, program: Program, flatVariant: 'flat' | 'operand-flat', call: Call, results: Value[], loop: number[], dest: View, parallel: boolean): Generator<Job, void, void> {
  const n = sizeOf(loop);
  const destFlat = dest.shape.length === 0 || isContiguousOver(dest.stride, loop);
  if (!program.transformed && destFlat && leavesFlat(program, call, results, loop)) {
    const k = kernelFor(c, s, flatVariant);
    const d = dest.shape.length === 0 ? dest.data : subarray(dest, n);
    yield { k, kind: 'map', args: flatArgs(program, call, results, c.plan.inputs, loop), dest: d, n, parallel };
    return;
  }
  const layout = layoutOf(program, call, results, loop, dest);
  if (c.codegen === 'closures') {
    // no code generation: gather every operand into a contiguous copy, run the flat kernel, scatter back
    const flatProgram: Program = { ...program, transformed: false };
    const k = c.variants.get(`closures:${s}:${flatVariant}`) ?? makeFlatClosure(c, s, flatVariant, flatProgram);
    const tmp = contiguous(program.outputDtype, loop, false);
    let leafIndex = 0;
    const args = program.params.map((p) => {
      if (p.kind === 'scalar') return scalarParam(c.plan.inputs[p.input]!.name, call.values[p.input], p.dtype);
      const g = allocate(p.dtype, n, false);
      const src = p.kind === 'ones' ? new Uint8Array([1]) : leafView(p, call, results)!.data;
      gather(src as unknown as ArrayLike<number>, layout.leaves[leafIndex++]!, loop, g as unknown as number[], p.dtype === 'int64' ? 0n : 0);
      return g;
    });
    yield { k, kind: 'map', args, dest: tmp.data, n, parallel: false };
    scatter(tmp.data as unknown as ArrayLike<number>, loop, dest.data as unknown as number[], dest.offset, layout.outStrides);
    return;
  }
  // specialize on each operand's stride along the row: unit-stride rows index like a hand loop
  const last = loop.length - 1;
  const cls = (st: number) => (st === 1 ? '1' : st === 0 ? '0' : 's');
  const steps = last < 0 ? undefined : layout.leaves.map((l) => cls(l.strides[last]!)).join('') + cls(layout.outStrides[last]!);
  const k = kernelFor(c, s, flatVariant === 'flat' ? 'strided' : 'operand-strided', steps);
  const args: unknown[] = [layout];
  for (const p of program.params) {
    if (p.kind === 'scalar') args.push(scalarParam(c.plan.inputs[p.input]!.name, call.values[p.input], p.dtype));
    else if (p.kind === 'ones') args.push(0);
    else args.push(leafView(p, call, results)!.data);
  }
  yield { k, kind: 'map', args, dest: dest.data, n, parallel };
}

function makeFlatClosure(c: CompiledPlan, s: number, variant: string, program: Program): KernelPair {
  const k = { ...buildClosureKernel(program), id: -1, source: '' };
  c.variants.set(`closures:${s}:${variant}`, k);
  return k;
}

function leafView(p: Param, call: Call, results: Value[]): View | undefined {
  if (p.kind === 'array') return call.values[p.input] as View;
  if (p.kind === 'stage' && p.rank > 0) return results[p.stage] as View;
  return undefined;
}

/** Every array operand is contiguous over the loop shape (no broadcasting, no strides, no transforms). */
function leavesFlat(program: Program, call: Call, results: Value[], loop: number[]): boolean {
  for (const p of program.params) {
    if (p.kind === 'ones') return false;
    if (p.kind === 'scalar') continue;
    const v = leafView(p, call, results);
    if (!v) continue;
    if (p.transforms?.length) return false;
    if (v.shape.length !== loop.length || v.shape.some((x, d) => x !== loop[d])) return false;
    if (!isContiguousOver(v.stride, loop)) return false;
  }
  return true;
}

function flatArgs(program: Program, call: Call, results: Value[], inputs: CompiledPlan['plan']['inputs'], loop: number[]): unknown[] {
  const n = sizeOf(loop);
  return program.params.map((p) => {
    if (p.kind === 'scalar') return scalarParam(inputs[p.input]!.name, call.values[p.input], p.dtype);
    const v = leafView(p, call, results);
    return v ? subarray(v, n) : results[(p as { stage: number }).stage];
  });
}

function layoutOf(program: Program, call: Call, results: Value[], loop: number[], dest: View): Layout {
  const rank = loop.length;
  const leaves: LeafLayout[] = [];
  for (const p of program.params) {
    if (!isLeaf(p) || p.kind === 'scalar') continue;
    const v = leafView(p, call, results);
    const leafRank = v ? v.shape.length : p.rank;
    const transforms = (p.transforms ?? []).map((x) => ({ ...x, axis: x.axis + (rank - leafRank) }));
    if (!v) leaves.push({ offset: 0, strides: new Array<number>(rank).fill(0), transforms });
    else leaves.push({ offset: v.offset, strides: broadcastStrides(v, loop), transforms });
  }
  const outStrides = dest.shape.length === 0 ? new Array<number>(rank).fill(0) : dest.stride;
  return { shape: loop, leaves, outOffset: dest.offset, outStrides };
}

const subarray = (v: View, n: number): ArrayBufferView => {
  const a = v.data as unknown as { subarray(s: number, e: number): ArrayBufferView; length: number };
  return v.offset === 0 && a.length === n ? v.data : a.subarray(v.offset, v.offset + n);
};

function contiguous(dtype: DType, shape: readonly number[], shared: boolean): View {
  return { data: allocate(dtype, sizeOf(shape), shared), shape: [...shape], stride: cStrides(shape), offset: 0 };
}

/** Reduce a C-contiguous operand along one axis, with the same accumulation as the reduce kernels. */
function reduceAxis(stage: Program, operand: View, axis: number, shared: boolean): View {
  const shape = operand.shape;
  const outShape = shape.filter((_, d) => d !== axis);
  const out = contiguous(stage.outputDtype, outShape, shared);
  const len = shape[axis]!;
  const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const outer = shape.slice(0, axis).reduce((a, b) => a * b, 1);
  const src = operand.data as unknown as ArrayLike<Scalar>;
  const dst = out.data as unknown as { [i: number]: Scalar };
  const line: Scalar[] = new Array(len);
  const partial: Scalar[] = [0];
  const accumulator = accumulatorOf(stage.reduce!, stage.resultDtype);
  if (len === 0 && (stage.reduce === 'min' || stage.reduce === 'max') && outer * inner > 0) {
    fail('VALUE', `zero-size array to reduction operation ${stage.reduce} which has no identity`);
  }
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * len * inner + i;
      for (let t = 0; t < len; t++) line[t] = src[base + t * inner]!;
      partial[0] = accumulateRange(accumulator, accumulator.init, line, 0, len).acc as Scalar;
      dst[o * inner + i] = combine(stage, partial, len);
    }
  }
  return out;
}

export function execute(c: CompiledPlan, vars: Readonly<Record<string, unknown>>, out: unknown, ctx: ExecuteContext): unknown {
  const fast = smallFlatCall(c, vars, out, ctx);
  if (fast !== NOT_FAST) return fast;
  const call = prepare(c, vars, out, ctx, false);
  const it = jobs(c, call, ctx);
  for (let step = it.next(); ; step = it.next()) {
    if (step.done) return finish(c, call, step.value);
    const job = step.value;
    if (job.parallel && job.k.claim) {
      call.pool!.runSync({ kernel: job.k, kind: job.kind, args: job.args as never, dest: job.dest, n: job.n, blockSize: ctx.blockSize });
    } else {
      (job.k.blocks as (...a: unknown[]) => void)(...job.args, job.dest, 0, job.n, ctx.blockSize);
    }
  }
}

const NOT_FAST = Symbol('not fast');

/**
 * The hot path for small calls (numexpr's fixed-size block fast path): one elementwise stage over
 * plain typed arrays of one length, below the parallel threshold. Skips views, shapes and layouts;
 * anything unusual falls through to the general path, which re-validates everything.
 */
function smallFlatCall(c: CompiledPlan, vars: Readonly<Record<string, unknown>>, out: unknown, ctx: ExecuteContext): unknown {
  const plan = c.plan;
  if (plan.stages.length !== 1 || plan.rank !== 1) return NOT_FAST;
  const stage = plan.stages[0]!;
  const k = c.kernels[0];
  if (stage.kind !== 'map' || stage.transformed || !k) return NOT_FAST;
  const params = stage.params;
  const args = new Array<unknown>(params.length);
  let n = -1;
  for (let i = 0; i < params.length; i++) {
    const p = params[i]!;
    const v = vars[plan.inputs[(p as { input: number }).input]!.name];
    if (p.kind === 'array') {
      if (!ArrayBuffer.isView(v)) return NOT_FAST;
      const len = (v as unknown as { length: number }).length;
      if (n < 0) n = len;
      else if (len !== n || len === 0) return NOT_FAST;
      args[i] = v;
    } else if (p.kind === 'scalar') {
      args[i] = scalarParam(plan.inputs[p.input]!.name, v, p.dtype);
    } else return NOT_FAST;
  }
  if (n <= 0 || (!ctx.singleThread && n >= getParallelThreshold() / costOf(c))) return NOT_FAST;
  let dest: ArrayBufferView;
  if (out === undefined) dest = allocate(plan.dtype, n);
  else if (ArrayBuffer.isView(out) && (out as unknown as { length: number }).length === n) dest = out;
  else return NOT_FAST;
  // out aliasing an input elementwise at the same offset is safe; any other overlap takes the general path
  if (out !== undefined) {
    for (const a of args) if (ArrayBuffer.isView(a) && a !== out && a.buffer === dest.buffer) return NOT_FAST;
  }
  (k.blocks as (...a: unknown[]) => void)(...args, dest, 0, n, ctx.blockSize);
  return dest;
}

/** Like execute, but never blocks the event loop: workers run the blocks, or the caller runs them in slices. */
export async function executeAsync(c: CompiledPlan, vars: Readonly<Record<string, unknown>>, out: unknown, ctx: ExecuteContext): Promise<unknown> {
  const call = prepare(c, vars, out, ctx, true);
  const it = jobs(c, call, ctx);
  for (let step = it.next(); ; step = it.next()) {
    if (step.done) return finish(c, call, step.value);
    const job = step.value;
    if (job.parallel && job.k.claim) {
      await exclusive(call.pool!, () => call.pool!.runAsync({ kernel: job.k, kind: job.kind, args: job.args as never, dest: job.dest, n: job.n, blockSize: ctx.blockSize }));
    } else {
      // slices of ~64 blocks, yielding to the event loop between them
      const slice = ctx.blockSize * 64;
      for (let start = 0; start < job.n; start += slice) {
        (job.k.blocks as (...a: unknown[]) => void)(...job.args, job.dest, start, Math.min(job.n, start + slice), ctx.blockSize);
        if (start + slice < job.n) await new Promise((resolve) => setImmediate(resolve));
      }
    }
  }
}

/** One async job at a time on the pool's control block; sync calls meanwhile run single-threaded. */
let queue: Promise<unknown> = Promise.resolve();
function exclusive<T>(pool: Pool, f: () => Promise<T>): Promise<T> {
  const run = queue.then(async () => {
    pool.busy = true;
    try {
      return await f();
    } finally {
      pool.busy = false;
    }
  });
  queue = run.catch(() => undefined);
  return run;
}


/** One slot per block: bigint partials for int64 accumulations (and integer products), doubles otherwise. */
function allocatePartials(stage: Program, blocks: number, shared: boolean): ArrayBufferView {
  const operand = stage.resultDtype;
  const big = operand === 'int64' || (stage.reduce === 'prod' && operand !== 'float32' && operand !== 'float64');
  const C = (big ? BigInt64Array : Float64Array) as unknown as new (b: ArrayBufferLike | number) => ArrayBufferView;
  return shared ? new C(new SharedArrayBuffer(blocks * 8)) : new C(blocks);
}

function finish(c: CompiledPlan, call: Call, results: Value[]): unknown {
  if (call.copyBack) {
    const { from, to } = call.copyBack;
    scatter(from.data as unknown as ArrayLike<number>, from.shape, to.data as unknown as number[], to.offset, to.stride);
  }
  if (c.plan.rank > 0) return call.returned;
  return toJs(results[results.length - 1] as Scalar, c.plan.dtype, c.plan.weak);
}

/** Combine block partials in block order (deterministic for any schedule). */
export function combine(stage: Program, partials: ArrayLike<Scalar>, n: number): Scalar {
  const op = stage.reduce!;
  const dtype = stage.outputDtype;
  const count = partials.length;
  switch (op) {
    case 'sum':
    case 'mean': {
      if (dtype === 'int64') {
        let total = 0n;
        for (let i = 0; i < count; i++) total = BigInt.asIntN(64, total + BigInt(partials[i]!));
        return total;
      }
      let total = 0;
      for (let i = 0; i < count; i++) total += Number(partials[i]);
      if (op === 'mean') {
        const m = total / n;
        return dtype === 'float32' ? Math.fround(m) : m;
      }
      return dtype === 'float32' ? Math.fround(total) : total;
    }
    case 'prod': {
      if (dtype === 'int64') {
        let total = 1n;
        for (let i = 0; i < count; i++) total = BigInt.asIntN(64, total * BigInt(partials[i]!));
        return total;
      }
      let total = 1;
      for (let i = 0; i < count; i++) total *= Number(partials[i]);
      return dtype === 'float32' ? Math.fround(total) : total;
    }
    case 'min':
    case 'max': {
      if (n === 0) fail('VALUE', `zero-size array to reduction operation ${op} which has no identity`);
      let acc = partials[0]!;
      for (let i = 1; i < count; i++) {
        const p = partials[i]!;
        if (acc !== acc) break; // nan stays
        if (p !== p || (op === 'min' ? p < acc : p > acc)) acc = p;
      }
      return acc;
    }
    case 'any': {
      for (let i = 0; i < count; i++) if (Number(partials[i]) === 1) return 1;
      return 0;
    }
    case 'all': {
      for (let i = 0; i < count; i++) if (Number(partials[i]) !== 1) return 0;
      return 1;
    }
  }
}


/** A scalar result as the JS value users get: number, bigint (int64), boolean (bool). */
export function toJs(v: Scalar, dtype: DType, weak: boolean): unknown {
  if (dtype === 'bool') return v === 1 || v === 1n;
  if (dtype === 'int64') return weak ? Number(v) : BigInt(v);
  return Number(v);
}

// ---- cost model ---------------------------------------------------------------------------------------

const EXPENSIVE = new Set([
  'sin', 'cos', 'tan', 'arcsin', 'arccos', 'arctan', 'sinh', 'cosh', 'tanh', 'arcsinh', 'arccosh', 'arctanh',
  'log', 'log10', 'log1p', 'log2', 'exp', 'expm1', 'exp2', 'cbrt', 'hypot', 'arctan2', 'power',
]);
const costCache = new WeakMap<CompiledPlan, number>();

/**
 * Estimated work per element relative to a memory-bound a*b+c (≈1): a transcendental function costs
 * ~8 of those, an int64 (BigInt) op ~20. The parallel threshold is divided by it.
 */
export function costOf(c: CompiledPlan): number {
  let cost = costCache.get(c);
  if (cost === undefined) {
    cost = 1;
    for (const stage of c.plan.stages) {
      for (const ins of stage.instrs) {
        if (ins.hoisted) continue;
        cost += ins.dtype === 'int64' || ins.operandDtype === 'int64' ? 20 : EXPENSIVE.has(ins.op) ? 8 : 0.25;
      }
    }
    costCache.set(c, cost);
  }
  return cost;
}
