// The worker pool: the platform owns the threads (piscina on Node, Web Workers in browsers); each
// thread runs one resident loop (worker.ts) that waits on the pool's control block. A job is published by bumping GEN with a
// fresh job control block; the caller claims blocks too, then waits for the DONE count. A worker
// that dies or stalls never hangs a call or poisons the next one: its blocks are taken over by the
// caller (or the call fails when `out` was being updated in place), and the pool is replaced.

import type { AbortSignalLike } from '../../util/abort.js';
import { FusexprError, type ErrorCode } from '../../errors.js';
import type { Kernel } from '../../kernel/abi.js';
import { LruCache } from '../../util/cache.js';
import { claimBlocks, runBlock, PROGRESS_BLOCKS, type BlockJob } from './claim.js';
import { CTL, SLOT, controlInts, CALLER_KERNEL_TRACKING, JOB, jobInts, type Fault, type JobMessage } from './protocol.js';
import { platform } from './platform/index.js';
import type { Threads, WorkerLink } from './platform/platform.js';

export interface PoolConfig {
  /** Worker threads (the caller is one more). */
  workers: number;
  /** µs a worker spins on GEN before sleeping: handoff ~0.2 µs instead of ~60 µs, bounded CPU burn. */
  spinMicros: number;
  /** ms without any finished block (sync calls) before the caller takes the job over. */
  stallMs: number;
  /** ms without a job before a resident loop returns and its worker stops holding the process open. */
  idleMs: number;
  /** The caller computes blocks too (false: only workers do, as in async; for tests and benchmarks). */
  callerComputes: boolean;
}

/** A job for the pool: the blocks the claim loop runs, plus the kernel workers rebuild from its recipe. */
export interface PoolJob extends BlockJob {
  readonly kernel: Kernel;
  /** A block may be run twice with the same result (false when out is updated in place). */
  readonly redoable: boolean;
}

const DEAD_MESSAGE = 'a worker thread died or stopped responding mid-job';

export class Pool {
  private readonly threads: Threads;
  private readonly control: Int32Array;
  private readonly ports: WorkerLink[] = [];
  private readonly sent: LruCache<number, true>[] = [];
  private readonly residents: Promise<unknown>[] = [];
  private gen = 0;
  /** Set when a worker died or a job stalled: the pool must be replaced. */
  broken = false;
  /** Set by destroy(): jobs in flight finish on the calling thread. */
  closed = false;
  /** True while an async job is in flight (sync callers then run single-threaded). */
  busy = false;
  /** Woken when a worker dies or the pool closes (async jobs wait on it alongside DONE). */
  private wake: (() => void) | undefined;
  private readonly stopTicker: () => void;

  constructor(readonly config: PoolConfig) {
    this.control = new Int32Array(new SharedArrayBuffer(controlInts(config.workers) * 4));
    Atomics.store(this.control, CTL.SPIN_MICROS, config.spinMicros);
    Atomics.store(this.control, CTL.IDLE_MS, config.idleMs);
    this.threads = platform.startThreads(config.workers);
    this.threads.onDeath(() => this.died());
    this.stopTicker = platform.every(Math.max(1, config.idleMs / 4), () => Atomics.add(this.control, CTL.LOOP_TICK, 1));
    this.ensureResidents();
  }

  /** Worker deaths so far: a job's ACTIVE count keeps the +1 of each worker that died inside it. */
  private deaths = 0;

  private died(): void {
    this.deaths++;
    this.broken = true;
    this.wake?.();
  }

  /**
   * Start resident loops until every slot has one. A resident returns after idleMs without jobs, so an
   * idle pool holds no task and the process can exit; the platform keeps the threads, so a restart is cheap.
   */
  private ensureResidents(): void {
    if (this.closed) return;
    for (let slot = 0; slot < this.config.workers; slot++) {
      // the slot's word, not the platform's promise: a resident that left is seen at once
      if (Atomics.compareExchange(this.control, CTL.SLOTS + slot, SLOT.NONE, SLOT.STARTING) !== SLOT.NONE) continue;
      this.ports[slot]?.close();
      const { link, done } = this.threads.start(slot, this.control.buffer as SharedArrayBuffer);
      this.ports[slot] = link;
      this.sent[slot] = new LruCache(CALLER_KERNEL_TRACKING);
      this.residents[slot] = done
        .then(
          () => undefined,
          () => {
            Atomics.store(this.control, CTL.SLOTS + slot, SLOT.NONE);
            this.died(); // its worker died
          },
        );
    }
  }

  get size(): number {
    return this.config.workers + 1;
  }

