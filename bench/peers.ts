// fusexpr against real peers in one run: NumPy and numexpr (through Debian's python3-numexpr, at 1
// and N threads), mathjs compile().evaluate and ndarray-ops (op by op), all as ratios to the
// hand-written JS loop measured in the same run. Python peers are skipped with a notice when absent.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import ndarray from 'ndarray';
import ops from 'ndarray-ops';
import { create, all } from 'mathjs';
import { evaluate, getNumThreads, startThreads } from '../src/index.js';
import { WORKLOADS, inputsFor, sharedOut } from './workloads.js';
import { measure, table, ratio, save, sizeLabel, QUICK } from './lib.js';

const PYTHON = process.env.FUSEXPR_PYTHON ?? '/usr/bin/python3';
const script = fileURLToPath(new URL('./python/peers.py', import.meta.url));

export function python(request: object): Record<string, any> | undefined {
  const probe = spawnSync(PYTHON, ['-c', 'import numpy, numexpr'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    console.log(`\n(numpy/numexpr not found for ${PYTHON}: skipping the Python peers; apt-get install python3-numexpr)`);
    return undefined;
  }
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE; // they slow a current numpy; see the env notes
  delete env.OPENBLAS_L2_SIZE;
  const r = spawnSync(PYTHON, [script, JSON.stringify(request)], { encoding: 'utf8', env, timeout: 30 * 60_000, maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`python peers failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

export async function peersSuite(): Promise<void> {
  await startThreads();
  const threads = getNumThreads();
  const sizes = QUICK ? [1e6] : [1e6, 1e7];
  const chosen = WORKLOADS.filter((w) => ['polynomial', 'a*b+c', 'sin²+cos²'].includes(w.name));
  const js = new Map<string, { hand: number; f1: number; fN: number }>();
  for (const w of chosen) {
    for (const n of sizes) {
      const vars = inputsFor(w, n);
      const out = sharedOut(n);
      const m = await measure(`${w.name} @ ${sizeLabel(n)}`, [
        { name: 'hand loop', fn: () => w.hand(vars, out) },
        { name: 'fusexpr 1T', fn: () => evaluate(w.expr, vars, out, { singleThread: true }) },
        { name: `fusexpr ${threads}T`, fn: () => evaluate(w.expr, vars, out) },
      ]);
      js.set(`${w.name}@${n}`, { hand: m.get('hand loop')!.ms, f1: m.get('fusexpr 1T')!.ms, fN: m.get(`fusexpr ${threads}T`)!.ms });
    }
  }
  const py = python({ workloads: chosen.flatMap((w) => sizes.map((size) => ({ name: w.name, expr: w.expr, inputs: w.inputs, size }))), threads: [1, threads] });
  const rows: Record<string, unknown>[] = [];
  const printed: (string | number)[][] = [];
  for (const w of chosen) {
    for (const n of sizes) {
      const j = js.get(`${w.name}@${n}`)!;
      const p = py?.workloads.find((r: any) => r.name === w.name && r.size === n);
      rows.push({ workload: w.name, size: n, threads, handMs: j.hand, fusexpr1Ms: j.f1, fusexprNMs: j.fN, numpyMs: p?.numpy ?? null, numexpr1Ms: p?.numexpr1 ?? null, numexprNMs: p?.[`numexpr${threads}`] ?? null });
      printed.push([
        w.name, sizeLabel(n), j.hand, ratio(j.f1 / j.hand), ratio(j.fN / j.hand),
        p ? ratio(p.numpy / j.hand) : '—', p ? ratio(p.numexpr1 / j.hand) : '—', p ? ratio(p[`numexpr${threads}`] / j.hand) : '—',
        p ? ratio(p.numexpr1 / j.f1) : '—', p ? ratio(p[`numexpr${threads}`] / j.fN) : '—',
      ]);
    }
  }
  console.log(`\nfusexpr vs NumPy and numexpr${py ? ` (numpy ${py.numpy}, numexpr ${py.numexpr})` : ''}: time ÷ the hand-written JS loop (lower is better); last two columns: numexpr time ÷ fusexpr time at equal threads (higher is better)\n`);
  console.log(table(['workload', 'size', 'hand ms', 'fusexpr 1T', `fusexpr ${threads}T`, 'numpy', 'numexpr 1T', `numexpr ${threads}T`, 'vs numexpr 1T', `vs numexpr ${threads}T`], printed));

  // JS peers, op by op, at a size they can take
  const n = QUICK ? 1e4 : 1e5;
  const w = WORKLOADS[1]!; // a*b+c
  const vars = inputsFor(w, n, false);
  const out = new Float64Array(n);
  const math = create(all);
  const compiled = math.compile('a .* b + c');
  const arrays = { a: Array.from(vars.a!), b: Array.from(vars.b!), c: Array.from(vars.c!) };
  const A = ndarray(vars.a!), B = ndarray(vars.b!), C = ndarray(vars.c!), O = ndarray(out), T = ndarray(new Float64Array(n));
  const m = await measure(`JS peers a*b+c @ ${sizeLabel(n)}`, [
    { name: 'hand loop', fn: () => w.hand(vars, out) },
    { name: 'fusexpr', fn: () => evaluate(w.expr, vars, out, { singleThread: true }) },
    { name: 'ndarray-ops', fn: () => { ops.mul(T, A, B); ops.add(O, T, C); } },
    { name: 'mathjs', fn: () => compiled.evaluate(arrays) },
  ], QUICK ? 0.25 : 0.5);
  const hand = m.get('hand loop')!.ms;
  console.log(`\nJS peers, a*b+c @ ${sizeLabel(n)}, 1 thread (time ÷ hand loop): fusexpr ${ratio(m.get('fusexpr')!.ms / hand)}, ndarray-ops ${ratio(m.get('ndarray-ops')!.ms / hand)}, mathjs ${ratio(m.get('mathjs')!.ms / hand)}`);
  rows.push({ workload: 'a*b+c JS peers', size: n, handMs: hand, fusexprMs: m.get('fusexpr')!.ms, ndarrayOpsMs: m.get('ndarray-ops')!.ms, mathjsMs: m.get('mathjs')!.ms });
  save('peers', rows);
}
