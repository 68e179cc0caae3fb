// Threads × size for a compute-bound (sin²+cos²) and a memory-bound (a*b+c) expression: 1 thread,
// all threads forced (threshold 0), and the automatic threshold; plus the sync dispatch overhead of
// a tiny job. Ratios are to the 1-thread time in the same run.

import { evaluate, getNumThreads, setParallelThreshold, getParallelThreshold, startThreads } from '../src/index.js';
import { WORKLOADS, inputsFor, sharedOut } from './workloads.js';
import { measure, table, ratio, save, sizeLabel, QUICK } from './lib.js';

export async function threadsSuite(): Promise<void> {
  await startThreads();
  const threads = getNumThreads();
  const auto = getParallelThreshold();
  const sizes = QUICK ? [1e4, 1e5, 1e6] : [1e4, 3e4, 1e5, 3e5, 1e6, 1e7];
  const rows: Record<string, unknown>[] = [];
  const printed: (string | number)[][] = [];
  for (const w of WORKLOADS.filter((x) => x.name === 'sin²+cos²' || x.name === 'a*b+c')) {
    for (const n of sizes) {
      const vars = inputsFor(w, n);
      const out = sharedOut(n);
      const m = await measure(`${w.name} @ ${sizeLabel(n)}`, [
        { name: '1 thread', fn: () => evaluate(w.expr, vars, out, { singleThread: true }) },
        {
          name: `${threads} threads`,
          fn: () => {
            setParallelThreshold(0);
            evaluate(w.expr, vars, out);
            setParallelThreshold(auto);
          },
        },
        { name: 'auto', fn: () => evaluate(w.expr, vars, out) },
      ]);
      const single = m.get('1 thread')!.ms;
      const all = m.get(`${threads} threads`)!.ms;
      const automatic = m.get('auto')!.ms;
      rows.push({ workload: w.name, size: n, threads, singleMs: single, parallelMs: all, autoMs: automatic });
      printed.push([w.name, sizeLabel(n), single, all, ratio(single / all), automatic, ratio(single / automatic)]);
    }
  }
  // dispatch overhead: a 16-element job forced onto the pool, vs the same job in the calling thread
  const tiny = inputsFor(WORKLOADS[1]!, 16);
  const tinyOut = sharedOut(16);
  const m = await measure('dispatch', [
    { name: 'tiny, calling thread', fn: () => evaluate('a*b+c', tiny, tinyOut, { singleThread: true }) },
    {
      name: `tiny, ${threads} threads`,
      fn: () => {
        setParallelThreshold(0);
        evaluate('a*b+c', tiny, tinyOut);
        setParallelThreshold(auto);
      },
    },
  ]);
  const dispatchMicros = (m.get(`tiny, ${threads} threads`)!.ms - m.get('tiny, calling thread')!.ms) * 1000;
  console.log(`\nthreads × size (${threads} threads; auto threshold ${auto} elements of a unit-cost kernel)\n`);
  console.log(table(['workload', 'size', '1T ms', `${threads}T ms`, 'speedup', 'auto ms', 'auto speedup'], printed));
  console.log(`\nsync dispatch overhead (16 elements, ${threads} threads): ${dispatchMicros.toFixed(1)} µs per call (total ${(m.get(`tiny, ${threads} threads`)!.ms * 1000).toFixed(1)} µs)`);
  save('threads', [...rows, { workload: 'dispatch', threads, dispatchMicros }]);
}
