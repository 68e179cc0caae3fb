// parse: expression text → AST, or a FusexprError with position and caret. Owns the input limits
// (length, nesting depth: a count checked on the tokens before any parsing) and keeps the recursive-
// descent parser shallow: deeply parenthesized input is parsed one group at a time.

import { createTokenInstance, type IRecognitionException, type IToken } from 'chevrotain';
import { FusexprError, failAt, fail } from '../errors.js';
import type { Expr } from '../ast/nodes.js';
import { lexer, Identifier, LParen, RParen } from './tokens.js';
import { parser } from './grammar.js';
import { cstToAst } from './toAst.js';

export const LIMITS = {
  /** Characters in one expression. */
  maxLength: 1_000_000,
  /** Parentheses and calls nested inside each other (Python's limit too). They cost the parser no recursion. */
  maxNesting: 200,
  /**
   * Unary operators in a row plus a right-associative `**` chain, within one parenthesis level: the
   * parser recurses once for each (~2.5 KB of stack per `**` before the JIT warms up, so 100 stay
   * under a third of Node's default stack).
   */
  maxChain: 100,
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
    return parseByGroups(text, lexed.tokens);
  } catch (e) {
    // unreachable under the limits; never let a stack overflow escape as such
    if (e instanceof RangeError) fail('LIMIT', 'expression nests too deeply to parse');
    throw e;
  }
}

const NO_GROUPS: ReadonlyMap<IToken, Expr> = new Map();

function parseTokens(text: string, tokens: IToken[], groups: ReadonlyMap<IToken, Expr>): Expr {
  parser.input = tokens;
  const cst = parser.expression();
  if (parser.errors.length > 0) throw syntaxError(text, parser.errors[0]!);
  return cstToAst(cst, text, groups);
}

/**
 * Innermost parentheses first: each group — `( … )` or a call `f( … )` — is parsed alone and replaced by
 * a placeholder name token that stands for its AST, so the parser never recurses more than one group
 * deep, whatever the nesting. (In one pass each level costs ~12 rule calls, ~6 KB of stack before the
 * JIT warms up: 150 levels overflowed Node's default stack, or not, depending on JIT state.) The ASTs
 * are the ones a single pass builds. On a syntax error the whole input is parsed once more in one
 * pass, so the error reported is the same: the first in the text.
 */
function parseByGroups(text: string, tokens: IToken[]): Expr {
  const groups = new Map<IToken, Expr>();
  const rest: IToken[] = []; // the tokens, closed groups replaced by placeholders
  const opens: number[] = []; // positions in `rest` of the '(' not closed yet
  try {
    for (const t of tokens) {
      if (t.tokenType === LParen) opens.push(rest.length);
      if (t.tokenType !== RParen) {
        rest.push(t);
        continue;
      }
      let start = opens.pop();
      if (start === undefined) throw new FusexprError('SYNTAX', "unexpected ')'", text, { start: t.startOffset, end: t.startOffset + 1 });
      const before = rest[start - 1];
      if (before?.tokenType === Identifier && !groups.has(before)) start--; // a call: the name is part of the group
      const group = rest.splice(start);
      group.push(t);
      const from = group[0]!.startOffset;
      const placeholder = createTokenInstance(Identifier, text.slice(from, t.startOffset + 1), from, t.startOffset, NaN, NaN, NaN, NaN);
      groups.set(placeholder, parseTokens(text, group, groups));
      rest.push(placeholder);
    }
    if (opens.length > 0) throw new FusexprError('SYNTAX', 'unexpected end of expression', text, { start: text.length, end: text.length + 1 }, "expected ')'");
    return parseTokens(text, rest, groups);
  } catch (e) {
    if (!(e instanceof FusexprError)) throw e;
    try {
      parseTokens(text, tokens, NO_GROUPS);
    } catch (first) {
      if (!(first instanceof RangeError)) throw first;
      // too deep for one pass: the group's error, a true one too
    }
    throw e;
  }
}

/**
 * The limits, as counts on the tokens before any parsing: parenthesis depth, and within one level the
 * unary operators in a row plus the `**` chain (the parser recurses once for each); left-associative
 * chains (a + b + …) are loops and unlimited.
 */
function checkNesting(text: string, tokens: { image: string; startOffset: number }[]): void {
  let depth = 0;
  // per parenthesis level: unary operators and '**' since the last lower-precedence operator (the
  // parser is that many calls deep there: a '**' chain and the signs inside it nest, `a * -b` does not)
  const chain: number[] = [0];
  let previous = '(';
  for (const t of tokens) {
    const im = t.image;
    if (im === '(') {
      depth++;
      chain.push(0);
    } else if (im === ')') {
      depth--;
      chain.pop();
      if (chain.length === 0) chain.push(0);
    } else if (im === '**' || (UNARY.has(im) && OPERAND_EXPECTED.has(previous))) {
      chain[chain.length - 1]!++;
    } else if (BINARY_BELOW_POWER.has(im)) {
      chain[chain.length - 1] = 0;
    }
    previous = im;
    const at = { start: t.startOffset, end: t.startOffset + im.length };
    if (depth > LIMITS.maxNesting) failAt('LIMIT', `parentheses nest deeper than ${LIMITS.maxNesting} levels`, text, at);
    if (chain[chain.length - 1]! > LIMITS.maxChain) {
      failAt('LIMIT', `more than ${LIMITS.maxChain} unary operators and '**' in a chain`, text, at, 'parenthesize part of it');
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
