// Complex scalar vars through the public API: `{ re, im }` is a Python complex (weak, NEP 50), a 0-d
// complex view a strong complex64/complex128 scalar; malformed ones are BAD_VAR; validate, threads,
// evaluateAsync and compile agree. Values are judged by NumPy in test/numpy (the 'complex_more' fixtures).

import { describe, it, expect, afterAll } from 'vitest';
import { evaluate, evaluateAsync, validate, compile, setNumThreads, setParallelThreshold, getParallelThreshold, getNumThreads, shutdown, toShared } from '../../src/index.js';
import { fusexprError } from '../helpers/errors.js';

type C = { data: Float64Array | Float32Array; shape: number[]; dtype: 'complex64' | 'complex128' };
const x = Float32Array.of(1, 2, -3);

describe('complex scalar vars', () => {
  it('{ re, im } is weak: with float32 data the result is complex64 (NumPy: f32 * 1j)', () => {
    const r = evaluate('x * c', { x, c: { re: 1.5, im: -2 } }) as unknown as C;
    expect(r.dtype).toBe('complex64');
    expect(r.data).toBeInstanceOf(Float32Array);
    expect(Array.from(r.data)).toEqual([1.5, -2, 3, -4, -4.5, 6]);
    expect(validate('x * c', { x, c: { re: 1.5, im: -2 } })).toMatchObject({ dtype: 'complex64', shape: [3] });
  });
  it('a 0-d complex view is strong: complex128 with float32 data', () => {
    const c = { data: Float64Array.of(1.5, -2), shape: [], dtype: 'complex128' as const };
    expect((evaluate('x * c', { x, c }) as unknown as C).dtype).toBe('complex128');
    // what a complex full reduction returns goes back in as a var
    const s = evaluate('sum(x * 1j)', { x }) as unknown as C;
    expect(s.shape).toEqual([]);
    expect(Array.from((evaluate('s + 1', { s }) as unknown as C).data)).toEqual([1, 0]);
  });
  it('scalar-only expressions give a 0-d complex128 view; real parts give numbers', () => {
    const c = { re: 3, im: -4 };
    expect(evaluate('c * 2', { c })).toEqual({ data: Float64Array.of(6, -8), shape: [], dtype: 'complex128' });
    expect(evaluate('abs(c)', { c })).toBe(5);
    expect(evaluate('imag(c)', { c })).toBe(-4);
    expect(Array.from(evaluate('x < c', { x, c }) as Uint8Array)).toEqual([1, 1, 1]);
  });
  it('malformed complex scalars are BAD_VAR naming the var, also after a cached call', () => {
    evaluate('x * c', { x, c: { re: 1, im: 2 } });
    for (const c of [{ re: 1 }, { re: '1', im: 2 }, { re: 1n, im: 2 }, { im: NaN }]) {
      const e = fusexprError(() => evaluate('x * c', { x, c } as never));
      expect([e.code, e.reason.startsWith("var 'c': a complex scalar is { re: number, im: number }")]).toEqual(['BAD_VAR', true]);
    }
  });
});

describe('complex scalar vars in evaluateChunked', () => {
  it('work with real and complex results', async () => {
    const { evaluateChunked, chunkedArray } = await import('../../src/index.js');
    const xs = Float64Array.from({ length: 10 }, (_, i) => i - 4.5);
    const c = { re: 0.5, im: 2 };
    const chunked = chunkedArray(xs, [3]);
    expect(await evaluateChunked('sum(abs(xs * c))', { xs: chunked, c })).toBe(evaluate('sum(abs(xs * c))', { xs, c }));
    expect(Array.from((await evaluateChunked('imag(xs * c) + 1', { xs: chunked, c })) as Float64Array)).toEqual(Array.from(evaluate('imag(xs * c) + 1', { xs, c }) as Float64Array));
    const got = (await evaluateChunked('xs * c', { xs: chunked, c })) as unknown as C;
    expect([got.dtype, Array.from(got.data)]).toEqual(['complex128', Array.from((evaluate('xs * c', { xs, c }) as unknown as C).data)]);
  });
});

describe('complex scalar vars on every path', () => {
  const saved = [getNumThreads(), getParallelThreshold()] as const;
  afterAll(async () => {
    setNumThreads(saved[0]);
    setParallelThreshold(saved[1]);
    await shutdown();
  });
  it('threads, evaluateAsync and compile agree with one thread', async () => {
    const big = toShared(Float64Array.from({ length: 5000 }, (_, i) => Math.sin(i)));
    const c = { re: 0.5, im: -1.25 };
    const expr = 'big * c + exp(c * big)';
    const one = evaluate(expr, { big, c }, undefined, { singleThread: true }) as unknown as C;
    setNumThreads(2);
    setParallelThreshold(0);
    const threads = evaluate(expr, { big, c }, undefined, { blockSize: 64 }) as unknown as C;
    const later = (await evaluateAsync(expr, { big, c })) as unknown as C;
    const k = compile(expr).run({ big, c }) as unknown as C;
    for (const r of [threads, later, k]) expect(Array.from(r.data)).toEqual(Array.from(one.data));
  });
});
