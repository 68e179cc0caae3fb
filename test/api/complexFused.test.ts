// Complex results in one pass (plan/joinComplex.ts) give the same bits as the two-plan path they
// replace: every complex function, special values, complex64 and complex128, on every driver
// (closures, threads, async, out aliasing an input, a non-shared out under copyToShared). The
// two-plan path is reached through fusion: false and through strided views; NumPy judges both in
// test/numpy (the 'complex' fixtures).

import { describe, it, expect, afterAll } from 'vitest';
import { evaluate, evaluateAsync, explain, setNumThreads, setParallelThreshold, getParallelThreshold, shutdown, toShared } from '../../src/index.js';

type C = { data: Float64Array | Float32Array; shape: number[]; dtype: string };
const SPECIAL = [0, -0, Infinity, -Infinity, NaN, 1e308, -1e-310, 710, -710, 1, -1, 0.5, 3e-20];
const n = 257; // not a multiple of the unroll or of any block size below
const values = (seed: number) => Array.from({ length: 2 * n }, (_, i) => (i % 7 === 3 ? SPECIAL[(i + seed) % SPECIAL.length]! : Math.sin(i * (seed + 1)) * 3));
const bits = (a: ArrayLike<number>) => Array.from(a, (x) => (Object.is(x, -0) ? '-0' : String(x)));

const EXPRS = [
  'z*w + 1', 'z*conj(z)', 'z/w', 'z**2', 'z**3', 'z**0.5', 'z**-1', 'z**w', 'z**2.5', '1/z', '-z + w*2j',
  'exp(z)', 'log(z)', 'log10(z)', 'sqrt(z)', 'expm1(z)', 'log1p(z)', 'sin(z)', 'cos(z)', 'tan(z)', 'sinh(z)', 'cosh(z)', 'tanh(z)',
  'arcsin(z)', 'arccos(z)', 'arctan(z)', 'arcsinh(z)', 'arccosh(z)', 'arctanh(z)',
  'exp(z) * conj(exp(z)) + sqrt(z) / (1 + 2j)', 'where(real(z) > 0, z, w)', 'complex(real(w), abs(z))', 'z + x', 'x * 1j + exp(w)',
  'exp(z) + imag(exp(w))',
  // reductions feed the pass as scalars (their stages run first, each once for both parts)
  'z - mean(z)', 'exp(z - mean(z)) * mean(w)', 'z * sum(x) + prod(w)', 'z / sum(abs(z))', 'w * (1 + 0 * sum(z))',
  // real results read the complex vars in place too
  'real(z) * 2 + x', 'abs(z) + imag(w)', 'angle(z) * x', 'real(z * w) - imag(z)',
];
/** A result's numbers: complex results are { data }, real ones of shape-less complex vars typed arrays. */
const dataOf = (r: unknown) => (ArrayBuffer.isView(r) ? (r as Float64Array) : (r as C).data);

describe('complex results in one pass match the two-plan path bit for bit', () => {
  for (const dtype of ['complex128', 'complex64'] as const) {
    const Arr = dtype === 'complex64' ? Float32Array : Float64Array;
    const z = { data: Arr.from(values(1)), dtype };
    const w = { data: Arr.from(values(2)), dtype };
    const x = Arr.from(Array.from({ length: n }, (_, i) => i - 100));
    it(`${dtype}: every expression, fused against fusion: false and against strided views`, () => {
      // strided views of the same values: every other complex element of a buffer twice as long
      const wide = (d: Float32Array | Float64Array) => {
        const b = new Arr(4 * n);
        for (let i = 0; i < n; i++) (b[4 * i] = d[2 * i]!), (b[4 * i + 1] = d[2 * i + 1]!);
        return { data: b, shape: [n], stride: [2], dtype };
      };
      for (const e of EXPRS) {
        const fused = dataOf(evaluate(e, { z, w, x }));
        const split = dataOf(evaluate(e, { z, w, x }, undefined, { fusion: false }));
        expect(fused.constructor, e).toBe(split.constructor);
        expect(bits(fused), e).toEqual(bits(split));
        const viewed = dataOf(evaluate(e, { z: wide(z.data), w: wide(w.data), x }));
        expect(bits(viewed), `${e} (views)`).toEqual(bits(fused));
        const closures = dataOf(evaluate(e, { z, w, x }, undefined, { backend: 'closures' }));
        expect(bits(closures), `${e} (closures)`).toEqual(bits(fused));
      }
    });
  }
});

