// drivers: how jobs run. The small-call fast path (numexpr's fixed-size block path), the sync
// driver (blocks in the calling thread, or the pool with the caller claiming too), and the async
// driver (the pool while the caller awaits, or slices on the calling thread that yield to the
// event loop and re-check that no input or out was detached meanwhile).

import type { AbortSignalLike } from '../util/abort.js';
import { FLAT } from '../kernel/abi.js';
import { allocate, bytesOverlap } from './shared.js';
import { inArena } from '../backends/wasm/arena.js';
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

/**
 * The hot path for small calls: one elementwise stage over plain typed arrays of one length, below
 * the parallel threshold. Skips views, shapes and layouts; anything unusual falls through to the
 * general path, which re-validates everything.
 */
function smallFlatCall(c: Compiled, vars: Readonly<Record<string, unknown>>, out: unknown, o: CallOptions): unknown {
  const plan = c.plan;
  if (plan.stages.length !== 1 || plan.rank !== 1) return NOT_FAST;
  const stage = plan.stages[0]!;
  if (stage.kind !== 'map' || stage.transformed) return NOT_FAST;
  const params = stage.params;
  const args = new Array<unknown>(params.length);
  let n = -1;
  for (let i = 0; i < params.length; i++) {
    const p = params[i]!;
    if (p.kind !== 'array' && p.kind !== 'scalar') return NOT_FAST;
    const v = vars[plan.inputs[p.input]!.name];
    if (p.kind === 'array') {
      if (!ArrayBuffer.isView(v)) return NOT_FAST;
      const len = (v as unknown as { length: number }).length;
      if (n < 0) n = len;
      else if (len !== n || len === 0) return NOT_FAST;
      args[i] = v;
    } else {
      const info = plan.inputs[p.input]!;
      args[i] = scalarParam(info.name, info.kind === 'scalar' ? scalarValue(v, info.part) : v, p.dtype);
    }
  }
  if (n <= 0 || (!o.singleThread && n >= getParallelThreshold() / costOf(plan))) return NOT_FAST;
  let wasm = c.kernels.wasm;
  if (wasm) for (const a of args) if (ArrayBuffer.isView(a) && !inArena(a)) wasm = false;
  let dest: ArrayBufferView;
  if (out === undefined) dest = allocate(plan.dtype, n, false, wasm ? 'result' : undefined);
  else if (ArrayBuffer.isView(out) && (out as unknown as { length: number }).length === n) dest = out;
  else return NOT_FAST;
  // out aliasing an input elementwise at the same offset is safe; any other overlap takes the general path
  if (out !== undefined) {
    for (const a of args) if (ArrayBuffer.isView(a) && a !== out && bytesOverlap(a, dest)) return NOT_FAST;
  }
  const arena = wasm && inArena(dest);
  const staged = arena ? undefined : c.kernels.staged(0);
  (staged ?? c.kernels.get(0, 'stage', FLAT, arena)).run(args as never, dest, 0, n); // one call: see runBlocks
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
