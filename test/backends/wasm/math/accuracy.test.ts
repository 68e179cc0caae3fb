// Replays scripts/math-accuracy.py's fixtures (correctly rounded results from mpmath) through the
// emulated vector math library: every point within the function's ulp bound of the correctly rounded
// value, and zero, infinite and NaN results exactly as NumPy gives them (sign of zero included).
import { readFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MATH } from '../../../../src/backends/wasm/math/index.js';
import type { Lanes } from '../../../../src/backends/wasm/math/asm.js';
import { runMath, ulpSteps } from './run.js';

/** Max distance, in representable steps, from the correctly rounded result. */
const BOUND: Record<string, number> = {};
const fixture = (name: string, fmt: string) => new URL(`./fixtures/${name}.${fmt}.txt`, import.meta.url);

interface Row { kind: string; args: bigint[]; want: bigint }

function load(name: string, fmt: string): Row[] {
  return readFileSync(fixture(name, fmt), 'utf8').split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const [kind, ...hex] = l.split(' ');
      const v = hex.map((h) => BigInt(`0x${h}`));
      return { kind: kind!, args: v.slice(0, -1), want: v[v.length - 1]! };
    });
}

for (const [name, entry] of Object.entries(MATH)) {
  describe(name, () => {
    for (const [fmt, lanes] of [['f64', 'f64x2'], ['f32', 'f32x4']] as const) {
      const fn = entry[fmt];
      if (!fn) continue;
      it(`${fmt}: within ${BOUND[name] ?? 2} ulp, specials exact`, () => {
        expect(existsSync(fixture(name, fmt))).toBe(true);
        const rows = load(name, fmt);
        const got = runMath(fn, lanes as Lanes, entry.arity, rows.map((r) => r.args));
        const bad: string[] = [];
        let worst = 0;
        rows.forEach((r, i) => {
          const g = got[i]!;
          const d = ulpSteps(g, r.want, fmt);
          const exactNeeded = d.wantSpecial;
          if (exactNeeded ? !d.same : d.steps > (BOUND[name] ?? 2)) {
            bad.push(`${r.kind} ${r.args.map((a) => a.toString(16)).join(',')}: got ${g.toString(16)} want ${r.want.toString(16)} (${d.steps} steps)`);
          }
          if (!exactNeeded) worst = Math.max(worst, d.steps);
        });
        expect(bad.slice(0, 10)).toEqual([]);
        expect(worst).toBeLessThanOrEqual(BOUND[name] ?? 2);
      });
    }
  });
}
