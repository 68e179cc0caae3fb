// Prints a parsed AST back to expression text, fully parenthesized where precedence needs it, so
// that parse(print(ast)) is structurally ast (a property test pins this).

import { Expr, assertNever } from './nodes.js';
import { serializeNumber } from '../util/literals.js';
import { postOrder } from '../util/postOrder.js';

// Python precedence, lowest first (see grammar/precedence.md).
const BINARY_PRECEDENCE: Record<string, number> = {
  '<': 1, '<=': 1, '==': 1, '!=': 1, '>=': 1, '>': 1,
  '|': 2, '^': 3, '&': 4, '<<': 5, '>>': 5, '+': 6, '-': 6, '*': 7, '/': 7, '//': 7, '%': 7,
  '**': 9,
};
const UNARY_PRECEDENCE = 8;
const ATOM = 10;

export function printExpr(e: Expr, rename?: (name: string) => string): string {
  return postOrder<Expr, Printed>(e, exprChildren, (n, kids) => print(n, kids, rename)).text;
}

interface Printed {
  text: string;
  prec: number;
}

/** An expression's operands in source order (iterative walks use this). */
export function exprChildren(e: Expr): readonly Expr[] {
  switch (e.kind) {
    case 'number':
    case 'name':
      return [];
    case 'unary':
      return [e.arg];
    case 'binary':
      return [e.left, e.right];
    case 'call':
      return [...e.args, ...e.keywords.map((k) => k.value)];
    case 'tuple':
      return e.items;
  }
}

function print(e: Expr, kids: Printed[], rename?: (name: string) => string): Printed {
  switch (e.kind) {
    case 'number': {
      const text = e.imag ? `${Number.isFinite(e.value) ? String(e.value) : '1e999'}j` : e.int !== undefined ? e.int.toString() : serializeNumber(e.value, true);
      return { text, prec: ATOM };
    }
    case 'name':
      return { text: rename ? rename(e.name) : e.name, prec: ATOM };
    case 'unary': {
      const a = kids[0]!;
      // `-(2**2)` needs no parens (`-2**2` means that), but `(-2)**2` does: the power rule below handles it.
      const inner = a.prec < UNARY_PRECEDENCE ? `(${a.text})` : a.text;
      return { text: `${e.op}${inner}`, prec: UNARY_PRECEDENCE };
    }
    case 'binary': {
      const p = BINARY_PRECEDENCE[e.op]!;
      const l = kids[0]!;
      const r = kids[1]!;
      let left: string;
      let right: string;
      if (e.op === '**') {
        // right-associative; the left operand must be an atom (a unary there binds looser)
        left = l.prec <= p || l.prec === UNARY_PRECEDENCE ? `(${l.text})` : l.text;
        right = r.prec < UNARY_PRECEDENCE ? `(${r.text})` : r.text;
      } else if (p === 1) {
        // comparisons do not chain: parenthesize any comparison operand
        left = l.prec <= p ? `(${l.text})` : l.text;
        right = r.prec <= p ? `(${r.text})` : r.text;
      } else {
        left = l.prec < p ? `(${l.text})` : l.text;
        right = r.prec <= p ? `(${r.text})` : r.text;
      }
      return { text: `${left} ${e.op} ${right}`, prec: p };
    }
    case 'call': {
      const args = kids.slice(0, e.args.length).map((k) => k.text);
      e.keywords.forEach((k, i) => args.push(`${k.name}=${kids[e.args.length + i]!.text}`));
      return { text: `${e.callee}(${args.join(', ')})`, prec: ATOM };
    }
    case 'tuple':
      return { text: kids.length === 1 ? `(${kids[0]!.text},)` : `(${kids.map((k) => k.text).join(', ')})`, prec: ATOM };
    default:
      return assertNever(e);
  }
}
