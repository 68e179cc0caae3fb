// Issue 14's figures in one run, one thread, arrays in fusexpr's memory (the Wasm arena): Wasm vs the
// JS backend vs NumPy 2 (pyenv python3) and numexpr (Debian python3), plus memory: RSS growth of one
// 1e7 evaluation, and peak RSS over 1,000 evaluations of 1e7 without out (child processes, so each
// figure starts from a fresh process). Run: npm run bench -- wasm (BENCH_QUICK=1: fewer rounds).

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { evaluate, empty, free, memoryStats, type Vars } from '../src/index.js';
import { machine, ratio, save, table, QUICK } from './lib.js';
import { setStageMinWork, STAGE_MIN_WORK } from '../src/backends/wasm/index.js';

const saved = STAGE_MIN_WORK;

const ME = fileURLToPath(import.meta.url);
const PY_SCRIPT = fileURLToPath(new URL('./python/wasm_peers.py', import.meta.url));

/** Arena arrays in [-2, 2) from a fixed LCG. */
function arena(dtype: 'float64' | 'float32', n: number, seed: number): Float64Array | Float32Array {
  const a = empty(dtype, n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    a[i] = (s / 2 ** 31) * 4 - 2;
  }
  return a;
}

/**
 * Interleaved medians: rounds alternate the cases (a machine shared with other jobs slows them
 * alike), each round times enough calls for ~20 ms; the median of the rounds, ms per call.
 */
function interleaved(cases: Record<string, () => unknown>, rounds = QUICK ? 7 : 21): Record<string, number> {
  const reps: Record<string, number> = {};
  for (const [k, f] of Object.entries(cases)) {
    const s = performance.now();
    let r = 0;
    while (performance.now() - s < 60) {
      f();
      r++;
    }
    reps[k] = Math.max(1, Math.round((r * 20) / 60));
  }
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [k, f] of Object.entries(cases)) {
      const s = performance.now();
      for (let i = 0; i < reps[k]!; i++) f();
      times[k]!.push((performance.now() - s) / reps[k]!);
    }
  }
  const result: Record<string, number> = {};
  for (const [k, t] of Object.entries(times)) {
    t.sort((a, b) => a - b);
    result[k] = t[t.length >> 1]!;
    result[`${k}_best`] = t[0]!;
  }
  return result;
}

function python(exe: string, cases: Record<string, number>): Record<string, any> | undefined {
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const r = spawnSync(exe, [PY_SCRIPT, JSON.stringify({ cases })], { encoding: 'utf8', env, timeout: 10 * 60_000 });
  if (r.status !== 0) {
    console.log(`(${exe}: ${r.stderr.trim().split('\n').pop()}; skipped)`);
    return undefined;
  }
  return JSON.parse(r.stdout);
}

