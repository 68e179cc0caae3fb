// The numexpr-style differential matrix: every operator and function × every dtype × scalar on
// either side, against the reference interpreter, at every optimization level.

import { describe, it, expect } from 'vitest';
import { arrays } from '../helpers/data.js';
import { mismatch, type Tolerance } from '../helpers/compare.js';
import type { RefVars } from '../helpers/reference.js';

const ARR = arrays();
const BOOLS = new Set<unknown>([ARR.bool]);
const DTYPES = ['bool', 'int32', 'int64', 'float32', 'float64'] as const;
const SCALARS: Record<string, number | boolean | bigint> = { sint: 3, sneg: -2, sfloat: 2.5, sbool: true, sbig: 5n };

const EXACT: Tolerance = { rtol: 0, atol: 0 }; // the reference mirrors each level's power expansion
const LEVELS = ['none', 'moderate', 'aggressive'] as const;

function check(expr: string, vars: RefVars) {
  for (const optimize of LEVELS) {
    const m = mismatch(expr, vars, { optimize }, EXACT, BOOLS);
    if (m) return `[${optimize}] ${m}`;
  }
  return undefined;
}

const BINARY = ['+', '-', '*', '/', '//', '%', '**', '<', '<=', '==', '!=', '>=', '>', '&', '|', '^', '<<', '>>'];

describe('binary operators × dtypes × operand kinds', () => {
  for (const op of BINARY) {
    it(`a ${op} b`, () => {
      const failures: string[] = [];
      for (const da of DTYPES) {
        for (const db of DTYPES) {
          const m = check(`a ${op} b`, { a: ARR[da], b: ARR[db] });
          if (m) failures.push(m);
        }
        for (const s of Object.keys(SCALARS)) {
          for (const expr of [`a ${op} ${s}`, `${s} ${op} a`]) {
            const m = check(expr, { a: ARR[da], [s]: SCALARS[s]! });
            if (m) failures.push(m);
          }
        }
        for (const lit of ['2', '2.0', '-3', '0.5']) {
          for (const expr of [`a ${op} ${lit}`, `${lit} ${op} a`]) {
            const m = check(expr, { a: ARR[da] });
            if (m) failures.push(m);
          }
        }
      }
      expect(failures.slice(0, 10)).toEqual([]);
    });
  }
});

const UNARY_FUNCTIONS = [
  'sin', 'cos', 'tan', 'arcsin', 'arccos', 'arctan', 'sinh', 'cosh', 'tanh', 'arcsinh', 'arccosh', 'arctanh',
  'log', 'log10', 'log1p', 'log2', 'exp', 'expm1', 'exp2', 'sqrt', 'cbrt', 'abs', 'floor', 'ceil', 'trunc', 'round',
  'sign', 'isnan', 'isinf', 'isfinite', 'signbit', 'float64', 'float32', 'int32', 'int64', 'bool',
  'asin', 'acos', 'atan', 'asinh', 'acosh', 'atanh',
];

describe('unary functions and operators × dtypes', () => {
  for (const fn of [...UNARY_FUNCTIONS, '-', '+', '~']) {
    it(fn, () => {
      const failures: string[] = [];
      for (const d of DTYPES) {
        const expr = fn.length === 1 ? `${fn}a` : `${fn}(a)`;
        const m = check(expr, { a: ARR[d] });
        if (m) failures.push(m);
        const ms = check(fn.length === 1 ? `${fn}s + a * 0` : `${fn}(s) + a * 0`, { a: ARR.float64, s: 2.5 });
        if (ms) failures.push(ms);
      }
      expect(failures).toEqual([]);
    });
  }
});

describe('binary functions × dtypes', () => {
  for (const fn of ['fmod', 'hypot', 'arctan2', 'atan2', 'copysign', 'minimum', 'maximum', 'min', 'max', 'pow', 'mod']) {
    it(fn, () => {
      const failures: string[] = [];
      for (const da of DTYPES) {
        for (const db of DTYPES) {
          const m = check(`${fn}(a, b)`, { a: ARR[da], b: ARR[db] });
          if (m) failures.push(m);
        }
        const m = check(`${fn}(a, 2)`, { a: ARR[da] });
        if (m) failures.push(m);
      }
      expect(failures.slice(0, 10)).toEqual([]);
    });
  }
});

