// simplify: algebraic rewrites that are exact for every input, -0 and nan included:
// x*1 → x, x+(-0) → x, x-0 → x, (ints also x+0), --x → x, x/2**k → x*2**-k (power-of-two
// reciprocals are exact), +x → x, where(true, a, b) → a, where(false, a, b) → b when the dropped
// branch is a scalar (an array branch takes part in the result's broadcast shape even unread).
// x+0 is not rewritten for floats: -0 + 0 is +0.

import type { TNode, TOp } from '../bind/typed.js';
import { isInt } from '../types/dtypes.js';
import { rewrite } from '../util/walk.js';

export function simplify(root: TNode): TNode {
  return rewrite(root, simplifyOne);
}

function simplifyOne(node: TNode): TNode {
  if (node.kind !== 'op') return node;
  const [a, b] = node.args;
  const c = (x: TNode | undefined): number | undefined => (x && x.kind === 'const' ? Number(x.value) : undefined);
  const keepRank = (x: TNode): TNode => (x.rank === node.rank ? x : node); // never drop a broadcast
  switch (node.op) {
    case 'multiply':
      if (c(b) === 1) return keepRank(a!);
      if (c(a) === 1) return keepRank(b!);
      return node;
    case 'add':
      if (node.dtype === 'bool') return node;
      if (isInt(node.dtype)) {
        if (c(b) === 0) return keepRank(a!);
        if (c(a) === 0) return keepRank(b!);
        return node;
      }
      if (b?.kind === 'const' && Object.is(b.value, -0)) return keepRank(a!);
      if (a?.kind === 'const' && Object.is(a.value, -0)) return keepRank(b!);
      return node;
    case 'subtract':
      if (b?.kind === 'const' && (Object.is(b.value, 0) || b.value === 0n)) return keepRank(a!);
      return node;
    case 'negative':
      return a!.kind === 'op' && a!.op === 'negative' ? (a as TOp).args[0]! : node;
    case 'positive':
      return a!;
    case 'true_divide': {
      const d = c(b);
      if (d === undefined || d === 0 || !Number.isFinite(d)) return node;
      const r = 1 / d;
      const exp = Math.log2(Math.abs(d));
      if (!Number.isInteger(exp) || Math.abs(exp) > (node.dtype === 'float32' ? 126 : 1022)) return node;
      return { ...node, op: 'multiply', args: [a!, { ...(b as TNode & { kind: 'const' }), value: r }] };
    }
    case 'where': {
      const cond = c(a);
      if (cond === undefined) return node;
      const [kept, dropped] = cond !== 0 ? [b!, node.args[2]!] : [node.args[2]!, b!];
      return dropped.rank === 0 ? keepRank(kept) : node; // same rank is not enough: [3,1] vs [3,4]
    }
    default:
      return node;
  }
}
