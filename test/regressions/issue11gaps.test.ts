// The small gaps left open in issue 11, each pinned: weak bool scalars (`true + 1` is an int32
// number), empty-tuple and positional axes, the int64 range check of empty arrays, clip with
// out-of-range bounds, float → int casts of nan/inf, and the hints of three error messages.

import { describe, it, expect } from 'vitest';
import { evaluate, validate, setNumThreads, getNumThreads, setParallelThreshold, getParallelThreshold, shutdown, toShared } from '../../src/index.js';
import { fusexprError } from '../helpers/errors.js';

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

describe('axis=() reduces over no axis, and the axis may be positional (NumPy 2.4)', () => {
  const a = { data: Int32Array.of(0, 1, 2, 3, -4, 5), shape: [2, 3] };
  const f = { data: Float64Array.of(1.5, NaN, -0, 2), shape: [2, 2] };
  const data = (e: string, vars: Record<string, unknown>) => evaluate(e, vars as never) as unknown as { data: ArrayLike<unknown>; shape: number[] };
  it('every reduction with axis=() is elementwise, with keepdims too, in the reduction\'s dtype', () => {
    // numpy: np.sum(f, axis=(), keepdims=True) → [[1.5, nan], [0.0, 2.0]] (sum and mean start from +0:
    // -0.0 becomes 0.0), prod/min/max keep -0.0; any/all → [[T, T], [F, T]]
    const expected: Record<string, number[]> = {
      sum: [1.5, NaN, 0, 2], prod: [1.5, NaN, -0, 2], mean: [1.5, NaN, 0, 2], min: [1.5, NaN, -0, 2], max: [1.5, NaN, -0, 2],
      any: [1, 1, 0, 1], all: [1, 1, 0, 1],
    };
    for (const [r, want] of Object.entries(expected)) {
      for (const keep of ['', ', keepdims=True']) {
        const got = data(`${r}(f, axis=()${keep})`, { f });
        expect(got.shape, r).toEqual([2, 2]);
        want.forEach((w, i) => expect(Object.is(Number(got.data[i]), w), `${r}${keep} [${i}]: ${got.data[i]}`).toBe(true));
      }
    }
    // int32: numpy's sum/prod are int64 ([[0, 1, 2], [3, -4, 5]]); fusexpr's exact-number rule makes them float64
    expect(validate('sum(a, axis=())', { a })).toEqual({ dtype: 'float64', shape: [2, 3] });
    expect(Array.from(data('prod(a, axis=())', { a }).data)).toEqual([0, 1, 2, 3, -4, 5]);
    expect(validate('min(a, axis=())', { a })).toEqual({ dtype: 'int32', shape: [2, 3] });
    expect(validate('mean(a, axis=())', { a })).toEqual({ dtype: 'float64', shape: [2, 3] });
    expect(both('sum(3, axis=())')).toEqual({ value: 3, dtype: 'int32' }); // a weak scalar stays weak
    // complex: numpy: np.prod([[1+2j, 3-4j], [1j, 2+2j]], axis=()) is the array itself
    const z = { data: Float64Array.of(1, 2, 3, -4, 0, 1, 2, 2), shape: [2, 2], dtype: 'complex128' as const };
    for (const r of ['sum', 'prod', 'mean']) expect(evaluate(`${r}(z, axis=())`, { z })).toMatchObject({ data: z.data, shape: [2, 2], dtype: 'complex128' });
  });
  it('on two threads with tiny blocks, axis=() gives the elementwise values too', async () => {
    const [threads, threshold] = [getNumThreads(), getParallelThreshold()];
    setNumThreads(2);
    setParallelThreshold(0);
    try {
      // over shared memory, so the pool really runs
      const big = { data: toShared(Float64Array.from({ length: 600 }, (_, i) => (i % 7) - 3.5)), shape: [20, 30] };
      for (const r of ['sum', 'prod', 'mean', 'min', 'max']) {
        const got = evaluate(`${r}(b, axis=(), keepdims=True) - b`, { b: big }, undefined, { blockSize: 7 }) as unknown as { data: Float64Array; shape: number[] };
        expect(got.shape, r).toEqual([20, 30]);
        expect(Array.from(got.data), r).toEqual(new Array(600).fill(0));
      }
    } finally {
      setNumThreads(threads);
      setParallelThreshold(threshold);
      await shutdown();
    }
  });
  it('sum(a, 0), mean(a, (0, 1)), any(a > 0, None), amin(a, 1), prod(a, -1, keepdims=True)', () => {
    // numpy: [3, -3, 7], 1.1666666666666667, True, [0, -4], [[0], [-60]]
    expect(Array.from(data('sum(a, 0)', { a }).data)).toEqual([3, -3, 7]);
    expect(evaluate('mean(a, (0, 1))', { a })).toBeCloseTo(1.1666666666666667, 15);
    expect(evaluate('any(a > 0, None)', { a })).toBe(true);
    expect(data('amin(a, 1)', { a })).toMatchObject({ data: Int32Array.of(0, -4), shape: [2] });
    expect(data('prod(a, -1, keepdims=True)', { a })).toMatchObject({ data: Float64Array.of(0, -60), shape: [2, 1] });
    expect(data('min(a, 1, keepdims=True)', { a })).toMatchObject({ data: Int32Array.of(0, -4), shape: [2, 1] });
  });
  it('min(a, b) and max(a, b) without keywords stay elementwise; sum(a, 0, axis=1) is an error', () => {
    expect(data('min(a, 0)', { a }).data).toEqual(Int32Array.of(0, 0, 0, 0, -4, 0));
    expect(() => evaluate('sum(a, 0, axis=1)', { a } as never)).toThrow("sum() got multiple values for argument 'axis'");
    expect(() => evaluate('sum(a, b)', { a, b: 0 } as never)).toThrow('axis must be an integer literal, a tuple of them, or None');
  });
  it('min(a, None), max(a, (0, 1)) and max(a, ()) reduce, as np.min(a, None): a tuple or None can only be an axis (were errors)', () => {
    expect(both('min(a, None)', { a })).toEqual(both('min(a)', { a }));
    expect(both('max(a, (0, 1))', { a })).toEqual(both('max(a)', { a }));
    expect(data('max(a, ())', { a })).toMatchObject({ data: a.data, shape: [2, 3] });
    expect(data('min(a, (1,))', { a })).toMatchObject({ data: Int32Array.of(0, -4), shape: [2] });
  });
});

