// evaluateChunked against the in-memory evaluate on the same data: maps and stencils identical
// element for element, 1-D full reductions bit-identical, axis and N-D reductions equal within
// rounding (merged in chunk order), plus sinks, progress, abort, ranges and partial states.

import { describe, it, expect, afterAll } from 'vitest';
import {
  evaluate, evaluateAsync, evaluateChunked, mergePartials, chunkedArray, setNumThreads, setParallelThreshold, shutdown, detectNumberOfCores,
  FusexprError, type ChunkedArray, type PartialReduction,
} from '../../src/index.js';

afterAll(async () => {
  setNumThreads(detectNumberOfCores());
  setParallelThreshold(32768);
  await shutdown();
});

const n = 1003;
const x = Float64Array.from({ length: n }, (_, i) => Math.sin(i) * 3 + (i === 17 ? -0 : 0));
const k = Int32Array.from({ length: n }, (_, i) => (i * 2654435761) | 0);
const data = (v: unknown) => (ArrayBuffer.isView(v) ? v : (v as { data: ArrayBufferView }).data);
const same = (a: unknown, b: unknown) => {
  if (!ArrayBuffer.isView(a) && !(a as { data?: unknown })?.data) return Object.is(a, b) || a === b;
  const p = Array.from(data(a) as unknown as ArrayLike<unknown>);
  const q = Array.from(data(b) as unknown as ArrayLike<unknown>);
  return p.length === q.length && p.every((v, i) => Object.is(v, q[i]));
};

const ONE_D = [
  '2*x + 1', 'x - mean(x)', 'roll(x, 3) - x', 'shift(x, -5, 0, 1.5) * 2', 'roll(x, -250) + roll(x, 999)', 'sum(x*x)',
  'sum(roll(x, 7) * x)', 'max(x) - min(x)', 'mean(x - mean(x))', 'prod(x/3 + 1)', 'sum(x > 0)', 'any(x > 2.99)', 'all(x < 3)',
  'sum(k)', 'k // 7 + sum(k)', 'mean(k)', 'where(x > 0, x, sum(x))', 'float32(x) * 2', 'sum(float32(x))',
];

describe('1-D: identical to evaluate', () => {
  for (const chunks of [100, 64, 1003, 7]) {
    it(`chunks of ${chunks}`, async () => {
      const cx = chunkedArray(x, [chunks]);
      const ck = chunkedArray(k, [chunks]);
      for (const e of ONE_D) expect(same(await evaluateChunked(e, { x: cx, k: ck }), evaluate(e, { x, k })), e).toBe(true);
    });
  }
  it('on two threads with tiny blocks too', async () => {
    setNumThreads(2);
    setParallelThreshold(0);
    const cx = chunkedArray(x, [256]);
    const ck = chunkedArray(k, [256]);
    for (const e of ONE_D) expect(same(await evaluateChunked(e, { x: cx, k: ck }, undefined, { blockSize: 9 }), evaluate(e, { x, k }, undefined, { blockSize: 9 })), e).toBe(true);
    setNumThreads(1);
  });
});

describe('N-D', () => {
  const m = { data: Float64Array.from({ length: 60 * 70 }, (_, i) => Math.cos(i)), shape: [60, 70] };
  const v = Float64Array.from({ length: 70 }, (_, i) => i);
  const cm = chunkedArray(m, [16, 20]);
  it('maps, stencils and broadcasting with in-memory operands are identical', async () => {
    for (const e of ['m * v', 'roll(m, 1, 0) + roll(m, -1, 1) - 2*m', 'shift(m, 2, 0, 9) - shift(m, -3, 1)', 'max(m, axis=1)', 'sum(m > 0, axis=0)']) {
      expect(same(await evaluateChunked(e, { m: cm, v }), evaluate(e, { m, v })), e).toBe(true);
    }
  });
  it('a positional axis is the axis, as in memory (it was dropped: sum(m, 0) gave the full sum)', async () => {
    for (const e of ['max(m, 1)', 'sum(m > 0, 0)', 'm - min(m, -2)', 'any(m > 0.5, None)', 'max(m, v)', '2 * max(m, 0)', 'm - min(m, None)']) {
      const r = evaluate(e, { m, v });
      expect(same(await evaluateChunked(e, { m: cm, v }), r), e).toBe(true);
    }
    await expect(evaluateChunked('sum(m, ())', { m: cm })).rejects.toMatchObject({ code: 'SYNTAX' });
  });
  it('keepdims=False is the default said out loud (it was refused as keepdims); keepdims=True stays an error', async () => {
    for (const e of ['max(m, axis=1, keepdims=False)', 'sum(m > 0, 0, keepdims=false)', 'sum(m > 0, keepdims=False)']) {
      expect(same(await evaluateChunked(e, { m: cm }), evaluate(e, { m })), e).toBe(true);
    }
    await expect(evaluateChunked('sum(m, axis=0, keepdims=True)', { m: cm })).rejects.toMatchObject({ code: 'SYNTAX' });
  });
  it('float sums over N-D chunks equal evaluate within rounding (merged in chunk order)', async () => {
    for (const e of ['sum(m, axis=0)', 'm - mean(m, axis=0)']) {
      const a = data(await evaluateChunked(e, { m: cm })) as Float64Array;
      const b = data(evaluate(e, { m })) as Float64Array;
      expect(a.length).toBe(b.length);
      a.forEach((q, i) => expect(Math.abs(q - b[i]!)).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(b[i]!))));
    }
    expect(Math.abs((await evaluateChunked('sum(m)', { m: cm })) as number - (evaluate('sum(m)', { m }) as number))).toBeLessThan(1e-12);
  });
});

