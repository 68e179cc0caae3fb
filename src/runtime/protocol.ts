// The wire protocol between the caller and resident workers, in one place: the control block's
// layout (an Int32Array over a SharedArrayBuffer) and the messages on each worker's MessagePort.
// Workers block in Atomics.wait on GEN; they read job messages synchronously (receiveMessageOnPort).

export const CTL = {
  /** Job generation: odd while the caller sets a job up, even when it is published. Workers wait on it. */
  GEN: 0,
  /** Next block to claim (Atomics.add). */
  NEXT: 1,
  /** Blocks finished; the caller waits on it. */
  DONE: 2,
  /** Blocks in this job. */
  TOTAL: 3,
  /** Workers inside a job; the caller waits for 0 before reusing the counters. */
  ACTIVE: 4,
  /** Set when a block threw; the message follows on the worker's port. */
  ERROR: 5,
  /** Set to make resident workers return. */
  SHUTDOWN: 6,
  /** Microseconds a worker spins on GEN before sleeping. */
  SPIN_MICROS: 7,
  /** Resident loops running now. */
  RESIDENTS: 8,
  /** Milliseconds without a job after which a resident returns (its worker then no longer holds the process open). */
  IDLE_MS: 9,
  /** Advanced by an unref'd timer on the caller's event loop: residents retire only while it moves,
   *  never while the caller is busy in synchronous code (it could not restart them then). */
  LOOP_TICK: 10,
} as const;
export const CONTROL_INTS = 11;

export type Arg = number | bigint | ArrayBufferView;

export interface JobMessage {
  readonly type: 'job';
  readonly gen: number;
  readonly kernelId: number;
  /** Present the first time this worker sees the kernel (the caller keeps a per-worker LRU). */
  readonly source?: string;
  readonly kind: 'map' | 'reduce';
  readonly args: readonly Arg[];
  /** The output (map) or the per-block partials (reduce): shared memory. */
  readonly dest: ArrayBufferView;
  readonly n: number;
  readonly blockSize: number;
}

/** Test hook: make this worker fail during its next job. */
export interface FaultMessage {
  readonly type: 'fault';
  readonly fault: 'throw' | 'exit';
}

export type ToWorker = JobMessage | FaultMessage;

export interface ErrorMessage {
  readonly type: 'error';
  readonly gen: number;
  /** A FusexprError's code and reason travel as they are (same error as the single-thread path). */
  readonly code?: string;
  readonly message: string;
}

/** The task a worker runs (through piscina) until shutdown or until idle for IDLE_MS. */
export interface ResidentTask {
  readonly control: SharedArrayBuffer;
  readonly port: import('node:worker_threads').MessagePort;
  readonly index: number;
}

/** Kernels a worker keeps: more than the caller tracks per worker, so the caller's belief holds. */
export const WORKER_KERNEL_CACHE = 512;
export const CALLER_KERNEL_TRACKING = 256;
