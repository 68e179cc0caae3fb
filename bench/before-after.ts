// Speed of this build against another build of fusexpr, in one run (interleaved, medians), for the
// kernel-contract issue's figures: the seed polynomial at 1e7 and a*b+c at 1e7 vs a hand loop, the
// diffusion stencil at 1024², and the cached call overhead on 16 elements (float64, int32, float32, a
// scalar var, a bool mask, arena arrays, no out). One thread. Each build
// runs in its own child process, alternating, three times; medians.
//   npm run build && tsx bench/before-after.ts /path/to/other/dist/index.js
// Never part of npm test.

import { pathToFileURL, fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { WORKLOADS, inputsFor } from './workloads.js';
import { machine } from './lib.js';
import { STENCIL, D, DT, initialGrid, stepHand } from '../examples/diffusion-lib.js';

type Evaluate = (e: string, v: Record<string, unknown>, out?: unknown, o?: Record<string, unknown>) => unknown;
type Build = { evaluate: Evaluate; setNumThreads(n: number): number; empty(d: 'float64', n: number): Float64Array };
const other = process.argv[2];
if (!other) throw new Error('usage: tsx bench/before-after.ts <other build>/dist/index.js');

/** Median ms per call over rounds of `reps` calls, rounds of the cases interleaved. */
function timeAll(cases: Record<string, () => unknown>, reps: number, rounds = 15): Record<string, number> {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (const f of Object.values(cases)) for (let i = 0; i < reps; i++) f(); // warm up
  for (let r = 0; r < rounds; r++) {
    for (const [k, f] of Object.entries(cases)) {
      const t0 = performance.now();
      for (let i = 0; i < reps; i++) f();
      samples[k]!.push((performance.now() - t0) / reps);
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([k, s]) => [k, s.sort((a, b) => a - b)[s.length >> 1]!]));
}

// The strongest baseline: top-level functions over their arguments (a loop inside a generic
// closure runs up to 1.5x slower and would flatter fusexpr).
function polynomialHand(x: Float64Array, out: Float64Array): void {
  for (let i = 0; i < out.length; i++) {
    const v = x[i]!;
    out[i] = 0.25 * v * v * v + 0.75 * v * v - 1.5 * v - 2;
  }
}
function abcHand(a: Float64Array, b: Float64Array, c: Float64Array, out: Float64Array): void {
  for (let i = 0; i < out.length; i++) out[i] = a[i]! * b[i]! + c[i]!;
}
// the same a*b+c on float32 and int32 data (issue 11: no regression for either), and an int32 sum
function abcHand32(a: Float32Array, b: Float32Array, c: Float32Array, out: Float32Array): void {
  for (let i = 0; i < out.length; i++) out[i] = Math.fround(a[i]! * b[i]!) + c[i]!;
}
function abcHandI32(a: Int32Array, b: Int32Array, c: Int32Array, out: Int32Array): void {
  for (let i = 0; i < out.length; i++) out[i] = (Math.imul(a[i]!, b[i]!) + c[i]!) | 0;
}
function sumHandI32(a: Int32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s;
}
const HANDS: Record<string, (v: Record<string, Float64Array>, out: Float64Array) => void> = {
  polynomial: (v, out) => polynomialHand(v.x!, out),
  'a*b+c': (v, out) => abcHand(v.a!, v.b!, v.c!, out),
};

/** One build's figures (ms; the last in µs), measured alongside the hand loops in this process. */
function measureBuild(m: Build): Record<string, [number, number]> {
  m.setNumThreads(1);
  const ST = { singleThread: true };
  const r: Record<string, [number, number]> = {};
  for (const name of ['polynomial', 'a*b+c']) {
    const w = WORKLOADS.find((x) => x.name === name)!;
    const vars = inputsFor(w, 1e7, false);
    const out = new Float64Array(1e7);
    const hand = HANDS[name]!;
    const t = timeAll({ hand: () => hand(vars, out), fused: () => m.evaluate(w.expr, vars, out, ST) }, 1, 11);
    r[`${name} @ 1e7`] = [t.hand!, t.fused!];
  }
  const N = 1e7;
  const f32 = (k: number) => Float32Array.from({ length: N }, (_, i) => ((i * k) % 1000) / 100 - 5);
  const i32 = (k: number) => Int32Array.from({ length: N }, (_, i) => ((i * k) % 2001) - 1000);
  const [fa, fb, fc, fo] = [f32(7), f32(13), f32(17), new Float32Array(N)];
  const t32 = timeAll({ hand: () => abcHand32(fa, fb, fc, fo), fused: () => m.evaluate('a*b+c', { a: fa, b: fb, c: fc }, fo, ST) }, 1, 11);
  r['a*b+c float32 @ 1e7'] = [t32.hand!, t32.fused!];
  const [ia, ib, ic, io] = [i32(7), i32(13), i32(17), new Int32Array(N)];
  const ti = timeAll({ hand: () => abcHandI32(ia, ib, ic, io), fused: () => m.evaluate('a*b+c', { a: ia, b: ib, c: ic }, io, ST) }, 1, 11);
  r['a*b+c int32 @ 1e7'] = [ti.hand!, ti.fused!];
  const ts = timeAll({ hand: () => sumHandI32(ia), fused: () => m.evaluate('sum(a)', { a: ia }, undefined, ST) }, 1, 11);
  r['sum int32 @ 1e7'] = [ts.hand!, ts.fused!];
  const n = 1024;
  const grid = initialGrid(n);
  const next = new Float64Array(n * n);
  const dvars = { grid: { data: grid, shape: [n, n] }, D, dt: DT };
  const dout = { data: next, shape: [n, n] };
  const d = timeAll({ hand: () => stepHand(grid, n, next), fused: () => m.evaluate(STENCIL, dvars, dout, ST) }, 3);
  r['diffusion 1024²'] = [d.hand!, d.fused!];
  const w = WORKLOADS[0]!;
  const small = inputsFor(w, 16, false);
  const sout = new Float64Array(16);
  const c = timeAll({ hand: () => polynomialHand(small.x!, sout), fused: () => m.evaluate(w.expr, small, sout) }, 20_000);
  r['cached call, 16 elements (µs)'] = [c.hand! * 1000, c.fused! * 1000];
  // more cached 16-element calls (issue 11: no regression per dtype), each beside the same hand loop
  const F = (k: number) => Float64Array.from({ length: 16 }, (_, i) => i * k - 8);
  const [a, b, o] = [F(1), F(0.5), new Float64Array(16)];
  const [ea, eb, eo] = [m.empty('float64', 16), m.empty('float64', 16), m.empty('float64', 16)];
  ea.set(a);
  eb.set(b);
  const [ia16, ib16, io16] = [Int32Array.from(a), Int32Array.from(b, Math.round), new Int32Array(16)];
  const [fa16, fb16, fc16, fo16] = [Float32Array.from(a), Float32Array.from(b), Float32Array.from(a), new Float32Array(16)];
  const more = timeAll({
    hand: () => polynomialHand(small.x!, sout),
    'int32 a+b': () => m.evaluate('a+b', { a: ia16, b: ib16 }, io16),
    'float32 a*b+c': () => m.evaluate('a*b+c', { a: fa16, b: fb16, c: fc16 }, fo16),
    'a*k+b, k a number': () => m.evaluate('a*k+b', { a, k: 2.5, b }, o),
    'where(a>0, a, 0)': () => m.evaluate('where(a>0, a, 0)', { a }, o),
    'a*k+b, arena arrays (empty)': () => m.evaluate('a*k+b', { a: ea, k: 2.5, b: eb }, eo),
    'a*b, no out': () => m.evaluate('a*b', { a, b }),
  }, 20_000);
  for (const [k, t] of Object.entries(more)) if (k !== 'hand') r[`cached call, 16 elements: ${k} (µs)`] = [more.hand! * 1000, t * 1000];
  return r;
}

if (process.argv[3] === '--child') {
  // one build per process: two builds in one process disturb each other's JIT feedback and memory
  const m = (await import(pathToFileURL(resolve(other)).href)) as Build;
  console.log(JSON.stringify(measureBuild(m)));
  process.exit(0);
}

const runs: Record<'before' | 'after', Record<string, [number, number]>[]> = { before: [], after: [] };
for (let round = 0; round < 3; round++) {
  for (const [label, build] of [['before', other], ['after', 'dist/index.js']] as const) {
    const r = spawnSync(process.execPath, ['--conditions=fusexpr-source', '--import', 'tsx', fileURLToPath(import.meta.url), build, '--child'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    runs[label].push(JSON.parse(r.stdout.trim().split('\n').pop()!));
  }
}
const med = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1]!;
console.log(JSON.stringify(machine()));
console.log(['case', 'hand', 'before', 'after', 'before÷hand', 'after÷hand'].join(' | '));
for (const k of Object.keys(runs.after[0]!)) {
  const hand = med([...runs.before, ...runs.after].map((x) => x[k]![0]));
  const b = med(runs.before.map((x) => x[k]![1]));
  const a = med(runs.after.map((x) => x[k]![1]));
  const f = (v: number) => v.toFixed(k.includes('µs') ? 3 : 2);
  console.log([k, f(hand), f(b), f(a), (b / hand).toFixed(2), (a / hand).toFixed(2)].join(' | '));
}
