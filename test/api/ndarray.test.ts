// N-D views: broadcasting, strided and reversed views, axis reductions, roll/shift stencils and
// aliasing, each against plain loops over indices. Uses the real scijs `ndarray` package.

import { describe, it, expect, afterAll } from 'vitest';
import ndarray from 'ndarray';
import { empty, setNumThreads, setParallelThreshold, startThreads, shutdown, detectNumberOfCores, FusexprError, type NdArray } from '../../src/index.js';
import { evaluate } from '../helpers/untyped.js';
import { poolConfig } from '../../src/runtime/threads/settings.js';

type Idx = number[];
const get = (v: NdArray, idx: Idx) => (v.data as Float64Array)[(v.offset ?? 0) + idx.reduce((acc, i, d) => acc + i * (v.stride ?? cstr(v.shape))[d]!, 0)]!;
const cstr = (shape: number[]) => shape.map((_, d) => shape.slice(d + 1).reduce((a, b) => a * b, 1));
const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
function* indices(shape: number[]): Generator<Idx> {
  const n = size(shape);
  for (let i = 0; i < n; i++) {
    const idx: Idx = [];
    let r = i;
    for (let d = shape.length - 1; d >= 0; d--) {
      idx[d] = r % shape[d]!;
      r = Math.floor(r / shape[d]!);
    }
    yield idx;
  }
}
/** Values of a result view (or typed array) in C order. */
const valuesOf = (r: NdArray | Float64Array, shape: number[]) => (ArrayBuffer.isView(r) ? Array.from(r as Float64Array) : [...indices(shape)].map((i) => get(r as NdArray, i)));
const expected = (shape: number[], f: (idx: Idx) => number) => [...indices(shape)].map(f);
const rand = (shape: number[], seed = 1) => {
  let s = seed;
  const data = new Float64Array(size(shape)).map(() => ((s = (s * 16807) % 2147483647) / 2147483647) * 4 - 2);
  return ndarray(data, shape);
};
const mod = (a: number, n: number) => ((a % n) + n) % n;

afterAll(async () => {
  setNumThreads(detectNumberOfCores());
  setParallelThreshold(32768);
  await shutdown();
});

describe('broadcasting', () => {
  const a = rand([3, 4]);
  it('2-D with 1-D (a row), a column with a row, scalars and size-1 dims', () => {
    const row = new Float64Array([1, 2, 3, 4]);
    const r1 = evaluate('a * row + 1', { a, row });
    expect(r1.shape).toEqual([3, 4]);
    expect(valuesOf(r1, [3, 4])).toEqual(expected([3, 4], ([i, j]) => get(a, [i!, j!]) * row[j!]! + 1));
    const col = ndarray(new Float64Array([10, 20, 30]), [3, 1]);
    const rowv = ndarray(new Float64Array([1, 2, 3, 4]), [1, 4]);
    expect(valuesOf(evaluate('col + rowv', { col, rowv }), [3, 4])).toEqual(expected([3, 4], ([i, j]) => (i! + 1) * 10 + j! + 1));
    const c3 = rand([2, 1, 4], 3);
    const r3 = evaluate('c3 - a', { c3, a });
    expect(r3.shape).toEqual([2, 3, 4]);
    expect(valuesOf(r3, [2, 3, 4])).toEqual(expected([2, 3, 4], ([k, i, j]) => get(c3, [k!, 0, j!]) - get(a, [i!, j!])));
  });
  it('scijs ndarray inputs give scijs ndarray results of the same class (plain views otherwise)', () => {
    const r = evaluate('a * 2', { a });
    expect(r.constructor).toBe(a.constructor);
    expect(r.get(2, 3)).toBe(2 * a.get(2, 3));
    const plain = evaluate('v * 2', { v: { data: new Float64Array(4), shape: [2, 2] } });
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
    // another rank or data type than any input: a plain view
    expect(Object.getPrototypeOf(evaluate('sum(a, axis=0)', { a }))).toBe(Object.prototype);
    expect(Object.getPrototypeOf(evaluate('a > 0', { a }))).toBe(Object.prototype);
  });
  it('a shape mismatch names both shapes and the vars', () => {
    const b = rand([3, 5]);
    expect(() => evaluate('a + b', { a, b })).toThrow("shapes [3, 4] ('a') and [3, 5] ('b') cannot be broadcast together");
  });
});