describe('a Python int computed from vars is range-checked even when the arrays are empty', () => {
  // numpy: (~(2**40)) - np.zeros(0, np.int32) raises OverflowError (Python integer out of bounds for int32)
  const k = 2 ** 40;
  const c = new Int32Array(0);
  const m = { data: new Int32Array(0), shape: [0, 3] };
  const t = { data: new Int32Array(6), shape: [0, 3], stride: [1, 3] };
  it.each([
    ['(~k) - c', { k, c }], ['(~k) - where(b, c, d)', { k, b: new Uint8Array(0), c, d: c }], ['(k + 1) - c', { k, c }], ['(~k) - m', { k, m }],
    ['(~k) - t', { k, t }], ['sum((~k) - c)', { k, c }], ['sum((~k) - m, axis=0)', { k, m }], ['mean((k * 2) - c)', { k, c }],
  ])('%s raises VALUE, as for a non-empty array', (e, vars) => {
    for (const codegen of ['jit', 'closures'] as const) {
      expect(() => evaluate(e, vars as never, undefined, { codegen })).toThrow('is out of bounds for int32');
    }
  });
  it('values that fit still give empty results (sum 0, mean nan); a float array takes any int', () => {
    expect(evaluate('(~k) - c', { k: 5, c })).toEqual(new Int32Array(0));
    expect(evaluate('sum((~k) - c)', { k: 5, c })).toBe(0);
    expect(evaluate('mean((~k) - c)', { k: 5, c })).toBeNaN();
    expect(evaluate('sum((~k) - f)', { k, f: new Float64Array(0) })).toBe(0);
  });
});

describe('clip of an int array follows np.clip (NumPy 2.4), not the clip ufunc', () => {
  // numpy: np.clip(np.int8([-128, -5, 0, 5, 127]), -129, 5) → int8 [-128, -5, 0, 5, 5]; np.clip(u8, -1, 300) → u8;
  // np.clip(u8, -10, -1) raises OverflowError (Python integer -1 out of bounds for uint8). The dtype matrix has 275 more.
  const i8 = Int8Array.of(-128, -5, 0, 5, 127);
  const u8 = Uint8Array.of(0, 3, 200, 255);
  it('a bound beyond the dtype on its own side is no bound (literal or JS number)', () => {
    expect(both('clip(i8, -129, 5)', { i8 })).toEqual({ value: Int8Array.of(-128, -5, 0, 5, 5), dtype: 'int8' });
    expect(both('clip(i8, lo, hi)', { i8, lo: -129, hi: 5 })).toEqual({ value: Int8Array.of(-128, -5, 0, 5, 5), dtype: 'int8' });
    expect(evaluate('clip(u8, -1, 300)', { u8 })).toEqual(u8);
    expect(evaluate('clip(u64, -1, 2**64)', { u64: BigUint64Array.of(0n, 2n ** 64n - 1n) })).toEqual(BigUint64Array.of(0n, 2n ** 64n - 1n));
  });
  it('a bound beyond on the other side still raises, as NumPy', () => {
    expect(fusexprError(() => evaluate('clip(u8, -10, -1)', { u8 })).code).toBe('VALUE');
    expect(fusexprError(() => evaluate('clip(u8, lo, hi)', { u8, lo: -10, hi: -1 })).code).toBe('VALUE');
  });
});

describe('error hints', () => {
  it('an int that does not fit names the narrowest cast that holds it', () => {
    expect(fusexprError(() => evaluate('u * -1', { u: Uint8Array.of(1) })).hint).toBe('cast the array: int16(x) or float64(x)');
    expect(fusexprError(() => evaluate('u * -1', { u: Uint32Array.of(1) })).hint).toBe('cast the array: int64(x) or float64(x)');
    expect(fusexprError(() => evaluate('u * k', { u: Uint8Array.of(1), k: -1 })).hint).toBe('cast the array: int16(x) or float64(x)');
    expect(fusexprError(() => evaluate('u * -1', { u: BigUint64Array.of(1n) })).hint).toBe('cast the array: float64(x)');
  });
  it('a broadcast error that keepdims=True would fix says so', () => {
    const a = { data: new Float64Array(6), shape: [2, 3] };
    const e = fusexprError(() => evaluate('a - mean(a, axis=-1)', { a }));
    expect(e.code).toBe('SHAPE');
    expect(e.hint).toBe('did you mean keepdims=True? mean(…, axis=1, keepdims=True) keeps the reduced axes as 1s, so the result broadcasts back');
    expect(fusexprError(() => validate('a - sum(a, 1)', { a })).hint).toMatch(/^did you mean keepdims=True\?/);
    // not when keepdims would not help
    expect(fusexprError(() => evaluate('a + b', { a, b: new Float64Array(2) })).hint).toBe('dimensions must be equal or 1, aligned from the right');
  });
});
