// npm start: the seed workloads on real sizes — hand-written loop, unfused (numpy-style temporaries),
// fused on one thread, fused on all threads — with speedups, in well under a minute on 2 cores.
// Flags: --size N (default 1e7), --grid N (default 1024), --threads N (default: cores), --help.

import { evaluate, startThreads, toShared, type Vars, type Out, setNumThreads, getNumThreads, detectNumberOfCores, shutdown } from '../src/index.js';
import { WORKLOADS, inputsFor, sharedOut, type Workload } from './workloads.js';
import { table, machine } from './lib.js';
import { STENCIL, stepHand, initialGrid } from '../examples/diffusion-lib.js';

const HELP = `npm start [-- --size N] [--grid N] [--threads N]

Runs the seed workloads four ways and prints a table of times and speedups:
  hand loop   one hand-written JS loop over Float64Arrays (the baseline)
  unfused     op by op with full-size temporaries, like chained array operations (fusion: false)
  fused 1T    fusexpr, one thread
  fused NT    fusexpr, N threads (SharedArrayBuffer arrays)

  --size N     elements per array (default 1e7)
  --grid N     side of the diffusion grid (default 1024)
  --threads N  threads for the last column (default: the number of cores)`;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(HELP);
  process.exit(0);
}
const size = Number(arg('--size') ?? 1e7);
const grid = Number(arg('--grid') ?? 1024);
const threads = Number(arg('--threads') ?? detectNumberOfCores());
for (const [name, v] of [['--size', size], ['--grid', grid], ['--threads', threads]] as const) {
  if (!Number.isSafeInteger(v) || v < 1) {
    console.error(`${name} must be a positive integer\n\n${HELP}`);
    process.exit(2);
  }
}

const tty = process.stderr.isTTY;
let step = 0;
function progress(label: string, total: number): void {
  step++;
  const bar = '#'.repeat(Math.round((20 * step) / total)).padEnd(20, '.');
  if (tty) process.stderr.write(`\r[${bar}] ${step}/${total} ${label}`.padEnd(70));
  else process.stderr.write(`[${bar}] ${step}/${total} ${label}\n`);
}

/**
 * Median of a few timed runs after a warm-up (the demo favours speed over precision; see npm run
 * bench). The warm-up lasts ~150 ms so V8 has optimized the kernel in the workers too.
 */
function time(f: () => void, runs = 7): number {
  const warm = performance.now();
  for (let k = 0; k < 30 && (k < 2 || performance.now() - warm < 150); k++) f();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    f();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  return t[t.length >> 1]!;
}

const diffusion: Workload = {
  name: `diffusion step (${grid}²)`,
  expr: STENCIL,
  inputs: ['grid'],
  hand: ({ grid: g }, out) => stepHand(g!, grid, out),
};

async function main(): Promise<void> {
  console.log(`fusexpr demo — ${size.toExponential(0)} elements, ${threads} threads on ${machine().cpu} (${machine().cores} cores), node ${process.version}\n`);
  setNumThreads(threads);
  await startThreads();
  const rows: (string | number)[][] = [];
  const workloads = [...WORKLOADS.filter((w) => w.name !== '2*a+3*b'), diffusion];
  const total = workloads.length * 5;
  for (const w of workloads) {
    const n = w === diffusion ? grid * grid : size;
    const vars: Record<string, Float64Array> = w === diffusion ? { grid: initialGrid(grid) } : inputsFor(w, n);
    // the stencil reads the grid as a 2-D view; the hand loop takes the flat array
    const exprVars: Vars = w === diffusion ? { grid: { data: vars.grid, shape: [grid, grid] }, D: 1, dt: 0.1 } : vars;
    const out = sharedOut(n);
    progress(`${w.name}: hand loop`, total);
    const hand = time(() => w.hand(vars, out));
    progress(`${w.name}: unfused`, total);
    const target: Out = w === diffusion ? { data: out, shape: [grid, grid] } : out;
    const unfused = time(() => evaluate(w.expr, exprVars, target, { fusion: false, singleThread: true }), 3);
    progress(`${w.name}: fused, 1 thread`, total);
    const fused1 = time(() => evaluate(w.expr, exprVars, target, { singleThread: true }));
    progress(`${w.name}: fused, ${threads} threads`, total);
    const fusedN = time(() => evaluate(w.expr, exprVars, target));
    // the same call on copies in fusexpr's memory: Wasm SIMD kernels where the stage is supported
    progress(`${w.name}: wasm, 1 thread`, total);
    const av = Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, toShared(Float64Array.from(v))]));
    const aout = toShared(new Float64Array(n));
    const wasm1 = time(() => evaluate(w.expr, w === diffusion ? { ...exprVars, grid: { data: av.grid!, shape: [grid, grid] } } : av, w === diffusion ? { data: aout, shape: [grid, grid] } : aout, { singleThread: true }));
    // each ratio is a time ÷ a time, named in its header; above 1× means the second one is faster
    rows.push([w.name, hand, unfused, fused1, wasm1, fusedN, `${(unfused / fused1).toFixed(2)}×`, `${(fused1 / wasm1).toFixed(2)}×`, `${(hand / fusedN).toFixed(2)}×`]);
  }
  if (tty) process.stderr.write('\r'.padEnd(72) + '\r');
  console.log('expressions timed:');
  for (const w of workloads) console.log(`  ${w.name.padEnd(22)} ${w.expr}`);
  console.log();
  const nt = getNumThreads();
  console.log(table(['workload', 'hand loop ms', 'unfused ms', 'JS 1T ms', 'Wasm 1T ms', `JS ${nt}T ms`, 'unfused ÷ JS 1T', 'JS 1T ÷ Wasm 1T', `hand loop ÷ JS ${nt}T`], rows));
  console.log('\nTimes are medians of 7 runs (unfused: 3). A ratio above 1× means the fused column is faster:');
  console.log(`"unfused ÷ JS 1T" is what fusion gains on one thread; "JS 1T ÷ Wasm 1T" is what the Wasm SIMD backend gains on arrays in fusexpr's memory`);
  console.log(`(toShared copies; stencils and functions it does not vectorize yet run on JS there too); "hand loop ÷ JS ${nt}T" is fusexpr with threads against one hand-written loop.`);
  console.log('`npm run bench` measures with more samples and saves results.');
  await shutdown();
}

await main();
