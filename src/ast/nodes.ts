// The parsed AST: what the user wrote, with spans, before any name or type is resolved.
// Produced by parse/, consumed by bind/. Readonly discriminated union on `kind`.

import type { Span } from '../errors.js';

export type BinarySymbol = '+' | '-' | '*' | '/' | '//' | '%' | '**' | '<' | '<=' | '==' | '!=' | '>=' | '>' | '&' | '|' | '^' | '<<' | '>>';
export type UnarySymbol = '-' | '+' | '~';

export interface NumberLiteral {
  readonly kind: 'number';
  /** The value as a double; for int literals beyond 2**53, `int` holds it exactly. */
  readonly value: number;
  /** Present for integer literals (`2`, `0x1f`), absent for float literals (`2.0`, `1e3`). */
  readonly int?: bigint;
  /** An imaginary literal (`2.5j`, `1e-3j`): the value is its imaginary part. */
  readonly imag?: true;
  readonly span: Span;
}

export interface Name {
  readonly kind: 'name';
  readonly name: string;
  readonly span: Span;
}

export interface Unary {
  readonly kind: 'unary';
  readonly op: UnarySymbol;
  readonly arg: Expr;
  readonly span: Span;
}

export interface Binary {
  readonly kind: 'binary';
  readonly op: BinarySymbol;
  readonly left: Expr;
  readonly right: Expr;
  readonly span: Span;
  /** Span of the operator itself, for error carets. */
  readonly opSpan: Span;
}

export interface KeywordArg {
  readonly name: string;
  readonly value: Expr;
  readonly span: Span;
}

export interface Call {
  readonly kind: 'call';
  readonly callee: string;
  readonly calleeSpan: Span;
  readonly args: readonly Expr[];
  readonly keywords: readonly KeywordArg[];
  readonly span: Span;
}

/** `(a, b)` or `(a,)`: only a reduction's `axis=` takes one (bind rejects it elsewhere). */
export interface Tuple {
  readonly kind: 'tuple';
  readonly items: readonly Expr[];
  readonly span: Span;
}

export type Expr = NumberLiteral | Name | Unary | Binary | Call | Tuple;

export function assertNever(x: never): never {
  throw new Error(`internal: unhandled ${JSON.stringify(x)}`);
}
