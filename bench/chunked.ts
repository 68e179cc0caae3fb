// evaluateChunked on a Zarr array on disk (written by Python's zarr: see bench/python/make_zarr.py):
// sum(x*x) and 2*x + 1 into y, with throughput, progress and peak RSS growth sampled during the run.
//   /usr/bin/python3 bench/python/make_zarr.py /tmp/m40.zarr 4e7 1e6 blosc
//   npx tsx bench/chunked.ts /tmp/m40.zarr [threads]
// Never part of npm test.

import * as zarr from 'zarrita';
import { FileSystemStore } from '@zarrita/storage';
import { evaluateChunked, setNumThreads, shutdown } from '../src/index.js';

const path = process.argv[2];
if (!path) throw new Error('usage: tsx bench/chunked.ts <path.zarr> [threads]');
setNumThreads(Number(process.argv[3] ?? 1));
const root = zarr.root(new FileSystemStore(path));
const x = await zarr.open(root.resolve('x'), { kind: 'array' });
const y = await zarr.open(root.resolve('y'), { kind: 'array' });
const bytes = x.shape.reduce((a, b) => a * b, 1) * 8;

const base = process.memoryUsage().rss;
let peak = base;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const progress = (label: string) => {
  let last = -1;
  return (done: number, total: number) => {
    const pct = Math.floor((100 * done) / total);
    if (pct >= last + 10 || done === total) {
      last = pct;
      process.stdout.write(`\r${label}: ${done}/${total} chunks (${pct}%)`);
    }
  };
};
let t0 = performance.now();
const s = await evaluateChunked('sum(x*x)', { x }, undefined, { onProgress: progress('sum(x*x)') });
const tSum = (performance.now() - t0) / 1000;
const peakSum = peak;
console.log(`\nsum(x*x) = ${String(s)}: ${tSum.toFixed(2)} s, ${(bytes / tSum / 1e9).toFixed(2)} GB/s read`);
t0 = performance.now();
await evaluateChunked('2*x + 1', { x }, y as never, { onProgress: progress('2*x + 1') });
const tMap = (performance.now() - t0) / 1000;
console.log(`\n2*x + 1 → y: ${tMap.toFixed(2)} s, ${(bytes / tMap / 1e9).toFixed(2)} GB/s read (and as much written)`);
clearInterval(sampler);
console.log(`peak RSS growth during sum(x*x): ${((peakSum - base) / 2 ** 20).toFixed(0)} MiB`);
console.log(`data ${(bytes / 2 ** 20).toFixed(0)} MiB; peak RSS growth ${((peak - base) / 2 ** 20).toFixed(0)} MiB (${((100 * (peak - base)) / bytes).toFixed(1)}% of the data)`);
await shutdown();
