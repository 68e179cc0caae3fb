// Thread settings and the lazily started pool: setNumThreads/getNumThreads (FUSEXPR_NUM_THREADS sets
// the first value, default = cores), the parallel threshold, and shutdown. No output at import.

import { fail } from '../../errors.js';
import { Pool, type PoolConfig } from './pool.js';
import { platform } from './platform/index.js';

/**
 * The logical cores of this machine (Node: `os.availableParallelism()`; browsers:
 * `navigator.hardwareConcurrency`), the default thread count.
 *
 * @example
 * ```ts
 * import { detectNumberOfCores, setNumThreads } from 'fusexpr';
 * setNumThreads(Math.max(1, detectNumberOfCores() - 1)); // leave a core free
 * ```
 */
export function detectNumberOfCores(): number {
  return platform.cores();
}

let numThreads: number | undefined;

function initialThreads(): number {
  const env = platform.env('FUSEXPR_NUM_THREADS');
  if (env === undefined || env === '') return detectNumberOfCores();
  const n = Number(env);
  if (!Number.isSafeInteger(n) || n < 1 || n > 1024) {
    fail('OPTION', `FUSEXPR_NUM_THREADS must be a positive integer (at most 1024), got ${JSON.stringify(env)}`);
  }
  return n;
}

/**
 * Threads evaluate may use (the calling thread counts as one): `FUSEXPR_NUM_THREADS` on Node,
 * else the number of cores, until setNumThreads changes it.
 *
 * @example
 * ```ts
 * import { getNumThreads } from 'fusexpr';
 * console.log(`fusexpr uses ${getNumThreads()} threads`);
 * ```
 */
export function getNumThreads(): number {
  if (numThreads === undefined) numThreads = initialThreads();
  return numThreads;
}

/**
 * Threads used by evaluate (the calling thread counts as one). Returns the previous value, as
 * numexpr. 1 turns threads off.
 *
 * @example
 * ```ts
 * import { setNumThreads } from 'fusexpr';
 * const before = setNumThreads(4);
 * // ... evaluate on 4 threads ...
 * setNumThreads(before);
 * ```
 */
export function setNumThreads(n: number): number {
  if (!Number.isSafeInteger(n) || n < 1 || n > 1024) fail('OPTION', `setNumThreads(n): n must be a positive integer (at most 1024), got ${String(n)}`);
  const previous = getNumThreads();
  numThreads = n;
  if (pool && pool.size !== n) retirePool();
  return previous;
}

/**
 * Elements of a unit-cost kernel (one memory-bound op per element) below which a call stays in the
 * calling thread; heavier kernels go parallel sooner (threshold / estimated cost). Default chosen by
 * bench/threads.ts on a 2-core machine: two threads paid 1.3–1.6× from 1e4–3e4 elements of a*b+c.
 */
export const DEFAULT_PARALLEL_THRESHOLD = 32768;
let parallelThreshold = DEFAULT_PARALLEL_THRESHOLD;

/**
 * Elements of a unit-cost kernel below which a call stays in the calling thread (see
 * setParallelThreshold).
 *
 * @example
 * ```ts
 * import { getParallelThreshold } from 'fusexpr';
 * console.log(getParallelThreshold()); // 32768 unless changed (or tuned)
 * ```
 */
export function getParallelThreshold(): number {
  return parallelThreshold;
}

/**
 * Set the elements of a unit-cost kernel below which a call stays in the calling thread (heavier
 * kernels go parallel sooner); returns the previous value. `tune()` measures a value for this
 * machine; 0 sends every array call to the threads.
 *
 * @example
 * ```ts
 * import { setParallelThreshold } from 'fusexpr';
 * setParallelThreshold(100_000); // small arrays stay on this thread
 * ```
 */
export function setParallelThreshold(elements: number): number {
  if (!Number.isFinite(elements) || elements < 0) fail('OPTION', `setParallelThreshold(elements): must be a non-negative number, got ${String(elements)}`);
  const previous = parallelThreshold;
  parallelThreshold = elements;
  return previous;
}

/** Pool tuning; spinMicros bounds the CPU a waiting worker burns (handoff ~0.2 µs spinning vs ~60 µs asleep). */
export const poolConfig: Omit<PoolConfig, 'workers'> = { spinMicros: 50, stallMs: 5000, idleMs: 100, callerComputes: true };

let pool: Pool | undefined;
let warning: string | undefined;

/** The pool for the current thread count (started on first use), or undefined for one thread. */
export function getPool(): Pool | undefined {
  const n = getNumThreads();
  if (n <= 1) return undefined;
  if (pool && pool.broken) retirePool();
  if (!pool) {
    // checked once, before the first pool: the answer does not change while the process runs
    if (warning === undefined) warning = platform.threadsUnavailable();
    if (warning !== undefined) return undefined;
    pool = new Pool({ ...poolConfig, workers: n - 1 });
  }
  return pool;
}

function retirePool(): void {
  const old = pool;
  pool = undefined;
  if (old) void old.destroy().catch(() => undefined);
}

/**
 * Start the worker threads now and resolve when they are ready (they otherwise start on first
 * use, and a browser page's first calls then run on its own thread).
 *
 * @example
 * ```ts
 * import { startThreads, setNumThreads } from 'fusexpr';
 * setNumThreads(4);
 * await startThreads(); // the first big evaluate does not pay for starting threads
 * ```
 */
export async function startThreads(): Promise<void> {
  await getPool()?.ready();
}

/**
 * Stop the worker threads (they never keep a Node process alive; this is for explicit cleanup).
 * A later call starts them again.
 *
 * @example
 * ```ts
 * import { shutdown } from 'fusexpr';
 * await shutdown();
 * ```
 */
export async function shutdown(): Promise<void> {
  const old = pool;
  pool = undefined;
  if (old) await old.destroy();
}

/** Test hook: the current pool, if started. */
export function currentPool(): Pool | undefined {
  return pool;
}

/**
 * Why evaluation runs single-threaded although more threads were asked for, or undefined. Set once,
 * the first time a call could have used threads: in a browser page that is not cross-origin
 * isolated (no SharedArrayBuffer: serve it with `Cross-Origin-Opener-Policy: same-origin` and
 * `Cross-Origin-Embedder-Policy: require-corp`), or where a bundler left fusexpr's worker file
 * behind. fusexpr never prints it: read it when results come slower than expected.
 *
 * @example
 * ```ts
 * import { evaluate, threadsWarning } from 'fusexpr';
 * evaluate('a * 2', { a: new Float64Array(1e6) });
 * if (threadsWarning() !== undefined) console.warn(threadsWarning());
 * ```
 */
export function threadsWarning(): string | undefined {
  return warning;
}
