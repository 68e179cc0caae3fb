// Bugs found by the issue-11 review (dtypes, complex, axes), each pinned with NumPy 2.4's answer:
// a complex result into a Uint8ClampedArray out, real results of a flat complex var, sum(1), …

import { describe, it, expect } from 'vitest';
import { evaluate, validate, FusexprError } from '../../src/index.js';

const code = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof FusexprError) return e.code;
    throw e;
  }
  return 'none';
};

describe('a complex result into a Uint8ClampedArray out', () => {
  const m = new Float64Array([1, 2]);
  it("is BAD_OUT under 'same_kind' (complex is not real), not an internal error", () => {
    expect(code(() => evaluate('m * 1j', { m }, new Uint8ClampedArray(2)))).toBe('BAD_OUT');
  });
  it("under 'unsafe' stores the real part, clamped", () => {
    // numpy: np.clip(np.rint((m * (1.7+3j)).real), 0, 255) → [2, 3]
    expect(evaluate('m * (1.7 + 3j)', { m }, new Uint8ClampedArray(2), { casting: 'unsafe' })).toEqual(new Uint8ClampedArray([2, 3]));
  });
});

describe('a complex var without a shape is a flat array, like { data, dtype: bool }', () => {
  const z = { data: Float64Array.of(3, 4, -3, 0.5), dtype: 'complex128' as const };
  it('real results come back as typed arrays, as the README shows for abs(z)', () => {
    // numpy: np.abs([3+4j, -3+0.5j]) → [5, 3.0413812651491092] (complex abs: within an ulp of glibc hypot); == 0 → [False, False]
    const r = evaluate('abs(z)', { z }) as unknown as Float64Array;
    expect(r).toBeInstanceOf(Float64Array);
    expect(r[0]).toBe(5);
    expect(r[1]).toBeCloseTo(3.0413812651491092, 14);
    expect(evaluate('real(z)', { z })).toEqual(Float64Array.of(3, -3));
    expect(evaluate('z == 0', { z })).toBeInstanceOf(Uint8Array);
  });
  it('with a shape it is a view, and so are its real results', () => {
    expect(evaluate('real(z)', { z: { ...z, shape: [2] } })).toMatchObject({ data: Float64Array.of(3, -3), shape: [2] });
  });
});

describe('a reduction of a weak scalar stays a weak scalar (no BigInt from sum(1))', () => {
  const a = new Int32Array([1, 2]);
  const f = new Float32Array([1, 2]);
  it('sum/prod/min/max of a Python int are that int: a number, int32 when it fits', () => {
    // numpy would say np.int64(1); the documented rule (weak-scalar-functions) keeps it a Python int
    for (const e of ['sum(1)', 'prod(1)', 'max(1)', 'min(1)', 'sum(x)']) {
      expect(evaluate(e, { x: 1 })).toBe(1);
      expect(validate(e, { x: 1 }).dtype).toBe('int32');
    }
    expect(evaluate('sum(1) * a', { a })).toEqual(new Int32Array([1, 2]));
    expect(evaluate('sum(x) * a', { a, x: 3 })).toEqual(new Int32Array([3, 6]));
    expect(evaluate('mean(2) * f', { f })).toEqual(new Float32Array([2, 4]));
  });
  it('bool and strong scalars keep their rules', () => {
    expect(evaluate('sum(x > 0)', { x: 5 })).toBe(1);
    expect(evaluate('sum(B)', { B: 5n })).toBe(5n);
    expect(evaluate('sum(2**40)')).toBe(2n ** 40n);
  });
});
