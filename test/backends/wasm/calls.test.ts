// Wasm map kernels split a range into calls of at most CALL_ELEMENTS elements (so V8's optimized code,
// ready only for calls that start after it, serves a long first evaluation): every piece's addresses
// advance by its dtype's size, scalars stay, nothing outside out is written, and the bits equal the JS
// backend's at lengths around the piece size (37 here, odd so every piece has a vector tail).

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { evaluate, explain, empty, toShared, asBool } from '../../../src/index.js';
import { CALL_ELEMENTS, setCallElements } from '../../../src/backends/wasm/index.js';
import { randomArena as random, bits } from '../../helpers/arena.js';

describe('Wasm map kernels in pieces of CALL_ELEMENTS', () => {
  const saved = CALL_ELEMENTS;
  beforeAll(() => setCallElements(37));
  afterAll(() => setCallElements(saved));

  it('give the JS backend’s bits for every dtype at lengths around the piece size', () => {
    for (const n of [1, 36, 37, 38, 74, 75, 1001]) {
      const x = random(n, 1), y = random(n, 2);
      const f = toShared(Float32Array.from(x)), i = toShared(Int32Array.from(x, (v) => Math.round(v * 1e6)));
      const m = asBool(toShared(Uint8Array.from(y, (v) => (v > 0 ? 1 : 0))));
      for (const [expr, vars] of [
        ['x * y + s', { x, y, s: 0.25 }],
        ['exp(x) + sin(y) * s', { x, y, s: 3 }],
        ['f * s + float32(x)', { f, x, s: 1.5 }],
        ['i * k + where(m, i, -i)', { i, m, k: 3 }],
        ['float64(i) / 7 + where(m, x, f)', { i, m, x, f }],
        ['(x > 0) & ~m', { x, m }],
      ] as const) {
        for (const opts of [{ singleThread: true }, { singleThread: true, blockSize: 50 }]) {
          const w = evaluate(expr, vars as never, undefined, opts) as unknown as Float64Array;
          const j = evaluate(expr, vars as never, undefined, { ...opts, backend: 'js' }) as unknown as Float64Array;
          expect(explain(expr, vars as never).backends.every((b) => b.backend === 'wasm'), expr).toBe(true);
          expect(w.constructor.name).toBe(j.constructor.name);
          const step = w.constructor === Float64Array ? bits : (v: number) => v;
          // exp and sin: the Wasm math library against Math.* (within 2 ulp, not bit-equal)
          if (expr.startsWith('exp')) w.forEach((v, k) => expect(Math.abs(v - j[k]!), `${expr} at ${k} of ${n}`).toBeLessThanOrEqual(4 * Number.EPSILON * Math.max(1, Math.abs(j[k]!))));
          else expect(Array.from(w, step as (v: number) => unknown), `${expr} at n=${n}`).toEqual(Array.from(j, step as (v: number) => unknown));
        }
      }
    }
  });

  it('write only into out: an out view inside a larger array keeps its neighbours', () => {
    const n = 111; // three pieces
    const x = random(n, 3);
    const big = empty('float64', n + 8);
    big.fill(-7);
    const out = big.subarray(4, 4 + n);
    evaluate('x * 2 + 1', { x }, out, { singleThread: true });
    expect(Array.from(big.subarray(0, 4))).toEqual([-7, -7, -7, -7]);
    expect(Array.from(big.subarray(4 + n))).toEqual([-7, -7, -7, -7]);
    expect(Array.from(out)).toEqual(Array.from(x, (v) => v * 2 + 1));
  });

  it('refuses a piece size that is not a positive integer', () => {
    for (const bad of [0, -1, 2.5, NaN, Infinity]) expect(() => setCallElements(bad)).toThrow(/internal/);
  });
});