describe('strided, transposed and reversed views', () => {
  const a = rand([4, 6], 5);
  it('transpose, every other column, reversed rows and columns', () => {
    const t = a.transpose(1, 0);
    expect(valuesOf(evaluate('t * 2', { t }), [6, 4])).toEqual(expected([6, 4], ([i, j]) => 2 * get(a, [j!, i!])));
    const odd = a.step(1, 2); // every other column
    expect(valuesOf(evaluate('odd + 1', { odd }), [4, 3])).toEqual(expected([4, 3], ([i, j]) => get(a, [i!, 2 * j!]) + 1));
    const rev = a.step(-1, -1);
    expect(valuesOf(evaluate('rev - a', { rev, a }), [4, 6])).toEqual(expected([4, 6], ([i, j]) => get(a, [3 - i!, 5 - j!]) - get(a, [i!, j!])));
    const r1 = new Float64Array([1, 2, 3, 4, 5]);
    const back = { data: r1, shape: [5], stride: [-1], offset: 4 };
    expect(valuesOf(evaluate('back * 10', { back }), [5])).toEqual([50, 40, 30, 20, 10]);
  });
  it('views that address memory outside their data are rejected', () => {
    expect(() => evaluate('v + 1', { v: { data: new Float64Array(4), shape: [5] } })).toThrow(FusexprError);
    expect(() => evaluate('v + 1', { v: { data: new Float64Array(4), shape: [2], stride: [-1], offset: 0 } })).toThrow(/outside its data/);
  });
});

describe('reductions with axis', () => {
  const a = rand([3, 4, 5], 7);
  const shape = [3, 4, 5];
  const refs: Record<string, (xs: number[]) => number> = {
    sum: (xs) => xs.reduce((p, q) => p + q, 0),
    mean: (xs) => xs.reduce((p, q) => p + q, 0) / xs.length,
    min: (xs) => Math.min(...xs),
    max: (xs) => Math.max(...xs),
    prod: (xs) => xs.reduce((p, q) => p * q, 1),
  };
  for (const [op, ref] of Object.entries(refs)) {
    it(`${op} over every axis, negative axes, and all`, () => {
      for (const axis of [0, 1, 2, -1, -3]) {
        const ax = mod(axis, 3);
        const outShape = shape.filter((_, d) => d !== ax);
        const r = evaluate(`${op}(a, axis=${axis})`, { a });
        expect(r.shape).toEqual(outShape);
        const want = expected(outShape, (idx) => {
          const xs: number[] = [];
          for (let t = 0; t < shape[ax]!; t++) xs.push(get(a, [...idx.slice(0, ax), t, ...idx.slice(ax)]));
          return ref(xs);
        });
        valuesOf(r, outShape).forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 12));
      }
      const all = [...indices(shape)].map((i) => get(a, i));
      expect(evaluate(`${op}(a)`, { a })).toBeCloseTo(ref(all), 10);
    });
  }
  it('any/all with axis; reductions inside expressions broadcast back', () => {
    const r = evaluate('any(a > 1.5, axis=1)', { a });
    expect(valuesOf(r, [3, 5]).map(Number)).toEqual(expected([3, 5], ([i, k]) => ([0, 1, 2, 3].some((j) => get(a, [i!, j, k!]) > 1.5) ? 1 : 0)));
    const b = rand([4, 5], 9);
    const centered = evaluate('b - mean(b, axis=0)', { b });
    const colMean = (k: number) => [0, 1, 2, 3].reduce((p, i) => p + get(b, [i, k]), 0) / 4;
    valuesOf(centered, [4, 5]).forEach((v, i) => expect(v).toBeCloseTo(get(b, [Math.floor(i / 5), i % 5]) - colMean(i % 5), 12));
  });
});

describe('roll and shift', () => {
  it('1-D, 2-D, 3-D, positive and negative shifts larger than the axis', () => {
    for (const shape of [[7], [5, 6], [3, 4, 5]]) {
      const g = rand(shape, 11);
      for (let axis = 0; axis < shape.length; axis++) {
        for (const k of [1, -1, 3, -4, 13, -17, 0]) {
          const n = shape[axis]!;
          const rolled = evaluate(`roll(g, ${k}, ${axis})`, { g });
          expect(valuesOf(rolled, shape)).toEqual(expected(shape, (idx) => get(g, idx.map((v, d) => (d === axis ? mod(v - k, n) : v)))));
          const shifted = evaluate(`shift(g, ${k}, ${axis}, 9)`, { g });
          expect(valuesOf(shifted, shape)).toEqual(expected(shape, (idx) => {
            const src = idx[axis]! - k;
            return src < 0 || src >= n ? 9 : get(g, idx.map((v, d) => (d === axis ? src : v)));
          }));
        }
      }
    }
  });
  it('shift applies its fill once to the whole expression, and nests with roll', () => {
    const g = rand([6], 2);
    const v = (i: number) => get(g, [i]);
    expect(valuesOf(evaluate('shift(g + g, 2, 0, 5)', { g }), [6])).toEqual(expected([6], ([i]) => (i! < 2 ? 5 : 2 * v(i! - 2))));
    expect(valuesOf(evaluate('roll(shift(g, 1, 0, 0), 2, 0)', { g }), [6])).toEqual(expected([6], ([i]) => {
      const j = mod(i! - 2, 6);
      return j < 1 ? 0 : v(j - 1);
    }));
    expect(valuesOf(evaluate('roll(roll(g, 2, 0), 3, 0)', { g }), [6])).toEqual(expected([6], ([i]) => v(mod(i! - 5, 6))));
  });
  it('the diffusion step fuses into one stencil kernel and matches loops', () => {
    const n = 9;
    const grid = rand([n, n], 4);
    const expr = 'grid + D*dt*(roll(grid,1,0) + roll(grid,-1,0) + roll(grid,1,1) + roll(grid,-1,1) - 4*grid)';
    const r = evaluate(expr, { grid, D: 1, dt: 0.1 });
    const want = expected([n, n], ([i, j]) => {
      const g = (a: number, b: number) => get(grid, [mod(a, n), mod(b, n)]);
      return g(i!, j!) + 1 * 0.1 * (g(i! - 1, j!) + g(i! + 1, j!) + g(i!, j! - 1) + g(i!, j! + 1) - 4 * g(i!, j!));
    });
    valuesOf(r, [n, n]).forEach((x, i) => expect(x).toBeCloseTo(want[i]!, 14));
  });
  it('errors: non-literal shifts, missing axis on N-D, scalars', () => {
    const g = rand([3, 3]);
    expect(() => evaluate('roll(g, k, 0)', { g, k: 1 })).toThrow(/the shift must be an integer literal/);
    expect(() => evaluate('roll(g, 1)', { g })).toThrow(/needs an axis/);
    expect(() => evaluate('roll(2, 1, 0)', { g })).toThrow(/needs an array/);
    expect(() => evaluate('roll(g, 1, 2)', { g })).toThrow(/out of bounds/);
  });
});

