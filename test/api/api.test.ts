// The public API end to end: evaluate (new array, out, aliasing, casting), compile, validate,
// explain, scalars and weak typing, and the errors users see.

import { describe, it, expect } from 'vitest';
import { FusexprError, asBool } from '../../src/index.js';
import { evaluate, compile, validate, explain } from '../helpers/untyped.js';
import { fusexprError } from '../helpers/errors.js';

const error = fusexprError;

const x = new Float64Array([-1, -0.5, 0, 0.5, 1]);

describe('evaluate', () => {
  it('the seed polynomial, into a new Float64Array', () => {
    const y = evaluate('0.25*x**3 + 0.75*x**2 - 1.5*x - 2', { x });
    expect(y).toBeInstanceOf(Float64Array);
    expect(Array.from(y)).toEqual(Array.from(x, (v) => 0.25 * v * v * v + 0.75 * v * v - 1.5 * v - 2));
  });

  it('out aliasing an input (the diffusion update)', () => {
    const next_grid = new Float64Array([1, 2, 3]);
    const grid = new Float64Array([10, 20, 30]);
    const r = evaluate('next_grid*D*dt + grid', { next_grid, grid, D: 1, dt: 0.1 }, next_grid);
    expect(r).toBe(next_grid);
    expect(Array.from(next_grid)).toEqual([1 * 1 * 0.1 + 10, 2 * 1 * 0.1 + 20, 3 * 1 * 0.1 + 30]);
  });

  it('where, reductions returning numbers, bigints and booleans', () => {
    const a = new Float64Array([4, -1, 9]);
    const b = new Float64Array([1, 2, 3]);
    expect(Array.from(evaluate('where(a > 0, sqrt(a), -b)', { a, b }))).toEqual([2, -2, 3]);
    expect(evaluate('sum(a*b)', { a, b })).toBe(4 - 2 + 27);
    expect(evaluate('sum(i)', { i: new Int32Array([2147483647, 1]) })).toBe(2147483648);
    expect(evaluate('sum(int64(i))', { i: new Int32Array([2147483647, 1]) })).toBe(2147483648n);
    expect(evaluate('any(a < 0)', { a })).toBe(true);
    expect(evaluate('all(a < 0)', { a })).toBe(false);
    expect(evaluate('max(a)', { a })).toBe(9);
    expect(evaluate('mean(i)', { i: new Int32Array([1, 2]) })).toBe(1.5);
  });

  it('scalar-only expressions return plain values', () => {
    expect(evaluate('1 + 2')).toBe(3);
    expect(evaluate('7 // 2')).toBe(3);
    expect(evaluate('2 * pi')).toBe(2 * Math.PI);
    expect(evaluate('a * 2', { a: 5n })).toBe(10n);
    expect(evaluate('true & false')).toBe(false);
    expect(evaluate('D*dt', { D: 1, dt: 0.1 })).toBe(0.1);
  });

  it('weak scalars follow the array dtype (NEP 50)', () => {
    const f = new Float32Array([1.5, 2.5]);
    const i = new Int32Array([1, 2]);
    expect(evaluate('f * 2.5', { f })).toBeInstanceOf(Float32Array);
    expect(evaluate('f + 2', { f })).toBeInstanceOf(Float32Array);
    expect(evaluate('f * s', { f, s: 0.1 })).toBeInstanceOf(Float32Array);
    expect(evaluate('i * 2', { i })).toBeInstanceOf(Int32Array);
    expect(evaluate('i * s', { i, s: 3 })).toBeInstanceOf(Int32Array);
    expect(evaluate('i ** 2.0', { i })).toBeInstanceOf(Float64Array);
    expect(evaluate('i / 2', { i })).toBeInstanceOf(Float64Array);
    expect(evaluate('i + f', { i, f })).toBeInstanceOf(Float64Array);
    expect(evaluate('i > 1', { i })).toBeInstanceOf(Uint8Array);
  });

  it('int32 arithmetic wraps; integer division by zero gives 0', () => {
    const i = new Int32Array([2147483647, 7, -7]);
    expect(Array.from(evaluate('i + int32(1)', { i }))).toEqual([-2147483648, 8, -6]);
    expect(Array.from(evaluate('i // 0', { i }))).toEqual([0, 0, 0]);
    expect(Array.from(evaluate('i % 0', { i }))).toEqual([0, 0, 0]);
    expect(Array.from(evaluate('i // 2', { i }))).toEqual([1073741823, 3, -4]);
  });

  it('vars shadow constants; extra vars are ignored', () => {
    expect(Array.from(evaluate('e * 2', { e: new Float64Array([1, 2]), unused: 'anything' }))).toEqual([2, 4]);
  });

  it('bool arrays: Uint8Array results can be fed back in', () => {
    const a = new Float64Array([1, -1, 2]);
    const mask = evaluate('a > 0', { a });
    expect(Array.from(evaluate('where(mask, a, 0)', { mask, a }))).toEqual([1, 0, 2]);
    expect(Array.from(evaluate('~m', { m: asBool(new Uint8Array([1, 0])) }))).toEqual([0, 1]);
    // a plain Uint8Array is uint8 data, not bool: it wraps like numpy's uint8
    expect(evaluate('u + 1', { u: new Uint8Array([255]) })).toEqual(new Uint8Array([0]));
  });

  it('narrow and unsigned integer arrays compute in their own dtype', () => {
    expect(evaluate('a + 1', { a: new Int16Array([1]) })).toEqual(new Int16Array([2]));
    expect(evaluate('a + 1', { a: new Uint32Array([4294967295]) })).toEqual(new Uint32Array([0]));
    expect(evaluate('int64(a) + 1', { a: new Uint32Array([4294967295]) })).toEqual(new BigInt64Array([4294967296n]));
  });

  it('plain number Arrays are copied into a Float64Array', () => {
    expect(Array.from(evaluate('a * 2', { a: [1, 2, 3] }))).toEqual([2, 4, 6]);
  });

  it('empty arrays', () => {
    const a = new Float64Array(0);
    expect(evaluate('a + 1', { a }).length).toBe(0);
    expect(evaluate('sum(a)', { a })).toBe(0);
    expect(evaluate('prod(a)', { a })).toBe(1);
    expect(Number.isNaN(evaluate('mean(a)', { a }))).toBe(true);
    expect(error(() => evaluate('min(a)', { a })).reason).toMatch(/zero-size array/);
  });

  it('arrays larger than a block, and odd lengths', () => {
    for (const n of [4095, 4096, 4097, 100_003]) {
      const a = new Float64Array(n).map((_, i) => i);
      const r = evaluate('a * 2 + 1', { a });
      expect(r[n - 1]).toBe(2 * (n - 1) + 1);
      expect(evaluate('sum(a)', { a })).toBe((n * (n - 1)) / 2);
      expect(evaluate('max(a)', { a })).toBe(n - 1);
    }
  });

  it('fusion: false gives the same results', () => {
    const a = new Float64Array([0.1, 0.7, -3, 2]);
    const b = new Float64Array([2, 3, 4, 5]);
    for (const expr of ['0.25*a**3 + 0.75*a**2 - 1.5*a - 2', 'sin(a)**2 + cos(a)**2', 'a - mean(a*b)', 'sum(a*b)', 'a', '2*a + b**10', 'a**0']) {
      const fused = evaluate(expr, { a, b });
      const unfused = evaluate(expr, { a, b }, undefined, { fusion: false });
      expect(unfused).toEqual(fused);
    }
  });
});

