// Regressions found by a differential run against NumPy 2.4 (front half: parse, bind, optimize, ops,
// vars). Expected values are NumPy's, written in with the NumPy call that gave them.

import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { asBool, empty, clearCaches, FusexprError } from '../../src/index.js';
import { evaluate, validate } from '../helpers/untyped.js';
import { parse, LIMITS } from '../../src/parse/index.js';
import { printExpr } from '../../src/ast/print.js';
import { fusexprError } from '../helpers/errors.js';

const error = fusexprError;

/** Values with the sign of zero visible (toEqual treats -0 and 0 as different, but prints them alike). */
const signed = (a: ArrayLike<number>) => Array.from(a, (v) => (Object.is(v, -0) ? '-0' : String(v)));

describe('float floor division and remainder', () => {
  // np.floor_divide(a, b) and np.remainder(a, b), the same for float64 and float32 arrays
  const a = [0, -0, 0, -0, 1, -1, Infinity, -Infinity, NaN, 7, -7];
  const b = [-3, 3, Infinity, -Infinity, -Infinity, Infinity, 3, -3, 3, 0, -0];
  const floorDivide = ['-0', '-0', '0', '0', '-1', '-1', 'NaN', 'NaN', 'NaN', 'Infinity', 'Infinity'];
  const remainder = ['-0', '0', '0', '-0', '-Infinity', 'Infinity', 'NaN', 'NaN', 'NaN', 'NaN', 'NaN'];

  for (const Arr of [Float64Array, Float32Array]) {
    it(`${Arr.name}: a zero quotient keeps its sign (0.0 // -3.0 is -0.0), and every ±0/±inf/nan case is numpy's`, () => {
      const vars = { a: Arr.from(a), b: Arr.from(b) };
      expect(signed(evaluate('a // b', vars))).toEqual(floorDivide);
      expect(signed(evaluate('a % b', vars))).toEqual(remainder);
    });
  }

  it('float32 floor division rounds each step in float32, as numpy does', () => {
    // np.floor_divide(np.float32(-1077520.5), np.float32(0.11103677749633789)) → -9704176.0
    // np.floor_divide(np.float32(-565099.375), np.float32(-0.004758078139275312)) → 118766312.0
    const a = Float32Array.from([-1077520.5, -565099.375]);
    const b = Float32Array.from([0.11103677749633789, -0.004758078139275312]);
    expect(Array.from(evaluate('a // b', { a, b }))).toEqual([-9704176, 118766312]);
  });

  it('constant folding gives the same signed zero: 0.0 // -3.0 is -0.0', () => {
    // 0.0 // -3.0 → -0.0 (Python and np.floor_divide)
    expect(Object.is(evaluate('0.0 // -3.0'), -0)).toBe(true);
    // np.array([-0.0]) + (0.0 // -3.0) → [-0.0]: the folded -0 reaches the kernel
    expect(signed(evaluate('x + 0.0 // -3.0', { x: new Float64Array([-0]) }))).toEqual(['-0']);
  });
});

describe('promotion of three operands', () => {
  const b = asBool(new Uint8Array([1, 0]));
  const f = new Float32Array([0.5, 2]);
  const i = new Int32Array([3, -1]);
  // np.clip(bool_arr, 0, f32_arr).dtype → float32; np.clip(f32_arr, 0, bool_arr).dtype → float32;
  // np.clip(bool_arr, 0.5, i32_arr) → float64; np.clip(bool_arr, 1, 0.5) → float64; np.clip(bool_arr, 0, bool_arr) → int64
  const cases: [string, string][] = [
    ['clip(b, 0, f)', 'float32'], ['clip(f, 0, b)', 'float32'], ['clip(b, f, 0)', 'float32'],
    ['clip(b, 0.5, i)', 'float64'], ['clip(b, 1, 0.5)', 'float64'], ['clip(i, 0, f)', 'float64'], ['clip(b, 0, b)', 'int64'],
    // np.where(c, bool_arr, 1).dtype and np.where(c, 1, bool_arr).dtype → int64
    ['where(b, b, 1)', 'int64'], ['where(b, 1, b)', 'int64'],
  ];
  for (const [expr, dtype] of cases) {
    it(`${expr} is ${dtype} whatever the argument order (strong dtypes promote first, then weak scalars), in validate and evaluate`, () => {
      expect(validate(expr, { b, f, i }).dtype).toBe(dtype);
      const r = evaluate(expr, { b, f, i });
      expect(r.constructor.name).toBe({ float32: 'Float32Array', float64: 'Float64Array', int64: 'BigInt64Array' }[dtype]);
    });
  }

  it('clip(bool, 0, f32) values are numpy\'s', () => {
    // np.clip(np.array([True, False]), 0, np.float32([0.5, 2])) → [0.5, 0.0] float32
    expect(Array.from(evaluate('clip(b, 0, f)', { b, f }))).toEqual([0.5, 0]);
  });
});

