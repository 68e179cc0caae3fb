// parse: expression text → AST, or a FusexprError with position and caret. Owns the input limits
// that protect the recursive-descent parser (length, nesting depth).

import type { IRecognitionException } from 'chevrotain';
import { FusexprError, failAt, fail } from '../errors.js';
import type { Expr } from '../ast/nodes.js';
import { lexer } from './tokens.js';
import { parser } from './grammar.js';
import { cstToAst } from './toAst.js';

export const LIMITS = {
  /** Characters in one expression. */
  maxLength: 1_000_000,
  /** Parentheses, calls and unary operators nested inside each other. */
  maxNesting: 200,
};

export function parse(text: string): Expr {
  if (typeof text !== 'string') fail('SYNTAX', `expression must be a string, got ${describe(text)}`);
  if (text.length > LIMITS.maxLength) fail('LIMIT', `expression is ${text.length} characters long; the limit is ${LIMITS.maxLength}`);
  const lexed = lexer.tokenize(text);
  if (lexed.errors.length > 0) {
    const e = lexed.errors[0]!;
    const ch = text.slice(e.offset, e.offset + 1);
    failAt('SYNTAX', `unexpected character ${JSON.stringify(ch)}`, text, { start: e.offset, end: e.offset + 1 }, hintFor(ch));
  }
  if (lexed.tokens.length === 0) fail('SYNTAX', 'empty expression');
  checkNesting(text, lexed.tokens);
  try {
    parser.input = lexed.tokens;
    const cst = parser.expression();
    if (parser.errors.length > 0) throw syntaxError(text, parser.errors[0]!);
    return cstToAst(cst, text);
  } catch (e) {
    // the nesting check should make this unreachable; never let a stack overflow escape as such
    if (e instanceof RangeError) fail('LIMIT', 'expression nests too deeply to parse');
    throw e;
  }
}

/**
 * The recursive-descent parser recurses once per parenthesis, per unary operator in a row and per `**`
 * in a right-associative power chain; left-associative chains (a + b + …) are loops and unlimited.
 */
function checkNesting(text: string, tokens: { image: string; startOffset: number }[]): void {
  let depth = 0;
  let unaryRun = 0;
  const powerRun: number[] = [0]; // per parenthesis level
  let previous = '(';
  for (const t of tokens) {
    const im = t.image;
    if (im === '(') {
      depth++;
      powerRun.push(0);
    } else if (im === ')') {
      depth--;
      powerRun.pop();
      if (powerRun.length === 0) powerRun.push(0);
    } else if (im === '**') {
      powerRun[powerRun.length - 1]!++;
    } else if (BINARY_BELOW_POWER.has(im) && !(UNARY.has(im) && OPERAND_EXPECTED.has(previous))) {
      powerRun[powerRun.length - 1] = 0; // a lower-precedence operator ends the exponent chain
    }
    if ((im === '-' || im === '+' || im === '~') && OPERAND_EXPECTED.has(previous)) unaryRun++;
    else unaryRun = 0;
    previous = im;
    if (depth + unaryRun + powerRun[powerRun.length - 1]! > LIMITS.maxNesting) {
      failAt('LIMIT', `expression nests deeper than ${LIMITS.maxNesting} levels`, text, { start: t.startOffset, end: t.startOffset + 1 });
    }
  }
}

const UNARY = new Set(['-', '+', '~']);
const BINARY_BELOW_POWER = new Set(['+', '-', '*', '/', '//', '%', '<<', '>>', '&', '|', '^', '<', '<=', '==', '!=', '>=', '>', ',']);
/** After these tokens an operand is expected, so `-`/`+` there are unary. */
const OPERAND_EXPECTED = new Set(['(', ',', '=', '**', '~', ...BINARY_BELOW_POWER]);

function syntaxError(text: string, e: IRecognitionException) {
  const t = e.token;
  const atEnd = t.tokenType.name === 'EOF' || Number.isNaN(t.startOffset);
  const start = atEnd ? text.length : t.startOffset;
  const span = { start, end: atEnd ? text.length + 1 : start + t.image.length };
  const expected = /Expecting token of type --> (.+?) <--/.exec(e.message)?.[1];
  const found = atEnd ? 'end of expression' : `'${t.image}'`;
  let hint: string | undefined;
  if (expected) hint = `expected ${expected}`;
  else if (!atEnd && t.image === '=') hint = "use '==' to compare";
  else hint = 'expected an operand: a number, a name, a call or a parenthesized expression';
  return new FusexprError('SYNTAX', `unexpected ${found}`, text, span, hint);
}

function hintFor(ch: string): string | undefined {
  if (ch === '[' || ch === ']') return 'indexing is not supported; use roll/shift or pass a view';
  if (ch === '.') return 'attribute access is not supported';
  if (ch === '"' || ch === "'" || ch === '`') return 'string literals are not supported';
  if (ch === '!') return "use '~' for logical not";
  return undefined;
}

function describe(x: unknown): string {
  return x === null ? 'null' : Array.isArray(x) ? 'an array' : typeof x;
}
