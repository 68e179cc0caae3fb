// Measures the Wasm vector math library's maximum error in ulps against np.longdouble references
// written by `python3 scripts/math-accuracy.py measure DIR N`, running the library through the test
// emulator (same IEEE results as the emitted Wasm); with --readme, rewrites README.md's accuracy table.
//   python3 scripts/math-accuracy.py measure /tmp/math-acc 2e5
//   npx tsx --conditions=fusexpr-source scripts/math-accuracy.ts /tmp/math-acc --readme
//   npx tsx --conditions=fusexpr-source scripts/math-accuracy.ts /tmp/math-acc --only exp.f32,log
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeReadmeSection } from './readme-section.js';
import { MATH } from '../src/backends/wasm/math/index.js';
import { runMath, toBits, fromBits } from '../test/backends/wasm/math/run.js';
import { Emulator } from '../test/backends/wasm/math/emulate.js';
import type { BinaryOp, Lanes, MathFn, ShiftOp, UnaryOp, V } from '../src/backends/wasm/math/asm.js';
import type { Table } from '../src/backends/wasm/math/tables.js';

/** Counts the SIMD operations (constants aside) on a function's straight-line path. */
class Counting extends Emulator {
  ops = 0;
  override un(op: UnaryOp, a: V): V { this.ops++; return super.un(op, a); }
  override bin(op: BinaryOp, a: V, b: V): V { this.ops++; return super.bin(op, a, b); }
  override shift(op: ShiftOp, a: V, n: number): V { this.ops++; return super.shift(op, a, n); }
  override select(m: V, a: V, b: V): V { this.ops++; return super.select(m, a, b); }
  override shuffle(a: V, b: V, s: readonly number[]): V { this.ops++; return super.shuffle(a, b, s); }
  /** Two lane extractions and two loads (Body.gather). */
  override gather(t: Table, i: V): V { this.ops += 4; return super.gather(t, i); }
}
function countOps(fn: MathFn, lanes: Lanes, arity: number): number {
  const c = new Counting(lanes);
  fn(c, Array.from({ length: arity }, () => c.f(0.75)));
  return c.ops;
}

const dir = process.argv[2];
if (!dir) throw new Error('usage: math-accuracy.ts DIR [--readme]');
const readme = process.argv.includes('--readme');
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1]!.split(',') : undefined;

const f64 = (path: string) => {
  const b = readFileSync(path);
  return new Float64Array(b.buffer, b.byteOffset, b.byteLength / 8);
};

/** The ulp of a format at the (real) value hi, for subnormals the smallest one. */
function ulp(hi: number, fmt: 'f64' | 'f32'): number {
  const a = Math.abs(hi);
  const [p, min] = fmt === 'f64' ? [52, -1074] : [23, -149];
  if (a === 0) return 2 ** min;
  const e = Number((toBits(a, 'f64') >> 52n) - 1023n);
  return 2 ** Math.max(e - p, min);
}

interface Row { name: string; fmt: 'f64' | 'f32'; n: number; max: number; at: string; specialMiss: number }
const rows: Row[] = [];
for (const [name, entry] of Object.entries(MATH)) {
  for (const fmt of ['f64', 'f32'] as const) {
    const fn = entry[fmt];
    if (!fn || (only && !only.includes(`${name}.${fmt}`) && !only.includes(name))) continue;
    const ins = Array.from({ length: entry.arity }, (_, k) => f64(join(dir, `${name}.${fmt}.in${k}`)));
    const hi = f64(join(dir, `${name}.${fmt}.hi`));
    const lo = f64(join(dir, `${name}.${fmt}.lo`));
    const row: Row = { name, fmt, n: hi.length, max: 0, at: '', specialMiss: 0 };
    const CHUNK = 8192;
    for (let s = 0; s < hi.length; s += CHUNK) {
      const e = Math.min(hi.length, s + CHUNK);
      const pts: bigint[][] = [];
      for (let i = s; i < e; i++) pts.push(ins.map((a) => toBits(a[i]!, fmt)));
      const got = runMath(fn, fmt === 'f64' ? 'f64x2' : 'f32x4', entry.arity, pts);
      for (let i = s; i < e; i++) {
        const g = fromBits(got[i - s]!, fmt);
        let h = hi[i]!;
        if (fmt === 'f32' && Math.abs(h) >= 2 ** 128 - 2 ** 103) h = h > 0 ? Infinity : -Infinity; // rounds to inf
        let err: number;
        if (h !== h || !Number.isFinite(h)) {
          err = Object.is(g, h) || (g !== g && h !== h) ? 0 : Infinity;
          if (err) row.specialMiss++;
        } else {
          err = Number.isFinite(g) ? Math.abs(g - h - lo[i]!) / ulp(h, fmt) : Infinity;
        }
        if (err > row.max) {
          row.max = err;
          row.at = ins.map((a) => a[i]!.toPrecision(17)).join(', ');
        }
      }
    }
    rows.push(row);
    console.log(`${name} ${fmt}: max ${row.max.toFixed(3)} ulp over ${row.n} points at (${row.at}); non-finite mismatches ${row.specialMiss}`);
  }
}

if (readme) {
  if (only) throw new Error('--readme needs every function (no --only)');
  const get = (name: string, fmt: string) => rows.find((r) => r.name === name && r.fmt === fmt);
  const cell = (r?: Row) => (r ? `${r.max.toFixed(2)}${r.specialMiss ? ` (${r.specialMiss} non-finite mismatches)` : ''}` : '—');
  const ops = (name: string, fmt: 'f64' | 'f32') => {
    const e = MATH[name]!, fn = e[fmt];
    return fn ? String(countOps(fn, fmt === 'f64' ? 'f64x2' : 'f32x4', e.arity)) : '—';
  };
  const lines = [
    '| function | float64 (f64x2) max ulp | float32 (f32x4) max ulp | SIMD ops per f64x2 / f32x4 vector |',
    '|---|---|---|---|',
    ...Object.keys(MATH).map((name) => `| \`${name}\` | ${cell(get(name, 'f64'))} | ${cell(get(name, 'f32'))} | ${ops(name, 'f64')} / ${ops(name, 'f32')} |`),
  ];
  const n = rows[0]?.n ?? 0;
  const table = `${lines.join('\n')}\n\nMeasured by \`scripts/math-accuracy.ts\` over ${n.toLocaleString('en-US')} random points per function and precision (spread over each function's whole domain) against an \`np.longdouble\` reference (x87 80-bit); the op counts are the SIMD instructions on the straight-line path, constants and the rare scalar slow path aside.`;
  writeReadmeSection('math-accuracy', table);
}
