// Prints a parsed AST back to expression text, fully parenthesized where precedence needs it, so
// that parse(print(ast)) is structurally ast (a property test pins this).

import { Expr, assertNever } from './nodes.js';
import { serializeNumber } from '../codegen/literals.js';

// Python precedence, lowest first (see grammar/precedence.md).
const BINARY_PRECEDENCE: Record<string, number> = {
  '<': 1, '<=': 1, '==': 1, '!=': 1, '>=': 1, '>': 1,
  '|': 2, '^': 3, '&': 4, '<<': 5, '>>': 5, '+': 6, '-': 6, '*': 7, '/': 7, '//': 7, '%': 7,
  '**': 9,
};
const UNARY_PRECEDENCE = 8;
const ATOM = 10;

export function printExpr(e: Expr, rename?: (name: string) => string): string {
  return print(e, rename).text;
}

function print(e: Expr, rename?: (name: string) => string): { text: string; prec: number } {
  switch (e.kind) {
    case 'number': {
      const text = e.int !== undefined ? e.int.toString() : serializeNumber(e.value, true);
      return { text, prec: ATOM };
    }
    case 'name':
      return { text: rename ? rename(e.name) : e.name, prec: ATOM };
    case 'unary': {
      const a = print(e.arg, rename);
      // `-(2**2)` needs no parens (`-2**2` means that), but `(-2)**2` does: the power rule below handles it.
      const inner = a.prec < UNARY_PRECEDENCE ? `(${a.text})` : a.text;
      return { text: `${e.op}${inner}`, prec: UNARY_PRECEDENCE };
    }
    case 'binary': {
      const p = BINARY_PRECEDENCE[e.op]!;
      const l = print(e.left, rename);
      const r = print(e.right, rename);
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
      const args = e.args.map((a) => print(a, rename).text);
      for (const k of e.keywords) args.push(`${k.name}=${print(k.value, rename).text}`);
      return { text: `${e.callee}(${args.join(', ')})`, prec: ATOM };
    }
    default:
      return assertNever(e);
  }
}
