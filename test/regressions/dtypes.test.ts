// The five problems of issue 11 ("every typed array in and out, a bool that survives copies,
// integers that don't leak BigInt"), each pinned as a new user hit it, plus what a bool array
// keeps and loses on the way through copies.

import { describe, it, expect } from 'vitest';
import { evaluate, validate, asBool, toShared, BoolArray, FusexprError } from '../../src/index.js';
import { errorCode } from '../helpers/errors.js';

const code = errorCode;

describe('1. image data in and out', () => {
  const v = new Uint8Array([10, 20, 30, 255]);
  it('a Uint8Array out is uint8: v*0.5 with casting unsafe truncates like numpy astype', () => {
    expect(evaluate('v*0.5', { v }, new Uint8Array(4), { casting: 'unsafe' })).toEqual(new Uint8Array([5, 10, 15, 127]));
    // float64 → uint8 is not same_kind: numpy refuses it too
    expect(code(() => evaluate('v*0.5', { v }, new Uint8Array(4)))).toBe('BAD_OUT');
  });
  it('a Uint8ClampedArray out saturates and rounds half to even, under the default casting', () => {
    expect(evaluate('v*0.5', { v }, new Uint8ClampedArray(4))).toEqual(new Uint8ClampedArray([5, 10, 15, 128]));
    expect(evaluate('x', { x: new Float64Array([-3, 0.5, 1.5, 2.5, 254.5, 300, NaN, Infinity]) }, new Uint8ClampedArray(8))).toEqual(new Uint8ClampedArray([0, 0, 2, 2, 254, 255, 0, 255]));
    expect(evaluate('x', { x: new BigInt64Array([-5n, 7n, 999n]) }, new Uint8ClampedArray(3))).toEqual(new Uint8ClampedArray([0, 7, 255]));
    expect(code(() => evaluate('x', { x: new Float64Array(1) }, new Uint8ClampedArray(1), { casting: 'safe' }))).toBe('BAD_OUT');
  });
  it('uint8 arithmetic wraps like numpy (200 + 100 = 44), and narrow outs are accepted', () => {
    expect(evaluate('a + b', { a: new Uint8Array([200]), b: new Uint8Array([100]) })).toEqual(new Uint8Array([44]));
    expect(evaluate('a + b', { a: new Uint8Array([200]), b: new Int8Array([-100]) })).toEqual(new Int16Array([100]));
    expect(evaluate('a * 3', { a: new Int16Array([20000]) })).toEqual(new Int16Array([-5536]));
    for (const Out of [Int8Array, Int16Array, Int32Array, Float32Array]) {
      expect(evaluate('a + 1', { a: new Int8Array([1, 2]) }, new Out(2))).toEqual(new Out([2, 3]));
    }
    expect(evaluate('a + 1', { a: new Uint8Array([1, 255]) }, new Uint16Array(2))).toEqual(new Uint16Array([2, 0]));
    // int8 → uint16 is not same_kind (numpy: signed to unsigned is a different kind)
    expect(code(() => evaluate('a + 1', { a: new Int8Array([1]) }, new Uint16Array(1)))).toBe('BAD_OUT');
  });
});

describe('2. masks keep their type through copies', () => {
  const a = new Float64Array([1, -1, 2, -2]);
  const m = evaluate('a > 0', { a }) as BoolArray;
  it('bool results are BoolArrays, and slice/subarray/toShared keep the class', () => {
    expect(m).toBeInstanceOf(BoolArray);
    expect(m.slice()).toBeInstanceOf(BoolArray);
    expect(m.subarray(1)).toBeInstanceOf(BoolArray);
    expect(toShared(m)).toBeInstanceOf(BoolArray);
    expect(evaluate('~m', { m: m.slice() })).toEqual(BoolArray.from([0, 1, 0, 1]));
    expect(evaluate('where(~m, a, 0)', { m: m.slice(), a })).toEqual(new Float64Array([0, -1, 0, -2]));
  });
  it('structuredClone gives a plain Uint8Array (uint8); asBool or dtype: bool restore it', () => {
    const clone = structuredClone(m);
    expect(clone).not.toBeInstanceOf(BoolArray);
    expect(evaluate('~c', { c: clone })).toEqual(new Uint8Array([254, 255, 254, 255]));
    expect(evaluate('~c', { c: { data: clone, dtype: 'bool' } })).toEqual(BoolArray.from([0, 1, 0, 1]));
    expect(evaluate('~c', { c: asBool(clone) })).toEqual(BoolArray.from([0, 1, 0, 1]));
    expect(clone.slice()).toBeInstanceOf(BoolArray); // asBool made it a BoolArray
  });
  it('bool view results say dtype: bool (a clone of the view keeps it)', () => {
    const r = evaluate('x > 0', { x: { data: a, shape: [2, 2] } }) as { data: Uint8Array; dtype?: string };
    expect(r.dtype).toBe('bool');
    expect(evaluate('~r', { r: structuredClone(r) } as never)).toMatchObject({ dtype: 'bool' });
  });
  it('a dtype that does not fit the data is BAD_VAR', () => {
    expect(code(() => evaluate('~c', { c: { data: new Int8Array(2), dtype: 'bool' } }))).toBe('BAD_VAR');
    expect(code(() => evaluate('~c', { c: { data: new Uint8Array(2), dtype: 'int16' } }))).toBe('BAD_VAR');
    expect(code(() => evaluate('~c', { c: { data: new Uint8Array(2), dtype: 'nope' } } as never))).toBe('BAD_VAR');
  });
});

