import { evaluate, empty } from '../src/index.js';
function t(f: () => unknown, reps: number) { for (let i = 0; i < reps; i++) f(); const s = performance.now(); for (let i = 0; i < reps; i++) f(); return (performance.now() - s) / reps; }
for (const n of [1e5, 1e6]) {
  const a = empty('float64', n), b = empty('float64', n), c = empty('float64', n), o = empty('float64', n);
  for (let i = 0; i < n; i++) { a[i] = Math.random(); b[i] = Math.random(); c[i] = Math.random(); }
  const reps = n === 1e5 ? 2000 : 200;
  console.log(n, 'a*b+c wasm', t(() => evaluate('a*b+c', { a, b, c }, o, { singleThread: true }), reps).toFixed(4), 'js', t(() => evaluate('a*b+c', { a, b, c }, o, { singleThread: true, backend: 'js' }), reps).toFixed(4));
  const x = a;
  console.log(n, 'poly wasm', t(() => evaluate('0.25*x**3 + 0.75*x**2 - 1.5*x - 2', { x }, o, { singleThread: true }), reps).toFixed(4), 'js', t(() => evaluate('0.25*x**3 + 0.75*x**2 - 1.5*x - 2', { x }, o, { singleThread: true, backend: 'js' }), reps).toFixed(4));
  const f = empty('float32', n), g = empty('float32', n), h = empty('float32', n), fo = empty('float32', n);
  f.fill(1.5); g.fill(2.5); h.fill(0.5);
  console.log(n, 'f32 wasm', t(() => evaluate('a*b+c', { a: f, b: g, c: h }, fo, { singleThread: true }), reps).toFixed(4), 'js', t(() => evaluate('a*b+c', { a: f, b: g, c: h }, fo, { singleThread: true, backend: 'js' }), reps).toFixed(4));
  console.log(n, 'sum wasm', t(() => evaluate('sum(a*b)', { a, b }, undefined, { singleThread: true }), reps).toFixed(4), 'js', t(() => evaluate('sum(a*b)', { a, b }, undefined, { singleThread: true, backend: 'js' }), reps).toFixed(4));
}
