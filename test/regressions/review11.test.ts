// Bugs found by the issue-11 review (dtypes, complex, axes), each pinned with NumPy 2.4's answer:
// a complex result into a Uint8ClampedArray out, real results of a flat complex var, sum(1),
// fractional complex offsets, compile()/explain() signatures of complex vars, complex isnan and mean,
// bool views through evaluateChunked, bool bytes other than 0/1, onProgress of strided and complex calls,
// complex arrays with JS number vars.

import { describe, it, expect } from 'vitest';
import { evaluate, evaluateAsync, evaluateChunked, chunkedArray, validate, compile, explain, asBool, FusexprError, type ChunkedArray } from '../../src/index.js';
import { errorCode } from '../helpers/errors.js';

const code = errorCode;

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

describe('complex views: offset and stride count complex elements, so they must be integers', () => {
  const data = Float64Array.of(1, 2, 3, 4, 5, 6);
  it('a fractional offset or stride is BAD_VAR (offset 0.5 used to read from the im part: [2+3j])', () => {
    expect(code(() => evaluate('z', { z: { data, dtype: 'complex128', shape: [1], offset: 0.5 } }))).toBe('BAD_VAR');
    expect(code(() => evaluate('z', { z: { data, dtype: 'complex128', shape: [2], stride: [0.5] } }))).toBe('BAD_VAR');
    expect(code(() => evaluate('z', { z: { data, dtype: 'complex128', shape: [1] } }, { data: new Float64Array(4), dtype: 'complex128', shape: [1], offset: 0.5 }))).toBe('BAD_OUT');
  });
  it('integer ones address whole pairs', () => {
    expect(evaluate('z', { z: { data, dtype: 'complex128', shape: [1], offset: 2 } })).toMatchObject({ data: Float64Array.of(5, 6) });
  });
});

describe('compile() and explain() name a complex var by its own dtype', () => {
  const z = { data: Float64Array.of(3, 4), dtype: 'complex128' as const };
  it('a real result of a complex var: the signature says complex128, not its float64 planes', () => {
    const k = compile('abs(z)');
    expect(k.run({ z })).toEqual(Float64Array.of(5));
    expect(k.signature).toEqual({ z: 'complex128[]' });
    expect(explain('abs(z) + 1', { z }).signature).toEqual({ z: 'complex128[1]' });
  });
  it("explain's bind line prints a complex literal, not its real part", () => {
    expect(explain('z + 1j', { z }).passes[0]!.tree).toBe('(z + (0.0 + 1.0j))');
  });
});

describe('complex isnan/isinf/isfinite, and mean of non-finite complex values', () => {
  const inf = Infinity;
  const z = { data: Float64Array.of(0, NaN, inf, 1, 1, 2, -inf, NaN), dtype: 'complex128' as const };
  it('the predicates look at both parts, as numpy (they were TYPE errors)', () => {
    // numpy: np.isnan([nanj, inf+1j, 1+2j, -inf+nanj]) → [T, F, F, T]; isinf → [F, T, F, T]; isfinite → [F, F, T, F]
    expect(Array.from(evaluate('isnan(z)', { z }) as Uint8Array)).toEqual([1, 0, 0, 1]);
    expect(Array.from(evaluate('isinf(z)', { z }) as Uint8Array)).toEqual([0, 1, 0, 1]);
    expect(Array.from(evaluate('isfinite(z)', { z }) as Uint8Array)).toEqual([0, 0, 1, 0]);
  });
  it('mean divides by n + 0j: an inf or nan in one part makes the other nan', () => {
    // numpy: np.mean([inf+0j]) → inf+nanj; np.mean([1+2j, inf-infj]) → nan+nanj... per part:
    // np.mean([infj]) → nan+infj; np.mean([1+2j, 3+4j]) → 2+3j
    const m = (d: number[]) => Array.from((evaluate('mean(z)', { z: { data: Float64Array.from(d), dtype: 'complex128' } }) as { data: Float64Array }).data);
    expect(m([inf, 0])).toEqual([inf, NaN]);
    expect(m([0, inf])).toEqual([NaN, inf]);
    expect(m([1, 2, 3, 4])).toEqual([2, 3]);
    const axis = evaluate('mean(z, axis=1)', { z: { data: Float64Array.of(inf, 0, 1, 0, 1, 1, 3, 3), shape: [2, 2], dtype: 'complex128' } }) as { data: Float64Array };
    expect(Array.from(axis.data)).toEqual([inf, NaN, 2, 2]); // numpy: [inf+nanj, 2+2j]
  });
});

describe('evaluateChunked keeps bool data bool', () => {
  const u = new Uint8Array([1, 0, 1]);
  const a = chunkedArray(new Float64Array([1, 2, 3]), [2]);
  it('an in-memory { data, dtype: bool } var beside a chunked one (was uint8: ~m selected everything)', async () => {
    // numpy: np.where(~np.array([True, False, True]), [1, 2, 3], 0) → [0, 2, 0]
    expect(await evaluateChunked('where(~m, a, 0)', { m: { data: u, dtype: 'bool' }, a })).toEqual(Float64Array.of(0, 2, 0));
    expect(await evaluateChunked('where(~m, a, 0)', { m: { data: u, shape: [3], dtype: 'bool' }, a })).toEqual(Float64Array.of(0, 2, 0));
  });
  it('chunkedArray of a bool view, and a ChunkedArray of dtype bool whose chunks are plain Uint8Arrays', async () => {
    expect(Array.from((await evaluateChunked('~m', { m: chunkedArray({ data: u, dtype: 'bool' }, [2]) })) as Uint8Array)).toEqual([0, 1, 0]);
    const own: ChunkedArray = { shape: [3], dtype: 'bool', chunks: [2], read: async ([c]) => u.slice(2 * c!, 2 * c! + 2) };
    expect(Array.from((await evaluateChunked('~m', { m: own })) as Uint8Array)).toEqual([0, 1, 0]);
  });
});

