// expandPowers: x ** n for a constant integer n (|n| ≤ 64) becomes a multiplication chain by repeated
// squaring (x**10 → x2=x*x; x4=x2*x2; x8=x4*x4; x8*x2, shared by CSE), negative n its reciprocal;
// x**0 → 1 (only for a scalar x: an array x's shape is the result's, so x**0 stays) and x**1 → x. Math.pow costs ~40× the chain here. Float results differ from pow by a few
// ulp (numexpr accepts the same); int chains are exact (wrapping multiplication is associative).
// At 'aggressive': x**-0.5 → 1/sqrt(x), x**1.5 → x*sqrt(x), through internal ops
// that also give pow's answers at -0 and -inf (numexpr's plain sqrt does not). x**(1/3) is never
// cbrt: they differ for every negative x.

import type { TNode, TOp, TConst } from '../bind/typed.js';
import { rewrite } from '../util/walk.js';
import { isBig, isInt } from '../types/dtypes.js';

export const MAX_EXPANDED_EXPONENT = 64;

/** Whether expandPowers rewrites a power with this constant exponent. */
export function expandableExponent(e: number, fractional: boolean): boolean {
  return (Number.isInteger(e) && Math.abs(e) <= MAX_EXPANDED_EXPONENT) || (fractional && (e === 0.5 || e === -0.5 || e === 1.5));
}

export function expandPowers(root: TNode, fractional = false): TNode {
  return rewrite(root, (node) => expandOne(node, fractional));
}

function expandOne(node: TNode, fractional: boolean): TNode {
  if (node.kind !== 'op' || node.op !== 'power') return node;
  const [base, exponent] = node.args as [TNode, TNode];
  if (exponent.kind !== 'const') return node;
  const e = Number(exponent.value);
  if (Number.isInteger(e) && Math.abs(e) <= MAX_EXPANDED_EXPONENT) {
    if (e < 0 && isInt(node.dtype)) return node; // raises at run time
    if (e === 0) return base.rank === 0 ? constant(node, 1) : node; // a constant would drop x's shape (sum(x**0) is n)
    const chain = multiplyChain(base, Math.abs(e), node);
    return e > 0 ? chain : op(node, 'true_divide', [constant(node, 1), chain]);
  }
  if (fractional && (node.dtype === 'float64' || node.dtype === 'float32')) {
    if (e === 0.5) return op(node, 'pow_half', [base]);
    if (e === -0.5) return op(node, 'true_divide', [constant(node, 1), op(node, 'pow_half', [base])]);
    if (e === 1.5) return op(node, 'pow_three_halves', [base]);
  }
  return node;
}

/** x**n by binary exponentiation; equal subterms (x2, x4…) are one node each, so CSE shares them. */
function multiplyChain(x: TNode, n: number, like: TOp): TNode {
  let result: TNode | undefined;
  let square = x;
  while (n > 0) {
    if (n & 1) result = result ? op(like, 'multiply', [result, square]) : square;
    n >>>= 1;
    if (n > 0) square = op(like, 'multiply', [square, square]);
  }
  return result!;
}

function op(like: TOp, name: string, args: TNode[]): TOp {
  return { kind: 'op', op: name, args, dtype: like.dtype, weak: like.weak, rank: Math.max(0, ...args.map((a) => a.rank)), span: like.span };
}

function constant(like: TOp, v: number): TConst {
  return { kind: 'const', value: isBig(like.dtype) ? BigInt(v) : v, dtype: like.dtype, weak: like.weak, rank: 0, span: like.span };
}
