// The kernel-contract issue's figure: 8 async jobs in flight, then shutdown() or setNumThreads() —
// the time until every promise settles (all fulfilled, with the right answers: test/runtime/threads.test.ts).
//   npx tsx bench/shutdown.ts
import { evaluateAsync, empty, setNumThreads, setParallelThreshold, shutdown, startThreads } from '../src/index.js';
setParallelThreshold(0);
for (const how of ['shutdown', 'setNumThreads'] as const) {
  setNumThreads(2);
  await startThreads();
  const a = empty('float64', 2_000_000).fill(0.5);
  const jobs = Array.from({ length: 8 }, (_, j) => evaluateAsync(`sin(a) * ${j} + exp(a)`, { a }));
  const t0 = performance.now();
  if (how === 'shutdown') await shutdown(); else setNumThreads(3);
  const r = await Promise.allSettled(jobs);
  console.log(how, `${r.filter((x) => x.status === 'fulfilled').length}/8 fulfilled in ${(performance.now() - t0).toFixed(0)} ms`);
  await shutdown();
}
