// splitComplex: a typed tree with complex values → real trees over the parts (a complex var becomes
// its two strided planes, a complex value a (re, im) pair, a complex result two roots), so every
// backend, layout, thread and stencil computes complex numbers without knowing them. Pure: a tree
// in, new trees out; the scalar complex math is ops/complex.ts, reached through the c_* ops.

import type { Bound, InputInfo, TConst, TNode } from '../bind/typed.js';
import { nodeKey } from '../bind/typed.js';
import { DTYPES, isBig, isComplex, partOf, type DType } from '../types/dtypes.js';
import { castOp, COMPLEX_HELPER } from '../ops/registry.js';
import { postOrder } from '../util/postOrder.js';
import { clip, minMax, orderCompare } from './complexOrder.js';
import { childrenOf, withChildren } from '../util/walk.js';

type Pair = readonly [TNode, TNode];
type Split = TNode | Pair;
const isPair = (s: Split): s is Pair => Array.isArray(s);

export interface SplitResult {
  /** One real root, or the complex result's [re, im]. */
  readonly roots: readonly TNode[];
  readonly inputs: readonly InputInfo[];
}

/** Whether the tree or its inputs hold a complex value (only then is the split needed). */
export function hasComplex(bound: Bound, root: TNode): boolean {
  if (bound.inputs.some((i) => isComplex(i.dtype))) return true;
  let found = false;
  postOrder<TNode, void>(root, childrenOf, (n) => {
    if (isComplex(n.dtype)) found = true;
  }, new Map());
  return found;
}

