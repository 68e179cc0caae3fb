// Bottom-up rewriting of typed trees, iteratively (deep trees never overflow the stack) and once per
// distinct node (shared subterms stay shared). Returns the same node when nothing changed.

import type { TNode } from '../bind/typed.js';
import { postOrder } from './postOrder.js';

export const childrenOf = (n: TNode): readonly TNode[] => (n.kind === 'op' ? n.args : n.kind === 'reduce' || n.kind === 'transform' ? [n.arg] : []);

/** Rebuild `n` with new children (the same object when none changed). */
export function withChildren(n: TNode, kids: readonly TNode[]): TNode {
  switch (n.kind) {
    case 'const':
    case 'input':
    case 'ones':
      return n;
    case 'op':
      return kids.every((k, i) => k === n.args[i]) ? n : { ...n, args: kids };
    case 'reduce':
    case 'transform':
      return kids[0] === n.arg ? n : { ...n, arg: kids[0]! };
  }
}

/** Apply `f` to every node, children first: f sees the node with its children already rewritten. */
export function rewrite(root: TNode, f: (n: TNode) => TNode): TNode {
  return postOrder<TNode, TNode>(root, childrenOf, (n, kids) => f(withChildren(n, kids)), new Map());
}

export function isConst(n: TNode, value?: number): boolean {
  return n.kind === 'const' && (value === undefined || Number(n.value) === value);
}
