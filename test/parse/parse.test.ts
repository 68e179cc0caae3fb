// The parser: precedence and associativity (Python's), literals, spans, and syntax errors pinned by
// message and column; print∘parse round-trips for random trees.

import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parse } from '../../src/parse/index.js';
import { printExpr } from '../../src/ast/print.js';
import { FusexprError } from '../../src/errors.js';
import type { Expr } from '../../src/ast/nodes.js';

/** Fully parenthesized structure, ignoring spans: the shape precedence decides. */
function shape(e: Expr): string {
  switch (e.kind) {
    case 'number': return e.int !== undefined ? `${e.int}` : `${e.value}f`;
    case 'name': return e.name;
    case 'unary': return `(${e.op}${shape(e.arg)})`;
    case 'binary': return `(${shape(e.left)} ${e.op} ${shape(e.right)})`;
    case 'call': return `${e.callee}(${[...e.args.map(shape), ...e.keywords.map((k) => `${k.name}=${shape(k.value)}`)].join(', ')})`;
    case 'tuple': return `(${e.items.map(shape).join(', ')},)`;
  }
}
const p = (s: string) => shape(parse(s));

function syntaxError(text: string): FusexprError {
  try {
    parse(text);
  } catch (e) {
    expect(e).toBeInstanceOf(FusexprError);
    return e as FusexprError;
  }
  throw new Error(`expected ${text} to fail`);
}

describe('precedence and associativity', () => {
  it.each([
    ['-2**2', '(-(2 ** 2))'],
    ['2**-1', '(2 ** (-1))'],
    ['a**b**c', '(a ** (b ** c))'],
    ['-a**-b', '(-(a ** (-b)))'],
    ['a*b+c', '((a * b) + c)'],
    ['a+b*c', '(a + (b * c))'],
    ['a-b-c', '((a - b) - c)'],
    ['a/b/c', '((a / b) / c)'],
    ['a//b%c', '((a // b) % c)'],
    ['a << 1 + 2', '(a << (1 + 2))'],
    ['a & b | c ^ d', '((a & b) | (c ^ d))'],
    ['a | b & c', '(a | (b & c))'],
    ['a > 0 & b < 1', '((a > (0 & b)) < 1)'.replace(/.*/, 'CHAIN')],
    ['(a > 0) & (b < 1)', '((a > 0) & (b < 1))'],
    ['~a & b', '((~a) & b)'],
    ['a < b + 1', '(a < (b + 1))'],
    ['a == b | c', '(a == (b | c))'],
    ['-a*b', '((-a) * b)'],
    ['+-a', '(+(-a))'],
    ['sum(a, axis=-1)', 'sum(a, axis=(-1))'],
    ['where(a > 0, sqrt(a), -b)', 'where((a > 0), sqrt(a), (-b))'],
    ['f()', 'f()'],
  ])('%s', (text, expected) => {
    if (expected === 'CHAIN') {
      // Python precedence makes this a chained comparison, which fusexpr rejects with a hint
      expect(syntaxError(text).reason).toBe('comparisons do not chain');
    } else {
      expect(p(text)).toBe(expected);
    }
  });
});

describe('literals', () => {
  it.each([
    ['2', '2'], ['2.0', '2f'], ['1e3', '1000f'], ['1e-9', '1e-9f'], ['4.0e-9', '4e-9f'], ['.5', '0.5f'], ['5.', '5f'],
    ['0x1F', '31'], ['0XfF', '255'], ['9223372036854775807', '9223372036854775807'],
  ])('%s', (text, expected) => expect(p(text)).toBe(expected));

  it('spans cover what the user wrote', () => {
    const e = parse('  (a + bb) * 2');
    expect(e.span).toEqual({ start: 2, end: 14 });
    if (e.kind !== 'binary') throw new Error('binary expected');
    expect(e.opSpan).toEqual({ start: 11, end: 12 });
    expect(e.left.span).toEqual({ start: 2, end: 10 });
  });
});