describe('folds keep the shape of the array operands they drop', () => {
  const x = new Float64Array([1, NaN, -Infinity, 0, 2]);

  it('x**0 keeps the array shape: sum(x**0) is n', () => {
    // np.sum(x**0) → 5.0 (x**0 is all ones, nan and inf included)
    expect(evaluate('sum(x**0)', { x })).toBe(5);
    // (a + 1)**0 → np.ones(5)
    expect(Array.from(evaluate('(x + 1)**0', { x }))).toEqual([1, 1, 1, 1, 1]);
    expect(Array.from(evaluate('i**0', { i: new Int32Array([7, -3, 0]) }))).toEqual([1, 1, 1]);
    expect(validate('(x + 1)**0', { x }).shape).toEqual([5]);
  });

  it('x**0 writes into out', () => {
    const out = new Float64Array(5);
    expect(evaluate('x**0', { x }, out)).toBe(out);
    expect(Array.from(out)).toEqual([1, 1, 1, 1, 1]);
  });

  it('an exponent that folds to 0 keeps the shape too: f32 ** minimum(1e-300, 7)', () => {
    // np.float32 array ** np.minimum(1e-300, 7) → ones of the array's length
    const f = new Float32Array([3, 0.5, 2]);
    expect(Array.from(evaluate('f ** minimum(1e-300, 7)', { f }))).toEqual([1, 1, 1]);
    expect(evaluate('sum(f ** minimum(1e-300, 7))', { f })).toBe(3);
  });

  it('where(<constant>, p, q) keeps the broadcast shape of p and q: [3,1] and [3,4] give [3,4]', () => {
    const p = { data: new Float64Array([1, 2, 3]), shape: [3, 1] };
    const q = { data: new Float64Array(12).fill(9), shape: [3, 4] };
    // np.where(True, p, q).shape → (3, 4); values: p broadcast along the rows
    expect(validate('where(true, p, q)', { p, q }).shape).toEqual([3, 4]);
    const r = evaluate('where(true, p, q)', { p, q });
    expect(r.shape).toEqual([3, 4]);
    expect(Array.from(r.data)).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3]);
    // np.where(False, p, q) → q, shape (3, 4)
    expect(evaluate('where(false, p, q)', { p, q }).shape).toEqual([3, 4]);
  });

  it('where(<constant>, x, y) with unequal lengths still raises SHAPE', () => {
    // np.where(True, np.zeros(3), np.zeros(4)) → ValueError: operands could not be broadcast together
    expect(error(() => evaluate('where(true, a, b)', { a: new Float64Array(3), b: new Float64Array(4) })).code).toBe('SHAPE');
  });
});