  private publish(job: PoolJob): Int32Array {
    if (this.closed) throw new Error('internal: publish on a closed pool');
    this.ensureResidents();
    const c = this.control;
    const jc = new Int32Array(new SharedArrayBuffer(jobInts(this.config.workers) * 4));
    Atomics.store(jc, JOB.TOTAL, job.blocks);
    jc.fill(-1, JOB.CURRENT);
    Atomics.store(c, CTL.GEN, ++this.gen); // odd: setting up; late joiners back off
    const gen = ++this.gen;
    // every slot's port: a resident that is leaving may still come back for this job
    for (let w = 0; w < this.ports.length; w++) {
      const sent = this.sent[w]!;
      const known = sent.get(job.kernel.id) !== undefined;
      if (!known) sent.set(job.kernel.id, true);
      this.ports[w]!.post({
        type: 'job', gen, job: jc.buffer, kernelId: job.kernel.id, recipe: known ? undefined : job.kernel.recipe,
        kind: job.kind, args: job.args, dest: job.dest, n: job.n, blockSize: job.blockSize, blocks: job.blocks, starts: job.starts,
      } satisfies JobMessage);
    }
    Atomics.store(c, CTL.GEN, gen);
    Atomics.notify(c, CTL.GEN);
    return jc;
  }

