// Complex dtypes in the promotion and casting rules, against NumPy 2's own tables for every pair with a
// complex side and NEP 50's weak Python int / float / complex against every array dtype
// (test/types/complex-tables.json, written by test/numpy/complex_tables.py).

import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { promoteStrong, promote, canCast, type DType } from '../../src/types/dtypes.js';

const T = JSON.parse(readFileSync(new URL('./complex-tables.json', import.meta.url), 'utf8')) as {
  promote: Record<string, Record<string, string>>;
  weak: Record<string, { int: string | null; float: string; complex: string }>;
  can_cast: Record<'safe' | 'same_kind', Record<string, Record<string, boolean>>>;
};

describe('complex promotion and casting (NumPy 2 tables)', () => {
  it('result_type of every pair with a complex side', () => {
    const bad: string[] = [];
    let n = 0;
    for (const [a, row] of Object.entries(T.promote)) {
      for (const [b, want] of Object.entries(row)) {
        n++;
        const got = promoteStrong(a as DType, b as DType);
        if (got !== want) bad.push(`${a} + ${b}: ${got}, NumPy ${want}`);
      }
    }
    expect(n).toBeGreaterThan(40);
    expect(bad).toEqual([]);
  });
  it('weak Python scalars (NEP 50), including complex ones, against every array dtype', () => {
    const bad: string[] = [];
    for (const [d, w] of Object.entries(T.weak)) {
      const arr = { dtype: d as DType, weak: false };
      const cases: [string, DType, string | null][] = [['float', 'float64', w.float], ['complex', 'complex128', w.complex]];
      if (d.startsWith('complex')) cases.push(['int', 'int64', w.int]);
      for (const [kind, dtype, want] of cases) {
        const got = promote(arr, { dtype, weak: true }).dtype;
        if (got !== want) bad.push(`${d} array + Python ${kind}: ${got}, NumPy ${want}`);
      }
    }
    expect(bad).toEqual([]);
  });
  it("can_cast 'safe' and 'same_kind' of every pair with a complex side (complex → real is neither)", () => {
    const bad: string[] = [];
    for (const casting of ['safe', 'same_kind'] as const) {
      for (const [a, row] of Object.entries(T.can_cast[casting])) {
        for (const [b, want] of Object.entries(row)) if (canCast(a as DType, b as DType, casting) !== want) bad.push(`${casting} ${a} → ${b}: NumPy ${want}`);
      }
    }
    expect(bad).toEqual([]);
    expect(canCast('complex128', 'float64', 'unsafe')).toBe(true);
  });
});
