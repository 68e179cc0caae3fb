// A full complex sum or mean of a flat complex var runs as one pass over the (re, im) pairs
// (runtime/complexSum.ts): its bits must be those of the per-plane path it replaces (a strided view of
// the same values still takes that path) and of NumPy's per-part pairwise tree (ops/pairwiseComplex.ts,
// itself pinned against np.sum by the 'complex' fixtures), on random data with NaN, ±inf and -0, at
// lengths around the pairwise thresholds, block sizes, 1 and 2 threads, sync and async.

import { describe, it, expect, afterAll } from 'vitest';
import { evaluate, evaluateAsync, setNumThreads, setParallelThreshold, getParallelThreshold, shutdown, toShared, explain } from '../../src/index.js';
import { pairwiseC32, pairwiseC64 } from '../../src/ops/pairwiseComplex.js';

type C = { data: Float64Array | Float32Array; shape: number[]; dtype: string };
type CD = 'complex128' | 'complex64';

/** A small deterministic generator (xorshift), so a failure reproduces. */
function values(n: number, seed: number): number[] {
  let s = seed >>> 0 || 1;
  const next = () => ((s ^= s << 13), (s ^= s >>> 17), (s ^= s << 5), (s >>> 0) / 2 ** 32);
  const special = [NaN, Infinity, -Infinity, -0, 0, 1e300, -1e300];
  return Array.from({ length: 2 * n }, () => {
    const u = next();
    if (u < 0.01) return special[Math.floor(next() * special.length)]!;
    return (next() - 0.5) * 10 ** Math.floor(next() * 8 - 3);
  });
}

/** The same values as a flat var (the one-pass path) and a strided view over a doubled buffer (the per-plane path). */
function vars(v: number[], dtype: CD, shared = false) {
  const Arr = dtype === 'complex64' ? Float32Array : Float64Array;
  const n = v.length / 2;
  const flat = new Arr(v);
  const wide = new Arr(4 * n);
  for (let i = 0; i < n; i++) [wide[4 * i], wide[4 * i + 1]] = [v[2 * i]!, v[2 * i + 1]!];
  return {
    flat: { data: shared ? toShared(flat) : flat, dtype },
    strided: { data: shared ? toShared(wide) : wide, shape: [n], stride: [2], dtype },
  };
}

/** Each number's exact bits, as text (NaN and -0 spelled out): a complex result's data, a real array, or a number. */
const bits = (r: unknown): string[] => {
  const xs = typeof r === 'number' ? [r] : ArrayBuffer.isView(r) ? Array.from(r as Float64Array) : Array.from((r as C).data);
  return xs.map((x) => (Number.isNaN(x) ? 'NaN' : Object.is(x, -0) ? '-0' : String(x)));
};

const LENGTHS = [0, 1, 2, 3, 4, 5, 7, 8, 9, 63, 64, 65, 66, 127, 128, 129, 200, 4095, 4096, 4097, 8191, 8192, 8193, 12345];
const EXPRS = ['sum(z)', 'mean(z)', 'z - mean(z)', 'sum(z) * 2', 'mean(z) + z * sum(z)'];

describe('complex sum and mean: one pass over the pairs, the per-plane bits', () => {
  const saved = getParallelThreshold();
  afterAll(async () => {
    setNumThreads(1);
    setParallelThreshold(saved);
    await shutdown();
  });

  for (const dtype of ['complex128', 'complex64'] as const) {
    it(`${dtype}: every length, the same bits as the strided (per-plane) path and as pairwiseC per plane`, () => {
      LENGTHS.forEach((n, k) => {
        const v = values(n, 1000 + k);
        const { flat, strided } = vars(v, dtype);
        for (const e of EXPRS) {
          for (const blockSize of [undefined, 64, 100]) {
            const o = blockSize === undefined ? undefined : { blockSize };
            expect(bits(evaluate(e, { z: flat }, undefined, o)), `${e} n=${n} blockSize=${blockSize}`).toEqual(bits(evaluate(e, { z: strided }, undefined, o)));
          }
        }
        // the reference: NumPy's per-part tree over each plane (0 + the tree, as np.sum adds the identity)
        const f32 = dtype === 'complex64';
        const plane = (p: number) => {
          const a = f32 ? new Float32Array(n) : new Float64Array(n);
          for (let i = 0; i < n; i++) a[i] = v[2 * i + p]!;
          return a;
        };
        const tree = (p: number) => (f32 ? Math.fround(0 + pairwiseC32(plane(p), 0, n)) : 0 + pairwiseC64(plane(p), 0, n));
        const want = f32 ? Float32Array.of(tree(0), tree(1)) : Float64Array.of(tree(0), tree(1));
        expect(bits(evaluate('sum(z)', { z: flat })), `sum n=${n}`).toEqual(bits({ data: want }));
      });
    });
  }

  it('an offset view that is still flat, and the per-plane parts of mean', () => {
    const v = values(301, 7);
    const { flat } = vars(v, 'complex128');
    const sub = { data: (flat.data as Float64Array).subarray(2), dtype: 'complex128' as const };
    const view = { data: flat.data, shape: [300], offset: 1, dtype: 'complex128' as const };
    for (const e of ['sum(z)', 'z - mean(z)', 'real(mean(z))', 'imag(sum(z)) + real(z)']) expect(bits(evaluate(e, { z: view }))).toEqual(bits(evaluate(e, { z: sub })));
  });

  it('2 threads over shared memory and evaluateAsync give the single-thread bits', async () => {
    setNumThreads(2);
    setParallelThreshold(0);
    for (const n of [5, 4097, 20001]) {
      const v = values(n, 42 + n);
      const { flat, strided } = vars(v, 'complex128', true);
      for (const e of EXPRS) {
        const one = bits(evaluate(e, { z: flat }, undefined, { singleThread: true }));
        expect(bits(evaluate(e, { z: flat }, undefined, { blockSize: 64 })), `${e} n=${n}`).toEqual(bits(evaluate(e, { z: strided }, undefined, { blockSize: 64 })));
        expect(bits(evaluate(e, { z: flat })), `${e} n=${n}`).toEqual(one);
        expect(bits(evaluate(e, { z: strided })), `${e} n=${n}`).toEqual(one);
        expect(bits(await evaluateAsync(e, { z: flat })), `${e} n=${n}`).toEqual(one);
      }
    }
    setNumThreads(1);
  });

  it('explain still shows both parts of the plan', () => {
    const z = { data: new Float64Array(8), dtype: 'complex128' as const };
    expect(explain('z - mean(z)', { z }).plan.stages.length).toBe(3);
  });
  it("explain's backend reason says a flat var's full sum is the one pass; a strided view's (and prod's), the two plans (trial2)", () => {
    const z = { data: new Float64Array(8), dtype: 'complex128' as const };
    expect(explain('sum(z)', { z }).backends.map((b) => b.why)).toEqual(new Array(2).fill('a full sum or mean of one flat complex var: evaluate adds both parts in one pass over its (re, im) pairs, in the calling thread (runtime/complexSum.ts); evaluateAsync runs the two plans'));
    const view = { data: z.data, shape: [2], stride: [2], dtype: 'complex128' as const };
    expect(explain('sum(view)', { view }).backends[0]!.why).toMatch(/strided kernels over the \(re, im\) planes/);
    expect(explain('prod(z)', { z }).backends[0]!.why).toMatch(/strided kernels over the \(re, im\) planes/);
  });
});
