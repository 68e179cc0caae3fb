// The Wasm backend and fusexpr's memory: which calls run Wasm (and explain says why), results equal
// to the JS backend's (reductions bit-identical, one thread or two), the encoder's LEB128, the
// allocator's reuse and growth, and the lifetime rules (child processes: forced GC, no WebAssembly).
// The NumPy fixtures also replay on Wasm kernels (test/numpy/replay.test.ts, modes wasm*).

import { describe, it, expect, afterAll, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { evaluate, explain, empty, full, free, inMemory, memoryStats, toShared, asBool, FusexprError, setNumThreads, setParallelThreshold, getParallelThreshold, shutdown } from '../../src/index.js';
import { sleb, uleb } from '../../src/backends/wasm/encode.js';
import { arenaAlloc, arenaFree } from '../../src/backends/wasm/arena.js';
import { randomArena as random, bits } from '../helpers/arena.js';

describe('the Wasm backend', () => {
  it('runs arena calls and says why plain arrays run on JS', () => {
    const a = random(64), b = random(64, 2), c = random(64, 3);
    const e = explain('a*b + c', { a, b, c });
    expect(e.backends).toEqual([{ stage: 0, backend: 'wasm', why: 'arrays in fusexpr memory and the stage is supported' }]);
    expect(e.source).toContain('f64x2.mul');
    expect(e.source).toContain('(func $map_f8a_f8a_f8a__f8');
    expect(String(e)).toContain('backend wasm');
    const plain = explain('a*b + c', { a: Float64Array.from(a), b, c });
    expect(plain.backends[0]!.backend).toBe('js');
    expect(plain.backends[0]!.why).toContain('not in fusexpr memory');
    const js = explain('a*b + c', { a, b, c }, { backend: 'js' });
    expect(js.backends[0]).toEqual({ stage: 0, backend: 'js', why: 'options chose js' });
    const i64 = explain('k + 1', { k: toShared(new BigInt64Array(4)) });
    expect(i64.backends[0]!.why).toBe('wasm declines: int64 has no Wasm lanes here (runs on JS)');
  });

  it('gives the JS backend’s answers, tails included (lengths 1 to 9 and 1001)', () => {
    for (const n of [1, 2, 3, 4, 5, 7, 9, 1001]) {
      const x = random(n), y = random(n, 5);
      const f = toShared(Float32Array.from(x)), i = toShared(Int32Array.from(x, (v) => Math.round(v * 1e9)));
      const m = asBool(toShared(Uint8Array.from(x, (v) => (v > 0 ? 1 : 0))));
      for (const [expr, vars] of [
        ['where(x > y, sqrt(abs(x)), -y) * 2.5', { x, y }],
        ['minimum(x, y) + maximum(x, nan) + round(x * 3) + floor(y) - ceil(x) + trunc(y)', { x, y }],
        ['f * 2.5 + f / 3 - float32(x)', { f, x }],
        ['i * 3 + (i & 7) - abs(i) + where(m, i, -i)', { i, m }],
        ['(x > 0) & ~m | (i < 0)', { x, m, i }],
        ['float64(i) / 7 + int32(x * 1e9) + float32(m)', { i, x, m }],
        ['copysign(x, y) + signbit(y) + isnan(x / y) + isfinite(x) + clip(x, -1, 1)', { x, y }],
      ] as const) {
        const w = evaluate(expr, vars as never) as unknown as Float64Array;
        const j = evaluate(expr, vars as never, undefined, { backend: "js" }) as unknown as Float64Array;
        expect(explain(expr, vars as never).backends.every((b) => b.backend === 'wasm'), expr).toBe(true);
        expect(Array.from(w, bits), `${expr} at n=${n}`).toEqual(Array.from(j, bits));
        expect(w.constructor.name).toBe(j.constructor.name);
      }
    }
  });

  it('reductions through the shared reduction state: bit-identical to JS', () => {
    const x = random(100_003), y = random(100_003, 9);
    for (const expr of ['sum(x * y)', 'mean(x)', 'prod(1 + x / 1e5)', 'min(x - y)', 'max(x)', 'any(x > 1.99)', 'all(x > -3)', 'sum(float32(x))', 'sum(x > 0)']) {
      const w = evaluate(expr, { x, y }, undefined, { singleThread: true });
      const j = evaluate(expr, { x, y }, undefined, { singleThread: true, backend: 'js' });
      expect(explain(expr, { x, y }).backends.at(-1)!.backend, expr).toBe('wasm');
      expect(w, expr).toBe(j);
    }
  });

  it('plain arrays: float32 kernels stage through Wasm scratch (same bits), math functions keep Math.* bits under auto', () => {
    const n = 70_001; // several scratch chunks and a ragged tail
    const f = Float32Array.from({ length: n }, (_, i) => Math.sin(i) * 3);
    const g = Float32Array.from({ length: n }, (_, i) => Math.cos(i));
    const e = explain('f * g + 1.5', { f, g });
    expect(e.backends[0]!.backend).toBe('wasm');
    expect(e.backends[0]!.why).toContain('staging');
    expect(e.source).toContain('staged_map_f4a_f4a__f4');
    const staged = evaluate('f * g + 1.5', { f, g }) as Float32Array;
    expect(inMemory(staged)).toBe(false);
    expect(Array.from(staged)).toEqual(Array.from(evaluate('f * g + 1.5', { f, g }, undefined, { backend: 'js' }) as Float32Array));
    const x = Float64Array.from({ length: 1000 }, (_, i) => i * 0.37 - 100);
    expect(explain('sin(x) * 2', { x }).backends[0]!.backend).toBe('js');
    expect(Array.from(evaluate('sin(x) * 2', { x }) as Float64Array)).toEqual(Array.from(x, (v) => Math.sin(v) * 2));
    // backend 'wasm' stages math functions too: within 2 ulp of Math.sin
    expect(explain('sin(x) * 2', { x }, { backend: 'wasm' }).backends[0]!.backend).toBe('wasm');
    const w = evaluate('sin(x)', { x }, undefined, { backend: 'wasm' }) as Float64Array;
    x.forEach((v, i) => expect(Math.abs(w[i]! - Math.sin(v))).toBeLessThanOrEqual(2 * Number.EPSILON * Math.abs(Math.sin(v))));
  });

  it('rejects an unknown backend and a contradicting codegen', () => {
    const x = empty('float64', 2);
    const code = (o: object) => {
      try {
        evaluate('x', { x }, undefined, o);
      } catch (e) {
        return e instanceof FusexprError ? `${e.code}: ${e.reason}` : String(e);
      }
      return 'ok';
    };
    expect(code({ backend: 'simd' })).toBe(`OPTION: options.backend must be one of 'auto', 'wasm', 'js', 'closures', got "simd"`);
    expect(code({ backend: 'wasm', codegen: 'closures' })).toBe("OPTION: options.codegen 'closures' contradicts options.backend 'wasm'");
    expect(code({ backend: 'wasm', codegen: 'jit' })).toBe("OPTION: options.codegen 'jit' contradicts options.backend 'wasm'");
    expect(code({ backend: 'closures' })).toBe('ok');
  });
});

describe('two threads on Wasm kernels', () => {
  let saved = 0;
  beforeAll(() => {
    setNumThreads(2);
    saved = getParallelThreshold();
    setParallelThreshold(0);
  });
  afterAll(async () => {
    setParallelThreshold(saved);
    await shutdown();
  });
  it('give the same bits as one thread (maps and reductions)', () => {
    const x = random(200_001), y = random(200_001, 4);
    for (const expr of ['x * y + 1', 'sum(x * y)', 'mean(x - y)', 'max(x * y)', 'sum(x) - x', 'exp(x * 400) + exp2(y * 600)']) {
      const one = evaluate(expr, { x, y }, undefined, { singleThread: true, blockSize: 1000 });
      const two = evaluate(expr, { x, y }, undefined, { blockSize: 1000 });
      if (typeof one === 'number') expect(bits(two as number), expr).toBe(bits(one));
      else {
        expect(inMemory(two as Float64Array), expr).toBe(true);
        expect(Array.from(two as Float64Array, bits), expr).toEqual(Array.from(one as Float64Array, bits));
      }
    }
  });
});

describe('fusexpr memory', () => {
  it('LEB128 as the spec encodes it', () => {
    const enc = (f: (v: never, o: number[]) => void, v: number | bigint) => {
      const o: number[] = [];
      f(v as never, o);
      return o;
    };
    expect(enc(uleb, 624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(enc(sleb, -123456)).toEqual([0xc0, 0xbb, 0x78]);
    expect(enc(sleb, 63)).toEqual([0x3f]);
    expect(enc(sleb, 64)).toEqual([0xc0, 0x00]);
    expect(enc(sleb, -1n)).toEqual([0x7f]);
  });

  it('reuses freed blocks, coalesces neighbours and keeps views valid across growth', () => {
    const M = 1 << 20;
    const [p, q, r] = [arenaAlloc(M), arenaAlloc(M), arenaAlloc(M)];
    if (q === p + M && r === q + M) {
      const extents = () => memoryStats().freeExtents;
      const e0 = extents();
      arenaFree(q, M);
      expect(extents()).toBe(e0 + 1); // its neighbours are in use
      arenaFree(p, M);
      expect(extents()).toBeLessThanOrEqual(e0 + 1); // merged with q (and maybe a free block below)
      expect(arenaAlloc(2 * M)).toBeLessThanOrEqual(p); // the merged block serves a larger request
    }
    const keep = full('float64', 1000, 3.25);
    const before = memoryStats().memoryBytes;
    const huge = empty('float64', before / 4); // twice the memory: it must grow
    expect(memoryStats().memoryBytes).toBeGreaterThan(before);
    expect(inMemory(huge) && inMemory(keep)).toBe(true);
    expect(keep.every((v) => v === 3.25)).toBe(true);
    expect((evaluate("keep * 2", { keep }) as Float64Array)[999]).toBe(6.5);
    expect(free(huge)).toBe(true);
    expect(free(huge)).toBe(false);
    expect(free(new Float64Array(2))).toBe(false);
    expect(empty('int32', 4).every((v) => v === 0)).toBe(true);
    // a reused block comes back zeroed from empty()
    const dirty = full('float64', 50_000, 7);
    const at = dirty.byteOffset;
    free(dirty);
    const again = empty('float64', 50_000);
    expect(again.byteOffset).toBe(at);
    expect(again.every((v) => v === 0)).toBe(true);
  });

  it('a subarray outlives its array through forced GCs and new allocations (child process)', () => {
    const script = fileURLToPath(new URL('./fixtures/arena-gc.ts', import.meta.url));
    const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', script], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim());
    expect(out.intact).toBe(true);
    expect(out.boolIntact).toBe(true);
    expect(out.grewBy).toBe(8_003_584); // 8e6 bytes in 4 KiB pages
    expect(out.freedBy).toBe(out.grewBy);
  });

  it('without WebAssembly, auto falls back silently and wasm is an option error (child process)', () => {
    const script = fileURLToPath(new URL('./fixtures/no-wasm.ts', import.meta.url));
    const r = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout.trim())).toEqual({ y: [3, 5, 7, 9, 11], wasmError: 'OPTION', backends: ['js'], inMemory: false, shared: true });
  });
});
