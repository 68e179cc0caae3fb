// drivers: how jobs run. The small-call fast path (numexpr's fixed-size block path), the sync
// driver (blocks in the calling thread, or the pool with the caller claiming too), and the async
// driver (the pool while the caller awaits, or slices on the calling thread that yield to the
// event loop and re-check that no input or out was detached meanwhile).

import type { AbortSignalLike } from '../util/abort.js';
import { FLAT } from '../kernel/abi.js';
import { allocate } from './shared.js';
import { inArena, isArenaInstance } from '../backends/wasm/arena.js';
import type { Plan } from '../plan/program.js';
import type { DType } from '../types/dtypes.js';
import { scalarParam, scalarValue } from './vars.js';
import { getParallelThreshold } from './threads/settings.js';
import { platform } from './threads/platform/index.js';
import { runBlocks, PROGRESS_BLOCKS, type BlockJob } from './threads/claim.js';
import type { Pool, PoolJob } from './threads/pool.js';
import { checkAttached, prepare, type Call, type CallOptions } from './prepare.js';
import { fail } from '../errors.js';
import { sizeOf } from '../types/shapes.js';
import { copyBack, jobs, toJs, type Compiled, type Job } from './schedule.js';
import { costOf } from './cost.js';
import type { Value, Scalar } from './prepare.js';

/**
 * Elements per kernel call. bench/blocks.ts found speed flat from 256 to one call per array here;
 * 4096 (32 KiB of doubles) keeps per-block partials small and gives threads ~2,500 blocks at 1e7.
 */
export const DEFAULT_BLOCK_SIZE = 4096;

export function execute(c: Compiled, vars: Readonly<Record<string, unknown>>, out: unknown, o: CallOptions): unknown {
  const fast = smallFlatCall(c, vars, out, o);
  if (fast !== NOT_FAST) return fast;
  const call = prepare(c.plan, costOf(c.plan), vars, out, o, false);
  const it = jobs(c, call, o.blockSize);
  for (let step = it.next(); ; step = it.next()) {
    if (step.done) return finish(c, call, step.value);
    const job = step.value;
    if (job.parallel) call.pool!.runSync(poolJob(job, call, o.blockSize));
    else runBlocks(blockJob(job, o.blockSize), 0, job.blocks);
  }
}

const NOT_FAST = Symbol('not fast');

/** What the small-call path needs of a plan, read once per plan instead of once per call. */
interface SmallCall {
  /** Per stage param: the var it reads. */
  readonly names: readonly string[];
  /** Per stage param: whether it is an array (else a scalar). */
  readonly arrays: readonly boolean[];
  /** Per scalar param: its kernel dtype, and the part of a complex scalar var it reads. */
  readonly dtypes: readonly DType[];
  readonly parts: readonly ('re' | 'im' | undefined)[];
  readonly cost: number;
}
const smallCalls = new WeakMap<Plan, SmallCall | null>();

/** The plan's SmallCall: one elementwise flat stage over arrays and scalars; null for any other plan. */
function smallCallOf(plan: Plan): SmallCall | null {
  let s = smallCalls.get(plan);
  if (s !== undefined) return s;
  s = null;
  const stage = plan.stages[0]!;
  if (plan.stages.length === 1 && plan.rank === 1 && stage.kind === 'map' && !stage.transformed && stage.params.every((p) => p.kind === 'array' || p.kind === 'scalar')) {
    const infos = stage.params.map((p) => plan.inputs[(p as { input: number }).input]!);
    s = {
      names: infos.map((i) => i.name),
      arrays: stage.params.map((p) => p.kind === 'array'),
      dtypes: stage.params.map((p) => p.dtype),
      parts: infos.map((i) => (i.kind === 'scalar' ? i.part : undefined)),
      cost: costOf(plan),
    };
  }
  smallCalls.set(plan, s);
  return s;
}

/**
 * The hot path for small calls: one elementwise stage over plain typed arrays of one length, below
 * the parallel threshold. Skips views, shapes and layouts; anything unusual falls through to the
 * general path, which re-validates everything.
 */
