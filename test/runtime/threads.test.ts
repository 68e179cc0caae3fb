// The parallel path: identical results at 1, 2 and 4 threads (threshold lowered so small arrays use
// the pool), async evaluation that keeps the event loop ticking, fault injection, settings
// validation, and a process that exits without shutdown(). The pool is always closed.

import { describe, it, expect, afterAll, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  evaluate, evaluateAsync, empty, toShared, setNumThreads, getNumThreads, detectNumberOfCores,
  setParallelThreshold, shutdown, startThreads, FusexprError, asBool,
} from '../../src/index.js';
import { currentPool, poolConfig } from '../../src/runtime/threads/settings.js';
import { arrays } from '../helpers/data.js';

const N = 10_007; // several blocks at blockSize 64, ragged last block
const BLOCK = { blockSize: 64 };

/** sin(a) as one thread computes it (Wasm's vector sin on arena arrays: within 2 ulp of Math.sin, not its bits). */
const sinOf = (vars: { a: Float64Array }) => evaluate('sin(a)', vars, undefined, { singleThread: true }) as Float64Array;

function sharedData() {
  const a = empty('float64', N);
  const b = empty('float64', N);
  const f = empty('float32', N);
  const i = empty('int32', N);
  const k = empty('int64', N);
  const m = empty('bool', N);
  for (let j = 0; j < N; j++) {
    a[j] = Math.sin(j) * 3;
    b[j] = (j % 17) - 8 + (j === 5 ? NaN : 0);
    f[j] = Math.cos(j);
    i[j] = (j * 2654435761) | 0;
    k[j] = BigInt(j) * 1234567891n;
    m[j] = j % 3 === 0 ? 1 : 0;
  }
  return { a, b, f, i, k, m, s: 2.5, n: 3 };
}

const EXPRESSIONS = [
  'sin(a)**2 + cos(a)**2', 'a*b + f', '0.25*a**3 + 0.75*a**2 - 1.5*a - 2', 'where(m, a, b)', 'i*3 + (i >> 2)',
  'k * 7 + k // 3', 'sum(a)', 'sum(a*b)', 'mean(f)', 'max(b)', 'min(a)', 'prod(m + 1)', 'any(a > 2.9)', 'all(a < 4)',
  'sum(i)', 'sum(k)', 'a - mean(a)', 'floor(a) % 3', 'i // n + s', 'hypot(a, f) > s',
];

beforeAll(() => {
  setParallelThreshold(0);
});

/** A fresh pool with some config changed (the pool copies its config when it starts). */
async function withPool(threads: number, changes: Partial<typeof poolConfig>, f: () => Promise<void> | void) {
  const saved = { ...poolConfig };
  Object.assign(poolConfig, changes);
  setNumThreads(1);
  setNumThreads(threads);
  try {
    await startThreads();
    await f();
  } finally {
    Object.assign(poolConfig, saved);
    setNumThreads(1);
  }
}
afterAll(async () => {
  setNumThreads(detectNumberOfCores());
  setParallelThreshold(32768);
  await shutdown();
});

describe('results do not depend on the thread count', () => {
  const same = (e: string, g: unknown, w: unknown) => {
    // the array's own bytes: a result in fusexpr's memory shares its buffer with every other one
    if (ArrayBuffer.isView(g)) expect(Buffer.from(g.buffer, g.byteOffset, g.byteLength).equals(Buffer.from((w as Uint8Array).buffer, (w as Uint8Array).byteOffset, (w as Uint8Array).byteLength)), e).toBe(true);
    else expect(Object.is(g, w) || g === w, `${e}: ${String(g)} vs ${String(w)}`).toBe(true);
  };

  it('every expression gives bit-identical results at 1, 2 and 4 threads (workers ready, caller sharing or not)', async () => {
    const vars = sharedData();
    setNumThreads(1);
    const want = EXPRESSIONS.map((e) => evaluate(e, vars, undefined, BLOCK));
    for (const threads of [2, 4]) {
      for (const callerComputes of [false, true]) {
        await withPool(threads, { callerComputes }, () => {
          expect(currentPool()?.size).toBe(threads);
          EXPRESSIONS.forEach((e, j) => same(`${e} @${threads}`, evaluate(e, vars, undefined, BLOCK), want[j]));
        });
      }
    }
  });

  it('the conformance matrix (operators × dtypes, functions × dtypes) is identical at 1 and 3 threads', async () => {
    const base = arrays();
    const tile = <T extends ArrayBufferView>(a: T): T => {
      const src = a as unknown as ArrayLike<number | bigint>;
      const dst = toShared(new (a.constructor as new (n: number) => T)(N)) as unknown as { [i: number]: number | bigint };
      for (let j = 0; j < N; j++) dst[j] = src[(j * 7) % src.length]!;
      return (a instanceof Uint8Array ? asBool(dst as unknown as Uint8Array) : dst) as unknown as T;
    };
    const data = Object.fromEntries(Object.entries(base).map(([k, v]) => [k, tile(v)]));
    const exprs: string[] = [];
    for (const op of ['+', '-', '*', '/', '//', '%', '**', '<', '==', '&', '|', '<<']) for (const x of Object.keys(data)) for (const y of Object.keys(data)) exprs.push(`${x} ${op} ${y}`);
    for (const fn of ['sin', 'sqrt', 'abs', 'round', 'sign', 'isnan', 'int32', 'float32', 'sum', 'max', 'mean']) for (const x of Object.keys(data)) exprs.push(`${fn}(${x})`);
    const run = () => exprs.map((e) => {
      try {
        return evaluate(e, data, undefined, BLOCK);
      } catch (err) {
        return (err as Error).message;
      }
    });
    setNumThreads(1);
    const want = run();
    await withPool(3, { callerComputes: false }, () => {
      const got = run();
      exprs.forEach((e, j) => same(e, got[j], want[j]));
    });
  });

  it('non-shared arrays run single-threaded; copyToShared lets them use threads, out written back', () => {
    setNumThreads(2);
    const a = new Float64Array(N).map((_, j) => j);
    const out = new Float64Array(N);
    evaluate('a * 2', { a }, out, BLOCK);
    expect(out[N - 1]).toBe(2 * (N - 1));
    const out2 = new Float64Array(N);
    expect(evaluate('a * 3', { a }, out2, { ...BLOCK, copyToShared: true })).toBe(out2);
    expect(out2[N - 1]).toBe(3 * (N - 1));
    expect(evaluate('sum(a)', { a }, undefined, { ...BLOCK, copyToShared: true })).toBe((N * (N - 1)) / 2);
  });

  it('out aliasing an input is safe in parallel', () => {
    setNumThreads(2);
    const x = toShared(new Float64Array(N).map((_, j) => j));
    evaluate('x * 2 + 1', { x }, x, BLOCK);
    expect(x[N - 1]).toBe(2 * (N - 1) + 1);
    expect(x[0]).toBe(1);
  });
});

