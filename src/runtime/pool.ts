// The worker pool: piscina owns the threads (start, errors, shutdown); each thread runs one resident
// task (worker.ts) that waits on a shared control block. A job is published by bumping GEN; the caller
// computes blocks too, then waits for the DONE count (spin briefly, then Atomics.wait or waitAsync).
// Never blocks forever: a stalled job (a worker died) throws and the pool is rebuilt on the next call.

import { MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { FusexprError, type ErrorCode } from '../errors.js';
import { LruCache } from './cache.js';
import { CTL, CONTROL_INTS, CALLER_KERNEL_TRACKING, type Arg, type ErrorMessage, type ResidentTask } from './protocol.js';

export interface PoolConfig {
  /** Worker threads (the caller is one more). */
  workers: number;
  /** µs a worker spins on GEN before sleeping: handoff ~0.2 µs instead of ~60 µs, bounded CPU burn. */
  spinMicros: number;
  /** ms without any finished block before a job is declared stalled (a worker died). */
  stallMs: number;
  /** ms without a job before a resident loop returns and its worker stops holding the process open. */
  idleMs: number;
  /** The caller computes blocks too (false: only workers do, as in async; for tests and benchmarks). */
  callerComputes: boolean;
}

interface KernelRef {
  readonly id: number;
  readonly source: string;
  readonly claim?: Function;
}

export interface Job {
  readonly kernel: KernelRef;
  readonly kind: 'map' | 'reduce';
  readonly args: readonly Arg[];
  readonly dest: ArrayBufferView;
  readonly n: number;
  readonly blockSize: number;
}

const here = import.meta.url;
// Under tsx/vitest this module is TypeScript: the worker then loads worker.ts through tsx's loader.
const workerFile = new URL(here.endsWith('.ts') ? './worker.ts' : './worker.js', here);
const workerExecArgv = here.endsWith('.ts') ? ['--import', 'tsx'] : [];

export class Pool {
  private readonly piscina: Piscina;
  private readonly control: Int32Array;
  private readonly ports: MessagePort[] = [];
  private readonly sent: LruCache<number, true>[] = [];
  private gen = 0;
  /** Set when a job stalled or a worker exited: the pool must be replaced. */
  broken = false;
  /** True while an async job is in flight (sync callers then run single-threaded). */
  busy = false;
  private readonly ticker: NodeJS.Timeout;
  /** Per worker slot: a resident task submitted and not yet seen ending (seen on the event loop). */
  private readonly slotBusy: boolean[] = [];

  constructor(readonly config: PoolConfig) {
    this.control = new Int32Array(new SharedArrayBuffer(CONTROL_INTS * 4));
    Atomics.store(this.control, CTL.SPIN_MICROS, config.spinMicros);
    Atomics.store(this.control, CTL.IDLE_MS, config.idleMs);
    this.piscina = new Piscina({
      filename: workerFile.href,
      minThreads: config.workers,
      maxThreads: config.workers,
      idleTimeout: Infinity,
      execArgv: workerExecArgv,
      atomics: 'disabled',
    });
    this.piscina.on('error', () => {
      this.broken = true;
    });
    this.ticker = setInterval(() => Atomics.add(this.control, CTL.LOOP_TICK, 1), Math.max(1, config.idleMs / 4));
    this.ticker.unref();
    this.ensureResidents();
  }

  /**
   * Start resident loops until every slot has one. A resident returns after idleMs without jobs, so an
   * idle pool holds no task and the process can exit; piscina keeps the threads, so a restart is cheap.
   */
  private ensureResidents(): void {
    for (let slot = 0; slot < this.config.workers; slot++) {
      if (this.slotBusy[slot]) continue;
      this.slotBusy[slot] = true;
      // a port can be transferred once: each start gets a fresh channel for its slot
      const { port1, port2: port } = new MessageChannel();
      port1.unref();
      this.ports[slot]?.close();
      this.ports[slot] = port1;
      this.sent[slot] = new LruCache(CALLER_KERNEL_TRACKING);
      const task: ResidentTask = { control: this.control.buffer as SharedArrayBuffer, port, index: slot };
      this.piscina
        .run(task, { transferList: [port] as never })
        .then(
          (_jobs) => undefined,
          () => {
            this.broken = true; // its worker died
          },
        )
        .finally(() => {
          this.slotBusy[slot] = false;
        });
    }
  }

  get size(): number {
    return this.config.workers + 1;
  }

  private publish(job: Job): void {
    const c = this.control;
    this.ensureResidents();
    Atomics.store(c, CTL.GEN, ++this.gen); // odd: setting up; late joiners back off
    this.waitFor(CTL.ACTIVE, 0, 'a worker from the previous job did not finish');
    const total = Math.ceil(job.n / job.blockSize);
    Atomics.store(c, CTL.NEXT, 0);
    Atomics.store(c, CTL.DONE, 0);
    Atomics.store(c, CTL.TOTAL, total);
    Atomics.store(c, CTL.ERROR, 0);
    const gen = ++this.gen;
    for (let w = 0; w < this.ports.length; w++) {
      if (!this.slotBusy[w]) continue;
      const sent = this.sent[w]!;
      const known = sent.get(job.kernel.id) !== undefined;
      if (!known) sent.set(job.kernel.id, true);
      this.ports[w]!.postMessage({
        type: 'job', gen, kernelId: job.kernel.id, source: known ? undefined : job.kernel.source,
        kind: job.kind, args: job.args, dest: job.dest, n: job.n, blockSize: job.blockSize,
      });
    }
    Atomics.store(c, CTL.GEN, gen);
    Atomics.notify(c, CTL.GEN);
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
  runSync(job: Job): void {
    this.publish(job);
    const c = this.control;
    if (!this.config.callerComputes) {
      this.waitFor(CTL.DONE, Atomics.load(c, CTL.TOTAL), 'a worker stopped responding mid-job (it crashed or was killed)');
      this.checkError();
      return;
    }
    try {
      (job.kernel.claim! as (...a: unknown[]) => void)(...job.args, job.dest, job.n, job.blockSize, c);
    } catch (e) {
      // stop the others, then report the caller's own error
      Atomics.store(c, CTL.NEXT, Atomics.load(c, CTL.TOTAL));
      this.waitFor(CTL.ACTIVE, 0, 'a worker did not stop');
      throw e;
    }
    const total = Atomics.load(c, CTL.TOTAL);
    this.waitFor(CTL.DONE, total, 'a worker stopped responding mid-job (it crashed or was killed)');
    this.checkError();
  }

  /** Run a job on the workers alone, awaiting completion without blocking the event loop. */
  async runAsync(job: Job): Promise<void> {
    this.publish(job);
    const c = this.control;
    const total = Atomics.load(c, CTL.TOTAL);
    let last = -1;
    let lastProgress = Date.now();
    for (;;) {
      const done = Atomics.load(c, CTL.DONE);
      if (done >= total || Atomics.load(c, CTL.ERROR)) break;
      if (done !== last) {
        last = done;
        lastProgress = Date.now();
      } else if (Date.now() - lastProgress > this.config.stallMs) {
        this.stalled('a worker stopped responding mid-job (it crashed or was killed)');
      }
      const r = Atomics.waitAsync(c, CTL.DONE, done, 50);
      if (r.async) await r.value;
      else await new Promise((resolve) => setImmediate(resolve));
    }
    this.checkError();
  }

  /** Wait until control[slot] reaches value: spin a little, then sleep in slices, watching for stalls. */
  private waitFor(slot: number, value: number, stallMessage: string): void {
    const c = this.control;
    const reached = () => (slot === CTL.ACTIVE ? Atomics.load(c, slot) <= value : Atomics.load(c, slot) >= value || Atomics.load(c, CTL.ERROR) !== 0);
    for (let i = 0; i < 2000 && !reached(); i++);
    let seen = Atomics.load(c, CTL.DONE);
    let lastProgress = Date.now();
    while (!reached()) {
      const cur = Atomics.load(c, slot);
      Atomics.wait(c, slot, cur, 20);
      const done = Atomics.load(c, CTL.DONE);
      if (done !== seen) {
        seen = done;
        lastProgress = Date.now();
      } else if (Date.now() - lastProgress > this.config.stallMs) {
        this.stalled(stallMessage);
      }
    }
  }

  private stalled(message: string): never {
    this.broken = true;
    throw new FusexprError('RUNTIME', `${message}; out may be partially written. The worker pool will be restarted on the next call`);
  }

  private checkError(): void {
    if (!Atomics.load(this.control, CTL.ERROR)) return;
    // wait for the others to leave the job so the next one starts clean
    this.waitFor(CTL.ACTIVE, 0, 'a worker did not stop');
    let message = 'a worker failed';
    let code: ErrorCode = 'RUNTIME';
    for (const p of this.ports) {
      for (let m = receiveMessageOnPort(p); m; m = receiveMessageOnPort(p)) {
        const msg = m.message as ErrorMessage;
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

  /** Test hook: the next job fails in worker `index` ('throw': a kernel error; 'exit': the thread dies). */
  injectFault(fault: 'throw' | 'exit', index = 0): void {
    this.ports[index % this.ports.length]!.postMessage({ type: 'fault', fault });
  }

  async destroy(): Promise<void> {
    clearInterval(this.ticker);
    Atomics.store(this.control, CTL.SHUTDOWN, 1);
    Atomics.add(this.control, CTL.GEN, 2);
    Atomics.notify(this.control, CTL.GEN);
    for (const p of this.ports) p.close();
    await this.piscina.destroy();
  }
}