describe('aliasing', () => {
  it('out = the stencil input (the book evolve(grid, out=grid) pattern) equals a separate out', () => {
    const expr = 'grid + D*dt*(roll(grid,1,0) + roll(grid,-1,0) + roll(grid,1,1) + roll(grid,-1,1) - 4*grid)';
    const grid = rand([8, 8], 6);
    const copy = ndarray(new Float64Array(grid.data as Float64Array), [8, 8]);
    const separate = evaluate(expr, { grid: copy, D: 1, dt: 0.1 });
    evaluate(expr, { grid, D: 1, dt: 0.1 }, grid);
    expect(Array.from(grid.data as Float64Array)).toEqual(Array.from(separate.data as Float64Array));
    // and double buffering, out = next_grid
    const next = ndarray(new Float64Array(64), [8, 8]);
    evaluate(expr, { grid: copy, D: 1, dt: 0.1 }, next);
    expect(Array.from(next.data as Float64Array)).toEqual(Array.from(separate.data as Float64Array));
  });
  it('partial overlap of out with an input is detected (numexpr gets this wrong)', () => {
    const buf = new Float64Array([1, 2, 3, 4, 5, 6]);
    const a = buf.subarray(0, 5);
    const out = buf.subarray(1, 6);
    evaluate('a * 10', { a }, out);
    expect(Array.from(buf)).toEqual([1, 10, 20, 30, 40, 50]);
    const v = new Float64Array([1, 2, 3, 4]);
    const rev = { data: v, shape: [4], stride: [-1], offset: 3 };
    evaluate('rev + 0.5', { rev }, v);
    expect(Array.from(v)).toEqual([4.5, 3.5, 2.5, 1.5]);
  });
});

describe('threads and backends', () => {
  it('stencils and strided views give identical results on 1 and 2 threads (workers only)', async () => {
    const expr = 'grid + 0.1*(roll(grid,1,0) + roll(grid,-1,0) + roll(grid,1,1) + shift(grid,-1,1) - 4*grid)';
    const data = empty('float64', 64 * 48);
    for (let i = 0; i < data.length; i++) data[i] = Math.sin(i);
    const grid = ndarray(data, [64, 48]);
    const t = grid.transpose(1, 0);
    setNumThreads(1);
    const w1 = Array.from(evaluate(expr, { grid }).data as Float64Array);
    const w2 = Array.from(evaluate('t * 2 - 1', { t }).data as Float64Array);
    const saved = { ...poolConfig };
    Object.assign(poolConfig, { callerComputes: false });
    setParallelThreshold(0);
    setNumThreads(2);
    await startThreads();
    try {
      const g1 = Array.from(evaluate(expr, { grid }, undefined, { blockSize: 100 }).data as Float64Array);
      const g2 = Array.from(evaluate('t * 2 - 1', { t }, undefined, { blockSize: 100 }).data as Float64Array);
      expect(g1).toEqual(w1);
      expect(g2).toEqual(w2);
    } finally {
      Object.assign(poolConfig, saved);
      setNumThreads(1);
    }
  });
  it("the closures backend handles views, broadcasting and stencils (by gathering)", () => {
    const g = rand([5, 7], 8);
    const row = new Float64Array(7).map((_, i) => i);
    for (const expr of ['roll(g, 2, 1) * row + shift(g, -1, 0, 3)', 'g.T'.replace('g.T', 'g - mean(g, axis=0)'), 'sum(roll(g, 1, 0) * 2)']) {
      const jit = evaluate(expr, { g, row });
      const closures = evaluate(expr, { g, row }, undefined, { codegen: 'closures' });
      if (typeof jit === 'number') expect(closures).toBeCloseTo(jit, 12);
      else expect(Array.from(closures.data)).toEqual(Array.from(jit.data));
    }
  });
});
