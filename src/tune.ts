// tune(): measures this machine — the thread handoff cost, per-element cost of a cheap and an
// expensive kernel, the block size, and the size from which threads pay — and stores the threshold.
// Medians of short runs; takes a few seconds. `npx fusexpr tune` prints the table.

import { evaluate } from './api.js';
import { empty } from './runtime/shared.js';
import { getNumThreads, setParallelThreshold, startThreads, getParallelThreshold } from './runtime/threads/settings.js';
import { DEFAULT_BLOCK_SIZE } from './runtime/drivers.js';

/**
 * One measured size in a TuneResult: one thread against all threads.
 *
 * @example
 * ```ts
 * for (const row of (await tune()).cheap) console.log(row.size, row.speedup);
 * ```
 */
export interface TuneRow {
  readonly size: number;
  /** ms per call, calling thread only. */
  readonly single: number;
  /** ms per call, all threads. */
  readonly parallel: number;
  readonly speedup: number;
}

/**
 * What tune measured on this machine, and the parallel threshold it chose.
 *
 * @example
 * ```ts
 * const r: TuneResult = await tune({ apply: false });
 * console.log(r.parallelThreshold, r.dispatchMicros);
 * ```
 */
export interface TuneResult {
  readonly threads: number;
  /** µs per call of a 16-element job forced onto the pool, minus the same job in the calling thread. */
  readonly dispatchMicros: number;
  /** ns per element, one thread, 1e6 elements: a*b+c (memory-bound) and sin(x)**2+cos(x)**2. */
  readonly nsPerElement: { readonly cheap: number; readonly expensive: number };
  readonly blockSize: number;
  /** Elements of a unit-cost kernel from which threads pay (stored unless apply: false). */
  readonly parallelThreshold: number;
  readonly cheap: readonly TuneRow[];
  readonly expensive: readonly TuneRow[];
}

function median(f: () => void, minRuns = 5, budgetMs = 150): number {
  const times: number[] = [];
  const start = performance.now();
  while (times.length < minRuns || (performance.now() - start < budgetMs && times.length < 200)) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1]!;
}

/**
 * Measure this machine (threads × size, dispatch cost) and set the parallel threshold from it
 * (unless `apply: false`); takes a few seconds. `npx fusexpr tune` runs it from the shell.
 *
 * @example
 * ```ts
 * import { tune, formatTune } from 'fusexpr';
 * console.log(formatTune(await tune()));
 * ```
 */
export async function tune(options: { apply?: boolean; sizes?: number[] } = {}): Promise<TuneResult> {
  const threads = getNumThreads();
  const sizes = options.sizes ?? [1e3, 3e3, 1e4, 3e4, 1e5, 3e5, 1e6];
  const max = Math.max(...sizes, 1e6);
  const a = empty('float64', max); // (.map would return a non-shared copy)
  for (let i = 0; i < max; i++) a[i] = i / max;
  const b = empty('float64', max).fill(1.5);
  const c = empty('float64', max).fill(0.25);
  const out = empty('float64', max);
  await startThreads();
  const saved = getParallelThreshold();
  try {
    const view = (x: Float64Array, n: number) => x.subarray(0, n);
    const run = (expr: string, n: number, single: boolean, blockSize = DEFAULT_BLOCK_SIZE) =>
      evaluate(expr, { a: view(a, n), b: view(b, n), c: view(c, n) }, view(out, n), { singleThread: single, blockSize });

    setParallelThreshold(0);
    const tinyParallel = median(() => run('a*b+c', 16, false), 50, 100);
    const tinySingle = median(() => run('a*b+c', 16, true), 50, 100);
    const dispatchMicros = Math.max(0, (tinyParallel - tinySingle) * 1000);

    const cheapMs = median(() => run('a*b+c', 1e6, true));
    const expensiveMs = median(() => run('sin(a)**2 + cos(a)**2', 1e6, true));

    let blockSize = DEFAULT_BLOCK_SIZE;
    let best = Infinity;
    for (const bs of [1024, 4096, 16384]) {
      const t = median(() => run('a*b+c', 1e6, true, bs));
      if (t < best * 0.97) {
        best = t;
        blockSize = bs;
      }
    }

    const table = (expr: string): TuneRow[] =>
      sizes.map((size) => {
        const single = median(() => run(expr, size, true));
        const parallel = threads > 1 ? median(() => run(expr, size, false)) : single;
        return { size, single, parallel, speedup: single / parallel };
      });
    const cheap = table('a*b+c');
    const expensive = table('sin(a)**2 + cos(a)**2');
    // the smallest size from which every larger size is faster in parallel (by 5%)
    let threshold = Infinity;
    for (let i = cheap.length - 1; i >= 0; i--) {
      if (cheap[i]!.speedup > 1.05) threshold = cheap[i]!.size;
      else break;
    }
    if (threads <= 1) threshold = Infinity;
    const result: TuneResult = {
      threads, dispatchMicros, blockSize, parallelThreshold: Number.isFinite(threshold) ? threshold : Number.MAX_SAFE_INTEGER,
      nsPerElement: { cheap: (cheapMs * 1e6) / 1e6, expensive: (expensiveMs * 1e6) / 1e6 }, cheap, expensive,
    };
    if (options.apply !== false) setParallelThreshold(result.parallelThreshold);
    else setParallelThreshold(saved);
    return result;
  } catch (e) {
    setParallelThreshold(saved);
    throw e;
  }
}

/**
 * A TuneResult as a readable table.
 *
 * @example
 * ```ts
 * console.log(formatTune(await tune({ apply: false })));
 * ```
 */
export function formatTune(r: TuneResult): string {
  const lines = [
    `threads: ${r.threads}   dispatch: ${r.dispatchMicros.toFixed(1)} µs   block size: ${r.blockSize}`,
    `ns/element (1 thread): a*b+c ${r.nsPerElement.cheap.toFixed(2)}, sin(a)**2+cos(a)**2 ${r.nsPerElement.expensive.toFixed(2)}`,
    '',
    `${'size'.padStart(9)} | ${'a*b+c 1T ms'.padStart(12)} ${`${r.threads}T ms`.padStart(9)} ${'speedup'.padStart(8)} | ${'sin²+cos² 1T'.padStart(12)} ${`${r.threads}T ms`.padStart(9)} ${'speedup'.padStart(8)}`,
  ];
  r.cheap.forEach((c, i) => {
    const e = r.expensive[i]!;
    lines.push(`${c.size.toExponential(0).padStart(9)} | ${c.single.toFixed(3).padStart(12)} ${c.parallel.toFixed(3).padStart(9)} ${`${c.speedup.toFixed(2)}×`.padStart(8)} | ${e.single.toFixed(3).padStart(12)} ${e.parallel.toFixed(3).padStart(9)} ${`${e.speedup.toFixed(2)}×`.padStart(8)}`);
  });
  lines.push('', `parallel threshold: ${r.parallelThreshold >= Number.MAX_SAFE_INTEGER ? 'never (one thread)' : `${r.parallelThreshold} elements (unit-cost kernel)`}`);
  return lines.join('\n');
}
