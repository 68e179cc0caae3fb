// The typed AST: names resolved to inputs, every node with its dtype, weakness and rank, and casts
// made explicit so each op sees operands of the dtypes its rule chose. The contract between bind/,
// optimize/ and plan/. Passes build new nodes; nothing here is mutated after construction.

import type { Span } from '../errors.js';
import type { DType } from '../types/dtypes.js';
import type { ReductionName } from '../ops/registry.js';
import { postOrder } from '../util/postOrder.js';
import type { Transform } from '../kernel/layout.js';

export type { Transform };

export const transformsKey = (t: readonly Transform[] | undefined) => (t && t.length ? `@${t.map((x) => `${x.kind[0]}${x.axis}:${x.amount}`).join(',')}` : '');

interface Typed {
  readonly dtype: DType;
  /** NEP 50 weak scalar (literal, JS number, or an op over only such): defers to array dtypes. */
  readonly weak: boolean;
  /** 0 for scalars (one value per call), 1 for arrays. N-D views raise this later. */
  readonly rank: number;
  readonly span: Span;
}

export interface TConst extends Typed {
  readonly kind: 'const';
  /** bigint exactly when dtype is int64; 0/1 for bool; the real part for complex dtypes. */
  readonly value: number | bigint;
  /** Complex dtypes: the imaginary part. */
  readonly imag?: number;
}

/** An input (var) read as `dtype`. A scalar var used at two dtypes appears as two TInputs. */
export interface TInput extends Typed {
  readonly kind: 'input';
  readonly index: number;
  /** roll/shift index transforms pushed down to this leaf (its own dims), outermost first. */
  readonly transforms?: readonly Transform[];
}

/** roll(x, shift, axis) / shift(x, k, axis, fill): removed by pushTransforms before planning. */
export interface TTransform extends Typed {
  readonly kind: 'transform';
  readonly transform: Transform;
  /** shift only: the value read outside the bounds. */
  readonly fill: TConst;
  readonly arg: TNode;
}

/** 1 where every shift transform is in bounds, else 0: the mask pushTransforms makes for shift. */
export interface TOnes extends Typed {
  readonly kind: 'ones';
  readonly transforms: readonly Transform[];
}

export interface TOp extends Typed {
  readonly kind: 'op';
  /** An OpDef name from the registry (casts are ops named after their dtype). */
  readonly op: string;
  readonly args: readonly TNode[];
}

export interface TReduce extends Typed {
  readonly kind: 'reduce';
  readonly op: ReductionName;
  readonly arg: TNode;
  /** null: reduce everything. Else the axes reduced: non-negative, sorted, distinct, not all of them unless keepdims. */
  readonly axes: readonly number[] | null;
  /** The reduced axes stay, with length 1 (rank is the operand's). */
  readonly keepdims: boolean;
  /** The operand is one part of complex values (splitComplex): NumPy's complex pairwise blocks. */
  readonly complexPart?: boolean;
  /**
   * A complex product (its parts do not reduce apart): `arg` is the taken part's operand, `other` the
   * other part's; the runtime multiplies the (re, im) pairs in order and keeps part `take`.
   */
  readonly pair?: { readonly other: TNode; readonly take: 're' | 'im' };
  /** For axis reductions used under roll/shift (the result's dims). */
  readonly transforms?: readonly Transform[];
}

export type TNode = TConst | TInput | TOp | TReduce | TTransform | TOnes;

/** What bind knows about each input var: the signature that kernels are specialized on. */
export type InputInfo =
  | {
      readonly name: string; readonly kind: 'array'; readonly dtype: DType; readonly storage: string; readonly rank: number; readonly view: boolean;
      /** One plane of a complex var (made by plan/splitComplex.ts): its re or im parts as a strided real view. */
      readonly part?: 're' | 'im';
    }
  | {
      readonly name: string; readonly kind: 'scalar'; readonly dtype: DType; readonly weak: boolean; readonly small?: boolean;
      /** One part of a complex scalar var (made by plan/splitComplex.ts). */
      readonly part?: 're' | 'im';
    };

export interface Bound {
  readonly root: TNode;
  readonly inputs: readonly InputInfo[];
  readonly expression: string;
}

/**
 * Structural key: equal keys mean equal values (ops are pure). Children are interned to short ids, so
 * keys stay small for deep or shared trees; compare keys made with the same `interned` table.
 */
export function nodeKey(root: TNode, interned: Map<string, number> = new Map()): string {
  const id = (key: string): string => {
    let k = interned.get(key);
    if (k === undefined) {
      k = interned.size;
      interned.set(key, k);
    }
    return `#${k}`;
  };
  return postOrder<TNode, string>(
    root,
    (n) => (n.kind === 'op' ? n.args : n.kind === 'reduce' || n.kind === 'transform' ? [n.arg] : []),
    (n, kids) => {
      switch (n.kind) {
        case 'const':
          return `${n.dtype}:${typeof n.value === 'bigint' ? `${n.value}n` : Object.is(n.value, -0) ? '-0' : String(n.value)}${n.imag === undefined ? '' : `${Object.is(n.imag, -0) ? '-0' : n.imag}j`}`;
        case 'input':
          return `$${n.index}:${n.dtype}${transformsKey(n.transforms)}`;
        case 'ones':
          return `ones${n.rank}${transformsKey(n.transforms)}`;
        case 'op':
          return id(`${n.op}:${n.dtype}(${kids.join(',')})`);
        case 'reduce':
          return id(`${n.op}[${n.axes ?? ''}${n.keepdims ? 'k' : ''}${n.complexPart ? 'c' : ''}${n.pair ? `${n.pair.take}:${nodeKey(n.pair.other, interned)}` : ''}]:${n.dtype}(${kids[0]})${transformsKey(n.transforms)}`);
        case 'transform':
          return id(`${n.transform.kind}${n.transform.axis}:${n.transform.amount}:${String(n.fill.value)}(${kids[0]})`);
      }
    },
    new Map(),
  );
}
