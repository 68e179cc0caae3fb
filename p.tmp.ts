const which = process.argv[2]!;
const { evaluate, setNumThreads } = await import(which === 'before' ? '/tmp/cplx-base/src/index.ts' : '/work/wt-cplxspeed/src/index.ts');
setNumThreads(1);
const zd = Float64Array.from({ length: 20 }, (_, i) => Math.sin(i));
const z = { data: zd, dtype: 'complex128' as const }, w = { data: zd.slice(), dtype: 'complex128' as const };
const out = { data: new Float64Array(20), dtype: 'complex128' as const };
const x = new Float64Array(10), xo = new Float64Array(10);
const t: string[] = [];
for (const [e, v, o] of [['z*w + 1', { z, w }, out], ['abs(z)', { z }, xo], ['x*2+1', { x }, xo]] as const) {
  for (let i = 0; i < 2000; i++) evaluate(e, v as never, o as never);
  const s: number[] = [];
  for (let r = 0; r < 7; r++) { const t0 = performance.now(); for (let i = 0; i < 1000; i++) evaluate(e, v as never, o as never); s.push(performance.now() - t0); }
  t.push(`${e}: ${s.sort((a, b) => a - b)[3]!.toFixed(1)} µs/call`);
}
console.log(which, t.join('; '));