  /** Resolves once every worker slot runs a resident loop (benchmarks and tests wait for it). */
  async ready(timeoutMs = 10_000): Promise<void> {
    this.ensureResidents();
    const started = Date.now();
    while (Atomics.load(this.control, CTL.RESIDENTS) < this.config.workers) {
      if (Date.now() - started > timeoutMs) throw new FusexprError('RUNTIME', `worker threads did not start within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 1));
      this.ensureResidents();
    }
  }

  /** Run a job with the caller computing blocks too; returns when every block is done. */
  runSync(job: PoolJob): void {
    const jc = this.publish(job);
    if (this.config.callerComputes) {
      try {
        claimBlocks(jc, 0, job);
      } catch (e) {
        Atomics.store(jc, JOB.STOP, 1); // stop the others, then report the caller's own error
        throw e;
      }
    }
    const total = Atomics.load(jc, JOB.TOTAL);
    for (let i = 0; i < 2000 && !finished(jc, total); i++); // a short spin: most jobs end together
    let seen = Atomics.load(jc, JOB.DONE);
    let lastProgress = Date.now();
    while (!finished(jc, total)) {
      platform.wait(jc, JOB.DONE, seen, 20);
      const done = Atomics.load(jc, JOB.DONE);
      if (done !== seen) {
        seen = done;
        lastProgress = Date.now();
      } else if (Date.now() - lastProgress > this.config.stallMs) {
        this.takeOver(jc, job);
      }
    }
    this.checkError(jc);
  }

  /**
   * Run a job on the workers alone, awaiting completion without blocking the event loop. `onBlocks`
   * hears the count of finished blocks as it rises (workers wake the caller every PROGRESS_BLOCKS
   * blocks); an abort it raises is seen at once.
   */
  async runAsync(job: PoolJob, signal?: AbortSignalLike, onBlocks?: (done: number) => void): Promise<void> {
    const deathsBefore = this.deaths;
    const jc = this.publish(job);
    const total = Atomics.load(jc, JOB.TOTAL);
    // a pending Atomics.waitAsync does not keep Node's event loop alive: this timer does
    const keepAlive = setInterval(() => undefined, 1 << 30);
    const onAbort = () => this.wake?.();
    signal?.addEventListener('abort', onAbort);
    let reported = 0;
    try {
      for (;;) {
        // DONE first, then the test, then the wait on that very value: a last block that lands
        // in between changes DONE, so the wait returns at once instead of sleeping forever
        const done = Atomics.load(jc, JOB.DONE);
        if (done >= total || Atomics.load(jc, JOB.ERROR)) break;
        if (onBlocks && done > reported && !signal?.aborted) {
          reported = done;
          try {
            onBlocks(done); // it may abort: the test below sees it before any wait
          } catch (e) {
            Atomics.store(jc, JOB.STOP, 1); // a progress callback that throws ends the call: the workers stop too
            Atomics.notify(jc, JOB.STOP);
            throw e;
          }
        }
        if (signal?.aborted) {
          // workers stop at their next block; then the call rejects (out is partly written)
          Atomics.store(jc, JOB.STOP, 1);
          Atomics.notify(jc, JOB.STOP); // a worker held by the 'hold' test fault waits on it
          for (let i = 0; i < 500 && Atomics.load(jc, JOB.ACTIVE) > 0; i++) await new Promise((r) => setTimeout(r, 2));
          throw new FusexprError('ABORTED', 'the evaluation was aborted (signal)');
        }
        if (this.closed || this.broken) {
          // shut down, or a worker died: finish the job here, yielding between slices
          await this.takeOverAsync(jc, job, deathsBefore, signal, onBlocks);
          lostBlock(jc);
          break;
        }
        const dead = new Promise<void>((resolve) => (this.wake = resolve));
        // a bounded wait as well: an error's notify (ERROR, not DONE) may land before the wait starts
        const r = Atomics.waitAsync(jc, JOB.DONE, done, 100);
        await (r.async ? Promise.race([r.value, dead]) : undefined);
      }
    } finally {
      this.wake = undefined;
      clearInterval(keepAlive);
      signal?.removeEventListener('abort', onAbort);
    }
    this.checkError(jc);
  }

  /** Blocks nobody claimed run here; blocks a dead (or stalled) worker was running are redone, or the call fails. */
  private takeOver(jc: Int32Array, job: PoolJob): void {
    this.broken = true;
    claimBlocks(jc, 0, job);
    for (const b of this.leftBlocks(jc, job)) {
      runBlock(job, b);
      Atomics.add(jc, JOB.DONE, 1);
    }
    lostBlock(jc);
  }

  private async takeOverAsync(jc: Int32Array, job: PoolJob, deathsBefore: number, signal?: AbortSignalLike, onBlocks?: (done: number) => void): Promise<void> {
    const total = Atomics.load(jc, JOB.TOTAL);
    for (let b = Atomics.add(jc, JOB.NEXT, 1); b < total; b = Atomics.add(jc, JOB.NEXT, 1)) {
      runBlock(job, b);
      Atomics.add(jc, JOB.DONE, 1);
      if (b % PROGRESS_BLOCKS === PROGRESS_BLOCKS - 1) {
        onBlocks?.(Atomics.load(jc, JOB.DONE));
        await platform.yieldNow();
        if (signal?.aborted) {
          Atomics.store(jc, JOB.STOP, 1);
          throw new FusexprError('ABORTED', 'the evaluation was aborted (signal)');
        }
      }
    }
    // workers that are stopping finish the block they run (they check between blocks): a slow block
    // is not a dead worker, so wait for them — up to stallMs, after which they count as dead
    const until = Date.now() + this.config.stallMs;
    const working = () => Atomics.load(jc, JOB.ACTIVE) - (this.deaths - deathsBefore) > 0; // the dead never leave
    while (working() && !finished(jc, total) && Date.now() < until) await new Promise((r) => setTimeout(r, 2));
    if (finished(jc, total)) return;
    for (const b of this.leftBlocks(jc, job)) {
      runBlock(job, b);
      Atomics.add(jc, JOB.DONE, 1);
    }
  }

  /** Blocks workers claimed and did not finish: returned ones, and started ones when a block may run twice. */
  private leftBlocks(jc: Int32Array, job: PoolJob): number[] {
    const left: number[] = [];
    let started = false;
    for (let w = 1; w <= this.config.workers; w++) {
      const v = Atomics.load(jc, JOB.CURRENT + w);
      if (v >= 0) {
        started = true;
        this.broken = true;
        left.push(v);
      } else if (v <= -2) left.push(-(v + 2));
      Atomics.store(jc, JOB.CURRENT + w, -1);
    }
    if (started && !job.redoable) {
      Atomics.store(jc, JOB.STOP, 1);
      throw new FusexprError('RUNTIME', `${DEAD_MESSAGE} while updating out in place; out may be partially written. The worker pool will be restarted on the next call`);
    }
    return left;
  }

  private checkError(jc: Int32Array): void {
    if (!Atomics.load(jc, JOB.ERROR)) return;
    let message = 'a worker failed';
    let code: ErrorCode = 'RUNTIME';
    for (const p of this.ports) {
      for (let msg = p.receive(); msg; msg = p.receive()) {
        if (msg.type === 'error' && msg.gen === this.gen) {
          message = msg.message;
          if (msg.code) code = msg.code as ErrorCode;
        }
      }
    }
    if (message.startsWith('internal:')) this.broken = true;
    // the same error the calling thread would have raised for this block
    throw new FusexprError(code, message);
  }

  /** Test hook: the next job fails in worker `index`. */
  injectFault(fault: Fault, index = 0): void {
    this.ports[index % this.ports.length]!.post({ type: 'fault', fault });
  }

  /** Stop the workers (each finishes the block it runs); async jobs in flight finish on the caller. */
  async destroy(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopTicker();
    Atomics.store(this.control, CTL.SHUTDOWN, 1);
    Atomics.add(this.control, CTL.GEN, 2);
    Atomics.notify(this.control, CTL.GEN);
    this.wake?.();
    // residents return after their current block; a stuck one is terminated with its thread
    const left = Promise.allSettled(this.residents);
    // each finishes its block first (however slow, up to stallMs): only then are the threads ended
    await Promise.race([left, new Promise<void>((r) => void (setTimeout(r, Math.max(1000, this.config.stallMs)) as { unref?: () => void }).unref?.())]);
    for (const p of this.ports) p.close();
    await this.threads.destroy();
  }
}

const finished = (jc: Int32Array, total: number) => Atomics.load(jc, JOB.DONE) >= total || Atomics.load(jc, JOB.ERROR) !== 0;

/**
 * After a take-over every block must be done: a worker that died between claiming a block and
 * recording it (two atomic steps) leaves one nobody can name. Never a silent hole: an error.
 */
function lostBlock(jc: Int32Array): void {
  if (Atomics.load(jc, JOB.DONE) < Atomics.load(jc, JOB.TOTAL) && !Atomics.load(jc, JOB.ERROR)) {
    throw new FusexprError('RUNTIME', `${DEAD_MESSAGE} before recording its block; the result would have a hole, so the call fails. The worker pool will be restarted on the next call`);
  }
}
