// Complex numbers: fusexpr against hand loops over interleaved (re, im) Float64Arrays, one thread,
// 1e6 elements, interleaved rounds, medians. The split into parts (plan/splitComplex.ts) costs a
// transcendental function twice (once per part); arithmetic fuses into two real loops.
//   npx tsx --conditions=fusexpr-source bench/complex.ts
// Never part of npm test.

import { evaluate, setNumThreads } from '../src/index.js';
import { cexp } from '../src/ops/complex.js';
import { machine } from './lib.js';

const N = 1_000_000;
const zd = Float64Array.from({ length: 2 * N }, (_, i) => Math.sin(i) * 2);
const wd = Float64Array.from({ length: 2 * N }, (_, i) => Math.cos(i * 0.7));
const z = { data: zd, dtype: 'complex128' as const };
const w = { data: wd, dtype: 'complex128' as const };
const out = { data: new Float64Array(2 * N), dtype: 'complex128' as const };
const o = out.data;

// the strongest baselines: top-level functions over their arguments
function mulAddHand(a: Float64Array, b: Float64Array, r: Float64Array): void {
  for (let i = 0; i < r.length; i += 2) {
    const ar = a[i]!, ai = a[i + 1]!, br = b[i]!, bi = b[i + 1]!;
    r[i] = ar * br - ai * bi + 1;
    r[i + 1] = ar * bi + ai * br;
  }
}
function expHand(a: Float64Array, r: Float64Array): void {
  for (let i = 0; i < r.length; i += 2) {
    const e = Math.exp(a[i]!);
    r[i] = e * Math.cos(a[i + 1]!);
    r[i + 1] = e * Math.sin(a[i + 1]!);
  }
}
function expLibHand(a: Float64Array, r: Float64Array): void {
  // the same special-value-correct cexp fusexpr calls, once per element
  for (let i = 0; i < r.length; i += 2) {
    cexp(a[i]!, a[i + 1]!);
    r[i] = P[0]!;
    r[i + 1] = P[1]!;
  }
}
import { P } from '../src/ops/complex.js';
function absHand(a: Float64Array, r: Float64Array): void {
  for (let i = 0, j = 0; j < r.length; i += 2, j++) r[j] = Math.hypot(a[i]!, a[i + 1]!);
}
const absOut = new Float64Array(N);

const cases: Record<string, [() => unknown, () => unknown]> = {
  'z*w + 1': [() => evaluate('z*w + 1', { z, w }, out), () => mulAddHand(zd, wd, o)],
  'exp(z) (hand: naive formula)': [() => evaluate('exp(z)', { z }, out), () => expHand(zd, o)],
  'exp(z) (hand: the same cexp)': [() => evaluate('exp(z)', { z }, out), () => expLibHand(zd, o)],
  'abs(z)': [() => evaluate('abs(z)', { z }, absOut), () => absHand(zd, absOut)],
  'sum(z)': [() => evaluate('sum(z)', { z }), () => { let r = 0, m = 0; for (let i = 0; i < zd.length; i += 2) { r += zd[i]!; m += zd[i + 1]!; } return [r, m]; }],
};

setNumThreads(1);
const med = (s: number[]) => s.sort((a, b) => a - b)[s.length >> 1]!;
console.log(JSON.stringify(machine()));
for (const [name, [f, h]] of Object.entries(cases)) {
  for (let i = 0; i < 3; i++) (f(), h());
  const tf: number[] = [];
  const th: number[] = [];
  for (let r = 0; r < 11; r++) {
    let t0 = performance.now();
    f();
    tf.push(performance.now() - t0);
    t0 = performance.now();
    h();
    th.push(performance.now() - t0);
  }
  const a = med(tf);
  const b = med(th);
  console.log(`${name.padEnd(32)} fusexpr ${a.toFixed(2).padStart(7)} ms   hand loop ${b.toFixed(2).padStart(7)} ms   ratio ${(a / b).toFixed(2)}`);
}
