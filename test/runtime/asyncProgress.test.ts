// evaluateAsync on the worker pool (arrays in fusexpr's memory): onProgress rises block by block, not
// once at the end, and an abort from onProgress or a signal stops the workers at once. Coordinated
// through the 'hold' test fault (a worker waits on the job's STOP word after its first
// PROGRESS_BLOCKS blocks), never through timers. The pool is always closed.

import { describe, it, expect, afterAll, beforeAll } from 'vitest';
import { evaluate, evaluateAsync, empty, setNumThreads, setParallelThreshold, shutdown, startThreads, detectNumberOfCores } from '../../src/index.js';
import { currentPool, poolConfig } from '../../src/runtime/threads/settings.js';
import { PROGRESS_BLOCKS } from '../../src/runtime/threads/claim.js';

const BLOCK = 64;
const BLOCKS = 40 * PROGRESS_BLOCKS;
const N = BLOCK * BLOCKS - 7; // a ragged last block

const saved = { ...poolConfig };
beforeAll(async () => {
  setParallelThreshold(0);
  // one worker, and the caller only awaits (as every async pool job): the held worker is all there is
  Object.assign(poolConfig, { callerComputes: false, stallMs: 60_000 });
  setNumThreads(1);
  setNumThreads(2);
  await startThreads();
});
afterAll(async () => {
  Object.assign(poolConfig, saved);
  setNumThreads(detectNumberOfCores());
  setParallelThreshold(32768);
  await shutdown();
});

function data() {
  const x = empty('float64', N);
  for (let i = 0; i < N; i++) x[i] = i + 1;
  return x;
}

describe('evaluateAsync on the pool over arrays in fusexpr memory', () => {
  it('reports progress while the workers run, rising to the total, and gives the same result as evaluate', async () => {
    const x = data();
    const seen: [number, number][] = [];
    currentPool()!.injectFault('hold'); // held after PROGRESS_BLOCKS blocks until the job stops: a report must come first
    const ac = new AbortController();
    const p = evaluateAsync('sqrt(x) * 2', { x }, undefined, { blockSize: BLOCK, signal: ac.signal, onProgress: (d, t) => seen.push([d, t]) });
    // the held worker is let go by the abort only; without a report before the end this would wait for the hold's bound
    const first = await new Promise<[number, number]>((resolve) => {
      const check = () => (seen.length ? resolve(seen[0]!) : setImmediate(check));
      check();
    });
    // the worker wakes the caller at PROGRESS_BLOCKS blocks (the caller may look earlier, when it sees DONE move first)
    expect(first[1]).toBe(N);
    expect(first[0]).toBeGreaterThan(0);
    expect(first[0]).toBeLessThanOrEqual(PROGRESS_BLOCKS * BLOCK);
    ac.abort();
    await expect(p).rejects.toMatchObject({ code: 'ABORTED' });

    const all: [number, number][] = [];
    const r = (await evaluateAsync('sqrt(x) * 2', { x }, undefined, { blockSize: BLOCK, onProgress: (d, t) => all.push([d, t]) })) as Float64Array;
    expect(all.at(-1)).toEqual([N, N]);
    for (let k = 1; k < all.length; k++) expect(all[k]![0]).toBeGreaterThan(all[k - 1]![0]);
    expect(Array.from(r)).toEqual(Array.from(evaluate('sqrt(x) * 2', { x }, undefined, { singleThread: true }) as Float64Array));
  });

  it('an abort from onProgress stops the workers at their next block: out keeps its old values past that', async () => {
    const x = data();
    const out = empty('float64', N).fill(-1);
    const ac = new AbortController();
    const seen: number[] = [];
    currentPool()!.injectFault('hold');
    const p = evaluateAsync('x + 1', { x }, out, { blockSize: BLOCK, signal: ac.signal, onProgress: (d) => (seen.push(d), ac.abort()) });
    await expect(p).rejects.toMatchObject({ code: 'ABORTED' });
    expect(seen.length).toBe(1);
    expect(seen[0]).toBeLessThanOrEqual(PROGRESS_BLOCKS * BLOCK);
    // the worker stopped at its next block: at most the first PROGRESS_BLOCKS and the one it was held in
    const written = out.findIndex((v) => v === -1);
    expect(written).toBeGreaterThanOrEqual(seen[0]!);
    expect(written).toBeLessThanOrEqual((PROGRESS_BLOCKS + 1) * BLOCK);
    expect(out[N - 1]).toBe(-1);
    expect(out[0]).toBe(2);
    // the pool is free for the next call
    expect(Array.from((await evaluateAsync('x + 1', { x }, undefined, { blockSize: BLOCK })) as Float64Array).slice(-2)).toEqual([N, N + 1]);
  });

  it('an onProgress that throws rejects the call with its error and stops the workers', async () => {
    const x = data();
    const out = empty('float64', N).fill(-1);
    currentPool()!.injectFault('hold');
    const p = evaluateAsync('x + 1', { x }, out, { blockSize: BLOCK, onProgress: () => { throw new Error('progress bar broke'); } });
    await expect(p).rejects.toThrow('progress bar broke');
    expect(out[N - 1]).toBe(-1);
  });
});
