// Regressions of the kernel-contract issue's back-half bugs, one test per bug, each named after
// what it pins. Expected values are NumPy 2's (computed by hand or noted beside the assertion).

import { describe, it, expect, afterAll } from 'vitest';
import { evaluate, evaluateAsync, empty, setNumThreads, setParallelThreshold, shutdown, detectNumberOfCores, startThreads, FusexprError } from '../../src/index.js';
import { currentPool, poolConfig } from '../../src/runtime/threads/settings.js';

const MODES = [
  ['jit', {}],
  ['closures', { codegen: 'closures' }],
  ['unfused', { fusion: false }],
  ['tiny blocks', { blockSize: 2 }],
] as const;

afterAll(async () => {
  setNumThreads(detectNumberOfCores());
  setParallelThreshold(32768);
  await shutdown();
});

describe('a full reduction feeding a map that is not a flat loop', () => {
  const x = new Float64Array([1, 2, 3, 4, 5]);
  for (const [mode, o] of MODES) {
    it(`roll(x,1) - sum(x) is [5,1,2,3,4] - 15 (${mode})`, () => {
      expect(Array.from(evaluate('roll(x,1) - sum(x)', { x }, undefined, o) as Float64Array)).toEqual([-10, -14, -13, -12, -11]);
    });
    it(`a - mean(a) on a transposed view centers it (${mode})`, () => {
      const a = { data: new Float64Array([1, 2, 3, 4, 5, 6]), shape: [3, 2], stride: [1, 3], offset: 0 };
      // np.arange(1,7).reshape(2,3).T - its mean: [[1,4],[2,5],[3,6]] - 3.5
      expect(Array.from((evaluate('a - mean(a)', { a }, undefined, o) as { data: Float64Array }).data)).toEqual([-2.5, 0.5, -1.5, 1.5, -0.5, 2.5]);
    });
    it(`g / sum(g) on a reversed view (${mode})`, () => {
      const g = { data: new Float64Array([1, 3, 4]), shape: [3], stride: [-1], offset: 2 };
      expect(Array.from((evaluate('g / sum(g)', { g }, undefined, o) as { data: Float64Array }).data)).toEqual([0.5, 0.375, 0.125]);
    });
  }
});

describe('roll/shift of a subexpression that contains a reduction', () => {
  const x = new Float64Array([1, 2, 3, 4, 5]);
  const m = { data: new Float64Array([1, 2, 3, 4, 5, 6]), shape: [2, 3] };
  for (const [mode, o] of MODES) {
    it(`roll(x - mean(x), 1) (${mode})`, () => {
      expect(Array.from(evaluate('roll(x - mean(x), 1)', { x }, undefined, o) as Float64Array)).toEqual([2, -2, -1, 0, 1]);
    });
    it(`shift(sum(m, axis=0), 1) and a whole expression that is a rolled reduction (${mode})`, () => {
      expect(Array.from((evaluate('shift(sum(m, axis=0), 1)', { m }, undefined, o) as { data: Float64Array }).data)).toEqual([0, 5, 7]);
      expect(Array.from((evaluate('roll(mean(m, axis=0), 1)', { m }, undefined, o) as { data: Float64Array }).data)).toEqual([4.5, 2.5, 3.5]);
    });
  }
});

describe('reductions follow NumPy dtype rules', () => {
  it('mean of int64 accumulates in float64 (no BigInt wraparound): mean([2**62, 2**62]) = 2**62', () => {
    for (const [, o] of MODES) expect(evaluate('mean(k)', { k: new BigInt64Array([2n ** 62n, 2n ** 62n]) }, undefined, o)).toBe(2 ** 62);
  });
  it('float32 sum/mean/prod accumulate in float32 like NumPy: sum([3e38, 3e38, -3e38]) is inf', () => {
    for (const [, o] of MODES) {
      expect(evaluate('sum(f)', { f: new Float32Array([3e38, 3e38, -3e38]) }, undefined, o)).toBe(Infinity);
      // np.float32 pairwise: 16777216 + 1 rounds back to 16777216
      expect(evaluate('sum(f)', { f: new Float32Array([16777216, 1, -16777216]) }, undefined, o)).toBe(0);
      expect(evaluate('prod(f)', { f: new Float32Array([3e38, 10, 0.1]) }, undefined, o)).toBe(Infinity);
    }
  });
  it('float64 sums are NumPy pairwise sums: bit-identical to np.sum for up to a block of elements', () => {
    // np.sum(np.array([1e16, 1.0, -1e16] + [1.0]*9)) == 8.0 and with [1.0]*14: 13.0 (the unrolled
    // 8 lanes absorb some ones into 1e16); a sequential sum gives 9.0 and 14.0
    const ones = (k: number) => new Float64Array([1e16, 1, -1e16, ...new Array(k).fill(1)]);
    for (const [, o] of MODES) {
      expect(evaluate('sum(f)', { f: ones(9) }, undefined, o)).toBe(8);
      expect(evaluate('sum(f)', { f: ones(14) }, undefined, { ...o, blockSize: 4096 })).toBe(13);
    }
  });
});