describe('out and casting', () => {
  it('writes into out of another dtype when casting allows', () => {
    const i = new Int32Array([1, 2]);
    const out = new Float64Array(2);
    expect(evaluate('i * 2', { i }, out)).toBe(out);
    expect(Array.from(out)).toEqual([2, 4]);
    const f32 = new Float32Array(2);
    evaluate('x * 0.1', { x: new Float64Array([1, 2]) }, f32); // same_kind: float64 → float32 is allowed
    expect(f32[0]).toBe(Math.fround(0.1));
  });
  it('rejects what casting forbids, naming the rule', () => {
    const e = error(() => evaluate('x * 0.5', { x: new Float64Array(2) }, new Int32Array(2)));
    expect(e.code).toBe('BAD_OUT');
    expect(e.message).toMatch(/cannot write a float64 result into an int32 out with casting='same_kind'/);
    expect(error(() => evaluate('x * 0.5', { x: new Float64Array(2) }, new Float32Array(2), { casting: 'safe' })).code).toBe('BAD_OUT');
    const out = new Int32Array(2);
    evaluate('x * 2.5', { x: new Float64Array([1, 2]) }, out, { casting: 'unsafe' });
    expect(Array.from(out)).toEqual([2, 5]);
  });
  it('rejects out of the wrong length or type', () => {
    expect(error(() => evaluate('x + 1', { x: new Float64Array(3) }, new Float64Array(2))).reason).toBe('out has length 2 but the result has length 3');
    expect(error(() => evaluate('x + 1', { x: new Float64Array(3) }, [0, 0, 0] as unknown as Float64Array)).code).toBe('BAD_OUT');
    expect(error(() => evaluate('x + 1', { x: new Float64Array(3) }, new Int16Array(3))).code).toBe('BAD_OUT');
    expect(error(() => evaluate('sum(x)', { x: new Float64Array(3) }, new Float64Array(1))).code).toBe('BAD_OUT');
  });
});

