// A resident worker: piscina runs this task on a worker; it loops, sleeping on the control block's
// GEN word, joins the job published there and claims its blocks, and returns at shutdown or after
// IDLE_MS without a job (a piscina task in flight holds the process open; an idle pool must not).
// Kernels come as recipes and are rebuilt by the backend registry: any backend runs here.

import { receiveMessageOnPort } from 'node:worker_threads';
import { reviveKernel } from '../../backends/index.js';
import type { Kernel } from '../../kernel/abi.js';
import { LruCache } from '../../util/cache.js';
import { claimBlocks } from './claim.js';
import { CTL, JOB, WORKER_KERNEL_CACHE, type Fault, type JobMessage, type ResidentTask, type ToWorker } from './protocol.js';

export default function resident(task: ResidentTask): number {
  const ctl = new Int32Array(task.control);
  const port = task.port;
  const who = task.index + 1; // the caller is participant 0
  const kernels = new LruCache<number, Kernel>(WORKER_KERNEL_CACHE);
  let fault: Fault | undefined;
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
      if (msg.recipe !== undefined) kernels.set(msg.kernelId, reviveKernel(msg.recipe, msg.kernelId));
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
    const job = drain(g);
    if (!job) continue;
    const jc = new Int32Array(job.job);
    Atomics.add(jc, JOB.ACTIVE, 1);
    try {
      if (fault === 'exit') process.exit(1);
      const k = kernels.get(job.kernelId);
      if (!k) throw new Error(`internal: worker ${task.index} lacks kernel ${job.kernelId}`);
      if (fault === 'throw') {
        fault = undefined;
        throw new Error('injected fault');
      }
      let run = k.run;
      if (fault === 'exit-mid') run = () => process.exit(1);
      claimBlocks(jc, who, { ...job, run }, ctl);
      jobs++;
    } catch (e) {
      const fe = e as { name?: string; code?: string; reason?: string; message?: string };
      const isFusexpr = fe?.name === 'FusexprError';
      port.postMessage({ type: 'error', gen: g, code: isFusexpr ? fe.code : undefined, message: isFusexpr ? fe.reason : e instanceof Error ? e.message : String(e) });
      Atomics.store(jc, JOB.STOP, 1);
      Atomics.store(jc, JOB.ERROR, 1);
      Atomics.notify(jc, JOB.DONE);
    } finally {
      Atomics.sub(jc, JOB.ACTIVE, 1);
    }
  }
}
