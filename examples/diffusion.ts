// The diffusion simulation four ways, with time per step and speedups at several grid sizes, a check
// that all four agree, and an SVG heatmap of the dye spreading.
//   npx tsx examples/diffusion.ts [--sizes 256,512,1024,2048] [--svg diffusion.svg] [--cells 64]

import { writeFileSync } from 'node:fs';
import { getNumThreads, startThreads, shutdown } from 'fusexpr';
import { initialGrid, stepNaive, stepInPlace, stepNumexprStyle, stepFused, stepHand, maxRelativeDifference } from './diffusion-lib.js';
import { heatmapSvg } from './heatmap.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const sizes = (arg('--sizes') ?? '256,512,1024,2048').split(',').map(Number);
const svgPath = arg('--svg') ?? 'diffusion.svg';
const cells = Number(arg('--cells') ?? 64); // heatmap cells per side (the SVG grows with their square)

/** Median ms per step over a short time budget (at least 3 steps). */
function perStep(step: () => void, budgetMs = 400): number {
  step();
  const t: number[] = [];
  const start = performance.now();
  while (t.length < 3 || (performance.now() - start < budgetMs && t.length < 50)) {
    const s = performance.now();
    step();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  return t[t.length >> 1]!;
}

await startThreads();
const threads = getNumThreads();
console.log(`2-D diffusion, periodic, D = 1, dt = 0.1 — ms per step (median), ${threads} threads available\n`);
const rows: string[][] = [];
for (const n of sizes) {
  const grid = initialGrid(n);
  const next = initialGrid(n).fill(0);
  // the four ways (and the hand loop) must agree after one step
  const want = new Float64Array(n * n);
  stepHand(grid, n, want);
  const results = {
    naive: stepNaive(grid, n),
    'in-place': (stepInPlace(grid, n, next), next.slice()),
    'numexpr-style': (stepNumexprStyle(grid, n, next), next.slice()),
    fused: (stepFused(grid, n, next), next.slice()),
  };
  for (const [name, r] of Object.entries(results)) {
    const diff = maxRelativeDifference(r, want);
    if (diff > 1e-12) throw new Error(`${name} disagrees with the hand-written stencil at ${n}²: ${diff}`);
  }
  const naive = n <= 1024 ? perStep(() => stepNaive(grid, n), 300) : NaN;
  const inPlace = perStep(() => stepInPlace(grid, n, next));
  const numexprStyle = perStep(() => stepNumexprStyle(grid, n, next));
  const fused1 = perStep(() => stepFused(grid, n, next, { singleThread: true }));
  const fusedN = perStep(() => stepFused(grid, n, next));
  const hand = perStep(() => stepHand(grid, n, next));
  rows.push([`${n}²`, Number.isNaN(naive) ? '—' : naive.toFixed(2), inPlace.toFixed(2), numexprStyle.toFixed(2), fused1.toFixed(2), fusedN.toFixed(2), hand.toFixed(2),
    `${(inPlace / fused1).toFixed(2)}×`, `${(fused1 / hand).toFixed(2)}×`, `${(inPlace / fusedN).toFixed(2)}×`]);
}
const headers = ['grid', 'naive', 'in-place', 'numexpr-style', 'fused 1T', `fused ${threads}T`, 'hand loop', 'in-place÷fused 1T', 'fused 1T÷hand', `in-place÷fused ${threads}T`];
const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
console.log(headers.map((h, i) => h.padStart(widths[i]!)).join('  '));
for (const r of rows) console.log(r.map((c, i) => c.padStart(widths[i]!)).join('  '));
console.log('\nall four ways agree with the hand-written stencil (max relative difference ≤ 1e-12)');

// the dye spreading: snapshots of a 128² grid
const n = 128;
let g = initialGrid(n);
let h = initialGrid(n).fill(0);
const snapshots: { step: number; grid: Float64Array }[] = [];
for (let step = 0; step <= 600; step++) {
  if (step % 200 === 0) snapshots.push({ step, grid: g.slice() });
  stepFused(g, n, h);
  [g, h] = [h, g];
}
writeFileSync(svgPath, await heatmapSvg(snapshots, n, cells));
console.log(`wrote ${svgPath}: the grid at steps ${snapshots.map((s) => s.step).join(', ')}`);
await shutdown();
