// CST → AST: the one place that knows the CST's shape. Builds spans and literal values, and raises
// the language rules the grammar leaves to it (comparisons do not chain).

import type { CstNode, IToken } from 'chevrotain';
import { failAt, Span } from '../errors.js';
import type { BinarySymbol, Expr, KeywordArg, UnarySymbol } from '../ast/nodes.js';

type Children = Record<string, (CstNode | IToken)[] | undefined>;

const isToken = (x: CstNode | IToken): x is IToken => (x as IToken).image !== undefined;
const tokenSpan = (t: IToken): Span => ({ start: t.startOffset, end: t.startOffset + t.image.length });
const join = (a: Span, b: Span): Span => ({ start: a.start, end: b.end });

/** `groups`: placeholder name tokens that stand for groups parsed before (see parseByGroups). */
export function cstToAst(root: CstNode, text: string, groups: ReadonlyMap<IToken, Expr>): Expr {
  return new Builder(text, groups).node(root);
}

class Builder {
  constructor(
    private readonly text: string,
    private readonly groups: ReadonlyMap<IToken, Expr>,
  ) {}

  node(n: CstNode): Expr {
    const c = n.children as Children;
    switch (n.name) {
      case 'expression':
        return this.node(c.comparison![0] as CstNode);
      case 'comparison': {
        const ops = this.operators(c, ['Less', 'LessEqual', 'EqualEqual', 'NotEqual', 'GreaterEqual', 'Greater']);
        if (ops.length > 1) {
          failAt('SYNTAX', 'comparisons do not chain', this.text, tokenSpan(ops[1]!), 'write (a < b) & (b < c)');
        }
        return this.leftChain(c.bitOr as CstNode[], ops);
      }
      case 'bitOr':
        return this.leftChain(c.bitXor as CstNode[], this.operators(c, ['Pipe']));
      case 'bitXor':
        return this.leftChain(c.bitAnd as CstNode[], this.operators(c, ['Caret']));
      case 'bitAnd':
        return this.leftChain(c.shift as CstNode[], this.operators(c, ['Ampersand']));
      case 'shift':
        return this.leftChain(c.additive as CstNode[], this.operators(c, ['ShiftLeft', 'ShiftRight']));
      case 'additive':
        return this.leftChain(c.multiplicative as CstNode[], this.operators(c, ['Plus', 'Minus']));
      case 'multiplicative':
        return this.leftChain(c.unary as CstNode[], this.operators(c, ['Star', 'Slash', 'FloorDiv', 'Percent']));
      case 'unary': {
        if (c.power) return this.node(c.power[0] as CstNode);
        const opToken = (c.Minus ?? c.Plus ?? c.Tilde)![0] as IToken;
        const arg = this.node(c.unary![0] as CstNode);
        return { kind: 'unary', op: opToken.image as UnarySymbol, arg, span: join(tokenSpan(opToken), arg.span) };
      }
      case 'power': {
        const base = this.node(c.atom![0] as CstNode);
        if (!c.Power) return base;
        const exponent = this.node(c.unary![0] as CstNode);
        const op = c.Power[0] as IToken;
        return { kind: 'binary', op: '**', left: base, right: exponent, span: join(base.span, exponent.span), opSpan: tokenSpan(op) };
      }
      case 'atom': {
        if (c.NumberLiteral) return this.number(c.NumberLiteral[0] as IToken);
        if (c.Identifier) {
          const t = c.Identifier[0] as IToken;
          return this.groups.get(t) ?? { kind: 'name', name: t.image, span: tokenSpan(t) };
        }
        if (c.call) return this.node(c.call[0] as CstNode);
        return this.node(c.parenthesized![0] as CstNode);
      }
      case 'parenthesized': {
        const items = ((c.expression ?? []) as CstNode[]).map((x) => this.node(x));
        // Widen the span to the parentheses so carets cover what the user wrote.
        const l = c.LParen![0] as IToken;
        const r = c.RParen![0] as IToken;
        const span = join(tokenSpan(l), tokenSpan(r));
        if (c.Comma || items.length === 0) return { kind: 'tuple', items, span };
        return { ...items[0]!, span } as Expr;
      }
      case 'call': {
        const callee = c.Identifier![0] as IToken;
        const args: Expr[] = [];
        const keywords: KeywordArg[] = [];
        for (const a of (c.argument ?? []) as CstNode[]) {
          const ac = a.children as Children;
          const value = this.node(ac.expression![0] as CstNode);
          if (ac.Identifier) {
            const k = ac.Identifier[0] as IToken;
            if (keywords.some((x) => x.name === k.image)) {
              failAt('SYNTAX', `keyword argument '${k.image}' repeated`, this.text, tokenSpan(k));
            }
            keywords.push({ name: k.image, value, span: join(tokenSpan(k), value.span) });
          } else {
            if (keywords.length > 0) failAt('SYNTAX', 'positional argument follows keyword argument', this.text, value.span);
            args.push(value);
          }
        }
        const r = c.RParen![0] as IToken;
        return { kind: 'call', callee: callee.image, calleeSpan: tokenSpan(callee), args, keywords, span: join(tokenSpan(callee), tokenSpan(r)) };
      }
      default:
        throw new Error(`internal: unknown CST node ${n.name}`);
    }
  }

  /** Operator tokens of a left-associative chain, in source order. */
  private operators(c: Children, names: string[]): IToken[] {
    const out: IToken[] = [];
    for (const name of names) for (const t of c[name] ?? []) if (isToken(t)) out.push(t);
    return out.sort((a, b) => a.startOffset - b.startOffset);
  }

  private leftChain(operands: CstNode[], ops: IToken[]): Expr {
    let left = this.node(operands[0]!);
    for (let i = 0; i < ops.length; i++) {
      const right = this.node(operands[i + 1]!);
      const op = ops[i]!;
      left = { kind: 'binary', op: op.image as BinarySymbol, left, right, span: join(left.span, right.span), opSpan: tokenSpan(op) };
    }
    return left;
  }

  private number(t: IToken): Expr {
    const image = t.image;
    const span = tokenSpan(t);
    // Python's imaginary literals: 2j, 2.5j, 1e-3J (the digits are a float's, leading zeros allowed)
    if (/[jJ]$/.test(image)) return { kind: 'number', value: Number(image.slice(0, -1)), imag: true, span };
    if (/^0[xX]/.test(image)) {
      const int = BigInt(image);
      return { kind: 'number', value: Number(int), int, span };
    }
    if (/^\d+$/.test(image)) {
      if (image.length > 1 && image[0] === '0' && /[1-9]/.test(image)) {
        failAt('SYNTAX', 'leading zeros in decimal integer literals are not permitted', this.text, span, `write ${image.replace(/^0+/, '')}`);
      }
      const int = BigInt(image);
      return { kind: 'number', value: Number(int), int, span };
    }
    return { kind: 'number', value: Number(image), span };
  }
}