describe('syntax errors: message, line and column', () => {
  it.each([
    ['a +', 'unexpected end of expression', 1, 4],
    ['a + * b', "unexpected '*'", 1, 5],
    ['(a + b', 'unexpected end of expression', 1, 7],
    ['a + b)', "unexpected ')'", 1, 6],
    ['a = b', "unexpected '='", 1, 3],
    ['x[1]', 'unexpected character "["', 1, 2],
    ['a.b', 'unexpected character "."', 1, 2],
    ["a + 'x'", `unexpected character "'"`, 1, 5],
    ['a < b < c', 'comparisons do not chain', 1, 7],
    ['a +\n  $b', 'unexpected character "$"', 2, 3],
    ['007', 'leading zeros in decimal integer literals are not permitted', 1, 1],
    ['f(a=1, b)', 'positional argument follows keyword argument', 1, 8],
    ['f(axis=1, axis=2)', "keyword argument 'axis' repeated", 1, 11],
  ])('%s', (text, reason, line, column) => {
    const e = syntaxError(text);
    expect(e.code).toBe('SYNTAX');
    expect(e.reason).toBe(reason);
    expect([e.line, e.column]).toEqual([line, column]);
    expect(e.message).toContain(`at ${line}:${column}`);
    // the caret sits under the offending column of the offending line
    const [src, caret] = e.excerpt!.split('\n');
    expect(src!.trim()).toBe(text.split('\n')[line - 1]!.trim());
    expect(caret!.indexOf('^') - 2).toBe(column - 1);
  });

  it('empty and non-string input', () => {
    expect(syntaxError('   ').reason).toBe('empty expression');
    expect(() => parse(42 as unknown as string)).toThrow(/expression must be a string/);
  });

  it('nesting beyond the limit is an error, not a stack overflow', () => {
    const deep = '('.repeat(5000) + 'a' + ')'.repeat(5000);
    expect(syntaxError(deep).code).toBe('LIMIT');
    expect(syntaxError('-'.repeat(5000) + 'a').code).toBe('LIMIT');
  });
});

// ---- property: print ∘ parse is the identity on structure -------------------------------------------

const name = fc.constantFrom('a', 'b', 'x1', 'next_grid', 'pi', 'e');
const literal = fc.oneof(
  fc.integer({ min: 0, max: 1000 }).map(String),
  fc.double({ min: 0, max: 1e6, noNaN: true }).map((d) => (Number.isInteger(d) ? `${d}.0` : String(d))),
);
const exprArb: fc.Arbitrary<string> = fc.letrec((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    name,
    literal,
    fc.tuple(fc.constantFrom('-', '+', '~'), tie('expr')).map(([op, a]) => `${op}(${a})`),
    fc.tuple(tie('expr'), fc.constantFrom('+', '-', '*', '/', '//', '%', '**', '&', '|', '^', '<<', '>>'), tie('expr')).map(([a, op, b]) => `(${a}) ${op} (${b})`),
    fc.tuple(tie('expr'), fc.constantFrom('<', '<=', '==', '!=', '>=', '>'), tie('expr')).map(([a, op, b]) => `(${a}) ${op} (${b})`),
    fc.tuple(fc.constantFrom('sin', 'where', 'sum'), fc.array(tie('expr'), { minLength: 1, maxLength: 3 })).map(([f, args]) => `${f}(${args.join(', ')})`),
  ),
})).expr;

describe('properties', () => {
  it('parse(print(parse(s))) has the structure of parse(s)', () => {
    fc.assert(
      fc.property(exprArb, (s) => {
        const ast = parse(s);
        const printed = printExpr(ast);
        expect(shape(parse(printed))).toBe(shape(ast));
        // and printing is a fixed point
        expect(printExpr(parse(printed))).toBe(printed);
      }),
      { numRuns: 500, seed: 20261123 },
    );
  });

  it('random token soup either parses or raises FusexprError', () => {
    const token = fc.constantFrom('a', '1', '2.5', '+', '-', '*', '**', '(', ')', ',', '<', '==', '&', '~', 'sin', 'sum', '=', ' ', 'axis', '0x1');
    fc.assert(
      fc.property(fc.array(token, { maxLength: 30 }), (tokens) => {
        try {
          parse(tokens.join(''));
        } catch (e) {
          expect(e).toBeInstanceOf(FusexprError);
        }
      }),
      { numRuns: 1000, seed: 7 },
    );
  });
});