describe('int64 → float32 rounds once', () => {
  const ints = [2n ** 60n + 2n ** 36n + 1n, -(2n ** 60n + 2n ** 36n + 1n), 2n ** 63n - 1n, -(2n ** 63n), 2n ** 53n + 1n, 2n ** 24n + 1n, 9007199791611905n, 123456789012345678n];
  // np.array(ints, np.int64).astype(np.float32), as Python ints
  const numpy = [1152921642045800448, -1152921642045800448, 9223372036854775808, -9223372036854775808, 9007199254740992, 16777216, 9007200328482816, 123456790519087104];
  const k = BigInt64Array.from(ints);

  it('float32(int64 array) rounds to nearest even once: 2**60 + 2**36 + 1 → 2**60 + 2**37', () => {
    expect(Array.from(evaluate('float32(k)', { k }) as Float32Array)).toEqual(numpy);
    expect(Array.from(evaluate('float32(k)', { k }, undefined, { codegen: 'closures' }) as Float32Array)).toEqual(numpy);
  });

  it('an int64 result written into a Float32Array out rounds once', () => {
    const out = new Float32Array(k.length);
    evaluate('k * 1', { k }, out);
    expect(Array.from(out)).toEqual(numpy);
  });

  it('float32(2**60 + 2**36 + 1) folds to 2**60 + 2**37, as the int64 cast', () => {
    // np.int64(2**60 + 2**36 + 1).astype(np.float32) → 1152921642045800448 (np.float32 of a Python int goes
    // through float64 and gives 2**60; fusexpr's literal is an int64, so its explicit cast is astype's)
    expect(evaluate('float32(2**60 + 2**36 + 1)')).toBe(2 ** 60 + 2 ** 37);
  });

  it('a weak int meeting a float32 array converts through float64, as numpy does', () => {
    // np.zeros(1, np.float32) + (2**60 + 2**36 + 1) → [1152921504606846976] (2**60)
    expect(Array.from(evaluate('f + (2**60 + 2**36 + 1)', { f: new Float32Array(1) }))).toEqual([2 ** 60]);
  });
});

describe('integer literal arithmetic is exact (Python ints), then must fit where it is used', () => {
  const f = new Float64Array([1, 0.5]);
  const i = new Int32Array([1, 2]);
  const k = new BigInt64Array([1n, 2n]);

  it('f * 10**20 is 1e20 * f, not a wrapped int64', () => {
    // np.array([1, 0.5]) * 10**20 → [1e+20, 5e+19]
    expect(Array.from(evaluate('f * 10**20', { f }))).toEqual([1e20, 5e19]);
    // np.array([1, 0.5]) + 2**64 → [1.8446744073709552e+19, 1.8446744073709552e+19]
    expect(Array.from(evaluate('f + 2**64', { f }))).toEqual([2 ** 64 + 1, 2 ** 64 + 0.5]);
    // and the literal itself: np.array([1, 0.5]) + 18446744073709551616 → the same
    expect(Array.from(evaluate('f + 18446744073709551616', { f }))).toEqual([2 ** 64, 2 ** 64]);
    // 2**64 // 2**60 * f: Python's 16 * f
    expect(Array.from(evaluate('2**64 // 2**60 * f', { f }))).toEqual([16, 8]);
  });

  it('i32 + 2**32 raises VALUE like the literal i32 + 4294967296', () => {
    // np.int32 array + 2**32 → OverflowError: Python integer 4294967296 out of bounds for int32
    for (const expr of ['i + 2**32', 'i + 4294967296', 'i + (2**31 + 2**31)']) {
      const e = error(() => evaluate(expr, { i }));
      expect(e.code).toBe('VALUE');
      expect(e.reason).toBe('integer 4294967296 is out of bounds for int32');
    }
    // np.int32 array + (2**32 - 2**32 + 5) → [6, 7]: the exact value fits
    expect(Array.from(evaluate('i + (2**32 - 2**32 + 5)', { i }))).toEqual([6, 7]);
  });

  it('int64 arrays: 2**63 does not fit, -2**63 does', () => {
    // np.int64 array + 2**63 → OverflowError; + 2**64 → OverflowError; + (-2**63) → [-9223372036854775807, …]
    expect(error(() => evaluate('k + 2**63', { k })).code).toBe('VALUE');
    expect(error(() => evaluate('k + 2**64', { k })).code).toBe('VALUE');
    expect(error(() => evaluate('k * 10**20', { k })).code).toBe('VALUE');
    expect(Array.from(evaluate('k + -2**63', { k }))).toEqual([-(2n ** 63n) + 1n, -(2n ** 63n) + 2n]);
  });

  it("a Python int too large for a float raises, as numpy's OverflowError", () => {
    // np.array([1.0]) + 2**1100 → OverflowError: int too large to convert to float
    expect(error(() => evaluate('f + 2**1100', { f })).code).toBe('VALUE');
    // np.float32 array + 2**200 → [inf]: it converts to float64 first, then rounds to float32
    expect(Array.from(evaluate('g + 2**200', { g: new Float32Array(1) }))).toEqual([Infinity]);
  });

  it('explicit casts of integer literals: int32(2**40) raises, float64(2**64) converts', () => {
    // np.int32(2**40) → OverflowError: Python integer 1099511627776 out of bounds for int32
    expect(error(() => evaluate('int32(2**40) + i', { i })).code).toBe('VALUE');
    expect(error(() => evaluate('int64(2**64) + k', { k })).code).toBe('VALUE');
    // np.float64(2**64) → 1.8446744073709552e+19
    expect(Array.from(evaluate('float64(2**64) + f', { f }))).toEqual([2 ** 64, 2 ** 64]);
  });

  it('a scalar-only result beyond int64 raises instead of wrapping', () => {
    // Python: 2**64 is 18446744073709551616; numpy has no int64 for it (OverflowError as a C long)
    expect(error(() => evaluate('2**64')).code).toBe('VALUE');
    // Python: 2**70 // 2**20 is 2**50; 2**64 - 2**64 + 7 is 7
    expect(Number(evaluate('2**70 // 2**20'))).toBe(2 ** 50);
    expect(Number(evaluate('2**64 - 2**64 + 7'))).toBe(7);
    // a weak int var computes at run time, in int64: the literal must fit there
    expect(error(() => evaluate('n + 2**64', { n: 1 })).code).toBe('VALUE');
  });

  it('huge literal arithmetic is refused quickly, not computed', () => {
    const e = error(() => evaluate('f + 2**10**9', { f }));
    expect(e.code).toBe('VALUE');
    expect(e.column).toBe(5);
  });
});

