// Bugs found by review1 (a differential fuzz of the complex-number and new-user-trial work against
// NumPy 2.4), each pinned with NumPy's answer: int/bool bases ** 0.5, conj of bool, angle of small ints,
// a complex shift fill written as re + imj.

import { describe, it, expect } from 'vitest';
import { evaluate, evaluateAsync, evaluateChunked, chunkedArray, full, free, hasFloat16 } from '../../src/index.js';

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

describe('conj and angle of real operands', () => {
  const b = { data: new Uint8Array([1, 0]), dtype: 'bool' } as const;
  it('conj(bool) is int8, as np.conjugate (no bool loop: its b->b)', () => {
    expect(evaluate('conj(b)', { b })).toEqual(new Int8Array([1, 0]));
  });
  it('angle(x) is arctan2(0, x): int16 float32, int8 float16 (float32 without it), bool float64', () => {
    // np.angle(np.array([-3, 2], np.int16)) → float32 [pi, 0]
    expect(evaluate('angle(a)', { a: new Int16Array([-3, 2]) })).toEqual(new Float32Array([Math.PI, 0]));
    const i8 = evaluate('angle(a)', { a: new Int8Array([-3, 2]) }) as ArrayBufferView;
    expect(i8.constructor.name).toBe(hasFloat16 ? 'Float16Array' : 'Float32Array');
    expect(evaluate('angle(b)', { b })).toEqual(new Float64Array([0, 0]));
    expect(evaluate('angle(a)', { a: new Int32Array([-1]) })).toEqual(new Float64Array([Math.PI]));
  });
});

describe('a complex shift fill written as a sum of literals', () => {
  const z = { data: Float64Array.of(1, 1, 2, 2, 3, 3), dtype: 'complex128' } as const;
  it('shift(z, 1, 0, 2+1j) fills with 2+1j (was "fill must be a constant")', () => {
    expect((evaluate('shift(z, 1, 0, 2+1j)', { z }) as { data: Float64Array }).data).toEqual(Float64Array.of(2, 1, 1, 1, 2, 2));
    expect((evaluate('shift(z, -1, 0, fill=1 - 0.5j)', { z }) as { data: Float64Array }).data).toEqual(Float64Array.of(2, 2, 3, 3, 1, -0.5));
    expect((evaluate('shift(z, 1, 0, -(1+1j))', { z }) as { data: Float64Array }).data).toEqual(Float64Array.of(-1, -1, 1, 1, 2, 2));
  });
});

describe('evaluateChunked with an out that is also a var', () => {
  const n = 40;
  const xr = () => Float64Array.from({ length: n }, (_, i) => 1 + (i % 3));
  it('an in-memory out over a var read shifted or reversed is written through a scratch (was read after written)', async () => {
    // NumPy: np.roll(a, 1) * x, the same whether or not the result lands in a
    const x = chunkedArray(xr(), [4]);
    const a = Float64Array.from({ length: n }, (_, i) => i);
    const want = evaluate('roll(a, 1) * x', { a: a.slice(), x: xr() }) as Float64Array;
    await evaluateChunked('roll(a, 1) * x', { a, x }, a);
    expect(a).toEqual(want);
    // out a reversed view of the var
    const b = Float64Array.from({ length: n }, (_, i) => i);
    const o = { data: b, shape: [n], stride: [-1], offset: n - 1 };
    await evaluateChunked('b * x', { b, x }, o);
    expect(Array.from(b).reverse()).toEqual(Array.from(evaluate('b * x', { b: Float64Array.from({ length: n }, (_, i) => i), x: xr() }) as Float64Array));
  });
  it('a complex out that is the complex var, read by roll', async () => {
    const x = chunkedArray(xr(), [4]);
    const mk = () => ({ data: Float64Array.from({ length: 2 * n }, (_, i) => i), dtype: 'complex128' as const });
    const want = evaluate('roll(z, 1, 0) * x', { z: mk(), x: xr() }) as { data: Float64Array };
    const z = mk();
    await evaluateChunked('roll(z, 1, 0) * x', { z, x }, z);
    expect(z.data).toEqual(want.data);
  });
  it('a chunked out that is a chunked var read by roll/shift is BAD_OUT (its chunks would be read after written)', async () => {
    const data = Float64Array.from({ length: n }, (_, i) => i);
    const x = chunkedArray(data, [4]);
    await expect(evaluateChunked('roll(x, -1)', { x }, x)).rejects.toMatchObject({ code: 'BAD_OUT' });
    expect(data[0]).toBe(0); // nothing written
    await evaluateChunked('x * 2 - sum(x)', { x }, x); // element-wise: allowed, and right
    expect(data[3]).toBe(6 - 780);
  });
});

