// The block-claim loop, once: the caller and every worker take blocks of a job from its shared
// counter until none is left, run them through the kernel contract, and count them done. The
// only place that turns a block index into an element range.

import type { Kernel } from '../../kernel/abi.js';
import { CTL, JOB, type JobShape } from './protocol.js';

/**
 * Blocks per progress step: the async drivers report progress (and see an abort) every this many
 * blocks, on the calling thread (runSliced) and on the pool (a worker wakes the awaiting caller).
 */
export const PROGRESS_BLOCKS = 64;

export interface BlockJob extends JobShape {
  readonly run: Kernel['run'];
}

/** Run block b: elements [b·B, min((b+1)·B, n)), or [starts[b], starts[b + 1]). */
export function runBlock(j: BlockJob, b: number): void {
  const st = j.starts;
  let s = st ? st[b]! : b * j.blockSize;
  let e = st ? st[b + 1]! : s + j.blockSize < j.n ? s + j.blockSize : j.n;
  // starts come out of a Float64Array as doubles: small ints keep the kernel's index an int (sum(x) at 1e6 1.3× faster)
  if (e <= 0x7fffffff) {
    s |= 0;
    e |= 0;
  }
  if (j.kind === 'map') j.run(j.args, j.dest, s, e);
  else (j.dest as unknown as { [i: number]: unknown })[b] = j.run(j.args, null, s, e);
}

/**
 * Run blocks [from, to) in order in this thread (the single-thread driver). A map's blocks are one
 * call over their whole range: the result does not depend on block edges, and a loop here calling
 * every kernel would make V8 inline them into one polymorphic site (a*b+c at 1e7 ran 8% slower
 * after another kernel had used it; bench/before-after.ts). Reductions keep one call per block:
 * their partials are what makes results identical at any thread count.
 */
export function runBlocks(j: BlockJob, from: number, to: number): void {
  if (j.kind === 'map' && !j.starts) {
    const end = to * j.blockSize < j.n ? to * j.blockSize : j.n;
    // n = 0 with a block: a loop over nothing, run for its hoisted checks (schedule.ts, checksOnce)
    if (from * j.blockSize < end || (j.n === 0 && from < to)) j.run(j.args, j.dest, from * j.blockSize, end);
    return;
  }
  for (let b = from; b < to; b++) runBlock(j, b);
}


/**
 * Claim and run blocks until none is left, or until STOP (or `shutdown[SHUTDOWN]`, for workers);
 * `who` is the participant's CURRENT slot.
 */
export function claimBlocks(ctl: Int32Array, who: number, j: BlockJob, shutdown?: Int32Array): void {
  const total = Atomics.load(ctl, JOB.TOTAL);
  for (let b = Atomics.add(ctl, JOB.NEXT, 1); b < total; b = Atomics.add(ctl, JOB.NEXT, 1)) {
    if (Atomics.load(ctl, JOB.STOP) || (shutdown !== undefined && Atomics.load(shutdown, CTL.SHUTDOWN))) {
      Atomics.store(ctl, JOB.CURRENT + who, returnedMark(b)); // claimed, not started: the caller runs it
      return;
    }
    Atomics.store(ctl, JOB.CURRENT + who, b);
    runBlock(j, b);
    Atomics.store(ctl, JOB.CURRENT + who, -1);
    // the last block wakes the waiting caller; so does every PROGRESS_BLOCKS-th, for an async caller's progress
    const done = Atomics.add(ctl, JOB.DONE, 1) + 1;
    if (done >= total || done % PROGRESS_BLOCKS === 0) Atomics.notify(ctl, JOB.DONE);
  }
}

/** CURRENT value of a participant that claimed block b and left without starting it. */
export const returnedMark = (b: number) => -(b + 2);
