// The README's deliberate differences from NumPy that the fixtures do not compare bit for bit
// ("Where fusexpr differs from NumPy"): each is pinned here, so a change to one is a decision.

import { describe, it, expect } from 'vitest';
import { evaluate } from '../../src/index.js';

describe('deliberate differences from NumPy', () => {
  it('ties of signed zeros in minimum/maximum/min/max return the first operand (NumPy: the second)', () => {
    const a = new Float64Array([-0]);
    const b = new Float64Array([0]);
    expect(Object.is((evaluate('minimum(a, b)', { a, b }) as Float64Array)[0], -0)).toBe(true); // np.minimum([-0.], [0.]) → [0.]
    expect(Object.is((evaluate('maximum(b, a)', { a, b }) as Float64Array)[0], 0)).toBe(true); // np.maximum([0.], [-0.]) → [-0.]
  });

  it('the sign bit of a NaN made by an invalid operation is not set (x86 makes -nan; V8 canonicalizes to +nan)', () => {
    const x = new Float64Array([-1, Infinity]);
    // np.signbit(np.sqrt([-1.])) → [True]; np.signbit(np.array([inf]) - inf) → [True]
    expect(Array.from(evaluate('signbit(sqrt(x))', { x: x.subarray(0, 1) }) as Uint8Array)).toEqual([0]);
    expect(Array.from(evaluate('signbit(x - inf)', { x: x.subarray(1) }) as Uint8Array)).toEqual([0]);
  });

  it('float sums longer than a block merge block partials pairwise (NumPy: one pairwise pass); equal within rounding', () => {
    const x = new Float64Array(5000).fill(0.1);
    const s = evaluate('sum(x)', { x }) as number;
    // np.sum(np.ones(5000) * 0.1) → 499.99999999999994 (one pass); ours merges blocks of 4096 and 904
    expect(Math.abs(s - 499.99999999999994)).toBeLessThanOrEqual(4 * Number.EPSILON * 500);
    expect(evaluate('sum(x)', { x }, undefined, { blockSize: 8192 })).toBe(499.99999999999994); // one block: bit-identical
  });

  it('roll of a rank > 1 operand needs an axis (NumPy rolls the flattened array)', () => {
    const a = { data: new Float64Array(6), shape: [2, 3] };
    expect(() => evaluate('roll(a, 1)', { a })).toThrow(/axis/);
  });
});