describe('a complex out in fusexpr memory, given back by free() while evaluateAsync runs', () => {
  it('stops the call with BAD_OUT and writes nothing into the memory handed out again', async () => {
    // every array in fusexpr's memory shares one buffer: the out was taken for an alias of z, computed
    // into a scratch and copied in at the end, unchecked, over whatever the freed bytes had become
    const n = 1 << 14;
    const z = full('complex128', n, { re: 1, im: 1 });
    const out = full('complex128', n, 0);
    const p = evaluateAsync('z * 2', { z }, out, { singleThread: true, blockSize: 256 });
    free(out);
    const junk = full('float64', 4 * n, 9);
    await expect(p).rejects.toMatchObject({ code: 'BAD_OUT' });
    expect(junk.every((v) => v === 9)).toBe(true);
    free(junk);
    free(z);
  });
  it('an out that overlaps an input still goes through a scratch (z * 1j in place)', () => {
    const z = full('complex128', 3, { re: 1, im: 2 });
    evaluate('z * 1j', { z }, z);
    expect(Array.from(z.data)).toEqual([-2, 1, -2, 1, -2, 1]);
    free(z);
  });
});

describe('clip of an int array with a Python int bound beyond its dtype', () => {
  const u = new Uint8Array([0, 2, 200]);
  it('drops it on the harmless side, as np.clip (was a VALUE error)', () => {
    // np.clip(np.array([0, 2, 200], np.uint8), -1, 5) → uint8 [0, 2, 5]; (u, 1, 300) → [1, 2, 200]
    expect(evaluate('clip(u, -1, 5)', { u })).toEqual(new Uint8Array([0, 2, 5]));
    expect(evaluate('clip(u, 1, 300)', { u })).toEqual(new Uint8Array([1, 2, 200]));
    expect(evaluate('clip(i, -1000, 1000)', { i: new Int8Array([-128, 127]) })).toEqual(new Int8Array([-128, 127]));
  });
  it('still fails on the other side, where NumPy raises (clip(u8, -5, -1), clip(u8, 300, 400))', () => {
    expect(() => evaluate('clip(u, -5, -1)', { u })).toThrow(/out of bounds for uint8/);
    expect(() => evaluate('clip(u, 300, 400)', { u })).toThrow(/out of bounds for uint8/);
  });
});

describe('sum/prod/min/max/any/all of a 0-d operand with axis=0 or axis=-1', () => {
  it('is the full reduction, as NumPy (np.sum(np.array(1+2j), axis=0) is (1+2j)); axis=1 or a tuple still fails', () => {
    const c = { data: Float64Array.of(1, 2), shape: [] as number[], dtype: 'complex128' as const };
    expect((evaluate('sum(c, axis=0)', { c }) as unknown as { data: Float64Array }).data).toEqual(Float64Array.of(1, 2));
    expect(evaluate('max(3.0, axis=-1)')).toBe(3);
    expect(() => evaluate('sum(c, axis=1)', { c })).toThrow(/out of bounds/);
    expect(() => evaluate('sum(c, axis=(0,))', { c })).toThrow(/out of bounds/);
    // np.mean checks the axis itself: np.mean(np.array(5.0), axis=0) raises
    expect(() => evaluate('mean(c, axis=0)', { c })).toThrow(/out of bounds/);
  });
});
