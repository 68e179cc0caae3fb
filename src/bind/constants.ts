// Constants meeting dtypes in bind: a literal or constant converted to the dtype it is used at (the
// errors NumPy raises for values that do not fit), which ops complex operands may meet, and NumPy's
// complex `** Python int` fast paths. Pure functions of their arguments; bind.ts calls them with the
// expression text for carets.

import { failAt } from '../errors.js';
import { DType, castHint, isComplex, isBig, isInt, intRange, INT64_MIN, INT64_MAX } from '../types/dtypes.js';
import type { TConst, TNode } from './typed.js';
import { f16round } from '../ops/scalar.js';

/** What complex operands may meet: plan/splitComplex.ts has a rule for each. */
export const COMPLEX_OPS = new Set([
  'add', 'subtract', 'multiply', 'true_divide', 'power', 'equal', 'not_equal', 'negative', 'positive', 'where', 'abs',
  'real', 'imag', 'conj', 'angle', 'complex', 'exp', 'log', 'log10', 'sqrt', 'expm1', 'log1p',
  'sin', 'cos', 'tan', 'sinh', 'cosh', 'tanh', 'arcsin', 'arccos', 'arctan', 'arcsinh', 'arccosh', 'arctanh',
  'isnan', 'isinf', 'isfinite', 'sign', 'log2', 'exp2', 'round',
  'less', 'less_equal', 'greater', 'greater_equal', 'minimum', 'maximum', 'clip', // NumPy 2's lexicographic order
]);

/**
 * NumPy's `complex array ** Python scalar` fast paths (number.c's fast_scalar_power): `** 2` of a
 * Python int is square (z·z), `** -1` the reciprocal; a float 2.0 or -1.0 takes cpow (`** 0.5` is
 * sqrt: splitComplex). A Python int or float known only at run time (a JS number var, or computed
 * from them) takes power_scalar(_int), which checks per call. `base` and `coerced` (the exponent) are
 * of the complex result's dtype; undefined when no fast path applies.
 */
export function complexPowerFastPath(base: TNode, exponent: TNode, coerced: TNode, span: TNode['span']): TNode | undefined {
  if (!isComplex(base.dtype)) return undefined;
  const at = (op: string, args: TNode[]): TNode => ({ kind: 'op', op, args, dtype: base.dtype, weak: false, rank: base.rank, span });
  const runTime = exponent.weak && exponent.rank === 0 && exponent.kind !== 'const';
  if (runTime && (exponent.dtype === 'int64' || exponent.dtype === 'float64')) return at(exponent.dtype === 'int64' ? 'power_scalar_int' : 'power_scalar', [base, coerced]);
  if (!isPythonInt(exponent)) return undefined;
  const n = (exponent as TConst).value;
  return n === 2n ? at('multiply', [base, base]) : n === -1n ? at('reciprocal', [base]) : undefined;
}

/** A weak integer constant: a Python int (any size until it meets a dtype). */
export const isPythonInt = (n: TNode): boolean => n.kind === 'const' && n.weak && typeof n.value === 'bigint';

/** Reductions that give back a weak scalar operand (mean as a float); any/all are bool. */
export const WEAK_REDUCTIONS = new Set(['sum', 'prod', 'min', 'max', 'mean']);

export const COMPARISONS = new Set(['less', 'less_equal', 'equal', 'not_equal', 'greater_equal', 'greater']);
export const isHalf = (n: TNode): boolean => n.kind === 'const' && n.weak && n.dtype === 'float64' && n.value === 0.5;

/** A weak int computed at run time, checked to fit `to` (VALUE otherwise). */
export const fit = (n: TNode, to: DType): TNode => ({ kind: 'op', op: `fit_${to}`, args: [n], dtype: to, weak: false, rank: n.rank, span: n.span });

/** The dtypes a Python scalar (a weak value) can have: bool, int, float, complex. */
export const WEAK_KINDS: ReadonlySet<DType> = new Set(['bool', 'int64', 'float64', 'complex128']);

/**
 * np.clip's rule for Python-int bounds of an int array (NumPy 2.4, `_methods._clip`): a lower bound at
 * or below the dtype's minimum, or an upper one at or above its maximum, is no bound. Here it becomes
 * that minimum or maximum (the same values); a bound out of range on the other side still raises.
 */