describe('bad views are FusexprErrors with codes', () => {
  const x = new Float64Array([1, 2, 3, 4]);
  const codeOf = (f: () => unknown) => error(f).code;

  it('a zero-stride view of shape [1e8, 1e8] is LIMIT (more than 2**53 - 1 elements), not a RangeError', () => {
    const v = { data: x, shape: [1e8, 1e8], stride: [0, 0] };
    expect(codeOf(() => evaluate('v + 1', { v }))).toBe('LIMIT');
    expect(codeOf(() => evaluate('sum(v)', { v }))).toBe('LIMIT');
    expect(codeOf(() => validate('v + 1', { v }))).toBe('LIMIT');
  });

  it('a result too large to allocate is LIMIT: [1e5, 1] + [1, 1e5] zero-stride views', () => {
    const a = { data: x, shape: [1e5, 1], stride: [0, 0] };
    const b = { data: x, shape: [1, 1e5], stride: [0, 0] };
    expect(codeOf(() => evaluate('a + b', { a, b }))).toBe('LIMIT');
  });

  it("empty('float64', 2**40) is LIMIT", () => {
    expect(codeOf(() => empty('float64', 2 ** 40))).toBe('LIMIT');
  });

  it('typed-array shape and stride are accepted; array-likes and non-integers are BAD_VAR / BAD_OUT', () => {
    const r = evaluate('v * 10', { v: { data: x, shape: new Int32Array([2, 2]), stride: new Int32Array([1, 2]) } });
    expect(r.shape).toEqual([2, 2]);
    expect(Array.from(r.data)).toEqual([10, 30, 20, 40]); // np.array([1,2,3,4]).reshape(2,2).T * 10
    const bad = [{ length: 2, 0: 1, 1: 1 }, 'ab', [1.5, 1], [2 ** 60, 1], [1], null];
    for (const stride of bad) {
      expect(codeOf(() => evaluate('v + 1', { v: { data: x, shape: [2, 2], stride } }))).toBe('BAD_VAR');
      const v = { data: x, shape: [2, 2] };
      expect(codeOf(() => evaluate('v + 1', { v }, { data: new Float64Array(4), shape: [2, 2], stride: stride as unknown as number[] }))).toBe('BAD_OUT');
    }
    expect(error(() => evaluate('v + 1', { v: { data: x, shape: [2, 2], stride: { length: 2, 0: 1, 1: 1 } } })).reason).toBe(
      "var 'v': stride must be an Array or a typed array of integers, got an object (Object)",
    );
    expect(codeOf(() => evaluate('v + 1', { v: { data: x, shape: [2], offset: 0.5 } }))).toBe('BAD_VAR');
    expect(codeOf(() => evaluate('x + 1', { x }, { data: new Float64Array(4), shape: [4], stride: [2] }))).toBe('BAD_OUT');
  });
});

