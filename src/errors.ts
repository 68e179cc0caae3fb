// FusexprError: the one error type users see. Owns the stable codes, position formatting and the
// caret excerpt; every stage raises through `fail`/`failAt` so messages read the same everywhere.

/**
 * The stable code of every FusexprError: a union, so a `switch` over `e.code` is checked.
 *
 * @example
 * ```ts
 * function explainFailure(e: FusexprError): string {
 *   switch (e.code) {
 *     case 'SYNTAX': return `fix the expression at column ${e.column}`;
 *     case 'OPTION': return e.hint ?? e.reason;
 *     default: return e.message;
 *   }
 * }
 * ```
 */
export type ErrorCode =
  | 'SYNTAX' // the text is not an expression
  | 'UNKNOWN_NAME' // a variable that is neither passed nor a constant
  | 'UNKNOWN_FUNCTION'
  | 'ARITY' // wrong number of arguments
  | 'TYPE' // an operator or function applied to a dtype it does not support
  | 'VALUE' // a literal or scalar that cannot be represented (int overflow, negative int power)
  | 'MISSING_VAR'
  | 'BAD_VAR' // a var of an unsupported JS type
  | 'SHAPE' // lengths that do not match
  | 'BAD_OUT' // out of wrong length, dtype, or not writable
  | 'OPTION' // a bad option value
  | 'LIMIT' // expression too long, too deep, too many inputs
  | 'RUNTIME' // a failure while running a kernel (worker fault, negative int power at run time)
  | 'ABORTED'; // the caller's AbortSignal fired

/**
 * A range of the expression text: [start, end) offsets in UTF-16 code units.
 *
 * @example
 * ```ts
 * const span: Span = { start: 2, end: 3 }; // the third character
 * ```
 */
export interface Span {
  readonly start: number; // offset of the first character
  readonly end: number; // offset one past the last character
}

/**
 * The one error type fusexpr throws: a stable `code`, the bare `reason`, and for errors in the
 * expression text its `line`/`column`, a two-line caret `excerpt` and sometimes a `hint`.
 *
 * @example
 * ```ts
 * import { evaluate, FusexprError } from 'fusexpr';
 * try {
 *   evaluate('a + * b', { a, b });
 * } catch (e) {
 *   if (e instanceof FusexprError && e.code === 'SYNTAX') console.error(e.message); // "... at 1:5" and a caret
 * }
 * ```
 */
export class FusexprError extends Error {
  override readonly name = 'FusexprError';
  readonly code: ErrorCode;
  /** The bare message, without position or excerpt. */
  readonly reason: string;
  readonly expression?: string;
  readonly offset?: number;
  readonly line?: number;
  readonly column?: number;
  /** Two lines: the expression line and a caret under the offending span. */
  readonly excerpt?: string;
  readonly hint?: string;

  constructor(code: ErrorCode, reason: string, expression?: string, span?: Span, hint?: string) {
    let message = reason;
    let line: number | undefined;
    let column: number | undefined;
    let excerpt: string | undefined;
    if (expression !== undefined && span !== undefined) {
      ({ line, column, excerpt } = locate(expression, span));
      message += ` at ${line}:${column}`;
    }
    if (hint) message += ` — ${hint}`;
    if (excerpt) message += `\n${excerpt}`;
    super(message);
    this.code = code;
    this.reason = reason;
    this.expression = expression;
    this.offset = span?.start;
    this.line = line;
    this.column = column;
    this.excerpt = excerpt;
    this.hint = hint;
  }
}

/** Line/column (1-based) of span.start, and an excerpt of that line with carets under the span. */
export function locate(expression: string, span: Span): { line: number; column: number; excerpt: string } {
  const start = Math.max(0, Math.min(span.start, expression.length));
  const lineStart = expression.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = expression.indexOf('\n', start);
  if (lineEnd < 0) lineEnd = expression.length;
  const line = countNewlines(expression, lineStart) + 1;
  const column = start - lineStart + 1;
  // Keep excerpts readable for very long expressions: a window around the offset.
  const window = 60;
  const from = Math.max(lineStart, start - window);
  const to = Math.min(lineEnd, Math.max(start + window, span.end));
  const prefix = from > lineStart ? '…' : '';
  const suffix = to < lineEnd ? '…' : '';
  const text = prefix + expression.slice(from, to) + suffix;
  const caretLen = Math.max(1, Math.min(span.end, to) - start);
  const caret = ' '.repeat(prefix.length + start - from) + '^'.repeat(caretLen);
  return { line, column, excerpt: `  ${text}\n  ${caret}` };
}

function countNewlines(s: string, upTo: number): number {
  let n = 0;
  for (let i = 0; i < upTo; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

export function fail(code: ErrorCode, reason: string, hint?: string): never {
  throw new FusexprError(code, reason, undefined, undefined, hint);
}

export function failAt(code: ErrorCode, reason: string, expression: string, span: Span, hint?: string): never {
  throw new FusexprError(code, reason, expression, span, hint);
}

/** The closest candidate by edit distance, for "did you mean" hints; undefined when nothing is close. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(name.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99;
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}
