// The emitted Wasm math against the emulator (the Asm contract's reference, which accuracy.test.ts
// judges): every function of the library, run by the Wasm backend on the fixture points (slow paths,
// table lookups and interleaved unrolled copies included), gives the emulator's bits (NaNs as NaN).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MATH } from '../../../../src/backends/wasm/math/index.js';
import { empty, evaluate, explain } from '../../../../src/index.js';
import { runMath } from './run.js';

const points = (name: string, fmt: string): bigint[][] =>
  readFileSync(new URL(`./fixtures/${name}.${fmt}.txt`, import.meta.url), 'utf8').split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split(' ').slice(1, -1).map((h) => BigInt(`0x${h}`)));

const EXPR: Record<string, string> = { power: 'x ** y', arctan2: 'arctan2(x, y)' };

describe('emitted Wasm math equals the emulator', () => {
  for (const [name, entry] of Object.entries(MATH)) {
    for (const [fmt, lanes] of [['f64', 'f64x2'], ['f32', 'f32x4']] as const) {
      const fn = entry[fmt];
      if (!fn) continue;
      it(`${name} ${fmt}`, () => {
        const rows = points(name, fmt);
        const want = runMath(fn, lanes, entry.arity, rows);
        const dtype = fmt === 'f64' ? 'float64' : 'float32';
        const args = ['x', 'y'].slice(0, entry.arity).map((_, a) => {
          const v = empty(dtype, rows.length);
          const u = fmt === 'f64' ? new BigUint64Array(v.buffer, v.byteOffset, rows.length) : new Uint32Array(v.buffer, v.byteOffset, rows.length);
          rows.forEach((r, i) => (u instanceof BigUint64Array ? (u[i] = r[a]!) : (u[i] = Number(r[a]!))));
          return v;
        });
        const vars = Object.fromEntries(args.map((v, a) => [['x', 'y'][a]!, v]));
        const expr = EXPR[name] ?? `${name}(x)`;
        expect(explain(expr, vars, { backend: 'wasm' }).backends.map((b) => b.backend)).toEqual(['wasm']);
        const out = evaluate(expr, vars, undefined, { backend: 'wasm', singleThread: true }) as Float64Array | Float32Array;
        const got = fmt === 'f64' ? Array.from(new BigUint64Array(out.buffer, out.byteOffset, rows.length)) : Array.from(new Uint32Array(out.buffer, out.byteOffset, rows.length), BigInt);
        const isNan = (b: bigint) => (fmt === 'f64' ? (b & 0x7fffffffffffffffn) > 0x7ff0000000000000n : (b & 0x7fffffffn) > 0x7f800000n);
        const bad = got.flatMap((g, i) => (g === want[i] || (isNan(g) && isNan(want[i]!)) ? [] : [`${rows[i]!.map((b) => b.toString(16)).join(',')}: wasm ${g.toString(16)} emulator ${want[i]!.toString(16)}`]));
        expect(bad.slice(0, 5)).toEqual([]);
      });
    }
  }
});
