// Complex numbers: fusexpr against hand loops over interleaved (re, im) arrays, numexpr 2.8 (Debian's
// /usr/bin/python3) and NumPy 2 (pyenv's python3), one thread, complex128 and complex64, 1e6 and 1e7
// elements; fusexpr and the hand loop in interleaved rounds, medians. FUSEXPR_BEFORE=<a checkout's
// src/index.ts> also times that build in the same rounds (before/after in one run).
//   npx tsx --conditions=fusexpr-source bench/complex.ts        (BENCH_QUICK=1: 1e6 only, no Python)
// Never part of npm test.

import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import * as fusexpr from '../src/index.js';
import { machine, QUICK, table } from './lib.js';

type Engine = { evaluate(e: string, v: Record<string, unknown>, out?: unknown): unknown; setNumThreads(n: number): number };
type CDType = 'complex128' | 'complex64';
type Data = Float64Array | Float32Array;
const BEFORE = process.env.FUSEXPR_BEFORE;
const before: Engine | undefined = BEFORE ? ((await import(pathToFileURL(resolve(BEFORE)).href)) as Engine) : undefined;

const EXPRS = ['z*w + 1', 'exp(z)', 'abs(z)', 'z*conj(z)', 'sum(z)', 'z - mean(z)'] as const;
const SIZES = QUICK ? [1_000_000] : [1_000_000, 10_000_000];
const DTYPES: CDType[] = ['complex128', 'complex64'];

// The strongest baselines: top-level loops (one compiled function per dtype, so neither sees the
// other's array class). exp(z) is the naive formula, without cexp's special values.
const HAND: Record<(typeof EXPRS)[number], string> = {
  'z*w + 1': 'for (let i = 0; i < r.length; i += 2) { const ar = a[i], ai = a[i + 1], br = b[i], bi = b[i + 1]; r[i] = ar * br - ai * bi + 1; r[i + 1] = ar * bi + ai * br; }',
  'exp(z)': 'for (let i = 0; i < r.length; i += 2) { const e = Math.exp(a[i]); r[i] = e * Math.cos(a[i + 1]); r[i + 1] = e * Math.sin(a[i + 1]); }',
  'abs(z)': 'for (let i = 0, j = 0; j < r.length; i += 2, j++) r[j] = Math.hypot(a[i], a[i + 1]);',
  'z*conj(z)': 'for (let i = 0; i < r.length; i += 2) { const ar = a[i], ai = a[i + 1]; r[i] = ar * ar + ai * ai; r[i + 1] = ai * ar - ar * ai; }',
  'sum(z)': 'let s = 0, t = 0; for (let i = 0; i < a.length; i += 2) { s += a[i]; t += a[i + 1]; } return [s, t];',
  'z - mean(z)': 'let s = 0, t = 0; for (let i = 0; i < a.length; i += 2) { s += a[i]; t += a[i + 1]; } s /= a.length / 2; t /= a.length / 2; for (let i = 0; i < r.length; i += 2) { r[i] = a[i] - s; r[i + 1] = a[i + 1] - t; }',
};
const handFor = (expr: (typeof EXPRS)[number]) => new Function('a', 'b', 'r', HAND[expr]) as (a: Data, b: Data, r: Data) => unknown;

const med = (s: number[]) => s.sort((a, b) => a - b)[s.length >> 1]!;

interface Row { expr: string; dtype: CDType; size: number; after: number; before?: number; hand: number }

function run(expr: (typeof EXPRS)[number], dtype: CDType, size: number): Row {
  const Arr = dtype === 'complex64' ? Float32Array : Float64Array;
  const fill = (f: (i: number) => number): Data => {
    const d = new Arr(2 * size);
    for (let i = 0; i < d.length; i++) d[i] = f(i);
    return d;
  };
  const zd = fill((i) => Math.sin(i) * 2);
  const wd = fill((i) => Math.cos(i * 0.7));
  const vars = { z: { data: zd, dtype }, w: { data: wd, dtype } };
  const real = expr === 'abs(z)';
  const outData = new Arr(real ? size : 2 * size);
  const out = expr === 'sum(z)' ? undefined : real ? outData : { data: outData, dtype };
  const hand = handFor(expr);
  const engines: [string, () => unknown][] = [['after', () => fusexpr.evaluate(expr, vars as never, out as never)], ['hand', () => hand(zd, wd, outData)]];
  if (before) engines.push(['before', () => before.evaluate(expr, vars, out)]);
  const samples = new Map<string, number[]>(engines.map(([k]) => [k, []]));
  for (let i = 0; i < 3; i++) for (const [, f] of engines) f();
  for (let r = 0; r < (size > 2e6 ? 5 : 11); r++) {
    for (const [k, f] of engines) {
      const t0 = performance.now();
      f();
      samples.get(k)!.push(performance.now() - t0);
    }
  }
  const m = (k: string) => (samples.has(k) ? med(samples.get(k)!) : undefined);
  return { expr, dtype, size, after: m('after')!, before: m('before'), hand: m('hand')! };
}

/** The Python peers' medians per case, or undefined when that python lacks the package. */
function peers(engine: 'numexpr' | 'numpy', cases: { expr: string; dtype: CDType; size: number }[]): Map<string, number> | undefined {
  if (QUICK) return undefined;
  const python = engine === 'numexpr' ? '/usr/bin/python3' : 'python3';
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE; // as `env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3` (the house rule for timing NumPy)
  delete env.OPENBLAS_L2_SIZE;
  const script = fileURLToPath(new URL('./python/complex_peers.py', import.meta.url));
  const r = spawnSync(python, [script, engine, JSON.stringify({ cases })], { encoding: 'utf8', env, maxBuffer: 1 << 24 });
  if (r.status !== 0) {
    console.log(`(${engine} via ${python} failed: ${r.stderr.split('\n').slice(-2).join(' ')})`);
    return undefined;
  }
  const parsed = JSON.parse(r.stdout) as { version: string; results: { expr: string; dtype: string; size: number; ms: number }[] };
  console.log(`${engine} ${parsed.version} (${python})`);
  return new Map(parsed.results.map((x) => [`${x.expr}|${x.dtype}|${x.size}`, x.ms]));
}

fusexpr.setNumThreads(1);
before?.setNumThreads(1);
console.log(JSON.stringify(machine()));
const rows: Row[] = [];
for (const size of SIZES) for (const dtype of DTYPES) for (const expr of EXPRS) rows.push(run(expr, dtype, size));
const cases = rows.map(({ expr, dtype, size }) => ({ expr, dtype, size }));
const ne = peers('numexpr', cases);
const np = peers('numpy', cases);
const ms = (x: number | undefined) => (x === undefined ? '—' : x.toFixed(2));
const headers = ['expression', 'dtype', 'size', 'fusexpr ms', ...(before ? ['before ms'] : []), 'hand ms', 'numexpr ms', 'NumPy ms', 'vs hand', 'vs numexpr', 'vs NumPy'];
console.log(table(headers, rows.map((r) => {
  const key = `${r.expr}|${r.dtype}|${r.size}`;
  const [n, p] = [ne?.get(key), np?.get(key)];
  const ratio = (b: number | undefined) => (b === undefined ? '—' : `${(r.after / b).toFixed(2)}×`);
  return [r.expr, r.dtype, r.size.toExponential(0), ms(r.after), ...(before ? [ms(r.before)] : []), ms(r.hand), ms(n), ms(p), ratio(r.hand), ratio(n), ratio(p)];
})));