export function splitComplex(bound: Bound, root: TNode): SplitResult {
  const inputs: InputInfo[] = [];
  const index: (number | [number, number])[] = bound.inputs.map((info) => {
    if (isComplex(info.dtype)) {
      // inputs: a complex array var becomes its two planes, a complex scalar var its two parts
      const part = partOf(info.dtype);
      inputs.push({ ...info, dtype: part, part: 're' }, { ...info, dtype: part, part: 'im' });
      return [inputs.length - 2, inputs.length - 1];
    }
    inputs.push(info);
    return inputs.length - 1;
  });

  const top = postOrder<TNode, Split>(root, childrenOf, (n, kids) => visit(n, kids), new Map());
  return { roots: isPair(top) ? sameShape(top) : [top], inputs };

  function visit(n: TNode, kids: Split[]): Split {
    switch (n.kind) {
      case 'const':
        if (!isComplex(n.dtype)) return n;
        return [part(n, n.value as number), part(n, n.imag ?? 0)];
      case 'input': {
        const i = index[n.index]!;
        if (typeof i === 'number') return i === n.index ? n : { ...n, index: i };
        const dtype = partOf(n.dtype as 'complex64' | 'complex128');
        return [{ ...n, index: i[0], dtype }, { ...n, index: i[1], dtype }];
      }
      case 'ones':
        return n;
      case 'transform': {
        const a = kids[0]!;
        if (!isPair(a)) return withChildren(n, [a]);
        const [fr, fi] = [part(n.fill, n.fill.value as number), part(n.fill, n.fill.imag ?? 0)];
        return [{ ...n, arg: a[0], fill: fr, dtype: a[0].dtype }, { ...n, arg: a[1], fill: fi, dtype: a[1].dtype }];
      }
      case 'reduce': {
        const a = kids[0]!;
        if (!isPair(a)) return withChildren(n, [a]);
        // a product multiplies (re, im) pairs, min and max order them: each part's stage reads both planes, keeps its part
        if (n.op === 'prod' || n.op === 'min' || n.op === 'max') {
          return [
            { ...n, arg: a[0], dtype: a[0].dtype, complexPart: true, pair: { other: a[1], take: 're' } },
            { ...n, arg: a[1], dtype: a[1].dtype, complexPart: true, pair: { other: a[0], take: 'im' } },
          ];
        }
        // sum and mean reduce each part apart (any and all see bool(z))
        const parts: Pair = [{ ...n, arg: a[0], dtype: a[0].dtype, complexPart: true }, { ...n, arg: a[1], dtype: a[1].dtype, complexPart: true }];
        if (n.op !== 'mean') return parts;
        // numpy's mean divides the complex sum by n + 0j (Smith): re = (sr + si·0)/n, im = (si − sr·0)/n, so
        // a nan or inf in one part makes the other nan; mr + mi·0 and mi − mr·0 are the same values
        const [mr, mi] = parts;
        const at = (op: string, x: TNode, y: TNode): TNode => ({ kind: 'op', op, args: [x, y], dtype: x.dtype, weak: false, rank: x.rank, span: n.span });
        return [at('add', mr, at('multiply', mi, zero(mi))), at('subtract', mi, at('multiply', mr, zero(mr)))];
      }
      case 'op':
        return op(n, kids);
    }
  }

  function op(n: TNode & { kind: 'op' }, kids: Split[]): Split {
    if (!isComplex(n.dtype) && !kids.some(isPair)) return withChildren(n, kids as TNode[]);
    const mk = (name: string, args: readonly TNode[], dtype: DType): TNode => ({
      kind: 'op', op: name, args, dtype, weak: n.weak, rank: Math.max(0, ...args.map((a) => a.rank)), span: n.span,
    });
    const pd = isComplex(n.dtype) ? partOf(n.dtype) : n.dtype;
    const pairOf = (s: Split): Pair => (isPair(s) ? s : [s, zerosLike(s, s.dtype)]);
    const [a, b] = kids;
    const flat = (): TNode[] => kids.flatMap((k) => [...pairOf(k)]);
    // a cast of a complex value to a real dtype (an out with casting='unsafe'): the real part, as numpy's astype
    if (n.op !== 'bool' && (DTYPES as readonly string[]).includes(n.op)) return mk(n.op, [(a as Pair)[0]], n.dtype);
    switch (n.op) {
      case 'complex64':
      case 'complex128': {
        const [re, im] = pairOf(a!);
        const cast = (x: TNode) => (x.dtype === pd ? x : mk(castOp(pd).name, [x], pd));
        return isPair(a!) ? [cast(re), cast(im)] : [cast(re), zerosLike(re, pd)];
      }
      case 'bool': {
        const [re, im] = a as Pair;
        const nz = (x: TNode) => mk('not_equal', [x, zero(x)], 'bool');
        return mk('bitwise_or', [nz(re), nz(im)], 'bool');
      }
      case 'complex':
        return [a as TNode, b as TNode];
      case 'real':
        return (a as Pair)[0];
      case 'imag':
        return (a as Pair)[1];
      case 'conj':
        return [(a as Pair)[0], mk('negative', [(a as Pair)[1]], pd)];
      case 'abs':
        return mk('c_abs', [...(a as Pair)], pd);
      case 'angle':
        return mk('arctan2', [(a as Pair)[1], (a as Pair)[0]], pd);
      case 'positive':
        return a!;
      case 'negative':
        return [mk('negative', [(a as Pair)[0]], pd), mk('negative', [(a as Pair)[1]], pd)];
      case 'add':
      case 'subtract': {
        const [x, y] = [pairOf(a!), pairOf(b!)];
        return [mk(n.op, [x[0], y[0]], pd), mk(n.op, [x[1], y[1]], pd)];
      }
      case 'multiply':
        return [mk('c_mul_re', flat(), pd), mk('c_mul_im', flat(), pd)];
      case 'true_divide':
        return [mk('c_div_re', flat(), pd), mk('c_div_im', flat(), pd)];
      case 'power': {
        // numpy's array ** Python float 0.5 fast path is sqrt (** 2 and ** -1 of a Python int: bind/constants.ts)
        const e = n.args[1]!;
        const half = e.kind === 'const' && e.imag === 0 && n.args[0]!.kind !== 'const';
        if (half && e.value === 0.5) return [mk('c_sqrt_re', [...pairOf(a!)], pd), mk('c_sqrt_im', [...pairOf(a!)], pd)];
        return [mk('c_pow_re', flat(), pd), mk('c_pow_im', flat(), pd)];
      }
      case 'power_scalar':
      case 'power_scalar_int':
        // a Python scalar exponent known at run time (bind/constants.ts): NumPy's fast paths per call
        return [mk(`c_${n.op}_re`, flat(), pd), mk(`c_${n.op}_im`, flat(), pd)];
      case 'equal':
      case 'not_equal': {
        const [x, y] = [pairOf(a!), pairOf(b!)];
        return mk(n.op === 'equal' ? 'bitwise_and' : 'bitwise_or', [mk(n.op, [x[0], y[0]], 'bool'), mk(n.op, [x[1], y[1]], 'bool')], 'bool');
      }
      case 'less':
      case 'less_equal':
      case 'greater':
      case 'greater_equal':
        return orderCompare(mk, n.op, pairOf(a!), pairOf(b!));
      case 'minimum':
      case 'maximum':
        return minMax(mk, n.op, pairOf(a!), pairOf(b!), pd);
      case 'clip':
        return clip(mk, pairOf(a!), pairOf(b!), pairOf(kids[2]!), pd);
      case 'round':
        // numpy's rint rounds each part half to even
        return [mk('round', [pairOf(a!)[0]], pd), mk('round', [pairOf(a!)[1]], pd)];
      case 'isnan':
      case 'isinf':
      case 'isfinite': {
        // numpy: nan or inf in either part; finite when both parts are
        const [re, im] = pairOf(a!);
        return mk(n.op === 'isfinite' ? 'bitwise_and' : 'bitwise_or', [mk(n.op, [re], 'bool'), mk(n.op, [im], 'bool')], 'bool');
      }
      case 'where': {
        const [x, y] = [pairOf(b!), pairOf(kids[2]!)];
        return [mk('where', [a as TNode, x[0], y[0]], pd), mk('where', [a as TNode, x[1], y[1]], pd)];
      }
      default:
        if (COMPLEX_HELPER[n.op]) return [mk(`c_${n.op}_re`, flat(), pd), mk(`c_${n.op}_im`, flat(), pd)];
        throw new Error(`internal: splitComplex has no rule for ${n.op}`);
    }
  }
}

