// Threads: SharedArrayBuffer arrays, setNumThreads, tune(), and evaluateAsync.
import { evaluate, evaluateAsync, empty, setNumThreads, detectNumberOfCores, tune, formatTune, shutdown } from 'fusexpr';

const n = Number(process.argv[2] ?? 2_000_000);
const x = empty('float64', n);
for (let i = 0; i < n; i++) x[i] = i / n;
const out = empty('float64', n);
console.log('previous thread count:', setNumThreads(detectNumberOfCores()));
let t = performance.now();
evaluate('sin(x)**2 + cos(x)**2', { x }, out);
console.log(`sync, all threads: ${(performance.now() - t).toFixed(1)} ms`);
t = performance.now();
await evaluateAsync('sin(x)**2 + cos(x)**2', { x }, out);
console.log(`async (event loop free meanwhile): ${(performance.now() - t).toFixed(1)} ms`);
if (!process.argv.includes('--no-tune')) console.log(formatTune(await tune({ sizes: [1e3, 1e5] })));
await shutdown();