describe('sinks, progress, abort, ranges', () => {
  it('writes every chunk of a chunked sink and reports progress up to the total', async () => {
    const y = new Float64Array(n);
    const seen: [number, number][] = [];
    await evaluateChunked('2*x + 1', { x: chunkedArray(x, [100]) }, chunkedArray(y, [64]), { onProgress: (d, t) => seen.push([d, t]) });
    expect(same(y, evaluate('2*x + 1', { x }))).toBe(true);
    expect(seen.at(-1)).toEqual([16, 16]);
    expect(seen.map((s) => s[0])).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
  });
  it('an abort rejects with ABORTED; the chunks before it are written whole, the rest untouched', async () => {
    const y = new Float64Array(n).fill(-1);
    const ac = new AbortController();
    const p = evaluateChunked('2*x', { x: chunkedArray(x, [100]) }, chunkedArray(y, [100]), { onProgress: (d) => d === 3 && ac.abort(), signal: ac.signal });
    await expect(p).rejects.toMatchObject({ code: 'ABORTED' });
    expect(Array.from(y.subarray(0, 300))).toEqual(Array.from(x.subarray(0, 300), (v) => 2 * v));
    expect(y.subarray(300).every((v) => v === -1)).toBe(true);
  });
  it('chunk ranges: partial states from disjoint ranges merge to the whole reduction', async () => {
    const cx = chunkedArray(x, [100]);
    const parts = [] as PartialReduction[];
    for (const r of [[0, 4], [4, 9], [9, 11]] as const) parts.push((await evaluateChunked('sum(x*x)', { x: cx }, undefined, { partial: true, range: r })) as PartialReduction);
    const json = JSON.parse(JSON.stringify(parts)) as PartialReduction[]; // they travel as JSON
    expect(Math.abs((mergePartials(json) as number) - (evaluate('sum(x*x)', { x }) as number))).toBeLessThan(1e-12);
    expect(mergePartials([(await evaluateChunked('sum(k)', { k: chunkedArray(k, [100]) }, undefined, { partial: true, range: [0, 11] })) as PartialReduction])).toBe(evaluate('sum(k)', { k }));
    // a range of the last pass writes only those chunks
    const y = new Float64Array(n);
    await evaluateChunked('x + 1', { x: cx }, chunkedArray(y, [100]), { range: [2, 4] });
    expect(y[199]).toBe(0);
    expect(y[200]).toBe(x[200]! + 1);
    expect(y[400]).toBe(0);
  });
  it('evaluateAsync takes signal and onProgress too', async () => {
    const big = new Float64Array(1_000_000).fill(1);
    const seen: number[] = [];
    await evaluateAsync('big * 2', { big }, undefined, { blockSize: 1024, onProgress: (d, t) => seen.push(d / t) });
    expect(seen.at(-1)).toBe(1);
    const ac = new AbortController();
    const p = evaluateAsync('big * 2', { big }, undefined, { blockSize: 1024, signal: ac.signal, onProgress: () => ac.abort() });
    await expect(p).rejects.toMatchObject({ code: 'ABORTED' });
  });
});

