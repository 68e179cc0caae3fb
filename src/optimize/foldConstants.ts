// foldConstants: an op whose arguments are all constants becomes a constant, computed by the op's
// registry implementation (the function twin of the code a kernel runs), so float32 rounding and
// int wraparound are preserved exactly. Reductions are never folded. An op that throws (negative int power) stays,
// and so does any node `keep` names (the first pass keeps powers that expandPowers will rewrite, so
// that 3.0**2 computes as 3.0*3.0 at every place it appears, not as pow).

import type { TNode } from '../bind/typed.js';
import { opByName } from '../ops/registry.js';
import { rewrite } from '../util/walk.js';

export function foldConstants(root: TNode, keep?: (node: TNode) => boolean): TNode {
  return rewrite(root, (node) => foldOne(node, keep));
}

function foldOne(node: TNode, keep?: (node: TNode) => boolean): TNode {
  if (node.kind !== 'op' || !node.args.every((a) => a.kind === 'const')) return node;
  if (keep?.(node)) return node;
  const operandDtype = node.args[node.op === 'where' ? 1 : 0]!.dtype;
  try {
    const emit = opByName(node.op).emit[operandDtype];
    if (!emit) return node;
    const value: number | bigint = emit.fn(...node.args.map((a) => (a.kind === 'const' ? a.value : 0)));
    return { kind: 'const', value, dtype: node.dtype, weak: node.weak, rank: 0, span: node.span };
  } catch {
    return node;
  }
}
