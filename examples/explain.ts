// Fused vs unfused, and what explain() shows: passes, plan (temporaries and their bytes), source.
import { evaluate, explain } from 'fusexpr';

const n = Number(process.argv[2] ?? 1_000_000);
const x = new Float64Array(n).map((_, i) => i / n);
const fused = explain('0.25*x**3 + 0.75*x**2 - 1.5*x - 2', { x });
const unfused = explain('0.25*x**3 + 0.75*x**2 - 1.5*x - 2', { x }, { fusion: false });
console.log(String(fused));
console.log(`\nunfused: ${unfused.plan.kernels} kernels, ${unfused.plan.temporaries} temporaries (${(unfused.plan.temporaryBytes / 2 ** 20).toFixed(1)} MiB)`);
const time = (f: () => void) => {
  f();
  const s = performance.now();
  f();
  return performance.now() - s;
};
const a = time(() => evaluate('0.25*x**3 + 0.75*x**2 - 1.5*x - 2', { x }, undefined, { singleThread: true }));
const b = time(() => evaluate('0.25*x**3 + 0.75*x**2 - 1.5*x - 2', { x }, undefined, { fusion: false, singleThread: true }));
console.log(`fused ${a.toFixed(2)} ms, unfused ${b.toFixed(2)} ms: ${(b / a).toFixed(1)}× from fusion`);
