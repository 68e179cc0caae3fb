// The wire protocol between the caller and resident workers, in one place: the pool's control block
// (an Int32Array over a SharedArrayBuffer, workers wait on GEN), each job's own control block, and
// the messages on each worker's link (platform/platform.ts says how each host carries them).

import type { Arg, KernelRecipe } from '../../kernel/abi.js';

export const CTL = {
  /** Job generation: odd while the caller sets a job up, even when it is published. Workers wait on it. */
  GEN: 0,
  /** Set to make resident workers return (they finish the block they run first). */
  SHUTDOWN: 1,
  /** Microseconds a worker spins on GEN before sleeping. */
  SPIN_MICROS: 2,
  /** Resident loops running now. */
  RESIDENTS: 3,
  /** Milliseconds without a job after which a resident returns (its worker then no longer holds the process open). */
  IDLE_MS: 4,
  /** Advanced by an unref'd timer on the caller's event loop: residents retire only while it moves,
   *  never while the caller is busy in synchronous code (it could not restart them then). */
  LOOP_TICK: 5,
  /**
   * Per worker slot w, at SLOTS + w: 0 no resident, 2 one is being started (set by the caller),
   * 1 one runs (set by it). A retiring resident leaves 0 first, so a job published meanwhile
   * starts a new one instead of waiting for a loop that has left.
   */
  SLOTS: 6,
} as const;
export const controlInts = (workers: number) => CTL.SLOTS + workers;
export const SLOT = { NONE: 0, RUNNING: 1, STARTING: 2 } as const;

/**
 * A job's own control block. Every job gets a fresh one, so a worker that is late, slow or dead
 * can only ever touch the job it joined, never the next one.
 */
export const JOB = {
  /** Next block to claim (Atomics.add). */
  NEXT: 0,
  /** Blocks finished (may pass TOTAL when the caller redid a dead worker's block); the caller waits on it. */
  DONE: 1,
  /** Blocks in this job. */
  TOTAL: 2,
  /** Set when a block threw; the message follows on the worker's port. */
  ERROR: 3,
  /** Set to make everyone stop claiming (an error, or shutdown). */
  STOP: 4,
  /** Participants inside the job now. */
  ACTIVE: 5,
  /** Per participant (0 = the caller, w + 1 = worker w): the block it is running, or -1. */
  CURRENT: 6,
} as const;
export const jobInts = (workers: number) => JOB.CURRENT + workers + 1;

/** What a job runs, whoever runs it: the kernel's arguments and the blocks of [0, n). */
export interface JobShape {
  readonly kind: 'map' | 'reduce';
  readonly args: readonly Arg[];
  /** map: the output; reduce: one partial per block (shared memory on the pool). */
  readonly dest: ArrayBufferView;
  readonly n: number;
  readonly blockSize: number;
  readonly blocks: number;
  /** Non-uniform blocks (reductions, ops/reductions.ts): block b is [starts[b], starts[b + 1]). */
  readonly starts?: Float64Array;
}

export interface JobMessage extends JobShape {
  readonly type: 'job';
  readonly gen: number;
  /** The job's control block (JOB layout). */
  readonly job: SharedArrayBuffer;
  readonly kernelId: number;
  /** Present the first time this worker sees the kernel (the caller keeps a per-worker LRU). */
  readonly recipe?: KernelRecipe;
}

/**
 * Test hook: make this worker fail in its next job ('throw' a kernel error; 'exit' before claiming;
 * 'exit-mid' in a claimed block), or 'hold' it after PROGRESS_BLOCKS blocks until the job's STOP is
 * set (an async caller's progress and abort, coordinated without timers).
 */
export type Fault = 'throw' | 'exit' | 'exit-mid' | 'hold';
export interface FaultMessage {
  readonly type: 'fault';
  readonly fault: Fault;
}

export type ToWorker = JobMessage | FaultMessage;

export interface ErrorMessage {
  readonly type: 'error';
  readonly gen: number;
  /** A FusexprError's code and reason travel as they are (same error as the single-thread path). */
  readonly code?: string;
  readonly message: string;
}

/** Messages from a worker to the caller. */
export type FromWorker = ErrorMessage;

/** Kernels a worker keeps: more than the caller tracks per worker, so the caller's belief holds. */
export const WORKER_KERNEL_CACHE = 512;
export const CALLER_KERNEL_TRACKING = 256;
