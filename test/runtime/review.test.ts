// Regressions from an adversarial review of the kernel contract: async calls that could hang
// (a resident leaving as a job came, a worker skipping a newer job, a missed wake-up), shutdown
// during slow in-place blocks, and smaller wrong answers. Each test pins what it names.

import { describe, it, expect, afterAll } from 'vitest';
import {
  evaluate, evaluateAsync, empty, toShared, asBool, setNumThreads, setParallelThreshold, shutdown, startThreads, detectNumberOfCores,
} from '../../src/index.js';

afterAll(async () => {
  setNumThreads(detectNumberOfCores());
  setParallelThreshold(32768);
  await shutdown();
});

describe('async calls on the pool always settle', () => {
  it('thousands of async calls interleaved with sync ones all resolve (no skipped job, no missed wake-up)', async () => {
    setParallelThreshold(0);
    setNumThreads(2);
    await startThreads();
    const a = empty('float64', 256).fill(1);
    for (let it = 0; it < 3000; it++) {
      for (let k = 0; k < it % 4; k++) evaluate('a*2', { a }, undefined, { blockSize: 256 });
      expect(await evaluateAsync('sum(a*2)', { a }, undefined, { blockSize: 64 })).toBe(512);
    }
  });

  it('shutdown() during an in-place async call whose blocks are slow: workers finish their block, the call finishes right', async () => {
    setParallelThreshold(0);
    setNumThreads(3);
    await startThreads();
    const n = 600_000;
    const x = empty('float64', n);
    for (let i = 0; i < n; i++) x[i] = i * 1e-6;
    const e = Array.from({ length: 6 }, (_, j) => `sin(x*${j + 1}) + exp(cos(x + ${j}))`).join(' + ');
    // a copy in fusexpr's memory too, so both calls run the same (Wasm) kernels
    const want = evaluate(e, { x: toShared(Float64Array.from(x)) }, undefined, { singleThread: true }) as Float64Array;
    const p = evaluateAsync(e, { x }, x, { blockSize: 200_000 });
    setImmediate(() => void shutdown());
    await p;
    expect(Array.from(x).every((v, i) => v === want[i])).toBe(true);
  });
});

describe('smaller wrong answers', () => {
  it('toShared keeps a bool array bool; toShared and asBool reject what they cannot take', () => {
    const m = evaluate('x > 2', { x: new Float64Array([1, 2, 3, 4]) });
    expect(Array.from(evaluate('~m', { m: toShared(m as Uint8Array) }) as Uint8Array)).toEqual([1, 1, 0, 0]);
    expect(() => toShared([1, 2] as never)).toThrow(/toShared\(\) takes a typed array/);
    expect(() => asBool(new Float64Array(2) as never)).toThrow(/asBool\(\) takes a Uint8Array/);
  });

  it('a resizable buffer that shrinks during evaluateAsync is an error, not NaNs', async () => {
    setNumThreads(1);
    const rb = new ArrayBuffer(8e5, { maxByteLength: 8e5 });
    const b = new Float64Array(rb).fill(1);
    const p = evaluateAsync('b + c', { b, c: new Float64Array(1e5).fill(2) }, undefined, { blockSize: 64 });
    setImmediate(() => rb.resize(80));
    await expect(p).rejects.toMatchObject({ code: 'BAD_VAR' });
  });

  it('casting a Python int from int vars to float or bool converts it exactly: float64(n*n) with n = 2**40', () => {
    expect(evaluate('float64(n*n)', { n: 2 ** 40 })).toBe(2 ** 80); // np.float64(2**80)
    expect(evaluate('bool(n*n)', { n: 2 ** 40 })).toBe(true);
    expect(() => evaluate('int64(n*n)', { n: 2 ** 40 })).toThrow(/out of bounds for int64/);
  });

  it('a scalar-only int result is a number (int32) when it fits int32, else a bigint (int64), as validate says', () => {
    expect(evaluate('2**31 - 1')).toBe(2 ** 31 - 1);
    expect(evaluate('2**53 - 1')).toBe(2n ** 53n - 1n);
    expect(evaluate('2**63 - 1')).toBe(2n ** 63n - 1n);
    expect(evaluate('-(2**60) + 1')).toBe(-(2n ** 60n) + 1n);
  });

  it('mean of int64 over more than 8192 elements is NumPy\'s: 8192-element buffers summed pairwise, added in order', () => {
    const k = BigInt64Array.from({ length: 20000 }, (_, i) => ((BigInt(i) * 1234567891234567n) % 2n ** 62n) - 2n ** 61n);
    // np.mean((np.arange(20000) * 1234567891234567) % 2**62 - 2**61) → -9.865075512256808e+16
    expect(evaluate('mean(k)', { k })).toBe(-9.865075512256808e16);
    expect(evaluate('mean(k)', { k }, undefined, { blockSize: 100 })).toBe(-9.865075512256808e16);
  });
});