const part = (c: TConst, v: number): TConst => ({ ...c, value: v, imag: undefined, dtype: partOf(c.dtype as 'complex64' | 'complex128') });
const zero = (x: TNode): TConst => ({ kind: 'const', value: isBig(x.dtype) ? 0n : 0, dtype: x.dtype, weak: x.weak, rank: 0, span: x.span });

/** The array leaves of a value (inputs and reductions it reads), for shapes. */
function leavesOf(x: TNode): TNode[] {
  const out: TNode[] = [];
  postOrder<TNode, void>(x, (n) => (n.kind === 'op' ? n.args : n.kind === 'transform' ? [n.arg] : []), (n) => {
    if ((n.kind === 'input' || n.kind === 'reduce') && n.rank > 0) out.push(n);
  }, new Map());
  return out;
}

/** `value`, read where each of `leaves` is: its shape grows to the broadcast shape. */
const spread = (value: TNode, leaves: readonly TNode[]): TNode =>
  leaves.reduce<TNode>((acc, l) => ({ kind: 'op', op: 'broadcast_like', args: [acc, l], dtype: acc.dtype, weak: acc.weak, rank: Math.max(acc.rank, l.rank), span: acc.span }), value);

/** A 0 of `dtype` in the shape of x (the imaginary part of a real value). */
const zerosLike = (x: TNode, dtype: DType): TNode => spread({ ...zero(x), dtype, value: isBig(dtype) ? 0n : 0 }, leavesOf(x));

/** The two roots write one out each: each must have the whole result's shape. */
function sameShape([re, im]: Pair): TNode[] {
  const interned = new Map<string, number>();
  const keys = (x: TNode) => new Set(leavesOf(x).map((l) => nodeKey(l, interned)));
  const kr = keys(re);
  const ki = keys(im);
  const missing = (x: TNode, have: Set<string>) => leavesOf(x).filter((l, i, all) => !have.has(nodeKey(l, interned)) && all.findIndex((m) => m === l) === i);
  return [spread(re, missing(im, kr)), spread(im, missing(re, ki))];
}