describe('evaluateAsync', () => {
  it('gives the same results as evaluate', async () => {
    setNumThreads(2);
    const vars = sharedData();
    for (const e of EXPRESSIONS) {
      const want = evaluate(e, vars, undefined, BLOCK);
      const got = await evaluateAsync(e, vars, undefined, BLOCK);
      if (ArrayBuffer.isView(got)) expect(Array.from(got as Float64Array)).toEqual(Array.from(want as Float64Array));
      else expect(got).toEqual(want);
    }
  });

  it('keeps the event loop ticking during a long evaluation (threads and single thread)', async () => {
    for (const threads of [2, 1]) {
      setNumThreads(threads);
      const n = 4_000_000;
      const x = empty('float64', n);
      let ran = false;
      const work = evaluateAsync('sin(x)**2 + cos(x)**2 + sqrt(x + 1) + exp(-x)', { x });
      // queued after the call began: it runs before the call settles only if the call yields to the
      // event loop (a call that computed everything at once would settle first, in a microtask)
      setImmediate(() => (ran = true));
      await work;
      expect(ran, `threads=${threads}`).toBe(true);
    }
  });

  it('concurrent async calls queue on the pool and all complete correctly', async () => {
    setNumThreads(2);
    const vars = sharedData();
    const results = await Promise.all([1, 2, 3, 4].map((c) => evaluateAsync(`a * ${c}`, vars, undefined, BLOCK)));
    results.forEach((r, j) => expect((r as Float64Array)[100]).toBe(vars.a[100]! * (j + 1)));
  });
});