describe('self-overlapping out views', () => {
  const x = new Float64Array([1, 2, 3, 4, 5, 6]);
  const m = { data: x, shape: [2, 3] };

  it('stride 0 on an axis of size > 1 is BAD_OUT (numpy writes it nondeterministically; fusexpr refuses)', () => {
    const out = { data: new Float64Array(3), shape: [2, 3], stride: [0, 1] };
    const e = error(() => evaluate('m + 1', { m }, out));
    expect(e.code).toBe('BAD_OUT');
    expect(e.reason).toBe('out: shape [2, 3] with stride [0, 1] writes elements more than once (stride 0 on axis 0 of size 2)');
  });

  it('rows that overlap each other are BAD_OUT: shape [2, 3] with stride [2, 1]', () => {
    const out = { data: new Float64Array(5), shape: [2, 3], stride: [2, 1] };
    expect(error(() => evaluate('m + 1', { m }, out)).code).toBe('BAD_OUT');
    // interleaved but disjoint (addresses 0,3,6 and 2,5,8… shape [2, 3], stride [2, 3]): accepted and right
    const ok = { data: new Float64Array(9), shape: [2, 3], stride: [2, 3] };
    evaluate('m + 1', { m }, ok);
    expect(Array.from(ok.data)).toEqual([2, 0, 5, 3, 0, 6, 4, 0, 7]);
    // a size-1 axis may have any stride, a reversed view is fine
    const rev = { data: new Float64Array(3), shape: [1, 3], stride: [0, -1], offset: 2 };
    evaluate('v + 1', { v: { data: x, shape: [1, 3] } }, rev);
    expect(Array.from(rev.data)).toEqual([4, 3, 2]);
  });
});

describe('nesting limits are counts, checked before parsing', () => {
  const x = new Float64Array([2]);
  const { maxNesting, maxChain } = LIMITS;

  it(`${LIMITS.maxNesting} nested parentheses or calls always parse, ${LIMITS.maxNesting + 1} are always LIMIT`, () => {
    const parens = (k: number) => '('.repeat(k) + 'x + 1' + ')'.repeat(k);
    const calls = (k: number) => 'abs('.repeat(k) + '-x' + ')'.repeat(k);
    for (let round = 0; round < 5; round++) {
      clearCaches(); // parse again each round: the outcome must not depend on JIT state
      expect(Array.from(evaluate(parens(maxNesting), { x }))).toEqual([3]);
      expect(Array.from(evaluate(calls(maxNesting), { x }))).toEqual([2]);
      const e = error(() => evaluate(parens(maxNesting + 1), { x }));
      expect(e.code).toBe('LIMIT');
      expect(e.reason).toBe(`parentheses nest deeper than ${maxNesting} levels`);
      expect(e.column).toBe(maxNesting + 1);
      expect(error(() => evaluate(calls(maxNesting + 1), { x })).code).toBe('LIMIT');
    }
  });

  it(`unary runs and ** chains: ${LIMITS.maxChain} parse, one more is LIMIT; parentheses reset the count`, () => {
    expect(Array.from(evaluate('-'.repeat(maxChain) + 'x', { x }))).toEqual([2]);
    expect(error(() => evaluate('-'.repeat(maxChain + 1) + 'x', { x })).code).toBe('LIMIT');
    expect(error(() => evaluate('x' + '**-1'.repeat(maxChain / 2 + 1), { x })).code).toBe('LIMIT');
    // x**(1**(1**…)) nests by parentheses instead
    expect(Array.from(evaluate('x' + '**(1'.repeat(maxChain + 1) + ')'.repeat(maxChain + 1), { x }))).toEqual([2]);
  });

  it('at the limits, a fresh process parses every form with a third of Node\'s default stack', () => {
    const script = fileURLToPath(new URL('./fixtures/nesting.ts', import.meta.url));
    const r = spawnSync(process.execPath, ['--stack-size=300', '--import', 'tsx', script], { encoding: 'utf8', timeout: 30_000 });
    expect(r.status, r.stderr).toBe(0);
    const outcomes = JSON.parse(r.stdout.trim()) as Record<string, string>;
    for (const [form, outcome] of Object.entries(outcomes)) expect([form, outcome]).toEqual([form, form === 'unclosed' ? 'SYNTAX' : form.endsWith('+1') ? 'LIMIT' : 'ok']);
  });

  it('deep groups parse to the same AST and report the same syntax errors as a single pass', () => {
    const deep = (inner: string) => '('.repeat(40) + inner + ')'.repeat(40);
    expect(printExpr(parse(deep('sum(a * -b, axis=1) + c ** -d ** e')))).toBe(printExpr(parse('sum(a * -b, axis=1) + c ** -d ** e')));
    const e = error(() => parse(deep('a + * b')));
    expect([e.reason, e.column]).toEqual(["unexpected '*'", 45]);
    expect(error(() => parse('(* ' + deep('a +') + ')')).column).toBe(2); // the first error in the text, not the innermost
    expect(error(() => parse(deep('a') + ')')).reason).toBe("unexpected ')'");
    expect(error(() => parse('(' + deep('a'))).reason).toBe('unexpected end of expression');
    // unclosed parentheses at the limit: SYNTAX, never a stack overflow read as LIMIT
    for (let round = 0; round < 5; round++) expect(error(() => parse('('.repeat(LIMITS.maxNesting) + 'a')).code).toBe('SYNTAX');
  });
});

