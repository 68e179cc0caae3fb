// Reduction axes: axis=None, negative and tuple axes, keepdims=True — the shapes and dtypes here,
// the values against NumPy in test/numpy (the 'axes' fixtures); bad axes are FusexprErrors with carets.

import { describe, it, expect } from 'vitest';
import { evaluate, validate, FusexprError, type NdArray } from '../../src/index.js';

const a = { data: Float64Array.from({ length: 24 }, (_, i) => (i * 7) % 11), shape: [2, 3, 4] };
const shapeOf = (expr: string) => validate(expr, { a }).shape;

function error(expr: string): FusexprError {
  try {
    evaluate(expr, { a, k: 1 });
  } catch (e) {
    expect(e).toBeInstanceOf(FusexprError);
    return e as FusexprError;
  }
  throw new Error(`expected ${expr} to fail`);
}

describe('reduction axes', () => {
  it('axis=None is a full reduction (numexpr: sum(x+2, axis=None))', () => {
    expect(evaluate('sum(a+2, axis=None)', { a })).toBe(evaluate('sum(a+2)', { a }));
    expect(shapeOf('max(a, axis=None)')).toEqual([]);
  });
  it('tuple and negative axes keep the other axes in order', () => {
    expect(shapeOf('sum(a, axis=(0, 2))')).toEqual([3]);
    expect(shapeOf('sum(a, axis=(2, -3))')).toEqual([3]);
    expect(shapeOf('sum(a, axis=(-1,))')).toEqual([2, 3]);
    expect(shapeOf('sum(a, axis=(0, 1, 2))')).toEqual([]);
    const r = (evaluate('sum(a, axis=(0, 2))', { a }) as NdArray).data as Float64Array;
    const want = [0, 1, 2].map((j) => {
      let s = 0;
      for (let i = 0; i < 2; i++) for (let l = 0; l < 4; l++) s += a.data[i * 12 + j * 4 + l]!;
      return s;
    });
    expect(Array.from(r)).toEqual(want);
  });
  it('keepdims keeps reduced axes as 1s, so the result broadcasts back', () => {
    expect(shapeOf('sum(a, axis=1, keepdims=True)')).toEqual([2, 1, 4]);
    expect(shapeOf('mean(a, axis=(0, 2), keepdims=True)')).toEqual([1, 3, 1]);
    expect(shapeOf('any(a > 3, keepdims=True)')).toEqual([1, 1, 1]);
    expect(shapeOf('sum(a, axis=1, keepdims=False)')).toEqual([2, 4]);
    const full = evaluate('sum(a, keepdims=True)', { a }) as NdArray;
    expect(full.shape).toEqual([1, 1, 1]);
    expect((full.data as Float64Array)[0]).toBe(evaluate('sum(a)', { a }));
    const centered = evaluate('sum(a - mean(a, axis=-1, keepdims=True), axis=-1)', { a }) as NdArray;
    for (const v of centered.data as Float64Array) expect(Math.abs(v)).toBeLessThan(1e-12);
  });
  it('bad axes are errors with carets', () => {
    const cases: [string, string, string, number][] = [
      ['sum(a, axis=3)', 'SHAPE', 'sum(): axis 3 is out of bounds for an operand of rank 3', 13],
      ['sum(a, axis=(0, -4))', 'SHAPE', 'sum(): axis -4 is out of bounds for an operand of rank 3', 17],
      ['sum(a, axis=(1, -2))', 'SHAPE', 'sum(): axis 1 is repeated', 17],
      ['sum(a, axis=k)', 'SYNTAX', 'sum(): axis must be an integer literal, a tuple of them, or None', 13],
      ['sum(a, axis=(0, k))', 'SYNTAX', 'sum(): axis must be an integer literal, a tuple of them, or None', 17],
      ['sum(a, axis=1.5)', 'SYNTAX', 'sum(): axis must be an integer literal, a tuple of them, or None', 13],
      ['sum(a, keepdims=1)', 'SYNTAX', 'sum(): keepdims must be True or False', 17],
      ['sin(a, keepdims=True)', 'SYNTAX', 'sin() takes no keepdims argument', 8],
      ['a + (1, 2)', 'SYNTAX', 'a tuple is not a value', 5],
    ];
    for (const [expr, code, reason, column] of cases) {
      const e = error(expr);
      expect([expr, e.code, e.reason, e.column]).toEqual([expr, code, reason, column]);
      expect(e.message).toContain('^');
    }
  });
  it('tuples print back as written (explain)', async () => {
    const { parse } = await import('../../src/parse/index.js');
    const { printExpr } = await import('../../src/ast/print.js');
    expect(printExpr(parse('sum(a, axis=(0, 2), keepdims=True)'))).toBe('sum(a, axis=(0, 2), keepdims=True)');
    expect(printExpr(parse('sum(a, axis=(1,))'))).toBe('sum(a, axis=(1,))');
  });
});
