// A resident worker: piscina runs this task on a worker; it loops, sleeping on the control block's
// GEN word, runs the blocks it claims, and returns at shutdown or after IDLE_MS without a job (a
// piscina task in flight holds the process open; an idle pool must not). The caller starts it again
// when needed. Must not touch the event loop on the hot path (messages are read synchronously).

import { receiveMessageOnPort } from 'node:worker_threads';
import { compileSource } from '../codegen/compile.js';
import { LruCache } from './cache.js';
import { CTL, WORKER_KERNEL_CACHE, type JobMessage, type ResidentTask, type ToWorker } from './protocol.js';

interface Compiled {
  claim: (...a: unknown[]) => void;
}

export default function resident(task: ResidentTask): number {
  const ctl = new Int32Array(task.control);
  const port = task.port;
  const kernels = new LruCache<number, Compiled>(WORKER_KERNEL_CACHE);
  let fault: 'throw' | 'exit' | undefined;
  let seen = -1; // join the job published now, if any (a finished one has no blocks left)
  let jobs = 0;
  Atomics.add(ctl, CTL.RESIDENTS, 1);

  const retire = () => {
    Atomics.sub(ctl, CTL.RESIDENTS, 1);
    return jobs;
  };

  const drain = (gen: number): JobMessage | undefined => {
    let job: JobMessage | undefined;
    for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
      const msg = m.message as ToWorker;
      if (msg.type === 'fault') {
        fault = msg.fault;
        continue;
      }
      // keep the kernel cache in step with the caller's per-worker tracking, even for skipped jobs
      if (msg.source !== undefined) kernels.set(msg.kernelId, compileSource<Compiled>(msg.source));
      else kernels.get(msg.kernelId);
      if (msg.gen === gen) job = msg;
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
          Atomics.sub(ctl, CTL.RESIDENTS, 1);
          g = Atomics.load(ctl, CTL.GEN);
          if (g === seen || g & 1) return jobs;
          Atomics.add(ctl, CTL.RESIDENTS, 1); // a job came as we left: take it
        }
      }
    }
    if (Atomics.load(ctl, CTL.SHUTDOWN)) return retire();
    seen = g;
    Atomics.add(ctl, CTL.ACTIVE, 1);
    try {
      // the caller cannot reset the counters while we are ACTIVE; if GEN moved on, this job is gone
      if (Atomics.load(ctl, CTL.GEN) !== g) continue;
      const job = drain(g);
      if (!job) continue;
      if (fault === 'exit') process.exit(1);
      const k = kernels.get(job.kernelId);
      if (!k) throw new Error(`internal: worker ${task.index} lacks kernel ${job.kernelId}`);
      if (fault === 'throw') {
        fault = undefined;
        throw new Error('injected fault');
      }
      k.claim(...job.args, job.dest, job.n, job.blockSize, ctl);
      jobs++;
    } catch (e) {
      const fe = e as { name?: string; code?: string; reason?: string; message?: string };
      const isFusexpr = fe?.name === 'FusexprError';
      port.postMessage({ type: 'error', gen: g, code: isFusexpr ? fe.code : undefined, message: isFusexpr ? fe.reason : e instanceof Error ? e.message : String(e) });
      Atomics.store(ctl, CTL.ERROR, 1);
      Atomics.notify(ctl, CTL.DONE);
    } finally {
      Atomics.sub(ctl, CTL.ACTIVE, 1);
      Atomics.notify(ctl, CTL.ACTIVE);
    }
  }
}