function smallFlatCall(c: Compiled, vars: Readonly<Record<string, unknown>>, out: unknown, o: CallOptions): unknown {
  const s = smallCallOf(c.plan);
  if (s === null) return NOT_FAST;
  const { names, arrays } = s;
  const args = new Array<unknown>(names.length);
  let n = -1;
  // Wasm runs only when every array (and out) is in the arena
  let wasm = c.kernels.wasm;
  for (let i = 0; i < names.length; i++) {
    const v = vars[names[i]!];
    if (arrays[i]) {
      if (!ArrayBuffer.isView(v)) return NOT_FAST;
      const len = (v as unknown as { length: number }).length;
      if (n < 0) n = len;
      else if (len !== n || len === 0) return NOT_FAST;
      if (wasm && !inArena(v)) wasm = false;
      args[i] = v;
    } else {
      const part = s.parts[i];
      args[i] = scalarParam(names[i]!, part === undefined ? v : scalarValue(v, part), s.dtypes[i]!);
    }
  }
  if (n <= 0 || (!o.singleThread && n >= getParallelThreshold() / s.cost)) return NOT_FAST;
  let dest: ArrayBufferView;
  if (out === undefined) dest = allocate(c.plan.dtype, n, false, wasm ? 'result' : undefined);
  else if (ArrayBuffer.isView(out) && (out as unknown as { length: number }).length === n) dest = out;
  else return NOT_FAST;
  // out in the arena (inArena reads .buffer and a WeakSet: once here, not per input)
  const destIn = isArenaInstance(dest) && inArena(dest);
  // out aliasing an input elementwise at the same offset is safe; any other overlap takes the general path
  if (out !== undefined) {
    for (let i = 0; i < names.length; i++) {
      if (!arrays[i] || args[i] === out) continue;
      const a = args[i] as ArrayBufferView;
      // bytesOverlap: the same buffer, or both in the arena (every input is when wasm held)
      if ((a.buffer === dest.buffer || (destIn && (wasm || inArena(a)))) && a.byteOffset < dest.byteOffset + dest.byteLength && dest.byteOffset < a.byteOffset + a.byteLength) return NOT_FAST;
    }
  }
  const destArena = wasm && destIn;
  const staged = destArena ? undefined : c.kernels.staged(0);
  (staged ?? c.kernels.get(0, 'stage', FLAT, destArena)).run(args as never, dest, 0, n); // one call: see runBlocks
  return dest;
}

/** Like execute, but never blocks the event loop: workers run the blocks, or the caller runs them in slices. */
/** What an async call may be asked besides computing: to stop, and to say how far it is. */
export interface AsyncControl {
  readonly signal?: AbortSignalLike;
  readonly onProgress?: (done: number, total: number) => void;
}

export async function executeAsync(c: Compiled, vars: Readonly<Record<string, unknown>>, out: unknown, o: CallOptions, ctl: AsyncControl = {}): Promise<unknown> {
  checkAborted(ctl.signal);
  const call = prepare(c.plan, costOf(c.plan), vars, out, o, true);
  const progress = { done: 0, total: call.loopShapes.reduce((n, s) => n + sizeOf(s), 0), report: ctl.onProgress };
  const it = jobs(c, call, o.blockSize);
  for (let step = it.next(); ; step = it.next()) {
    if (step.done) return finish(c, call, step.value);
    const job = step.value;
    const pool = call.pool;
    if (job.parallel) {
      const counted = job.counted !== false;
      const base = progress.done;
      // the workers' finished blocks as elements, reported as they rise (as runSliced does per slice)
      const onBlocks = counted && progress.report ? (blocks: number) => advance(progress, base + elementsIn(job, blocks, o.blockSize)) : undefined;
      await exclusive(pool!, () => (pool!.closed ? runSliced(job, call, o.blockSize, ctl.signal, counted ? progress : undefined) : pool!.runAsync(poolJob(job, call, o.blockSize), ctl.signal, onBlocks)));
      if (counted) advance(progress, base + job.n);
    } else {
      await runSliced(job, call, o.blockSize, ctl.signal, job.counted !== false ? progress : undefined);
    }
    checkAttached(call);
  }
}

type Progress = { done: number; total: number; report?: AsyncControl['onProgress'] };

/** Report `done` elements when it is more than reported so far (each count once, never backwards). */
function advance(progress: Progress, done: number): void {
  if (done <= progress.done) return;
  progress.done = done;
  progress.report?.(done, progress.total);
}

/** Elements in the first `blocks` blocks of a job (the count a claim loop's finished blocks stand for). */
function elementsIn(job: Job, blocks: number, blockSize: number): number {
  if (blocks >= job.blocks) return job.n;
  return job.starts ? job.starts[blocks]! : Math.min(job.n, blocks * blockSize);
}

function checkAborted(signal: AbortSignalLike | undefined): void {
  if (signal?.aborted) fail('ABORTED', 'the evaluation was aborted (signal)');
}

/** Slices of PROGRESS_BLOCKS blocks on the calling thread, yielding to the event loop between them. */
async function runSliced(job: Job, call: Call, blockSize: number, signal?: AbortSignalLike, progress?: Progress): Promise<void> {
  const bj = blockJob(job, blockSize);
  const total = job.blocks;
  const base = progress?.done ?? 0;
  for (let b = 0; b < total; b += PROGRESS_BLOCKS) {
    if (b > 0) {
      await platform.yieldNow();
      checkAborted(signal);
      checkAttached(call);
    }
    const to = Math.min(total, b + PROGRESS_BLOCKS);
    runBlocks(bj, b, to);
    if (progress) advance(progress, base + elementsIn(job, to, blockSize));
  }
}

/** One async job at a time on the pool; sync calls meanwhile run single-threaded. */
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

const blockJob = (job: Job, blockSize: number): BlockJob => ({ run: job.kernel.run, kind: job.kind, args: job.args, dest: job.dest, n: job.n, blockSize, blocks: job.blocks, starts: job.starts });

const poolJob = (job: Job, call: Call, blockSize: number): PoolJob => ({ ...blockJob(job, blockSize), kernel: job.kernel, redoable: !call.inPlace });

function finish(c: Compiled, call: Call, results: Value[]): unknown {
  copyBack(call);
  if (c.plan.rank > 0) return call.returned;
  return toJs(results[results.length - 1] as Scalar, c.plan.dtype, c.plan.weak);
}
