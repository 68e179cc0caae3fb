// The contract between the shared thread code (pool.ts, worker.ts, claim.ts) and the host: how
// threads start, how messages travel, how a thread waits. node.ts (piscina + worker_threads) and
// browser.ts (Web Workers) implement it; index.ts picks one. Nothing here may import a host module.

import type { FromWorker, ToWorker } from '../protocol.js';

/** The caller's end of one worker slot. */
export interface WorkerLink {
  post(message: ToWorker): void;
  /** A message from the worker that has already arrived, or undefined. Never blocks. */
  receive(): FromWorker | undefined;
  close(): void;
}

/** A started set of worker threads. */
export interface Threads {
  /**
   * Start the resident loop of `slot` (again, after it returned). `done` settles when the loop
   * returns and rejects when its thread died.
   */
  start(slot: number, control: SharedArrayBuffer): { readonly link: WorkerLink; readonly done: Promise<unknown> };
  /** Called when a thread dies outside a task (an uncaught error in the worker). */
  onDeath(listener: () => void): void;
  destroy(): Promise<void>;
}

export interface Platform {
  readonly name: 'node' | 'browser';
  /** Logical cores the threads may use. */
  cores(): number;
  /** A setting from the environment (FUSEXPR_NUM_THREADS), where the host has one. */
  env(name: string): string | undefined;
  /** Why worker threads cannot run here (no SharedArrayBuffer, no worker file), or undefined. */
  threadsUnavailable(): string | undefined;
  startThreads(workers: number): Threads;
  /** Atomics.wait where this thread may block; a bounded spin where it may not (a page's main thread). */
  wait(a: Int32Array, index: number, value: number, ms: number): void;
  /** Resolves on a later turn of the event loop. */
  yieldNow(): Promise<void>;
  /** A repeating timer that never keeps the process alive; returns its canceller. */
  every(ms: number, f: () => void): () => void;
}