describe('limits', () => {
  it('a 30,000-term sum compiles and runs in the JIT (registers are reused, no stack overflow)', () => {
    const x = new Float64Array([1, 2, 3]);
    const e = Array.from({ length: 30_000 }, (_, i) => `x*${i}`).join(' + ');
    expect(Array.from(evaluate(e, { x }) as Float64Array)).toEqual([449985000, 899970000, 1349955000]);
  });
});

describe('closures backend', () => {
  it('uint32 data works in strided and stencil paths', () => {
    const z = new Uint32Array([1, 2, 4e9]);
    expect(evaluate('roll(z, 1)', { z }, undefined, { codegen: 'closures' })).toEqual(new Uint32Array([4e9, 1, 2]));
    const v = { data: new Uint32Array([1, 2, 3, 4]), shape: [2, 2], stride: [1, 2] };
    expect(Array.from((evaluate('int64(v) + 1', { v }, undefined, { codegen: 'closures' }) as { data: BigInt64Array }).data)).toEqual([2n, 4n, 3n, 5n]);
  });
});

describe('out', () => {
  it('a self-overlapping out view (stride 0, overlapping rows) is BAD_OUT', () => {
    const x = new Float64Array(6);
    expect(() => evaluate('x + 1', { x: x.subarray(0, 3) }, { data: new Float64Array(3), shape: [3], stride: [0] })).toThrow(/stride \[0\]/);
    expect(() => evaluate('m + 1', { m: { data: x, shape: [2, 3] } }, { data: new Float64Array(6), shape: [2, 3], stride: [2, 1] })).toThrow(FusexprError);
    const ok = new Float64Array(6);
    evaluate('m + 1', { m: { data: x, shape: [2, 3] } }, { data: ok, shape: [2, 3], stride: [1, 2] }); // a transposed out is fine
    expect(Array.from(ok)).toEqual([1, 1, 1, 1, 1, 1]);
  });
});

describe('evaluateAsync re-checks its buffers between slices', () => {
  it('an input detached mid-flight rejects with BAD_VAR (not NaNs), out detached with BAD_OUT', async () => {
    setNumThreads(1);
    const y = new Float64Array(1_000_000).fill(1);
    const p = evaluateAsync('y * 2', { y }, undefined, { blockSize: 1024 });
    structuredClone(y.buffer, { transfer: [y.buffer] });
    await expect(p).rejects.toThrow(/var 'y' was detached/);
    const a = new Float64Array(1_000_000).fill(1);
    const out = new Float64Array(1_000_000);
    const q = evaluateAsync('a * 2', { a }, out, { blockSize: 1024 });
    structuredClone(out.buffer, { transfer: [out.buffer] });
    await expect(q).rejects.toThrow(/out was detached/);
  });
});

describe('threads', () => {
  it('every regression above gives the same answer on two threads with tiny blocks', () => {
    setNumThreads(2);
    setParallelThreshold(0);
    const x = empty('float64', 5);
    x.set([1, 2, 3, 4, 5]);
    expect(Array.from(evaluate('roll(x,1) - sum(x)', { x }, undefined, { blockSize: 2 }) as Float64Array)).toEqual([-10, -14, -13, -12, -11]);
    expect(Array.from(evaluate('roll(x - mean(x), 1)', { x }, undefined, { blockSize: 2 }) as Float64Array)).toEqual([2, -2, -1, 0, 1]);
    const k = empty('int64', 2);
    k.set([2n ** 62n, 2n ** 62n]);
    expect(evaluate('mean(k)', { k }, undefined, { blockSize: 1 })).toBe(2 ** 62);
  });

  it('the closures backend runs on the workers too (they revive its kernels from the recipe)', async () => {
    const saved = poolConfig.callerComputes;
    poolConfig.callerComputes = false; // only workers compute: the answer proves they ran it
    setNumThreads(1);
    setNumThreads(2);
    setParallelThreshold(0);
    try {
      await startThreads();
      const x = empty('float64', 1000).fill(2);
      const r = evaluate('roll(x, 1) * 3 + sum(x)', { x }, undefined, { codegen: 'closures', blockSize: 16 }) as Float64Array;
      expect(r[999]).toBe(2006);
      currentPool()!.injectFault('throw');
      expect(() => evaluate('x * 3', { x }, undefined, { codegen: 'closures', blockSize: 16 })).toThrow(/injected fault/);
    } finally {
      poolConfig.callerComputes = saved;
      setNumThreads(1);
    }
  });
});