describe('Python ints from int vars (weak ints computed at run time)', () => {
  it('are exact: 1.0 >= b**3 with b = 3e9 is false (no int64 wraparound), b**3 // 10**20 is 270000000', () => {
    const b = 3_000_000_000;
    for (const o of [{}, { fusion: false }, { codegen: 'closures' as const }]) {
      expect(evaluate('1.0 >= b ** 3', { b }, undefined, o)).toBe(false);
      expect(evaluate('b ** 3 // 10**20', { b }, undefined, o)).toBe(270000000);
      expect(Array.from(evaluate('f + b * b', { b, f: new Float64Array([1]) }, undefined, o) as Float64Array)).toEqual([9e18 + 1]);
    }
  });
  it('must fit where they meet an int array, are cast, or are returned: VALUE, as NumPy raises', () => {
    const b = 3_000_000_000;
    expect(() => evaluate('i + b * b', { b, i: new Int32Array([1]) })).toThrow(/out of bounds for int32/);
    expect(() => evaluate('b ** 3', { b })).toThrow(/out of bounds for int64/);
    expect(() => evaluate('int32(a)', { a: 2 ** 40 })).toThrow(/out of bounds for int32/); // np.int32(2**40): OverflowError
    expect(evaluate('int32(a)', { a: 7 })).toBe(7);
    expect(Array.from(evaluate('k + b * b', { b, k: new BigInt64Array([1n]) }) as BigInt64Array)).toEqual([9000000000000000001n]);
  });
  it('int arrays compare with any Python int, as NumPy 2 allows: i32 == 2**40 is false, i32 < n for n = 2**40 is true', () => {
    const i = new Int32Array([1, -7]);
    expect(Array.from(evaluate('i == 1099511627776', { i }) as Uint8Array)).toEqual([0, 0]);
    expect(Array.from(evaluate('i < n', { i, n: 2 ** 40 }) as Uint8Array)).toEqual([1, 1]);
    expect(Array.from(evaluate('(i * i) < -n', { i, n: 2 ** 40 }) as Uint8Array)).toEqual([0, 0]);
  });
  it('a float power with the scalar exponent 0.5 is sqrt, as NumPy\'s power (its fast path); an array of 0.5s is C pow', () => {
    const x = new Float64Array([-Infinity, -0, 4]);
    const r = Array.from(evaluate('x ** 0.5', { x }) as Float64Array);
    expect(r[0]).toBeNaN(); // np.array([-inf]) ** 0.5 → nan
    expect(Object.is(r[1], -0)).toBe(true); // np.array([-0.]) ** 0.5 → -0.
    expect(r[2]).toBe(2);
    expect(Array.from(evaluate('pow(x, p)', { x, p: 0.5 }) as Float64Array)).toEqual([NaN, -0, 2]); // np.power(x, 0.5): the same fast path for any scalar exponent
    expect(Array.from(evaluate('x ** e', { x, e: new Float64Array([0.5, 0.5, 0.5]) }) as Float64Array)).toEqual([Infinity, 0, 2]); // an array exponent: C pow
  });
});