describe('faults', () => {
  it('a worker that throws mid-job makes the call throw; the next call works', async () => {
    // workers alone compute, so the faulty worker surely takes part
    await withPool(2, { callerComputes: false }, () => {
      const vars = sharedData();
      currentPool()!.injectFault('throw');
      const e = (() => {
        try {
          evaluate('a + 2', vars, undefined, BLOCK);
        } catch (err) {
          return err as FusexprError;
        }
      })();
      expect(e).toBeInstanceOf(FusexprError);
      expect(e!.code).toBe('RUNTIME');
      expect(e!.message).toBe('injected fault');
      const r = evaluate('a + 3', vars, undefined, BLOCK) as Float64Array;
      expect(r[7]).toBe(vars.a[7]! + 3);
    });
  });

  it('a kernel error in a worker (negative int power) is a FusexprError', async () => {
    await withPool(2, { callerComputes: false }, () => {
      const i = empty('int32', N).fill(2);
      const e = empty('int32', N).fill(1);
      e[N - 1] = -1;
      expect(() => evaluate('i ** e', { i, e }, undefined, BLOCK)).toThrow(/Integers to negative integer powers are not allowed/);
      expect((evaluate('i ** 2', { i }, undefined, BLOCK) as Int32Array)[0]).toBe(4);
    });
  });

  // A dead worker is handled by the call it happens in, never by the next one. Whether the caller
  // takes over before or after stallMs, the outcome is the same, so these tests do not race the timer.
  it('a worker that dies before claiming: the sync call still returns the right answer, the pool is replaced', async () => {
    await withPool(2, { callerComputes: false, stallMs: 200 }, async () => {
      const vars = sharedData();
      const sinA = sinOf(vars);
      const pool = currentPool()!;
      pool.injectFault('exit');
      const r = evaluate('sin(a) + 2', vars, undefined, BLOCK) as Float64Array;
      expect(Array.from(r)).toEqual(Array.from(sinA, (x) => x + 2));
      await startThreads(); // the event loop saw the death: a new pool
      expect(currentPool()).not.toBe(pool);
      expect((evaluate('a + 3', vars, undefined, BLOCK) as Float64Array)[7]).toBe(vars.a[7]! + 3);
    });
  });

  it('a worker that dies inside a block: its block is redone when out is fresh, the call fails when out is updated in place', async () => {
    await withPool(2, { callerComputes: false, stallMs: 200 }, async () => {
      const vars = sharedData();
      const sinA = sinOf(vars);
      currentPool()!.injectFault('exit-mid');
      const r = evaluate('sin(a) + 2', vars, undefined, BLOCK) as Float64Array;
      expect(Array.from(r)).toEqual(Array.from(sinA, (x) => x + 2));
      await startThreads();
      currentPool()!.injectFault('exit-mid');
      const a = toShared(vars.a.slice());
      expect(() => evaluate('a + 1', { a }, a, BLOCK)).toThrow(/died or stopped responding mid-job while updating out in place; out may be partially written/);
      await startThreads();
      expect((evaluate('a + 3', vars, undefined, BLOCK) as Float64Array)[7]).toBe(vars.a[7]! + 3);
    });
  });

  it('an async job whose worker dies still resolves with the right answer (the death is an event, not a timeout)', async () => {
    await withPool(2, { stallMs: 60_000 }, async () => {
      const vars = sharedData();
      const sinA = sinOf(vars);
      for (const fault of ['exit', 'exit-mid'] as const) {
        currentPool()!.injectFault(fault);
        const r = (await evaluateAsync('sin(a) + 2', vars, undefined, BLOCK)) as Float64Array;
        expect(Array.from(r)).toEqual(Array.from(sinA, (x) => x + 2));
        await startThreads();
      }
      expect(((await evaluateAsync('a + 3', vars, undefined, BLOCK)) as Float64Array)[7]).toBe(vars.a[7]! + 3);
    });
  });
});

describe('shutdown and setNumThreads with async calls in flight', () => {
  for (const how of ['shutdown()', 'setNumThreads()'] as const) {
    it(`${how} with 8 async jobs in flight: every promise settles with the right answer`, async () => {
      await withPool(2, { stallMs: 60_000 }, async () => {
        const vars = sharedData();
        const sinA = sinOf(vars);
        const jobs = Array.from({ length: 8 }, (_, j) => evaluateAsync(`sin(a) * ${j} + b`, vars, undefined, BLOCK));
        if (how === 'shutdown()') await shutdown();
        else setNumThreads(3);
        const results = await Promise.allSettled(jobs);
        results.forEach((r, j) => {
          expect(r.status).toBe('fulfilled');
          const v = (r as PromiseFulfilledResult<Float64Array>).value;
          expect(Array.from(v)).toEqual(Array.from(sinA, (x, i) => x * j + vars.b[i]!));
        });
      });
    });
  }

  it('a script whose only pending work is an async pool job runs to the end (no exit code 13)', () => {
    const script = fileURLToPath(new URL('./fixtures/async-only.ts', import.meta.url));
    const r = spawnSync(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, FUSEXPR_NUM_THREADS: '2' }, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe('async ok');
  });
});

describe('settings', () => {
  it('setNumThreads validates and returns the previous value', () => {
    const before = getNumThreads();
    expect(setNumThreads(3)).toBe(before);
    expect(getNumThreads()).toBe(3);
    for (const bad of [0, -1, 1.5, NaN, 'two' as unknown as number]) {
      expect(() => setNumThreads(bad)).toThrow(/setNumThreads\(n\): n must be a positive integer/);
    }
    setNumThreads(before);
    expect(detectNumberOfCores()).toBeGreaterThanOrEqual(1);
  });

  const script = fileURLToPath(new URL('./fixtures/exit-without-shutdown.ts', import.meta.url));
  const run = (env: Record<string, string>) =>
    spawnSync(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 30_000 });

  it('a script that used threads exits by itself, without shutdown(), and prints nothing at import', () => {
    const r = run({ FUSEXPR_NUM_THREADS: '2' });
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe('threads=2 ok');
    expect(r.stderr.replace(/.*nodedir.*\n?/g, '').trim()).toBe('');
  });

  it('FUSEXPR_NUM_THREADS sets the initial count and is validated', () => {
    expect(run({ FUSEXPR_NUM_THREADS: '3' }).stdout.trim()).toBe('threads=3 ok');
    const bad = run({ FUSEXPR_NUM_THREADS: 'lots' });
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/FUSEXPR_NUM_THREADS must be a positive integer/);
  });
});

void asBool;
