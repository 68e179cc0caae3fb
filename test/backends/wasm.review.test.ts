// Regressions found by review of the Wasm backend and fusexpr's memory (issue 14): each test failed
// before its fix. Answers compared with NumPy 2.4 (values in the comments) or the JS backend.

import { describe, it, expect } from 'vitest';
import { arenaMemory } from '../../src/backends/wasm/arena.js';
import { asBool, evaluate, evaluateAsync, empty, explain, free, full, toShared, memoryStats, setNumThreads, setParallelThreshold, getParallelThreshold, shutdown } from '../../src/index.js';
import { errorText as code } from '../helpers/errors.js';

describe('fusexpr memory, review', () => {
  it('full() fills 64-bit integer arrays from numbers, bigints and booleans (np.full)', () => {
    // np.full(3, 3, dtype=np.uint64) → [3 3 3]; np.full(3, 1.9, dtype=np.int64) → [1 1 1]
    expect(Array.from(full('uint64', 3, 3))).toEqual([3n, 3n, 3n]);
    expect(Array.from(full('uint64', 2, 5n))).toEqual([5n, 5n]);
    expect(Array.from(full('int64', 2, 1.9))).toEqual([1n, 1n]);
    expect(Array.from(full('int64', 2, -1.9))).toEqual([-1n, -1n]);
    expect(Array.from(full('int64', 1, true))).toEqual([1n]);
    // np.full(1, -1, dtype=np.uint64) and np.full(2, 300, dtype=np.uint8) raise OverflowError in NumPy 2
    expect(code(() => full('uint64', 1, -1n))).toBe('VALUE: full(): -1 is out of bounds for uint64 (0 to 18446744073709551615)');
    expect(code(() => full('uint8', 2, 300))).toBe('VALUE: full(): 300 is out of bounds for uint8 (0 to 255)');
    expect(code(() => full('int32', 2, 2 ** 31))).toBe('VALUE: full(): 2147483648 is out of bounds for int32 (-2147483648 to 2147483647)');
    expect(Array.from(full('uint8', 2, 255))).toEqual([255, 255]);
    expect(code(() => full('int64', 2, NaN))).toBe('OPTION: full(): NaN has no int64 value');
    expect(code(() => full('float64', 2, 'x' as unknown as number))).toBe('OPTION: full(): value must be a number, bigint or boolean, got string');
  });
});

describe('bool arrays in fusexpr memory, review', () => {
  it('asBool() of an arena Uint8Array stays bool through subarray() and slice(), as a BoolArray does', () => {
    const u = asBool(toShared(Uint8Array.of(1, 1, 0, 1)));
    // NumPy: a + a for bool a is logical or: [True, False, True]; as uint8 it was [2, 0, 2]
    expect(Array.from(evaluate('a + a', { a: u.subarray(1) }) as Uint8Array)).toEqual([1, 0, 1]);
    expect(Array.from(evaluate('a + a', { a: u.slice(1) }) as Uint8Array)).toEqual([1, 0, 1]);
    expect((evaluate('a + a', { a: u.subarray(1) }) as Uint8Array).constructor.name).toBe('BoolArray');
  });
});

describe('free(), review', () => {
  it('a freed array (or a view of it) as a var or out is an error, not a silent read of reused memory', async () => {
    const a = toShared(Float64Array.of(1, 2, 3, 4));
    const sub = a.subarray(1, 3);
    const b = toShared(Float64Array.of(5, 6, 7, 8));
    expect(free(a)).toBe(true);
    const reused = toShared(Float64Array.of(-1, -1, -1, -1)); // may take a's block
    expect(code(() => evaluate('a + 1', { a }))).toBe("BAD_VAR: var 'a' was given back by free(): its memory may belong to another array now");
    expect(code(() => evaluate('s * 2', { s: sub }))).toBe("BAD_VAR: var 's' was given back by free(): its memory may belong to another array now");
    expect(code(() => evaluate('sum(v)', { v: { data: a, shape: [2, 2] } }))).toBe("BAD_VAR: var 'v' was given back by free(): its memory may belong to another array now");
    expect(code(() => evaluate('b + 1', { b }, a))).toBe('BAD_OUT: out was given back by free(): its memory may belong to another array now');
    expect(code(() => evaluate('b + 1', { b }, { data: sub, shape: [2] }))).toBe('BAD_OUT: out was given back by free(): its memory may belong to another array now');
    // freed while an async call runs: the next slice stops with an error instead of reading on
    const big = toShared(new Float64Array(100 * 64));
    const pending = evaluateAsync('big * 2', { big }, undefined, { singleThread: true, blockSize: 64 });
    free(big);
    await expect(pending).rejects.toThrow("var 'big' was given back by free() while the call was running");
    // live arrays, and a var the expression does not use, are fine
    expect(Array.from(evaluate('b + r', { b, r: reused, a }) as Float64Array)).toEqual([4, 5, 6, 7]);
  });
});

