// float16's rules on any engine (promotion and can_cast against NumPy's, from the float16 fixtures),
// and what an engine without Float16Array (Node 20/22) says when float16 is asked for. Its values are
// replayed in an engine that has it: test/browser/float16.test.ts (headless Chromium).
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { evaluate, validate, empty, zeros, hasFloat16, FusexprError } from '../../src/index.js';
import { ALL_REAL_DTYPES, DTYPES, HAS_FLOAT16, canCast, isDType, promote, promoteStrong, type Casting, type DType } from '../../src/types/dtypes.js';

const F = JSON.parse(readFileSync(new URL('../numpy/float16.json', import.meta.url), 'utf8')) as {
  promotion: Record<string, string>;
  can_cast: [DType, DType, Casting, boolean][];
};

describe('float16 rules (any engine), against NumPy 2', () => {
  it('promotes with every dtype as np.result_type, weak Python scalars included', () => {
    const got = Object.fromEntries(Object.keys(F.promotion).map((d) => {
      if (d === 'weak float') return [d, promote({ dtype: 'float16', weak: false }, { dtype: 'float64', weak: true }).dtype];
      if (d === 'weak int') return [d, promote({ dtype: 'float16', weak: false }, { dtype: 'int64', weak: true }).dtype];
      if (d === 'weak complex') return [d, promote({ dtype: 'float16', weak: false }, { dtype: 'complex128', weak: true }).dtype];
      return [d, promoteStrong('float16', d as DType)];
    }));
    expect(got).toEqual(F.promotion);
    expect(ALL_REAL_DTYPES.map((d) => promoteStrong(d, 'float16'))).toEqual(ALL_REAL_DTYPES.map((d) => promoteStrong('float16', d)));
  });

  it('np.can_cast for every pair with float16 under every casting rule', () => {
    const bad = F.can_cast.filter(([f, t, c, want]) => canCast(f, t, c) !== want).map((r) => r.join(' '));
    expect(bad).toEqual([]);
    expect(F.can_cast.length).toBe(23 * 5);
  });
});

describe.skipIf(HAS_FLOAT16)('on an engine without Float16Array (this Node)', () => {
  const error = (f: () => unknown): { code: string; message: string } => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(FusexprError);
      return { code: (e as FusexprError).code, message: (e as Error).message.split('\n')[0]! };
    }
    throw new Error('no error');
  };
  const WHY = 'float16 needs an engine with Float16Array and Math.f16round (Chrome/Edge ≥ 135, Firefox ≥ 129, Safari ≥ 18.2, Node ≥ 24); this one has none';
  // what a polyfill's array looks like to fusexpr: a class named Float16Array
  class Float16Array extends Uint16Array {}

  it('float16 is no dtype here, and Math.f16round is never needed', () => {
    expect(hasFloat16).toBe(false);
    expect(isDType('float16')).toBe(false);
    expect(DTYPES).not.toContain('float16');
    expect((Math as { f16round?: unknown }).f16round).toBeUndefined();
  });

  it('float16(x), a Float16Array var or out, and dtype: float16 are errors that say why', () => {
    expect(error(() => evaluate('float16(a)', { a: new Float64Array(2) }))).toEqual({ code: 'UNKNOWN_FUNCTION', message: `float16() is not available here: ${WHY} at 1:1 — use float32(x)` });
    expect(error(() => validate('1 + float16(a)', { a: new Float64Array(2) }))).toEqual({ code: 'UNKNOWN_FUNCTION', message: `float16() is not available here: ${WHY} at 1:5 — use float32(x)` });
    expect(error(() => validate('a + 1', { a: new Float16Array(2) as never }))).toEqual({ code: 'BAD_VAR', message: `var 'a': ${WHY} — convert it: new Float32Array(x)` });
    expect(error(() => evaluate('a + 1', { a: new Float64Array(2) }, new Float16Array(2) as never))).toEqual({ code: 'BAD_OUT', message: `out: ${WHY} — use a Float32Array out` });
    expect(error(() => evaluate('a', { a: { data: new Float32Array(2), dtype: 'float16' as never } }))).toEqual({ code: 'BAD_VAR', message: `var 'a': ${WHY}` });
    expect(error(() => evaluate('a', { a: new Float64Array(2) }, { data: new Float32Array(2), dtype: 'float16' as never }))).toEqual({ code: 'BAD_OUT', message: `out: ${WHY}` });
    expect(error(() => empty('float16', 4))).toEqual({ code: 'OPTION', message: `empty(): ${WHY}` });
    expect(error(() => zeros('float16', 4))).toEqual({ code: 'OPTION', message: `empty(): ${WHY}` });
  });

  it('float functions of int8/uint8/bool keep the documented departure (float32, float64)', () => {
    expect(validate('sin(a)', { a: new Int8Array(2) }).dtype).toBe('float32');
    expect(validate('sqrt(a)', { a: new Uint8Array(2) }).dtype).toBe('float32');
    expect(validate('sqrt(a > 0)', { a: new Int8Array(2) }).dtype).toBe('float64');
    expect(Array.from(evaluate('sqrt(a)', { a: new Uint8Array([4, 2]) }) as Float32Array)).toEqual([2, Math.fround(Math.SQRT2)]);
  });
});
