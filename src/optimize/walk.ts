// Rebuild a node with each child mapped; returns the same node when no child changed, so passes
// that change nothing allocate nothing.

import type { TNode } from '../bind/typed.js';

export function mapChildren(n: TNode, f: (child: TNode) => TNode): TNode {
  switch (n.kind) {
    case 'const':
    case 'input':
      return n;
    case 'op': {
      let changed = false;
      const args = n.args.map((a) => {
        const b = f(a);
        if (b !== a) changed = true;
        return b;
      });
      return changed ? { ...n, args } : n;
    }
    case 'reduce': {
      const arg = f(n.arg);
      return arg === n.arg ? n : { ...n, arg };
    }
  }
}

export function isConst(n: TNode, value?: number): boolean {
  return n.kind === 'const' && (value === undefined || Number(n.value) === value);
}