describe('errors', () => {
  const cx = chunkedArray(x, [100]);
  it('are FusexprErrors before any I/O', async () => {
    let reads = 0;
    const counting: ChunkedArray = { ...cx, read: (c) => (reads++, cx.read(c)) };
    await expect(evaluateChunked('x + nope', { x: counting })).rejects.toMatchObject({ code: 'UNKNOWN_NAME' });
    await expect(evaluateChunked('roll(x, 1) + shift(x, 1)', { x: counting })).rejects.toMatchObject({ code: 'VALUE' });
    await expect(evaluateChunked('x + 1', { x: counting }, chunkedArray(new Float64Array(5), [5]))).rejects.toMatchObject({ code: 'BAD_OUT' });
    await expect(evaluateChunked('x + 1', { x: counting }, undefined, { partial: true })).rejects.toMatchObject({ code: 'OPTION' });
    await expect(evaluateChunked('x', { x: { ...cx, chunks: [0] } })).rejects.toBeInstanceOf(FusexprError);
    expect(reads).toBe(0);
  });
  it('a read that fails rejects the call with that error', async () => {
    const failing: ChunkedArray = { ...cx, read: async () => { throw new Error('disk on fire'); } };
    await expect(evaluateChunked('sum(x)', { x: failing })).rejects.toThrow(/disk on fire/);
  });
});

describe('found by a new user', () => {
  const cx = chunkedArray(x, [100]);
  it('a chunk write that fails rejects the call (never an unhandled rejection that kills the process)', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      const slowReads: ChunkedArray = { ...cx, read: async (c) => (await new Promise((r) => setTimeout(r, 5)), cx.read(c)) };
      const failing: ChunkedArray = { ...chunkedArray(new Float64Array(n), [100]), write: async () => { throw new Error('disk full'); } };
      await expect(evaluateChunked('x * 2', { x: slowReads }, failing)).rejects.toThrow(/disk full/);
      await new Promise((r) => setTimeout(r, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
  it('progress counts every pass up front: done only goes up, the total never changes', async () => {
    const seen: [number, number][] = [];
    await evaluateChunked('x - mean(x)', { x: cx }, undefined, { onProgress: (d, t) => seen.push([d, t]) });
    expect(new Set(seen.map((s) => s[1]))).toEqual(new Set([22]));
    expect(seen.map((s) => s[0])).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
  });
  it('partial without range is the whole grid as a partial; ranges are checked; parts must be consecutive', async () => {
    const whole = (await evaluateChunked('sum(x)', { x: cx }, undefined, { partial: true })) as PartialReduction;
    expect(whole.fusexpr).toBe('partial-reduction');
    expect(whole.range).toEqual([0, 11]);
    for (const bad of [[5, 2], [0, 12], [-1, 3], [0.5, 2], 3, ['a', 'b']]) {
      await expect(evaluateChunked('sum(x)', { x: cx }, undefined, { partial: true, range: bad as never })).rejects.toMatchObject({ code: 'OPTION' });
    }
    const p0 = (await evaluateChunked('sum(x)', { x: cx }, undefined, { partial: true, range: [0, 5] })) as PartialReduction;
    const p1 = (await evaluateChunked('sum(x)', { x: cx }, undefined, { partial: true, range: [5, 11] })) as PartialReduction;
    expect(() => mergePartials([p1, p0])).toThrow(/consecutive ranges in order/);
    expect(() => mergePartials([p0, p0])).toThrow(/consecutive ranges in order/);
    expect(() => mergePartials(null as never)).toThrow(FusexprError);
    expect(Math.abs((mergePartials([p0, p1]) as number) - (evaluate('sum(x)', { x }) as number))).toBeLessThan(1e-12);
  });
  it('an abort does not wait for a read that hangs', async () => {
    const stuck: ChunkedArray = { shape: [1000], dtype: 'float64', chunks: [100], read: ([k]) => (k! < 2 ? Promise.resolve(new Float64Array(100)) : new Promise(() => undefined)) };
    const ac = new AbortController();
    const p = evaluateChunked('sum(s)', { s: stuck }, undefined, { signal: ac.signal, onProgress: (d) => d === 2 && ac.abort() });
    await expect(p).rejects.toMatchObject({ code: 'ABORTED' });
  });
  it('a read that resolves to null, and an unknown option, are clear FusexprErrors', async () => {
    const nulls: ChunkedArray = { ...cx, read: async () => null as never };
    await expect(evaluateChunked('sum(x)', { x: nulls })).rejects.toThrow(/var 'x', chunk \[0\]: read\(\) must resolve to a typed array/);
    await expect(evaluateChunked('sum(x)', { x: cx }, undefined, { onprogress: () => undefined } as never)).rejects.toThrow(/did you mean 'onProgress'/);
  });
});

it('evaluate() given a chunked array says to use evaluateChunked', () => {
  expect(() => evaluate('x + 1', { x: chunkedArray(new Float64Array(4), [2]) as never })).toThrow(/use evaluateChunked/);
});
