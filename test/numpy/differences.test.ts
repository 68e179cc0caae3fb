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

  it('not a difference: contiguous float sums are bit-identical to np.sum at any length, block size and thread count', () => {
    const x = new Float64Array(5000).fill(0.1);
    // np.sum(np.ones(5000) * 0.1) → 499.99999999999994; blocks follow numpy's pairwise tree
    for (const blockSize of [4096, 333, 8192, 7]) expect(evaluate('sum(x)', { x }, undefined, { blockSize })).toBe(499.99999999999994);
    expect(evaluate('sum(x)', { x }, undefined, { codegen: 'closures' })).toBe(499.99999999999994);
    // overflow depends on grouping: np.sum([-inf, 1e308, 0, 0, 1e308, …]) keeps the two 1e308 in separate lanes → -inf
    const y = new Float64Array(36);
    y[0] = -Infinity;
    y[17] = 1e308;
    y[20] = 1e308;
    for (const blockSize of [4096, 7]) expect(evaluate('sum(y)', { y }, undefined, { blockSize })).toBe(-Infinity);
  });

  it('axis reductions sum each line pairwise (NumPy often accumulates row by row): equal within rounding', () => {
    const a = { data: Float64Array.from({ length: 300 }, (_, i) => 0.1 * (i % 7) + 1e-3 * i), shape: [100, 3] };
    const s = (evaluate('sum(a, axis=0)', { a }) as { data: Float64Array }).data;
    // np.sum(a, axis=0) on a C-order array accumulates row by row: the sequential sums below
    const expected = [0, 1, 2].map((j) => Array.from({ length: 100 }, (_, i) => 0.1 * ((3 * i + j) % 7) + 1e-3 * (3 * i + j)).reduce((p, v) => p + v, 0));
    s.forEach((v, j) => expect(Math.abs(v - expected[j]!)).toBeLessThanOrEqual(64 * Number.EPSILON * Math.abs(expected[j]!)));
  });

  it('roll of a rank > 1 operand needs an axis (NumPy rolls the flattened array)', () => {
    const a = { data: new Float64Array(6), shape: [2, 3] };
    expect(() => evaluate('roll(a, 1)', { a })).toThrow(/axis/);
  });
});