describe('free() during evaluateAsync on the pool, review 2', () => {
  it("keeps the freed out's bytes from other arrays until the call ends (worker blocks already running still write them)", async () => {
    const before = setNumThreads(2);
    const threshold = getParallelThreshold();
    setParallelThreshold(0);
    try {
      const n = 1 << 18;
      const x = full('float64', n, 1);
      const out = full('float64', n, 0);
      const span = [out.byteOffset, out.byteOffset + out.byteLength];
      let other: Float64Array | undefined;
      const pending = evaluateAsync('x * 2', { x }, out, {
        blockSize: 256,
        onProgress: () => {
          if (other) return;
          free(out);
          other = full('float64', n, 7); // allocated while the workers may still write out's old bytes
        },
      });
      await expect(pending).rejects.toThrow('given back by free() while the call was running');
      expect(other).toBeDefined();
      // the allocator hands out the first fit: without the hold, other took out's bytes
      const overlaps = other!.byteOffset < span[1]! && span[0]! < other!.byteOffset + other!.byteLength;
      expect(overlaps).toBe(false);
      expect(other!.every((v) => v === 7)).toBe(true);
      // once the call is over the bytes are free again
      free(other!);
      const again = empty('float64', n);
      expect(again.byteOffset).toBe(span[0]);
      free(again);
    } finally {
      setParallelThreshold(threshold);
      setNumThreads(before);
      await shutdown();
    }
  });
});

describe('staging plain arrays through Wasm scratch, review', () => {
  it('declines when hundreds of arrays leave no room for a chunk (the staged loop never advanced: a hang)', () => {
    // 520 float64 arrays and a float32 one: 4,172 bytes per element > the 64 KiB scratch / 16
    const vars: Record<string, Float64Array | Float32Array> = { f: Float32Array.of(0.5, 1.5, 2.5) };
    for (let i = 0; i < 520; i++) vars[`a${i}`] = Float64Array.of(i, 2 * i, 3 * i);
    const e = Array.from({ length: 520 }, (_, i) => `a${i}`).join(' + ') + ' + f';
    // explain first: before the fix it chose staging, and evaluate looped forever
    expect(explain(e, vars).backends[0]!.backend).toBe('js');
    const sum = (519 * 520) / 2;
    expect(Array.from(evaluate(e, vars) as Float64Array)).toEqual([sum + 0.5, 2 * sum + 1.5, 3 * sum + 2.5]);
  });
});

describe('per-thread scratch, review', () => {
  it('a worker claims one scratch slot, not one per kernel it revives (64 slots ran out, then Wasm reductions fell back to JS)', async () => {
    const before = setNumThreads(2);
    const threshold = getParallelThreshold();
    setParallelThreshold(0);
    try {
      const n = 20_000;
      const a = toShared(Float64Array.from({ length: n }, (_, i) => (i % 7) + 1));
      const claimed = () => new Int32Array(arenaMemory()!.buffer, 0, 1)[0]!;
      evaluate('sum(a)', { a }, undefined, { blockSize: 1000 }); // the workers exist and hold their slot
      const start = claimed();
      for (let k = 1; k <= 70; k++) {
        // 70 different programs: 70 kernels revived on each worker
        const e = `sum(${'sqrt('.repeat(k)}a${')'.repeat(k)})`;
        expect(explain(e, { a }).backends[0]!.backend).toBe('wasm');
        evaluate(e, { a }, undefined, { blockSize: 1000 });
      }
      expect(claimed() - start).toBeLessThanOrEqual(2);
    } finally {
      setParallelThreshold(threshold);
      setNumThreads(before);
      await shutdown();
    }
  });
});

describe('copyToShared, review', () => {
  it("copies plain inputs to plain shared memory, not fusexpr's (a loop of such calls filled the 4 GiB arena)", async () => {
    const before = setNumThreads(2);
    const threshold = getParallelThreshold();
    setParallelThreshold(0);
    try {
      const a = Float64Array.from({ length: 5000 }, (_, i) => i), b = new Float64Array(5000).fill(2);
      const out = new Float64Array(5000);
      const live = memoryStats().liveBytes;
      for (let k = 0; k < 5; k++) evaluate('a*b + 1', { a, b }, out, { copyToShared: true, blockSize: 512 });
      expect(memoryStats().liveBytes).toBe(live);
      expect(out[4999]).toBe(4999 * 2 + 1);
    } finally {
      setParallelThreshold(threshold);
      setNumThreads(before);
      await shutdown();
    }
  });
});

describe('temporaries in fusexpr memory, review', () => {
  it('a call gives its stage temporaries back when it completes (loops with out filled the memory to the results limit)', async () => {
    const a = toShared(Float64Array.from({ length: 600 }, (_, i) => i % 13));
    const x = { data: a, shape: [20, 30] };
    const out = { data: empty('float64', 600), shape: [20, 30] };
    const live = memoryStats().liveBytes;
    for (let k = 0; k < 3; k++) {
      evaluate('x - mean(x, axis=0)', { x }, out); // the reduce operand and the mean are temporaries
      evaluate('a * 2 + 1', { a }, out.data, { fusion: false });
      await evaluateAsync('x - sum(x, axis=1, keepdims=True) + sum(a)', { x, a }, out);
    }
    expect(memoryStats().liveBytes).toBe(live);
    // NumPy: (x - x.sum(axis=1, keepdims=True) + a.sum())[1, 2] = 6 - 178 + 3589
    expect(out.data[32]).toBe(3417);
  });
});
