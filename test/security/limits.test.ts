// Limits, bad values and memory: every limit is a FusexprError (never a stack overflow or a long
// hang), a 10,000-term expression compiles, bad vars and outs are named, caches stay bounded.

import { describe, it, expect } from 'vitest';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { FusexprError, empty } from '../../src/index.js';
import { evaluate } from '../helpers/untyped.js';
import { LIMITS } from '../../src/parse/index.js';
import { BIND_LIMITS } from '../../src/bind/bind.js';
import { planCache } from '../../src/pipeline.js';

function code(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(FusexprError);
    return (e as FusexprError).code;
  }
  return 'no error';
}

const x = new Float64Array([1, 2, 3]);

describe('limits', () => {
  it('length, nesting, variables and literals', () => {
    expect(code(() => evaluate('x+'.repeat(LIMITS.maxLength / 2 + 1) + 'x', { x }))).toBe('LIMIT');
    expect(code(() => evaluate('('.repeat(LIMITS.maxNesting + 1) + 'x' + ')'.repeat(LIMITS.maxNesting + 1), { x }))).toBe('LIMIT');
    expect(code(() => evaluate('-'.repeat(LIMITS.maxNesting + 1) + 'x', { x }))).toBe('LIMIT');
    expect(code(() => evaluate('x' + '**x'.repeat(LIMITS.maxNesting + 1), { x }))).toBe('LIMIT');
    const saved = { ...BIND_LIMITS };
    try {
      BIND_LIMITS.maxInputs = 10;
      const vars = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`v${i}`, x]));
      expect(code(() => evaluate(Object.keys(vars).join(' + '), vars))).toBe('LIMIT');
      BIND_LIMITS.maxLiterals = 10;
      expect(code(() => evaluate(Array.from({ length: 11 }, (_, i) => String(i)).join(' + ') + ' + x', { x }))).toBe('LIMIT');
    } finally {
      Object.assign(BIND_LIMITS, saved);
    }
  });

  it('a 10,000-term sum compiles and is right', () => {
    const vars = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`v${i}`, new Float64Array([i, 1])]));
    const expr = Array.from({ length: 10_000 }, (_, i) => `v${i % 100}`).join(' + ');
    const r = evaluate(expr, vars) as Float64Array;
    expect(r[1]).toBe(10_000);
    expect(r[0]).toBe(100 * ((99 * 100) / 2));
    // and deep in the other direction too: 10,000 nested multiplications by literals
    expect((evaluate('x' + ' * 1.0000001'.repeat(10_000), { x }) as Float64Array)[0]).toBeCloseTo(1.0000001 ** 10_000, 6);
  });

  it('deep right-nested powers inside the limit compile', () => {
    expect((evaluate('x' + '**1'.repeat(LIMITS.maxChain), { x }) as Float64Array)[2]).toBe(3);
  });
});

describe('bad values', () => {
  it('wrong var types are named', () => {
    for (const bad of ['text', { length: 3 }, null, () => 1, Symbol('s'), new DataView(new ArrayBuffer(8)), [1, 'x']]) {
      expect(code(() => evaluate('v + 1', { v: bad }))).toBe('BAD_VAR');
    }
    expect(() => evaluate('v + 1', { v: 'text' })).toThrow(/var 'v' is string/);
  });

  it('detached buffers', () => {
    const d = new Float64Array(4);
    structuredClone(d.buffer, { transfer: [d.buffer] });
    expect(code(() => evaluate('d + 1', { d }))).toBe('BAD_VAR');
    const out = new Float64Array(3);
    structuredClone(out.buffer, { transfer: [out.buffer] });
    expect(code(() => evaluate('x + 1', { x }, out))).toBe('BAD_OUT');
  });

  it('bigint beyond int64, weak ints beyond int32', () => {
    expect(code(() => evaluate('v + 1', { v: 2n ** 64n }))).toBe('VALUE');
    expect(code(() => evaluate('i + v', { i: new Int32Array(1), v: 2 ** 31 }))).toBe('VALUE');
    expect(code(() => evaluate('i + 99999999999999999999', { i: new Int32Array(1) }))).toBe('VALUE');
  });

  it('int overflow wraps like numpy', () => {
    const i = new Int32Array([2147483647, -2147483648]);
    expect(Array.from(evaluate('i + int32(1)', { i }) as Int32Array)).toEqual([-2147483648, -2147483647]);
    expect(Array.from(evaluate('i * int32(2)', { i }) as Int32Array)).toEqual([-2, 0]);
    expect(Array.from(evaluate('-i', { i }) as Int32Array)).toEqual([-2147483647, -2147483648]);
    const k = new BigInt64Array([2n ** 63n - 1n]);
    expect((evaluate('k + 1', { k }) as BigInt64Array)[0]).toBe(-(2n ** 63n));
  });
});

describe('caches stay bounded', () => {
  it('many distinct expressions keep the plan cache at 256 and the heap flat', () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const a = empty('float64', 64);
    const run = (from: number, to: number) => {
      for (let k = from; k < to; k++) evaluate(`a * ${k} + sin(a) * ${k + 0.5}`, { a });
    };
    run(0, 1500);
    gc();
    const before = process.memoryUsage().heapUsed;
    run(1500, 4500);
    gc();
    const after = process.memoryUsage().heapUsed;
    expect(planCache.size).toBeLessThanOrEqual(256);
    // 3000 more compiled kernels would be tens of MB if kept; allow noise
    expect(after - before).toBeLessThan(8 * 2 ** 20);
  });
});