describe('errors', () => {
  it('unknown variable with a suggestion and caret', () => {
    const e = error(() => evaluate('nxt * 2', { next: new Float64Array(1) }));
    expect(e.code).toBe('UNKNOWN_NAME');
    expect(e.message.split('\n')[0]).toBe("unknown variable 'nxt' at 1:1 — did you mean 'next'?");
    expect(e.excerpt).toBe('  nxt * 2\n  ^^^');
  });
  it('unknown function, wrong arity, function used as a variable', () => {
    expect(error(() => evaluate('sine(x)', { x })).message.split('\n')[0]).toBe("unknown function 'sine' at 1:1 — did you mean 'sin'?");
    expect(error(() => evaluate('arctan2(x)', { x })).code).toBe('ARITY');
    expect(error(() => evaluate('where(x, x)', { x })).reason).toBe('where() takes 3 arguments, got 2');
    expect(error(() => evaluate('sin + 1', { x })).code).toBe('UNKNOWN_NAME');
  });
  it('type errors point at the operator', () => {
    const e = error(() => evaluate('x + ~x', { x }));
    expect(e.code).toBe('TYPE');
    expect(e.column).toBe(5);
    expect(error(() => evaluate('x & 1', { x })).reason).toMatch(/'&': not supported for float64/);
    expect(error(() => evaluate('b - b', { b: asBool(new Uint8Array(2)) })).reason).toMatch(/boolean subtract/);
    expect(error(() => evaluate('-b', { b: asBool(new Uint8Array(2)) })).reason).toMatch(/boolean negative/);
  });
  it('int ** negative int, int32 overflow of a weak int', () => {
    const i = new Int32Array([1, 2]);
    expect(error(() => evaluate('i ** -1', { i })).code).toBe('VALUE');
    expect(error(() => evaluate('i ** s', { i, s: -1 })).code).toBe('VALUE');
    expect(error(() => evaluate('i + 3000000000', { i })).reason).toBe('integer 3000000000 is out of bounds for int32');
    expect(error(() => evaluate('i + s', { i, s: 3e9 })).code).toBe('VALUE');
    expect(Array.from(evaluate('i ** -1.0', { i }))).toEqual([1, 0.5]);
  });
  it('missing vars, bad vars, mismatched lengths', () => {
    expect(error(() => evaluate('a + b', { a: x })).reason).toBe("unknown variable 'b'");
    expect(error(() => evaluate('a + 1', { a: 'text' })).code).toBe('BAD_VAR');
    expect(error(() => evaluate('a + 1', { a: { length: 3 } })).code).toBe('BAD_VAR');
    expect(error(() => evaluate('a + 1', { a: [1, 'x'] })).code).toBe('BAD_VAR');
    expect(error(() => evaluate('a + b', { a: x, b: new Float64Array(2) })).reason).toBe("shapes [5] ('a') and [2] ('b') cannot be broadcast together");
    expect(error(() => evaluate('a + 1', { a: 2n ** 70n })).code).toBe('VALUE');
  });
  it('bad axis and keywords', () => {
    expect(error(() => evaluate('sum(x, axis=1)', { x })).code).toBe('SHAPE');
    expect(error(() => evaluate('sum(x, axis=a)', { x, a: 0 })).reason).toBe('sum(): axis must be an integer literal, a tuple of them, or None');
    expect(error(() => evaluate('sin(x, axis=0)', { x })).code).toBe('SYNTAX');
    expect(error(() => evaluate('sum(x, foo=0)', { x })).reason).toBe("unexpected keyword argument 'foo'");
  });
  it('bad options name the option', () => {
    expect(error(() => evaluate('x', { x }, undefined, { optimize: 'max' as never })).message).toMatch(/options.optimize must be one of/);
    expect(error(() => evaluate('x', { x }, undefined, { casting: 'loose' as never })).message).toMatch(/options.casting/);
    expect(error(() => evaluate('x', { x }, undefined, { blockSize: 0 })).message).toMatch(/options.blockSize/);
  });
});

describe('compile, validate, explain', () => {
  it('compile once, run many', () => {
    const k = compile('2*a + 3*b');
    const a = new Float64Array([1, 2]);
    const b = new Float64Array([10, 20]);
    const out = new Float64Array(2);
    expect(k.run({ a, b }, out)).toBe(out);
    expect(Array.from(out)).toEqual([32, 64]);
    expect(k.source).toContain('map_f8a_f8a__f8');
    expect(k.signature).toEqual({ a: 'float64[]', b: 'float64[]' });
    const k2 = compile('a + 1', { a: new Int32Array(0) });
    expect(k2.source).toContain('i4a');
    expect(() => compile('a +')).toThrow(FusexprError);
  });
  it('validate returns dtype and shape without running', () => {
    expect(validate('x * 2', { x })).toEqual({ dtype: 'float64', shape: [5] });
    expect(validate('sum(x > 0)', { x })).toEqual({ dtype: 'float64', shape: [] }); // an exact number (README: departures)
    expect(() => validate('x + y', { x })).toThrow(FusexprError);
  });
  it('explain shows passes, plan and source, and no user text in the source', () => {
    const ex = explain('sin(secret_name)**2 + cos(secret_name)**2', { secret_name: x });
    expect(ex.passes.map((p) => p.pass)).toEqual(['bind', 'foldConstants', 'expandPowers', 'simplify', 'foldConstants']);
    expect(ex.plan.kernels).toBe(1);
    expect(ex.plan.temporaries).toBe(0);
    expect(ex.source).not.toContain('secret_name');
    expect(String(ex)).toContain('generated source:');
    const unfused = explain('sin(x)**2 + cos(x)**2', { x }, { fusion: false });
    expect(unfused.plan.temporaries).toBeGreaterThan(0);
    expect(unfused.plan.temporaryBytes).toBe(unfused.plan.temporaries * 8 * x.length);
  });
});
