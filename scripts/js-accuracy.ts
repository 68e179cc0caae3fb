// Measures the JS backend's math functions (Math.*, float32 rounded once with Math.fround) against the
// np.longdouble reference and against NumPy's own float64/float32 results, over the points that
// `python3 scripts/math-accuracy.py measure DIR N` writes; with --readme, rewrites README.md's table
// between the js-accuracy markers.
//   python3 scripts/math-accuracy.py measure /tmp/math-acc 2e5
//   npx tsx --conditions=fusexpr-source scripts/js-accuracy.ts /tmp/math-acc --readme
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeReadmeSection } from './readme-section.js';
import { evaluate } from '../src/index.js';

/** The functions scripts/math-accuracy.py measures, as fusexpr expressions of x0 (and x1). */
const FUNCS: Record<string, string> = {
  exp: 'exp(x0)', exp2: 'exp2(x0)', expm1: 'expm1(x0)', log: 'log(x0)', log2: 'log2(x0)', log10: 'log10(x0)', log1p: 'log1p(x0)',
  sin: 'sin(x0)', cos: 'cos(x0)', tan: 'tan(x0)', sinh: 'sinh(x0)', cosh: 'cosh(x0)', tanh: 'tanh(x0)',
  arctan: 'arctan(x0)', arcsin: 'arcsin(x0)', arccos: 'arccos(x0)', arctan2: 'arctan2(x0, x1)', cbrt: 'cbrt(x0)', power: 'x0 ** x1',
};

const dir = process.argv[2];
if (!dir) throw new Error('usage: js-accuracy.ts DIR [--readme]');
const readme = process.argv.includes('--readme');

const f64 = (path: string) => {
  const b = readFileSync(path);
  return new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
};

const bits = new DataView(new ArrayBuffer(8));
/** The ulp of a format at the (real) value v, for subnormals the smallest one. */
function ulp(v: number, fmt: 'f64' | 'f32'): number {
  const a = Math.abs(v);
  const [p, min] = fmt === 'f64' ? [52, -1074] : [23, -149];
  if (a === 0 || !Number.isFinite(a)) return 2 ** min;
  bits.setFloat64(0, a);
  const e = ((bits.getUint32(0) >>> 20) & 0x7ff) - 1023;
  return 2 ** Math.max(e - p, min);
}

/** Error of g in ulps of the reference h (+ lo); a non-finite pair counts 0 when both agree, else Infinity. */
function err(g: number, h: number, lo: number, fmt: 'f64' | 'f32'): number {
  if (!Number.isFinite(h) || !Number.isFinite(g)) return Object.is(g, h) || (g !== g && h !== h) ? 0 : Infinity;
  return Math.abs(g - h - lo) / ulp(h, fmt);
}

interface Stat { max: number; nonFinite: number }
interface Row { name: string; fmt: 'f64' | 'f32'; n: number; js: Stat; numpy: Stat; apart: Stat; differ: number }
const rows: Row[] = [];
const track = (s: Stat, e: number) => (e === Infinity ? s.nonFinite++ : (s.max = Math.max(s.max, e)));
for (const [name, expr] of Object.entries(FUNCS)) {
  for (const fmt of ['f64', 'f32'] as const) {
    const arity = expr.includes('x1') ? 2 : 1;
    const C = fmt === 'f64' ? Float64Array : Float32Array;
    const vars = Object.fromEntries(Array.from({ length: arity }, (_, k) => [`x${k}`, C.from(f64(join(dir, `${name}.${fmt}.in${k}`)))]));
    const hi = f64(join(dir, `${name}.${fmt}.hi`));
    const lo = f64(join(dir, `${name}.${fmt}.lo`));
    const np = f64(join(dir, `${name}.${fmt}.np`));
    const got = evaluate(expr, vars, undefined, { backend: 'js', singleThread: true }) as Float64Array | Float32Array;
    const row: Row = { name, fmt, n: hi.length, js: { max: 0, nonFinite: 0 }, numpy: { max: 0, nonFinite: 0 }, apart: { max: 0, nonFinite: 0 }, differ: 0 };
    for (let i = 0; i < hi.length; i++) {
      let h = hi[i]!;
      if (fmt === 'f32' && Math.abs(h) >= 2 ** 128 - 2 ** 103) h = h > 0 ? Infinity : -Infinity; // rounds to inf
      const g = got[i]!;
      track(row.js, err(g, h, lo[i]!, fmt));
      track(row.numpy, err(np[i]!, h, lo[i]!, fmt));
      track(row.apart, err(g, np[i]!, 0, fmt));
      if (!Object.is(g, np[i]!) && !(g !== g && np[i] !== np[i])) row.differ++;
    }
    rows.push(row);
    console.log(`${name} ${fmt}: JS ${row.js.max.toFixed(3)} ulp, NumPy ${row.numpy.max.toFixed(3)} ulp, JS vs NumPy ${row.apart.max.toFixed(3)} ulp apart at most, ${row.differ} of ${row.n} differ; non-finite mismatches JS ${row.js.nonFinite}, NumPy ${row.numpy.nonFinite}, apart ${row.apart.nonFinite}`);
  }
}

if (readme) {
  const get = (name: string, fmt: string) => rows.find((r) => r.name === name && r.fmt === fmt)!;
  const ulps = (s: Stat) => `${s.max.toFixed(2)}${s.nonFinite ? ` (${s.nonFinite} non-finite mismatches)` : ''}`;
  const share = (r: Row) => `${ulps(r.apart)} (${((100 * r.differ) / r.n).toFixed(r.differ && r.differ < r.n / 1000 ? 3 : 1)}%)`;
  const lines = [
    '| function | float64: JS backend | float64: NumPy | float64: JS vs NumPy, max ulp apart (points that differ) | float32: JS backend | float32: NumPy | float32: JS vs NumPy |',
    '|---|---|---|---|---|---|---|',
    ...Object.keys(FUNCS).map((name) => {
      const [d, s] = [get(name, 'f64'), get(name, 'f32')];
      return `| \`${name}\` | ${ulps(d.js)} | ${ulps(d.numpy)} | ${share(d)} | ${ulps(s.js)} | ${ulps(s.numpy)} | ${share(s)} |`;
    }),
  ];
  const n = rows[0]?.n ?? 0;
  const table = `${lines.join('\n')}\n\nMeasured by \`scripts/js-accuracy.ts\` (Node ${process.versions.node}, NumPy's results written by \`scripts/math-accuracy.py measure\` on the same machine) over the same ${n.toLocaleString('en-US')} random points per function and precision as the Wasm table, in ulps of the result against the \`np.longdouble\` reference, and between the JS backend's and NumPy's results.`;
  writeReadmeSection('js-accuracy', table);
}
