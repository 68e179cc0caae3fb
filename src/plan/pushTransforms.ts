// pushTransforms: roll and shift become index transforms on the leaves they read, so a stencil fuses
// into one loop. roll commutes with elementwise ops (roll(a*b) = roll(a)*roll(b)); shift does not at
// its boundary, so shift(e, k, axis, fill) becomes where(inbounds, e', fill) with e' read shifted and
// `inbounds` a mask leaf carrying the same transforms. Transforms are in each leaf's own dims
// (ranks align from the right); a leaf broadcast along the axis is unaffected.

import type { TNode, TConst, Transform } from '../bind/typed.js';
import { rewrite, withChildren } from '../util/walk.js';
import { postOrder } from '../util/postOrder.js';

export function pushTransforms(root: TNode): TNode {
  // bottom-up: inner transforms are pushed first, so outer ones are prepended (applied first)
  return rewrite(root, (n) => {
    if (n.kind !== 'transform') return n;
    const t = n.transform;
    const pushed = pushInto(n.arg, t, n.rank);
    if (t.kind === 'roll') return pushed;
    const mask: TNode = { kind: 'ones', transforms: [t], dtype: 'bool', weak: false, rank: n.rank, span: n.span };
    const fill: TConst = { ...n.fill, rank: 0 };
    return { kind: 'op', op: 'where', args: [mask, pushed, fill], dtype: n.dtype, weak: false, rank: n.rank, span: n.span };
  });
}

/** Prepend `t` (in dims of a rank-`rank` value) to every leaf of `n` that has the axis. */
function pushInto(n: TNode, t: Transform, rank: number): TNode {
  const on = (leafRank: number): Transform | undefined => {
    const axis = t.axis - (rank - leafRank);
    return axis >= 0 ? { ...t, axis } : undefined;
  };
  // a reduction's operand is another index space: stop there (its array result is the leaf)
  const kids = (x: TNode): readonly TNode[] => (x.kind === 'op' ? x.args : []);
  return postOrder<TNode, TNode>(n, kids, (x, k) => visit(x.kind === 'op' ? withChildren(x, k) : x), new Map());

  function visit(leaf: TNode): TNode {
    switch (leaf.kind) {
      case 'input': {
        const lt = leaf.rank > 0 ? on(leaf.rank) : undefined;
        return lt ? { ...leaf, transforms: [lt, ...(leaf.transforms ?? [])] } : leaf;
      }
      case 'ones': {
        const lt = on(leaf.rank);
        return lt ? { ...leaf, transforms: [lt, ...leaf.transforms] } : leaf;
      }
      case 'reduce': {
        const lt = leaf.rank > 0 ? on(leaf.rank) : undefined;
        return lt ? { ...leaf, transforms: [lt, ...(leaf.transforms ?? [])] } : leaf;
      }
      default:
        return leaf;
    }
  }
}