/** A child process's figure (a fresh process: peak RSS is this figure's alone). */
function child(what: string): Record<string, number> {
  const r = spawnSync(process.execPath, [...process.execArgv, '--expose-gc', ME, '--child', what], { encoding: 'utf8', timeout: 30 * 60_000 });
  if (r.status !== 0) throw new Error(`child ${what} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

const MB = 2 ** 20;
const rssMB = () => process.memoryUsage().rss / MB;
const maxRssMB = () => process.resourceUsage().maxRSS / 1024;

async function childMain(what: string): Promise<void> {
  const n = 1e7;
  const plain = what === 'loop-js';
  const make = (s: number) => (plain ? Float64Array.from(arena('float64', n, s)) : arena('float64', n, s));
  const a = make(1), b = make(2), c = make(3);
  const vars: Vars = { a, b, c };
  evaluate('a*b+c', { a: a.subarray(0, 10), b: b.subarray(0, 10), c: c.subarray(0, 10) }); // compile
  (globalThis as { gc?: () => void }).gc?.();
  const before = rssMB();
  const peakBefore = maxRssMB();
  if (what === 'one') {
    const r = evaluate('a*b+c', vars, undefined, { singleThread: true }) as Float64Array;
    console.log(JSON.stringify({ inputsMB: (3 * n * 8) / MB, outputMB: (r.length * 8) / MB, rssBeforeMB: before, rssGrowthMB: rssMB() - before, peakGrowthMB: maxRssMB() - Math.max(peakBefore, before), arenaMB: memoryStats().memoryBytes / MB }));
    return;
  }
  const count = what === 'async-loop' ? (QUICK ? 50 : 200) : QUICK ? 100 : 1000;
  const t = performance.now();
  let last = 0;
  for (let i = 0; i < count; i++) {
    const r = evaluate('a*b+c', vars, undefined, { singleThread: true }) as Float64Array;
    last = r[i]!;
    if (what === 'async-loop') await new Promise((res) => setImmediate(res)); // finalizers get to run
  }
  console.log(JSON.stringify({ count, msPerCall: (performance.now() - t) / count, rssBeforeMB: before, peakRssMB: maxRssMB(), arenaMB: memoryStats().memoryBytes / MB, last }));
}

export async function wasmSuite(): Promise<void> {
  console.log(`\nWasm SIMD backend (issue 14), one thread, arena arrays; machine ${JSON.stringify(machine())}`);
  const rows: Record<string, unknown>[] = [];
  const out: (string | number)[][] = [];
  const py = python('python3', { abc: 1e5, exp: 1e6, sincos: 1e7 });
  const ne = python('/usr/bin/python3', { numexpr_sincos: 1e7, numexpr_abc: 1e5 });
  const one = { singleThread: true } as const;
  const js = { singleThread: true, backend: 'js' } as const;
  const add = (name: string, wasm: number, base: number, baseName: string, goal: string, best?: [number, number]) => {
    rows.push({ name, wasmMs: wasm, baseline: baseName, baselineMs: base, speedup: base / wasm, goal, wasmBestMs: best?.[0], baselineBestMs: best?.[1] });
    out.push([name, wasm, baseName, base, ratio(base / wasm), best ? ratio(best[1] / best[0]) : '', goal]);
  };

  {
    const n = 1e5;
    const [a, b, c, o] = [1, 2, 3, 4].map((s) => arena('float64', n, s));
    const m = interleaved({ wasm: () => evaluate('a*b+c', { a, b, c }, o, one), js: () => evaluate('a*b+c', { a, b, c }, o, js) });
    add('a*b+c @1e5', m.wasm!, m.js!, 'js backend', '', [m.wasm_best!, m.js_best!]);
    if (py) add('a*b+c @1e5', m.wasm!, py.abc, 'numpy np.add(np.multiply(a,b,out=o),c,out=o)', 'fusexpr ≤ 1.2× numpy', [m.wasm_best!, py.abc_best]);
    if (ne) add('a*b+c @1e5', m.wasm!, ne.numexpr_abc, 'numexpr 1T', '', [m.wasm_best!, ne.numexpr_abc_best]);
  }
  {
    const n = 1e6;
    const [x, y] = [arena('float64', n, 5), empty('float64', n)];
    const m = interleaved({ wasm: () => evaluate('exp(x)', { x }, y, one), js: () => evaluate('exp(x)', { x }, y, js) });
    add('exp(x) @1e6', m.wasm!, m.js!, 'js backend', '', [m.wasm_best!, m.js_best!]);
    if (py) add('exp(x) @1e6', m.wasm!, py.exp, 'numpy np.exp(x, out=y)', 'fusexpr ≤ numpy', [m.wasm_best!, py.exp_best]);
    const poly = '0.25*x**3 + 0.75*x**2 - 1.5*x - 2';
    const p = interleaved({ wasm: () => evaluate(poly, { x }, y, one), js: () => evaluate(poly, { x }, y, js) });
    add('polynomial @1e6', p.wasm!, p.js!, 'js backend', 'wasm ≥ 1.8× js', [p.wasm_best!, p.js_best!]);
    const [f, g, h, fo] = [6, 7, 8, 9].map((s) => arena('float32', n, s));
    const q = interleaved({ wasm: () => evaluate('a*b+c', { a: f, b: g, c: h }, fo, one), js: () => evaluate('a*b+c', { a: f, b: g, c: h }, fo, js) });
    add('float32 a*b+c @1e6', q.wasm!, q.js!, 'js backend', 'wasm ≥ 3× js', [q.wasm_best!, q.js_best!]);
  }
  {
    const n = 1e7;
    const [x, y] = [arena('float64', n, 10), empty('float64', n)];
    const e = 'sin(x)**2 + cos(x)**2';
    const m = interleaved({ wasm: () => evaluate(e, { x }, y, one), js: () => evaluate(e, { x }, y, js) }, QUICK ? 3 : 7);
    add('sin²+cos² @1e7', m.wasm!, m.js!, 'js backend', 'wasm ≥ 2× js', [m.wasm_best!, m.js_best!]);
    if (ne) add('sin²+cos² @1e7', m.wasm!, ne.numexpr_sincos, 'numexpr 1T', 'wasm ≥ 2.5× numexpr', [m.wasm_best!, ne.numexpr_sincos_best]);
    if (py) add('sin²+cos² @1e7', m.wasm!, py.sincos, 'numpy', '', [m.wasm_best!, py.sincos_best]);
  }
  // staging sweep: plain (non-arena) arrays at 1e6, JS backend vs Wasm through per-thread scratch
  const staging: (string | number)[][] = [];
  {
    const n = 1e6;
    const mk = (s: number) => Float64Array.from(arena('float64', n, s));
    const [a, b, c, o] = [mk(11), mk(12), mk(13), new Float64Array(n)];
    const [f, g, h, fo] = [Float32Array.from(a), Float32Array.from(b), Float32Array.from(c), new Float32Array(n)];
    const poly = '0.25*a**3 + 0.75*a**2 - 1.5*a - 2';
    for (const [e, v, dest] of [
      ['a*b+c', { a, b, c }, o], ['2*a + b**10', { a, b }, o], [poly, { a }, o], ['where(a > 0, sqrt(abs(a)), -b) * c + minimum(a, b)', { a, b, c }, o],
      ['a*b+c', { a: f, b: g, c: h }, fo], [poly, { a: f }, fo],
    ] as [string, Vars, Float64Array | Float32Array][]) {
      const m = interleaved({
        js: () => evaluate(e, v, dest, js),
        staged: () => {
          setStageMinWork(0);
          evaluate(e, v, dest, one);
          setStageMinWork(saved);
        },
      }, QUICK ? 5 : 11);
      staging.push([e, dest instanceof Float32Array ? 'float32' : 'float64', m.js!, m.staged!, ratio(m.js! / m.staged!)]);
      rows.push({ staging: e, dtype: dest instanceof Float32Array ? 'float32' : 'float64', jsMs: m.js, stagedMs: m.staged });
    }
    // math functions stage only with backend 'wasm' (under 'auto' plain arrays keep Math.*'s bits)
    for (const e of ['exp(a)', 'sin(a)**2 + cos(a)**2']) {
      const m = interleaved({ js: () => evaluate(e, { a }, o, js), staged: () => evaluate(e, { a }, o, { singleThread: true, backend: 'wasm' }) }, QUICK ? 5 : 11);
      staging.push([`${e} (backend 'wasm')`, 'float64', m.js!, m.staged!, ratio(m.js! / m.staged!)]);
      rows.push({ staging: e, dtype: 'float64', backend: 'wasm', jsMs: m.js, stagedMs: m.staged });
    }
  }
  console.log('\nstaging sweep: plain arrays at 1e6, ms per call (STAGE_MIN_WORK in src/backends/wasm/index.ts comes from it)\n');
  console.log(table(['expression', 'dtype', 'JS backend', 'Wasm staged', 'JS ÷ staged'], staging));

  console.log(`\nms per call (median of interleaved rounds; bests: the fastest round, less sensitive to other load); speedup = baseline ÷ fusexpr wasm${py ? `; numpy ${py.numpy}` : ''}${ne ? `, numexpr ${ne.numexpr}` : ''}\n`);
  console.log(table(['workload', 'fusexpr wasm ms', 'baseline', 'baseline ms', 'speedup (medians)', 'speedup (bests)', 'goal'], out));

  // the allocator: empty() + free() against a fresh SharedArrayBuffer per array (what empty() did before)
  const alloc: (string | number)[][] = [];
  for (const n of [64, 4096, 1 << 17]) {
    const m = interleaved({
      arena: () => free(empty('float64', n)),
      sab: () => new Float64Array(new SharedArrayBuffer(n * 8)),
    }, QUICK ? 5 : 11);
    alloc.push([n, m.arena! * 1000, m.sab! * 1000, ratio(m.sab! / m.arena!)]);
    rows.push({ allocElements: n, arenaUs: m.arena! * 1000, sabUs: m.sab! * 1000 });
  }
  console.log('\nallocation of one float64 array (µs): empty() + free() in fusexpr memory vs new SharedArrayBuffer\n');
  console.log(table(['elements', 'arena µs', 'SAB µs', 'SAB ÷ arena'], alloc));

  const single = child('one');
  console.log(`\none evaluation of a*b+c at 1e7 without out: inputs ${single.inputsMB!.toFixed(0)} MB + output ${single.outputMB!.toFixed(0)} MB; RSS grew ${single.rssGrowthMB!.toFixed(1)} MB (peak ${single.peakGrowthMB!.toFixed(1)} MB), arena ${single.arenaMB!.toFixed(0)} MB`);
  const loop = child('loop');
  console.log(`${loop.count} evaluations of a*b+c at 1e7 without out (a synchronous loop): peak RSS ${loop.peakRssMB!.toFixed(0)} MB (${loop.rssBeforeMB!.toFixed(0)} MB with the inputs), arena ${loop.arenaMB!.toFixed(0)} MB, ${loop.msPerCall!.toFixed(1)} ms per call`);
  const aloop = child('async-loop');
  console.log(`${aloop.count} evaluations awaiting a turn of the event loop between them: peak RSS ${aloop.peakRssMB!.toFixed(0)} MB, arena ${aloop.arenaMB!.toFixed(0)} MB, ${aloop.msPerCall!.toFixed(1)} ms per call`);
  const jsLoop = child('loop-js');
  console.log(`the same synchronous loop on plain Float64Arrays (JS backend, the reference): peak RSS ${jsLoop.peakRssMB!.toFixed(0)} MB, ${jsLoop.msPerCall!.toFixed(1)} ms per call`);
  save('wasm', [...rows, { memory: 'one', ...single }, { memory: 'loop', ...loop }, { memory: 'async-loop', ...aloop }, { memory: 'loop-js', ...jsLoop }]);
}

const at = process.argv.indexOf('--child');
if (at >= 0) await childMain(process.argv[at + 1]!);
else if (process.argv[1] === ME) await wasmSuite();
