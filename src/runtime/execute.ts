// execute: runs a compiled plan's stages in order, in the calling thread or across the pool. The one
// place that decides how blocks run. Reductions keep one partial per block and combine them in block
// order, so a result never depends on the schedule or the thread count (bit-identical).

import { fail } from '../errors.js';
import { ARRAY_CLASS, DType, asBool } from '../types/dtypes.js';
import type { Program } from '../plan/program.js';
import { scalarParam, toArrayValue } from './vars.js';
import type { CompiledPlan, KernelPair } from '../pipeline.js';
import { getPool, getParallelThreshold } from './threads.js';
import { isShared, toShared } from './shared.js';
import type { Pool } from './pool.js';

type Scalar = number | bigint;
type Value = Scalar | ArrayBufferView;

/** Elements per kernel call. Chosen by bench/blocks.ts: flat from 1024 to 65536 here; 4096 doubles = 32 KiB. */
export const DEFAULT_BLOCK_SIZE = 4096;

export interface ExecuteContext {
  readonly codegen?: 'jit' | 'closures';
  readonly blockSize: number;
  /** Copy non-shared inputs into shared memory so the call can use threads. */
  readonly copyToShared?: boolean;
  /** Force the calling thread only (tune() and tests compare against it). */
  readonly singleThread?: boolean;
}

/** A prepared call: inputs validated, output allocated, and how it will run. */
interface Call {
  values: unknown[];
  n: number;
  out: ArrayBufferView | undefined;
  /** The caller's out when the kernels write a shared stand-in that is copied back at the end. */
  copyBack: ArrayBufferView | undefined;
  pool: Pool | undefined;
}

function prepare(c: CompiledPlan, vars: Readonly<Record<string, unknown>>, out: ArrayBufferView | undefined, ctx: ExecuteContext, async: boolean): Call {
  const { plan } = c;
  const inputs = plan.inputs;
  const values: unknown[] = new Array(inputs.length);
  let n = -1;
  let lengthFrom = '';
  let allShared = true;
  for (let i = 0; i < inputs.length; i++) {
    const info = inputs[i]!;
    let v = vars[info.name];
    if (info.kind === 'array') {
      v = toArrayValue(info.name, v);
      const len = (v as unknown as { length: number }).length;
      if (n < 0) {
        n = len;
        lengthFrom = info.name;
      } else if (len !== n) {
        fail('SHAPE', `var '${info.name}' has length ${len} but '${lengthFrom}' has length ${n}`, 'arrays must have the same length');
      }
      if (!isShared(v as ArrayBufferView)) allShared = false;
    }
    values[i] = v;
  }
  if (n < 0) n = 1; // scalar-only expression: one element

  if (plan.rank > 0) {
    if (out !== undefined && (out as unknown as { length: number }).length !== n) {
      fail('BAD_OUT', `out has length ${(out as unknown as { length: number }).length} but the result has length ${n}`);
    }
  } else if (out !== undefined) {
    fail('BAD_OUT', 'out was given but the expression gives a scalar (a full reduction or no arrays)');
  }

  // Threads: enough work, and every array the kernels touch in shared memory (or copied there).
  let pool: Pool | undefined;
  let copyBack: ArrayBufferView | undefined;
  if (!ctx.singleThread && c.kernels[0]?.claim && inputs.some((i) => i.kind === 'array') && n * costOf(c) >= getParallelThreshold()) {
    const candidate = getPool();
    if (candidate && (!candidate.busy || async) && (allShared || ctx.copyToShared)) {
      pool = candidate;
      if (!allShared) for (let i = 0; i < values.length; i++) if (inputs[i]!.kind === 'array') values[i] = toShared(values[i] as ArrayBufferView);
      if (out !== undefined && !isShared(out)) {
        if (!ctx.copyToShared) pool = undefined;
        else {
          copyBack = out;
          out = toShared(out);
        }
      }
    }
  }
  if (plan.rank > 0 && out === undefined) out = allocate(plan.dtype, n, pool !== undefined);
  return { values, n, out, copyBack, pool };
}

export function execute(c: CompiledPlan, vars: Readonly<Record<string, unknown>>, out: ArrayBufferView | undefined, ctx: ExecuteContext): unknown {
  const call = prepare(c, vars, out, ctx, false);
  const results: Value[] = new Array(c.plan.stages.length);
  for (let s = 0; s < c.plan.stages.length; s++) {
    const { stage, args, dest, len } = stageSetup(c, s, call, results, ctx.blockSize);
    const k = c.kernels[s]!;
    if (call.pool && stage.rank + (stage.argRank ?? 0) > 0) {
      call.pool.runSync({ kernel: k, kind: stage.kind, args: args as never, dest, n: len, blockSize: ctx.blockSize });
    } else {
      (k.blocks as (...a: unknown[]) => void)(...args, dest, 0, len, ctx.blockSize);
    }
    results[s] = stageResult(stage, dest, len);
  }
  return finish(c, call, results);
}