describe('bool data with bytes other than 0 and 1 (asBool(alpha), a BoolArray map) reads nonzero as true, as NumPy', () => {
  // numpy: m = np.array([2, 0, 1, 255], np.uint8).view(bool); b = np.array([1, 1, 0, 1], np.uint8).view(bool)
  const m = asBool(new Uint8Array([2, 0, 1, 255]));
  const b = asBool(new Uint8Array([1, 1, 0, 1]));
  const arr = (e: string, codegen?: 'closures') => Array.from(evaluate(e, { m, b }, undefined, codegen && { codegen }) as unknown as ArrayLike<number>);
  it.each([undefined, 'closures' as const])('elementwise (backend %s)', (codegen) => {
    expect(arr('~m', codegen)).toEqual([0, 1, 0, 0]); // numpy [F, T, F, F]; was [3, 1, 0, 254]
    expect(arr('m & b', codegen)).toEqual([1, 0, 0, 1]); // was [0, 0, 0, 1]
    expect(arr('m == b', codegen)).toEqual([1, 0, 0, 1]);
    expect(arr('int32(m)', codegen)).toEqual([1, 0, 1, 1]);
    expect(arr('m', codegen)).toEqual([1, 0, 1, 1]);
  });
  it('reductions', () => {
    expect(evaluate('sum(m)', { m })).toBe(3); // was 258
    expect(evaluate('mean(m)', { m })).toBe(0.75);
    expect(evaluate('max(m)', { m })).toBe(true);
  });
});

describe('evaluateAsync onProgress: done rises to total, once per stage, across both complex parts', () => {
  const n = 5000;
  const d = Float64Array.from({ length: 2 * n }, (_, i) => Math.sin(i));
  const track = async (e: string, vars: Record<string, unknown>) => {
    const calls: [number, number][] = [];
    await evaluateAsync(e, vars as never, undefined, { onProgress: (done, total) => calls.push([done, total]), blockSize: 500 });
    return calls;
  };
  const check = (calls: [number, number][], total: number) => {
    calls.forEach(([done, t], i) => {
      expect(t).toBe(total);
      expect(done).toBeLessThanOrEqual(total);
      if (i > 0) expect(done).toBeGreaterThanOrEqual(calls[i - 1]![0]);
    });
    expect(calls[calls.length - 1]).toEqual([total, total]);
  };
  it('a full sum of a strided view (its operand pass used to count too: done was 2n of n)', async () => {
    check(await track('sum(x)', { x: { data: d, shape: [n], stride: [2] } }), n);
  });
  it('a complex result: the re and im parts count into one total (they restarted, and mean(z) passed its total)', async () => {
    // flat arrays: both parts in one pass (plan/joinComplex.ts) over n elements
    check(await track('z * 2', { z: { data: d, dtype: 'complex128' } }), n);
    // a strided view: the re and im parts run one after the other, n elements each
    check(await track('z * 2', { z: { data: d, shape: [n / 2], stride: [2], dtype: 'complex128' } }), n);
    const calls = await track('z - mean(z)', { z: { data: d, dtype: 'complex128' } });
    check(calls, calls[calls.length - 1]![1]);
  });
});

describe('a complex array meets a JS number var (was: internal error "no complex128 scalar parameters")', () => {
  const z = { data: Float64Array.of(1, 2, 3, 4), dtype: 'complex128' as const };
  const z64 = { data: Float32Array.of(1, 2, 3, 4), dtype: 'complex64' as const };
  const parts = (r: unknown) => Array.from((r as { data: Float64Array | Float32Array }).data);
  it('the number is a weak scalar: complex128 stays complex128, complex64 stays complex64', () => {
    // numpy: z * 0.1 → [0.1+0.2j, 0.30000000000000004+0.4j]; z64 * 3 → complex64 [3+6j, 9+12j]; z64 + 0.5; z64 / 2
    expect(parts(evaluate('z * k', { z, k: 0.1 }))).toEqual([0.1, 0.2, 0.30000000000000004, 0.4]);
    const r = evaluate('z64 * k', { z64, k: 3 }) as unknown as { data: Float32Array; dtype: string };
    expect(r.dtype).toBe('complex64');
    expect(parts(r)).toEqual([3, 6, 9, 12]);
    expect(parts(evaluate('z64 + k', { z64, k: 0.5 }))).toEqual([1.5, 2, 3.5, 4]);
    expect(parts(evaluate('z64 / k', { z64, k: 2 }))).toEqual([0.5, 1, 1.5, 2]);
    expect(parts(evaluate('k - z', { z, k: 1 }))).toEqual([0, -2, -2, -4]);
  });
});
