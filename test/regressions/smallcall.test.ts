// The cached small call (api.ts lookup's memo of an expression's last signature, drivers.ts's
// small-call path): a repeat call must never reuse a plan built for another signature, and the
// fast path must keep the general path's answers (overlap, arena, scalars, freed arrays).

import { describe, it, expect } from 'vitest';
import { evaluate, asBool, empty, free, BoolArray } from '../../src/index.js';
import type { VarValue } from '../../src/index.js';
import { errorCode } from '../helpers/errors.js';

describe("an expression's remembered signature", () => {
  it('a number var that changes class (int32-sized, float, beyond int32) re-types the call', () => {
    const a = new Int32Array([1, 2, 3]);
    for (let i = 0; i < 2; i++) {
      expect(evaluate('a*k', { a, k: 2 })).toEqual(new Int32Array([2, 4, 6]));
      expect(evaluate('a*k', { a, k: 2.5 })).toEqual(new Float64Array([2.5, 5, 7.5]));
      // NEP 50: a Python int out of the array's range is an error, not a wrap
      expect(errorCode(() => evaluate('a*k', { a, k: 3e9 }))).toBe('VALUE');
    }
  });

  it('asBool on the same array (its prototype changes) turns uint8 + into bool or', () => {
    const a = new Uint8Array([1, 0, 1]);
    expect(evaluate('a + a', { a })).toEqual(new Uint8Array([2, 0, 2]));
    expect(evaluate('a + a', { a })).toEqual(new Uint8Array([2, 0, 2]));
    asBool(a);
    const r = evaluate('a + a', { a });
    expect(r).toBeInstanceOf(BoolArray);
    expect(Array.from(r as Uint8Array)).toEqual([1, 0, 1]);
  });

  it('each array class, and a plain Array, types the call anew', () => {
    const cases: [VarValue, ArrayLike<number>][] = [
      [new Float64Array([1.5, 2]), new Float64Array([2.5, 3])],
      [new Float32Array([1.5, 2]), new Float32Array([2.5, 3])],
      [new Int16Array([3, -2]), new Int16Array([4, -1])],
      [new Uint8Array([255, 0]), new Uint8Array([0, 1])],
      [[1, 2] as unknown as VarValue, new Float64Array([2, 3])], // a plain Array is copied (documented)
      [new Float64Array([1.5, 2]), new Float64Array([2.5, 3])],
    ];
    for (const [a, want] of cases) expect(evaluate('a + 1', { a })).toEqual(want);
  });

  it('out dtypes: float64, float32, uint8 (wraps under unsafe) and Uint8ClampedArray (saturates)', () => {
    const x = new Int32Array([-3, 300]);
    const o = { casting: 'unsafe' } as const;
    for (let i = 0; i < 2; i++) {
      expect(evaluate('x', { x }, new Float64Array(2), o)).toEqual(new Float64Array([-3, 300]));
      expect(evaluate('x', { x }, new Float32Array(2), o)).toEqual(new Float32Array([-3, 300]));
      expect(evaluate('x', { x }, new Uint8Array(2), o)).toEqual(new Uint8Array([253, 44]));
      expect(evaluate('x', { x }, new Uint8ClampedArray(2), o)).toEqual(new Uint8ClampedArray([0, 255]));
    }
    // float64 into int32 is not same_kind: refused even right after a float64 out ran
    const f = new Float64Array([1.5]);
    for (let i = 0; i < 2; i++) {
      expect(evaluate('f', { f }, new Float64Array(1))).toEqual(new Float64Array([1.5]));
      expect(errorCode(() => evaluate('f', { f }, new Int32Array(1)))).toBe('BAD_OUT');
    }
  });

  it('options change the plan: casting same_kind refuses what unsafe allowed', () => {
    const x = new Float64Array([1.5]);
    expect(evaluate('x', { x }, new Int32Array(1), { casting: 'unsafe' })).toEqual(new Int32Array([1]));
    expect(errorCode(() => evaluate('x', { x }, new Int32Array(1)))).toBe('BAD_OUT');
  });

  it('a complex scalar var after a real one (and back)', () => {
    const a = new Float64Array([1, 2]);
    expect(evaluate('a*k', { a, k: 2 })).toEqual(new Float64Array([2, 4]));
    expect(evaluate('a*k', { a, k: { re: 1, im: 2 } })).toEqual({ data: new Float64Array([1, 2, 2, 4]), shape: [2], dtype: 'complex128' });
    expect(evaluate('a*k', { a, k: 2 })).toEqual(new Float64Array([2, 4]));
  });

  it('a var missing on a repeat is an error, not the last plan', () => {
    const a = new Float64Array([1]);
    expect(evaluate('a + b', { a, b: a })).toEqual(new Float64Array([2]));
    expect(errorCode(() => evaluate('a + b', { a }))).toBe('UNKNOWN_NAME');
  });
});

describe('the small-call path', () => {
  it('out overlapping an input one element on (plain and arena) computes from the input as it was', () => {
    for (const base of [new Float64Array([1, 2, 3, 4, 5]), empty('float64', 5)]) {
      base.set([1, 2, 3, 4, 5]);
      evaluate('x*2', { x: base.subarray(0, 4) }, base.subarray(1, 5));
      expect(Array.from(base)).toEqual([1, 2, 4, 6, 8]);
    }
  });

  it('out aliasing an input exactly runs in place, with a scalar var', () => {
    const x = empty('float64', 3);
    x.set([1, 2, 3]);
    const y = new Float64Array([1, 1, 1]);
    expect(evaluate('x*k + y', { x, k: 2, y }, x)).toBe(x);
    expect(Array.from(x)).toEqual([3, 5, 7]);
    expect(evaluate('x*k + y', { x: y, k: 3, y }, y)).toBe(y);
    expect(Array.from(y)).toEqual([4, 4, 4]);
  });

  it('float32 staged through Wasm scratch: lengths that alternate (and subarrays) give the JS kernel\'s bits', () => {
    const all = Float32Array.from({ length: 40 }, (_, i) => Math.sin(i) * 3);
    for (const [from, to] of [[0, 16], [0, 5], [3, 19], [0, 16], [0, 40]] as const) {
      const f = all.subarray(from, to);
      const g = all.subarray(40 - (to - from));
      const out = new Float32Array(to - from);
      const want = evaluate('f * g + 1.5', { f, g }, undefined, { backend: 'js' }) as Float32Array;
      expect(Array.from(evaluate('f * g + 1.5', { f, g }, out) as Float32Array)).toEqual(Array.from(want));
    }
  });

  it('a freed array is caught on a repeat call, as a var and as out', () => {
    const a = empty('float64', 2);
    const o = empty('float64', 2);
    a.set([1, 2]);
    for (let i = 0; i < 2; i++) expect(Array.from(evaluate('a + 1', { a }, o))).toEqual([2, 3]);
    free(o);
    expect(errorCode(() => evaluate('a + 1', { a }, o))).toBe('BAD_OUT');
    free(a);
    expect(errorCode(() => evaluate('a + 1', { a }))).toBe('BAD_VAR');
  });
});
