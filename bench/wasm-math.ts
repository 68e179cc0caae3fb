// The Wasm vector math library's speed, one thread, arrays in fusexpr's memory: exp(x) at 1e6 against
// the JS backend (interleaved rounds) and NumPy 2's np.exp(x, out=y) (bench/python/wasm_peers.py, pyenv
// python3), and ns per element of each function at 8,192 elements (in cache). Run: npm run bench -- wasm-math.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { evaluate, empty, explain } from '../src/index.js';
import { machine, ratio, save, table, QUICK } from './lib.js';

/** Medians and bests of interleaved rounds (ms per call). */
function rounds(cases: Record<string, () => unknown>, n = QUICK ? 11 : 41, per = 5): Record<string, [number, number]> {
  for (const f of Object.values(cases)) for (let i = 0; i < per * 4; i++) f();
  const t: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (let r = 0; r < n; r++) {
    for (const [k, f] of Object.entries(cases)) {
      const s = performance.now();
      for (let i = 0; i < per; i++) f();
      t[k]!.push((performance.now() - s) / per);
    }
  }
  return Object.fromEntries(Object.entries(t).map(([k, v]) => (v.sort((a, b) => a - b), [k, [v[v.length >> 1]!, v[0]!]])));
}

function lcg(a: Float64Array | Float32Array, seed: number): void {
  let s = seed;
  for (let i = 0; i < a.length; i++) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    a[i] = (s / 2 ** 31) * 4 - 2;
  }
}

export async function wasmMathSuite(): Promise<void> {
  console.log(`\nWasm vector math, one thread, arena arrays; machine ${JSON.stringify(machine())}`);
  const rows: Record<string, unknown>[] = [];
  const one = { singleThread: true } as const;
  const n = 1e6;
  const x = empty('float64', n), y = empty('float64', n);
  lcg(x, 5);
  if (explain('exp(x)', { x }).backends[0]!.backend !== 'wasm') throw new Error('exp(x) did not run on Wasm');
  const m = rounds({ wasm: () => evaluate('exp(x)', { x }, y, one), js: () => evaluate('exp(x)', { x }, y, { ...one, backend: 'js' }) });
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const py = spawnSync('python3', [fileURLToPath(new URL('./python/wasm_peers.py', import.meta.url)), JSON.stringify({ cases: { exp: n } })], { encoding: 'utf8', env });
  const np = py.status === 0 ? JSON.parse(py.stdout) : undefined;
  const out: (string | number)[][] = [['fusexpr wasm', m.wasm![0], m.wasm![1], ''], ['fusexpr js backend', m.js![0], m.js![1], ratio(m.js![0] / m.wasm![0])]];
  if (np) out.push([`numpy ${np.numpy} np.exp(x, out=y)`, np.exp, np.exp_best, ratio(np.exp / m.wasm![0])]);
  console.log('\nexp(x) at 1e6, ms per call (median of interleaved rounds, best round)\n');
  console.log(table(['', 'median ms', 'best ms', 'time ÷ wasm'], out));
  rows.push({ case: 'exp 1e6', wasmMs: m.wasm![0], wasmBestMs: m.wasm![1], jsMs: m.js![0], jsBestMs: m.js![1], numpyMs: np?.exp, numpyBestMs: np?.exp_best });

  const k = 8192;
  const per: (string | number)[][] = [];
  for (const f of ['exp', 'exp2', 'expm1', 'sinh', 'cosh', 'tanh', 'log', 'sin', 'arctan', 'cbrt', 'power']) {
    const cells: number[] = [];
    for (const d of ['float64', 'float32'] as const) {
      const a = empty(d, k), o = empty(d, k);
      lcg(a, 7);
      const e = f === 'power' ? 'abs(a) ** 0.7' : `${f}(a)`;
      const r = rounds({ f: () => evaluate(e, { a }, o, one) }, QUICK ? 5 : 15, 30);
      cells.push((r.f![1] * 1e6) / k);
    }
    per.push([f, ...cells]);
    rows.push({ fn: f, f64NsPerElement: cells[0], f32NsPerElement: cells[1] });
  }
  console.log(`\nns per element at ${k} elements (in cache, best of rounds)\n`);
  console.log(table(['function', 'float64', 'float32'], per));
  save('wasm-math', rows);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await wasmMathSuite();