describe('3. integers that fit JavaScript', () => {
  const a = new Float64Array([1, -1, 2, 3]);
  it('sum(a > 0) is a number, so sum(a > 0) / n works', () => {
    const s = evaluate('sum(a > 0)', { a });
    expect(s).toBe(3);
    expect((s as number) / a.length).toBe(0.75);
    expect(evaluate('sum(i)', { i: new Int32Array([2 ** 31 - 1, 2 ** 31 - 1]) })).toBe(2 ** 32 - 2);
    expect(evaluate('sum(u)', { u: new Uint8Array([200, 200, 200]) })).toBe(600);
  });
  it('beyond 2**53 an int sum or product is VALUE; int64(x) gives numpy\'s bigint', () => {
    const big = new Int32Array(4).fill(2 ** 31 - 1);
    expect(code(() => evaluate('prod(b)', { b: big }))).toBe('VALUE');
    expect(evaluate('prod(int64(b))', { b: big })).toBe(BigInt.asIntN(64, (2n ** 31n - 1n) ** 4n));
    expect(evaluate('sum(int64(b))', { b: big })).toBe(4n * (2n ** 31n - 1n));
  });
  it('where(m, 1, 0) is int32, not BigInt64Array', () => {
    const m = evaluate('a > 0', { a });
    expect(evaluate('where(m, 1, 0)', { m })).toEqual(new Int32Array([1, 0, 1, 1]));
    expect(evaluate('where(m, k, 0)', { m, k: 7 })).toEqual(new Int32Array([7, 0, 7, 7]));
    expect(evaluate('where(m, 2**40, 0)', { m })).toBeInstanceOf(BigInt64Array); // the value needs int64
  });
  it('validate and evaluate agree on every result type', () => {
    const m = evaluate('a > 0', { a });
    const i = new Int32Array([1, 2, 3, 4]);
    const JS: Record<string, string> = { int64: 'bigint', uint64: 'bigint', bool: 'boolean' };
    const cases: [string, Record<string, unknown>][] = [
      ['2*3', {}], ['2**40', {}], ['2.5*2', {}], ['n*2', { n: 5 }], ['n*2', { n: 2 ** 31 }], ['1 < 2', {}], ['sum(a>0)', { a }],
      ['sum(i)', { i }], ['prod(i)', { i }], ['mean(i)', { i }], ['max(i)', { i }], ['any(m)', { m }], ['sum(int64(i))', { i }],
      ['where(m, 1, 0)', { m }], ['i + 1', { i }], ['m + 1', { m }], ['a > 0', { a }], ['int8(a)', { a }], ['uint64(i)', { i }],
    ];
    for (const [e, vars] of cases) {
      const { dtype, shape } = validate(e, vars as never);
      const r = evaluate(e, vars as never) as unknown;
      if (shape.length === 0) expect([e, typeof r]).toEqual([e, JS[dtype] ?? 'number']);
      else expect([e, (r as object).constructor.name]).toEqual([e, { bool: 'BoolArray', int8: 'Int8Array', uint64: 'BigUint64Array', int32: 'Int32Array', int64: 'BigInt64Array', float64: 'Float64Array' }[dtype as string]]);
    }
  });
});
