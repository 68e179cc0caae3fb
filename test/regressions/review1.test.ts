// Bugs found by review1 (a differential fuzz of the complex-number and new-user-trial work against
// NumPy 2.4), each pinned with NumPy's answer: int/bool bases ** 0.5.

import { describe, it, expect } from 'vitest';
import { evaluate } from '../../src/index.js';

describe('an int or bool array ** 0.5', () => {
  // NumPy's power fast path (0.5 → sqrt) is for float and complex arrays only: np.uint8 array ** 0.5
  // is power's float64 loop, where np.sqrt(u8) would be float16 (float32 here)
  it('is float64, as np.array([0, 4, 5], np.uint8) ** 0.5', () => {
    const r = evaluate('a ** 0.5', { a: new Uint8Array([0, 4, 5]) });
    expect(r).toEqual(new Float64Array([0, 2, Math.sqrt(5)]));
  });
  it('int8 and bool alike; a float32 array stays float32 (sqrt)', () => {
    expect(evaluate('a ** 0.5', { a: new Int8Array([1, 9]) })).toBeInstanceOf(Float64Array);
    expect(evaluate('a ** 0.5', { a: { data: new Uint8Array([1, 0]), dtype: 'bool' } })).toEqual(new Float64Array([1, 0]));
    expect(evaluate('a ** 0.5', { a: new Float32Array([-0, 4]) })).toEqual(new Float32Array([-0, 2]));
  });
});