describe('the fused pass on every driver', () => {
  const saved = getParallelThreshold();
  afterAll(async () => {
    setParallelThreshold(saved);
    await shutdown();
  });
  const z = { data: toShared(Float64Array.from(values(3))), dtype: 'complex128' as const };
  const w = { data: toShared(Float64Array.from(values(4))), dtype: 'complex128' as const };
  const e = 'exp(z) * conj(w) + z*w';
  it('threads, async, closures on threads and a non-shared out (copyToShared) agree with one thread', async () => {
    const one = evaluate(e, { z, w }, undefined, { singleThread: true }) as unknown as C;
    setNumThreads(2);
    setParallelThreshold(0);
    const threads = evaluate(e, { z, w }, undefined, { blockSize: 16 }) as unknown as C;
    const closures = evaluate(e, { z, w }, undefined, { blockSize: 16, backend: 'closures' }) as unknown as C;
    const later = (await evaluateAsync(e, { z, w }, undefined, { blockSize: 16 })) as unknown as C;
    const out = { data: new Float64Array(2 * n), dtype: 'complex128' as const };
    evaluate(e, { z: { data: Float64Array.from(z.data), dtype: 'complex128' }, w }, out, { blockSize: 16, copyToShared: true });
    for (const r of [threads, closures, later, out]) expect(bits(r.data)).toEqual(bits(one.data));
  });
  it('out aliasing an input, and a strided out (the two-plan path), give the same values', () => {
    const want = bits((evaluate('z*w + exp(z)', { z, w }) as unknown as C).data);
    const z2 = { data: Float64Array.from(z.data), dtype: 'complex128' as const };
    evaluate('z*w + exp(z)', { z: z2, w }, z2);
    expect(bits(z2.data)).toEqual(want);
    const wide = { data: new Float64Array(4 * n), shape: [n], stride: [2], dtype: 'complex128' as const };
    evaluate('z*w + exp(z)', { z, w }, wide);
    expect(bits(wide.data.filter((_, i) => i % 4 < 2))).toEqual(want);
  });
  it('a 2-D complex array minus its keepdims axis mean (read broadcast: the two-plan path) agrees with fusion: false', () => {
    const m = { data: Float64Array.from(values(5).slice(0, 2 * 16 * 8)), shape: [16, 8], dtype: 'complex128' as const };
    for (const e of ['m - mean(m, axis=1, keepdims=True)', 'm - mean(m)', 'exp(m) * sum(m, axis=0)']) {
      const fused = evaluate(e, { m }) as unknown as C;
      const split = evaluate(e, { m }, undefined, { fusion: false }) as unknown as C;
      expect(bits(fused.data), e).toEqual(bits(split.data));
      expect(fused.shape, e).toEqual([16, 8]);
    }
  });
  it('explain shows the one pass for flat arrays, and the two parts for views', () => {
    const flat = String(explain('exp(z) * 2', { z }));
    expect(flat).toContain('re+im: stage 0: map → complex128');
    expect(flat).toContain('H.cLastIm()');
    const view = String(explain('exp(z) * 2', { z: { ...z, shape: [n >> 1], stride: [2] } }));
    expect(view).toContain('im: stage 0: map');
    // z − mean(z): the means of both parts once (not once per part's plan), then one pass
    const centered = String(explain('z - mean(z)', { z }));
    expect(centered).toContain('plan: 3 kernels');
    expect(centered).toContain('re+im: stage 2: map → complex128');
  });
});
