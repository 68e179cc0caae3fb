// NumPy 2's lexicographic order of complex numbers (real part, then imaginary) as real trees over
// the parts, for splitComplex: the comparisons, minimum/maximum and clip. Pure tree building; the
// NaN rules are NumPy's own, which differ between the ufunc loops and clip (see each function).

import type { TNode } from '../bind/typed.js';
import type { DType } from '../types/dtypes.js';

type Pair = readonly [TNode, TNode];
/** Builds one op node (splitComplex's `mk`): name, arguments, result dtype. */
export type Make = (name: string, args: readonly TNode[], dtype: DType) => TNode;

const ORDER: Readonly<Record<string, string>> = { less: 'less', less_equal: 'less_equal', greater: 'greater', greater_equal: 'greater_equal' };

/**
 * `a < b` … `a >= b` of two complex values (bool): the ufunc loops' CLT/CLE/CGT/CGE (loops.c.src): `xr < yr` counts only when neither imaginary part
 * is nan; on equal real parts the imaginary parts decide. Any nan real part makes it false.
 */
export function orderCompare(mk: Make, op: string, [xr, xi]: Pair, [yr, yi]: Pair): TNode {
  const and = (a: TNode, b: TNode) => mk('bitwise_and', [a, b], 'bool');
  const notNan = (v: TNode) => mk('invert', [mk('isnan', [v], 'bool')], 'bool');
  const strict = op === 'less' || op === 'less_equal' ? 'less' : 'greater';
  const byReal = and(and(mk(strict, [xr, yr], 'bool'), notNan(xi)), notNan(yi));
  const byImag = and(mk('equal', [xr, yr], 'bool'), mk(ORDER[op]!, [xi, yi], 'bool'));
  return mk('bitwise_or', [byReal, byImag], 'bool');
}

const eitherNan = (mk: Make, [r, i]: Pair): TNode => mk('bitwise_or', [mk('isnan', [r], 'bool'), mk('isnan', [i], 'bool')], 'bool');
const pick = (mk: Make, c: TNode, x: Pair, y: Pair, pd: DType): Pair => [mk('where', [c, x[0], y[0]], pd), mk('where', [c, x[1], y[1]], pd)];

/** minimum/maximum (loops.c.src): x when x has a nan part or x <= y (>= y), else y; so a nan in either propagates. */
export function minMax(mk: Make, op: 'minimum' | 'maximum', x: Pair, y: Pair, pd: DType): Pair {
  const keep = mk('bitwise_or', [eitherNan(mk, x), orderCompare(mk, op === 'minimum' ? 'less_equal' : 'greater_equal', x, y)], 'bool');
  return pick(mk, keep, x, y, pd);
}

/**
 * clip(x, lo, hi) (clip.cpp): MIN(MAX(x, lo), hi), where MAX(a, b) is a when a has a nan part or
 * a > b in PyArray_CGT's order (real parts, then imaginary, no nan test), else b: unlike
 * minimum(maximum(x, lo), hi), a nan imaginary part in lo or hi need not propagate.
 */
export function clip(mk: Make, x: Pair, lo: Pair, hi: Pair, pd: DType): Pair {
  const plain = (strict: 'less' | 'greater', [ar, ai]: Pair, [br, bi]: Pair): TNode =>
    mk('where', [mk('equal', [ar, br], 'bool'), mk(strict, [ai, bi], 'bool'), mk(strict, [ar, br], 'bool')], 'bool');
  const step = (strict: 'less' | 'greater', a: Pair, b: Pair): Pair => pick(mk, mk('bitwise_or', [eitherNan(mk, a), plain(strict, a, b)], 'bool'), a, b, pd);
  return step('less', step('greater', x, lo), hi);
}