/** Like execute, but never blocks the event loop: workers run the blocks, or the caller runs them in slices. */
export async function executeAsync(c: CompiledPlan, vars: Readonly<Record<string, unknown>>, out: ArrayBufferView | undefined, ctx: ExecuteContext): Promise<unknown> {
  const call = prepare(c, vars, out, ctx, true);
  const results: Value[] = new Array(c.plan.stages.length);
  for (let s = 0; s < c.plan.stages.length; s++) {
    const { stage, args, dest, len } = stageSetup(c, s, call, results, ctx.blockSize);
    const k = c.kernels[s]!;
    if (call.pool && stage.rank + (stage.argRank ?? 0) > 0) {
      await exclusive(call.pool, () => call.pool!.runAsync({ kernel: k, kind: stage.kind, args: args as never, dest, n: len, blockSize: ctx.blockSize }));
    } else {
      // slices of ~64 blocks, yielding to the event loop between them
      const slice = ctx.blockSize * 64;
      for (let start = 0; start < len; start += slice) {
        (k.blocks as (...a: unknown[]) => void)(...args, dest, start, Math.min(len, start + slice), ctx.blockSize);
        if (start + slice < len) await new Promise((resolve) => setImmediate(resolve));
      }
    }
    results[s] = stageResult(stage, dest, len);
  }
  return finish(c, call, results);
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

function stageSetup(c: CompiledPlan, s: number, call: Call, results: Value[], blockSize: number) {
  const stage = c.plan.stages[s]!;
  const last = s === c.plan.stages.length - 1;
  const args = stageArgs(stage, call.values, results, c.plan.inputs);
  const shared = call.pool !== undefined;
  let dest: ArrayBufferView;
  let len: number;
  if (stage.kind === 'map') {
    len = stage.rank > 0 ? call.n : 1;
    dest = last && stage.rank > 0 ? call.out! : allocate(stage.outputDtype, len, shared && stage.rank > 0);
  } else {
    len = stage.argRank! > 0 ? call.n : 1;
    dest = allocatePartials(stage, Math.ceil(len / blockSize), shared);
  }
  return { stage, args, dest, len };
}

/** One slot per block: bigint partials for int64 accumulations (and integer products), doubles otherwise. */
function allocatePartials(stage: Program, blocks: number, shared: boolean): ArrayBufferView {
  const operand = stage.resultDtype;
  const big = operand === 'int64' || (stage.reduce === 'prod' && operand !== 'float32' && operand !== 'float64');
  const C = (big ? BigInt64Array : Float64Array) as unknown as new (b: ArrayBufferLike | number) => ArrayBufferView;
  return shared ? new C(new SharedArrayBuffer(blocks * 8)) : new C(blocks);
}

function stageResult(stage: Program, dest: ArrayBufferView, len: number): Value {
  if (stage.kind === 'map') return stage.rank > 0 ? dest : (dest as unknown as ArrayLike<Scalar>)[0]!;
  return combine(stage, dest as unknown as ArrayLike<Scalar>, len);
}

function finish(c: CompiledPlan, call: Call, results: Value[]): unknown {
  const plan = c.plan;
  if (plan.rank > 0) {
    if (call.copyBack) {
      const src = call.out!;
      new Uint8Array(call.copyBack.buffer, call.copyBack.byteOffset, call.copyBack.byteLength).set(new Uint8Array(src.buffer, src.byteOffset, src.byteLength));
      return call.copyBack;
    }
    return call.out;
  }
  return toJs(results[results.length - 1] as Scalar, plan.dtype, plan.weak);
}

function stageArgs(stage: Program, values: unknown[], results: Value[], inputs: CompiledPlan['plan']['inputs']): unknown[] {
  const args = new Array<unknown>(stage.params.length);
  for (let i = 0; i < stage.params.length; i++) {
    const p = stage.params[i]!;
    if (p.kind === 'array') args[i] = values[p.input];
    else if (p.kind === 'scalar') args[i] = scalarParam(inputs[p.input]!.name, values[p.input], p.dtype);
    else args[i] = results[p.stage];
  }
  return args;
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

export function allocate(dtype: DType, n: number, shared = false): ArrayBufferView {
  const C = ARRAY_CLASS[dtype] as unknown as { new (b: ArrayBufferLike | number): ArrayBufferView; BYTES_PER_ELEMENT: number };
  const a = shared ? new C(new SharedArrayBuffer(n * C.BYTES_PER_ELEMENT)) : new C(n);
  if (dtype === 'bool') asBool(a as Uint8Array);
  return a;
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
