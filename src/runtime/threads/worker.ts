// The worker side, shared by every host: a kernel cache fed by recipes (rebuilt through the backend
// registry, so any backend runs here), the test faults, and running one job's blocks. On Node the
// resident loop below sleeps on the control block's GEN word and reads its port synchronously; a
// browser worker (platform/browser-worker.ts) runs the same jobs from its message events.

import { reviveKernel } from '../../backends/index.js';
import type { Kernel } from '../../kernel/abi.js';
import { LruCache } from '../../util/cache.js';
import { claimBlocks, PROGRESS_BLOCKS } from './claim.js';
import { CTL, JOB, SLOT, WORKER_KERNEL_CACHE, type Fault, type FromWorker, type JobMessage, type ToWorker } from './protocol.js';

/** What the host gives the worker code: its messages, a way to answer, and a way to die (test faults). */
export interface WorkerHost {
  /** The next message that has arrived, or undefined. */
  receive(): ToWorker | undefined;
  send(message: FromWorker): void;
  exit(): never;
}

export interface WorkerCore {
  /** Take one message: kernels are cached (even for skipped jobs), faults armed; a job is returned. */
  accept(message: ToWorker): JobMessage | undefined;
  /** Join `job` as participant `who` and claim its blocks; false when it failed (reported on the job and the port). */
  run(job: JobMessage, who: number, ctl?: Int32Array): boolean;
}

export function workerCore(index: number, host: WorkerHost): WorkerCore {
  const kernels = new LruCache<number, Kernel>(WORKER_KERNEL_CACHE);
  let fault: Fault | undefined;
  return {
    accept(msg) {
      if (msg.type === 'fault') {
        fault = msg.fault;
        return undefined;
      }
      // keep the kernel cache in step with the caller's per-worker tracking
      if (msg.recipe !== undefined) kernels.set(msg.kernelId, reviveKernel(msg.recipe, msg.kernelId));
      else kernels.get(msg.kernelId);
      return msg;
    },
    run(job, who, ctl) {
      const jc = new Int32Array(job.job);
      Atomics.add(jc, JOB.ACTIVE, 1);
      try {
        if (fault === 'exit') host.exit();
        const k = kernels.get(job.kernelId);
        if (!k) throw new Error(`internal: worker ${index} lacks kernel ${job.kernelId}`);
        if (fault === 'throw') {
          fault = undefined;
          throw new Error('injected fault');
        }
        let run = k.run;
        if (fault === 'exit-mid') run = () => host.exit();
        if (fault === 'hold') {
          fault = undefined;
          let blocks = 0;
          const inner = run;
          run = (...a) => {
            // once, and bounded: a job nobody stops goes on after 10 s
            if (++blocks === PROGRESS_BLOCKS + 1) Atomics.wait(jc, JOB.STOP, 0, 10_000);
            return inner(...a);
          };
        }
        claimBlocks(jc, who, { ...job, run }, ctl);
        return true;
      } catch (e) {
        const fe = e as { name?: string; code?: string; reason?: string; message?: string };
        const isFusexpr = fe?.name === 'FusexprError';
        host.send({ type: 'error', gen: job.gen, code: isFusexpr ? fe.code : undefined, message: isFusexpr ? fe.reason! : e instanceof Error ? e.message : String(e) });
        Atomics.store(jc, JOB.STOP, 1);
        Atomics.store(jc, JOB.ERROR, 1);
        Atomics.notify(jc, JOB.DONE);
        return false;
      } finally {
        Atomics.sub(jc, JOB.ACTIVE, 1);
      }
    },
  };
}

/**
 * A resident loop (Node): sleeps on GEN, joins the job published there, and returns the number of
 * jobs run at shutdown or after IDLE_MS without a job (a piscina task in flight holds the process
 * open; an idle pool must not).
 */
export function resident(control: SharedArrayBuffer, index: number, host: WorkerHost): number {
  const ctl = new Int32Array(control);
  const who = index + 1; // the caller is participant 0
  const core = workerCore(index, host);
  let seen = -1; // join the job published now, if any (a finished one has no blocks left)
  let jobs = 0;
  const slotWord = CTL.SLOTS + index;
  Atomics.store(ctl, slotWord, SLOT.RUNNING);
  Atomics.add(ctl, CTL.RESIDENTS, 1);

  const retire = () => {
    Atomics.store(ctl, slotWord, SLOT.NONE);
    Atomics.sub(ctl, CTL.RESIDENTS, 1);
    return jobs;
  };

  // the newest job at or after `gen`: a later one may already be queued behind it (and GEN moved on)
  const drain = (gen: number): JobMessage | undefined => {
    let job: JobMessage | undefined;
    for (let m = host.receive(); m; m = host.receive()) {
      const j = core.accept(m);
      if (j && j.gen >= gen && (!job || j.gen > job.gen)) job = j;
    }
    return job;
  };

  for (;;) {
    let g = Atomics.load(ctl, CTL.GEN);
    if (g === seen || g & 1) {
      const spinUntil = performance.now() + Atomics.load(ctl, CTL.SPIN_MICROS) / 1000;
      while ((g === seen || g & 1) && performance.now() < spinUntil) g = Atomics.load(ctl, CTL.GEN);
      const idleMs = Atomics.load(ctl, CTL.IDLE_MS);
      let idleSince = performance.now();
      let tickSince = Atomics.load(ctl, CTL.LOOP_TICK);
      while (g === seen || g & 1) {
        if (Atomics.load(ctl, CTL.SHUTDOWN)) return retire();
        if (g & 1) {
          idleSince = performance.now(); // a job is being set up
          tickSince = Atomics.load(ctl, CTL.LOOP_TICK);
        }
        Atomics.wait(ctl, CTL.GEN, g, Math.min(idleMs, 1000));
        g = Atomics.load(ctl, CTL.GEN);
        const callerIdle = Atomics.load(ctl, CTL.LOOP_TICK) - tickSince >= 2;
        if ((g === seen || g & 1) && callerIdle && performance.now() - idleSince >= idleMs) {
          // leave the slot first: a job published from now on starts a new resident for it
          Atomics.store(ctl, slotWord, SLOT.NONE);
          Atomics.sub(ctl, CTL.RESIDENTS, 1);
          g = Atomics.load(ctl, CTL.GEN);
          if (g === seen || g & 1) return jobs;
          // a job came as we left: take it, unless the caller has started a new resident already
          if (Atomics.compareExchange(ctl, slotWord, SLOT.NONE, SLOT.RUNNING) !== SLOT.NONE) return jobs;
          Atomics.add(ctl, CTL.RESIDENTS, 1);
        }
      }
    }
    if (Atomics.load(ctl, CTL.SHUTDOWN)) return retire();
    seen = g;
    const job = drain(g);
    if (!job) continue;
    seen = Math.max(seen, job.gen);
    if (core.run(job, who, ctl)) jobs++;
  }
}
