// Untrusted expressions: no text can become code. Every hostile expression either evaluates as plain
// arithmetic on vars or raises FusexprError, and a canary proves nothing else ran. Names that collide
// with JS keywords, globals or generated locals are ordinary variables.

import { describe, it, expect, afterEach } from 'vitest';
import fc from 'fast-check';
import { FusexprError } from '../../src/index.js';
import { evaluate, explain } from '../helpers/untyped.js';

const g = globalThis as { __fusexprCanary?: unknown };
afterEach(() => {
  expect(g.__fusexprCanary).toBeUndefined();
});

const a = new Float64Array([1, 2, 3]);

/** Either a FusexprError or a value: never another exception, never a side effect. */
function attempt(expr: string, vars: Record<string, unknown>): unknown {
  try {
    return evaluate(expr, vars);
  } catch (e) {
    expect(e, `${JSON.stringify(expr)} threw ${String(e)}`).toBeInstanceOf(FusexprError);
    return e;
  }
}

const HOSTILE = [
  "constructor.constructor('globalThis.__fusexprCanary = 1')()",
  'a.constructor',
  'a.__proto__',
  "a['constructor']",
  '`${globalThis.__fusexprCanary = 1}`',
  "'x'",
  '"x"',
  'a /* comment */ + 1',
  'a // comment',
  'a; globalThis.__fusexprCanary = 1',
  'a, globalThis.__fusexprCanary = 1',
  'a = 1',
  'globalThis.__fusexprCanary = 1',
  '(globalThis.__fusexprCanary = 1)',
  'a[0]',
  '[a]',
  '{a}',
  'a\\u0061',
  '\\u0061',
  'a\u2028+ 1',
  'a\u0000',
  'this',
  'this.a',
  'globalThis',
  'process.exit(1)',
  "require('fs')",
  "import('fs')",
  'new Function()',
  'eval("1")',
  'a => a',
  'a ? a : a',
  'a ?? a',
  'a?.b',
  'a++',
  '--a',
  '-(-a)',
  'a === a',
  '!a',
  'a && a',
  'a || a',
  'void a',
  'typeof a',
  'delete a',
  '#a',
  '@a',
  '$a',
  'a$',
  'é',
  '😀',
  'sin(a)(a)',
  '(a)(a)',
  'sum(a, axis=globalThis)',
  'sum(a, constructor=0)',
  'where(a, a, a, a)',
  'x'.repeat(100_000),
  `a${'+a'.repeat(5000)}`,
  '('.repeat(1000) + 'a' + ')'.repeat(1000),
];

describe('hostile expressions', () => {
  it.each(HOSTILE.map((h) => [h.length > 60 ? `${h.slice(0, 60)}…` : h, h]))('%s', (_label, expr) => {
    attempt(expr, { a });
  });
});

// Names a generated kernel or the JS around it might use: as vars they must simply work.
const NAMES = [
  'constructor', '__proto__', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'i', 'n', 'out', 'start', 'end',
  'B', 'H', 'acc', 's', 'b', 'p0', 'x0', 't0', 'h0', 'kernel', 'blocks', 'claim', 'partials', 'ctl', 'total',
  'return', 'arguments', 'Math', 'this', 'globalThis', 'process', 'require', 'import', 'eval', 'Function', 'undefined',
  'NaN', 'Infinity', 'let', 'var', 'const', 'new', 'delete', 'typeof', 'void', 'null', 'class', 'super', 'with',
  'debugger', 'await', 'yield', 'function', 'Number', 'BigInt', 'Atomics', 'use', 'strict', '_', '__', 'x'.repeat(10_000),
];

describe('names that collide with keywords, globals and generated locals are plain variables', () => {
  it.each(NAMES.map((n) => [n.length > 20 ? `${n.slice(0, 20)}…` : n, n]))('%s', (_label, name) => {
    const vars: Record<string, unknown> = {};
    Object.defineProperty(vars, name, { value: a, enumerable: true }); // own property, even for __proto__
    const r = evaluate(`${name} * 2 + ${name}`, vars) as Float64Array;
    expect(Array.from(r)).toEqual([3, 6, 9]);
    expect(evaluate(`sum(${name})`, vars)).toBe(6);
    const source = explain(`${name} * 2 + 1`, vars).source;
    if (name.length > 3) expect(source.includes(name) && !['Math', 'BigInt', 'Number', 'Atomics', 'return', 'const', 'function', 'kernel', 'blocks', 'claim', 'partials', 'total', 'start', 'strict', 'use', 'Infinity'].includes(name)).toBe(false);
  });

  it('a name not passed is an error, never a global or a prototype property', () => {
    for (const name of ['constructor', 'toString', '__proto__', 'Math', 'process', 'globalThis', 'hasOwnProperty']) {
      const e = attempt(`${name} + 1`, { a });
      expect((e as FusexprError).code).toBe('UNKNOWN_NAME');
    }
  });
});

describe('properties', () => {
  it('random strings: a value or a FusexprError, and nothing runs', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        attempt(s, { a });
      }),
      { numRuns: 2000, seed: 11 },
    );
  });

  it('random token soup over hostile tokens', () => {
    const token = fc.constantFrom('a', 'constructor', '.', '(', ')', '[', ']', "'", '`', '$', '{', '}', ';', ',', '=', '+', '**', 'sin', 'sum', 'axis', '1', '0x', 'e', '/*', '*/', '//', '\\', 'u0061', ' ', '\n', 'globalThis', '__fusexprCanary');
    fc.assert(
      fc.property(fc.array(token, { maxLength: 25 }), (tokens) => {
        attempt(tokens.join(''), { a, constructor: a });
      }),
      { numRuns: 3000, seed: 12 },
    );
  });

  it('generated source never contains a var name (names are numbered parameters)', () => {
    const ident = fc.stringMatching(/^[a-z][a-z0-9_]{0,12}$/).map((s) => `zq_${s}`);
    fc.assert(
      fc.property(fc.uniqueArray(ident, { minLength: 1, maxLength: 4 }), (names) => {
        const vars = Object.fromEntries(names.map((n) => [n, a]));
        const ex = explain(names.join(' * 2 + ') + ' - 1', vars);
        expect(ex.source).not.toMatch(/zq_/);
      }),
      { numRuns: 200, seed: 13 },
    );
  });
});
