// evaluateChunked with complex values against the in-memory evaluate (itself judged by NumPy in
// test/numpy): in-memory complex vars (any layout) mixed with chunked real arrays, complex results
// into memory or a complex out, stencils, reductions of real functions of complex values, on one
// thread and on the pool; what stays unsupported is an error naming the fix.

import { describe, it, expect, afterAll } from 'vitest';
import { evaluate, evaluateChunked, chunkedArray, setNumThreads, setParallelThreshold, getNumThreads, getParallelThreshold, shutdown } from '../../src/index.js';

const saved = [getNumThreads(), getParallelThreshold()] as const;
afterAll(async () => {
  setNumThreads(saved[0]);
  setParallelThreshold(saved[1]);
  await shutdown();
});

type C = { data: Float32Array | Float64Array; shape?: number[]; dtype: 'complex64' | 'complex128' };
const n = 301;
const x = Float64Array.from({ length: n }, (_, i) => Math.sin(i) * 3);
const z: C = { data: Float64Array.from({ length: 2 * n }, (_, i) => Math.cos(i * 1.7) * 2), dtype: 'complex128' };
const flat = (r: unknown) => Array.from(((r as { data?: ArrayLike<number> }).data ?? r) as ArrayLike<number>);
const shapeOf = (r: unknown) => (r as { shape?: number[] }).shape;

describe('evaluateChunked with complex values', () => {
  const ONE_D = ['x * z', 'exp(1j * x) + z', 'abs(z) + x', 'x - mean(abs(z * x))', 'roll(x * z, 1) - z', 'shift(z, 2, 0, 1j) * x', 'z < x', 'maximum(z, x)', 'sum(real(z) * x)'];
  it('1-D: element for element the in-memory answer, on one thread and on the pool', async () => {
    const cx = chunkedArray(x, [64]);
    for (const threads of [1, 2]) {
      setNumThreads(threads);
      setParallelThreshold(0);
      for (const e of ONE_D) {
        const got = await evaluateChunked(e, { x: cx, z });
        const want = evaluate(e, { x, z } as never);
        expect([e, flat(got), shapeOf(got), (got as C).dtype]).toEqual([e, flat(want), shapeOf(want), (want as unknown as C).dtype]);
      }
    }
  });
  it('N-D: strided and transposed complex64 vars, stencils, a complex out', async () => {
    const m = Float64Array.from({ length: 12 }, (_, i) => i * 0.5 - 2);
    const cm = chunkedArray({ data: m, shape: [4, 3] }, [3, 2]);
    const wt: C = Object.assign({ data: Float32Array.from({ length: 24 }, (_, i) => (i % 7) - 3), dtype: 'complex64' as const }, { shape: [4, 3], stride: [1, 4], offset: 0 });
    for (const e of ['m * wt', 'exp(wt) - m', 'shift(wt, 1, 0) * m', 'roll(m * wt, 1, 1) + 1j']) {
      const got = await evaluateChunked(e, { m: cm, wt } as never);
      const want = evaluate(e, { m: { data: m, shape: [4, 3] }, wt } as never);
      expect([e, flat(got), shapeOf(got), (got as C).dtype]).toEqual([e, flat(want), shapeOf(want), (want as unknown as C).dtype]);
    }
    const out = { data: new Float64Array(2 * n), dtype: 'complex128' as const };
    expect(await evaluateChunked('x * z', { x: chunkedArray(x, [50]), z } as never, out as never)).toBe(out);
    expect(flat(out)).toEqual(flat(evaluate('x * z', { x, z } as never)));
  });
  it('complex reductions and complex results into chunked or real outs are errors with a fix', async () => {
    const cx = chunkedArray(x, [64]);
    await expect(evaluateChunked('sum(z * x)', { x: cx, z } as never)).rejects.toMatchObject({ code: 'TYPE', reason: 'evaluateChunked: sum() of complex values is not supported' });
    await expect(evaluateChunked('x * z', { x: cx, z } as never, chunkedArray(new Float64Array(n), [64]) as never)).rejects.toMatchObject({ code: 'BAD_OUT' });
    await expect(evaluateChunked('x * z', { x: cx, z } as never, new Float64Array(n) as never)).rejects.toMatchObject({ code: 'BAD_OUT' });
  });
});