export function clipBounds(args: readonly TNode[]): TNode[] {
  const x = args[0]!;
  if (x.weak || !isInt(x.dtype)) return [...args];
  const [min, max] = intRange(x.dtype);
  return args.map((b, i) => {
    if (i === 0 || !b.weak || b.dtype !== 'int64') return b;
    const limit = i === 1 ? min : max;
    if (b.kind === 'const') return (i === 1 ? BigInt(b.value) <= min : BigInt(b.value) >= max) ? { ...b, value: limit } : b;
    if (limit > INT64_MAX) return b; // uint64 max: a JS number var never reaches it
    // a Python int from vars: clamped when the call runs (then checked to fit, as any)
    const bound: TConst = { kind: 'const', value: limit, dtype: 'int64', weak: true, rank: 0, span: b.span };
    return { kind: 'op', op: i === 1 ? 'maximum' : 'minimum', args: [b, bound], dtype: 'int64', weak: true, rank: b.rank, span: b.span };
  });
}

/** An integer literal that does not fit in int64 cannot reach a kernel (it would wrap). */
export function checkInt64(text: string, n: TNode): void {
  if (n.kind === 'const' && typeof n.value === 'bigint' && n.dtype !== 'uint64' && (n.value < INT64_MIN || n.value > INT64_MAX)) {
    failAt('VALUE', `integer ${n.value} is out of bounds for int64`, text, n.span, 'numpy raises too; write it as a float (e.g. 2.0**64)');
  }
}

/** `n` as a constant of dtype `to` (NEP 50: a weak int that does not fit raises, as numpy). */
export function convertConst(text: string, n: TConst, to: DType): TConst {
  const v = n.value;
  let value: number | bigint;
  if (isComplex(to)) {
    // a real constant gets a +0 imaginary part; complex64 rounds both parts
    const re = Number(v);
    if (typeof v === 'bigint' && !Number.isFinite(re)) failAt('VALUE', 'integer too large to convert to complex', text, n.span);
    const r = to === 'complex64' ? Math.fround : (x: number) => x;
    return { ...n, value: r(re), imag: r(n.imag ?? 0), dtype: to, weak: false };
  }
  if (n.imag !== undefined) {
    if (to !== 'bool') failAt('TYPE', `cannot use a complex constant as ${to}`, text, n.span, 'take real(), imag() or abs()');
    return { ...n, value: v !== 0 || n.imag !== 0 ? 1 : 0, imag: undefined, dtype: 'bool', weak: false };
  }
  switch (to) {
    case 'float64':
      value = Number(v);
      if (typeof v === 'bigint' && !Number.isFinite(value)) failAt('VALUE', 'integer too large to convert to float', text, n.span);
      break;
    case 'float32':
      // a Python int converts through float64, as numpy's does (2**60 + 2**36 + 1 → 2**60)
      value = Number(v);
      if (typeof v === 'bigint' && !Number.isFinite(value)) failAt('VALUE', 'integer too large to convert to float', text, n.span);
      value = Math.fround(value);
      break;
    case 'float16':
      // only where the engine has float16 (no constant gets this dtype elsewhere); through float64 too
      value = Number(v);
      if (typeof v === 'bigint' && !Number.isFinite(value)) failAt('VALUE', 'integer too large to convert to float', text, n.span);
      value = f16round(value);
      break;
    case 'bool':
      value = Number(v) !== 0 ? 1 : 0;
      break;
    default: {
      // an integer dtype: the value must fit it (numpy raises for a Python int that does not)
      if (typeof v === 'number' && !Number.isInteger(v)) failAt('TYPE', `cannot use ${v} as ${to}`, text, n.span);
      const big = BigInt(v);
      const [lo, hi] = intRange(to);
      if (big < lo || big > hi) {
        failAt('VALUE', `integer ${v} is out of bounds for ${to}`, text, n.span, to === 'int64' ? 'numpy raises too; write it as a float (e.g. 2.0**64)' : castHint(to, big));
      }
      value = isBig(to) ? big : Number(big);
    }
  }
  return { ...n, value, dtype: to, weak: false };
}

/**
 * A complex value written as arithmetic on literals (`2+1j`, `1 - 0.5j`, `-(1+1j)`), as one constant,
 * Python's value (parts added one by one): for places that take a constant (shift's fill). Anything
 * else is returned as it is.
 */
export function foldComplexLiteral(n: TNode): TNode {
  if (n.kind !== 'op' || !isComplex(n.dtype) || (n.op !== 'add' && n.op !== 'subtract' && n.op !== 'negative')) return n;
  const args = n.args.map(foldComplexLiteral);
  if (!args.every((a) => a.kind === 'const' && typeof a.value === 'number')) return n;
  const [x, y] = args as TConst[];
  const im = (c: TConst) => c.imag ?? 0;
  const [re, imag] =
    n.op === 'negative' ? [-x!.value, -im(x!)] : n.op === 'add' ? [(x!.value as number) + (y!.value as number), im(x!) + im(y!)] : [(x!.value as number) - (y!.value as number), im(x!) - im(y!)];
  return { kind: 'const', value: re as number, imag, dtype: n.dtype, weak: n.weak, rank: 0, span: n.span };
}