describe('ternary functions', () => {
  it('where and clip over every dtype', () => {
    const failures: string[] = [];
    for (const dc of DTYPES) {
      for (const da of DTYPES) {
        for (const db of DTYPES) {
          const m = check('where(c, a, b)', { c: ARR[dc], a: ARR[da], b: ARR[db] });
          if (m) failures.push(m);
        }
      }
      for (const expr of ['clip(a, -1, 5)', 'clip(a, 5, -1)', 'clip(a, lo, hi)', 'where(a > 0, a, 0)', 'where(a, 1, 2.5)']) {
        const m = check(expr, { a: ARR[dc], lo: -2, hi: 3.5 });
        if (m) failures.push(m);
      }
    }
    expect(failures.slice(0, 10)).toEqual([]);
  });
});

describe('reductions × dtypes, anywhere in the expression', () => {
  const RTOL: Tolerance = { rtol: 1e-12, atol: 1e-300 };
  for (const r of ['sum', 'prod', 'mean', 'min', 'max', 'any', 'all', 'product', 'amin', 'amax']) {
    it(r, () => {
      const failures: string[] = [];
      for (const d of DTYPES) {
        for (const expr of [`${r}(a)`, `${r}(a, axis=0)`, `${r}(a, axis=-1)`, `a - ${r}(a)`, `${r}(a * 2) + 1`, `${r}(a - ${r}(a))`]) {
          for (const data of [ARR[d], finite(d)]) {
            const m = mismatch(expr, { a: data }, {}, RTOL, BOOLS);
            if (m) failures.push(m);
          }
        }
      }
      expect(failures.slice(0, 10)).toEqual([]);
    });
  }
});

function finite(d: (typeof DTYPES)[number]) {
  if (d === 'float64') return new Float64Array([1.5, -2, 3.25, 0.5, 8]);
  if (d === 'float32') return new Float32Array([1.5, -2, 3.25, 0.5, 8]);
  return ARR[d];
}

describe("the closures backend (codegen: 'closures', for no-eval environments) passes the same matrix", () => {
  it('operators, functions and reductions × dtypes', () => {
    const failures: string[] = [];
    const exprs: string[] = [];
    for (const op of BINARY) exprs.push(`a ${op} b`, `a ${op} 2`, `sint ${op} a`);
    for (const fn of UNARY_FUNCTIONS) exprs.push(`${fn}(a)`);
    for (const fn of ['fmod', 'hypot', 'arctan2', 'copysign', 'minimum', 'maximum']) exprs.push(`${fn}(a, b)`);
    for (const r of ['sum', 'prod', 'mean', 'min', 'max', 'any', 'all']) exprs.push(`${r}(a)`, `a - ${r}(a)`);
    exprs.push('where(a > b, a, b)', 'clip(a, -1, 5)', '-a', '~a', 'a**3 + a**0.5');
    for (const expr of exprs) {
      for (const da of DTYPES) {
        for (const db of ['float64', 'int32', 'bool'] as const) {
          for (const optimize of LEVELS) {
            const m = mismatch(expr, { a: ARR[da], b: ARR[db], sint: 3 }, { optimize, codegen: 'closures', blockSize: 5 }, EXACT, BOOLS);
            if (m && !/sum|mean|prod/.test(expr)) failures.push(`[${optimize}] ${m}`);
            // reductions over several blocks may round differently from the sequential reference
            else if (m && /sum|mean|prod/.test(expr)) {
              const one = mismatch(expr, { a: ARR[da], b: ARR[db], sint: 3 }, { optimize, codegen: 'closures' }, EXACT, BOOLS);
              if (one) failures.push(`[${optimize}] ${one}`);
            }
          }
        }
      }
    }
    expect(failures.slice(0, 10)).toEqual([]);
  });
});
