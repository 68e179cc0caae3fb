// Prints a typed tree for explain(): casts and dtypes made visible, vars by their names.

import type { TNode } from './typed.js';
import { opByName } from '../ops/registry.js';
import { serializeNumber } from '../util/literals.js';
import { postOrder } from '../util/postOrder.js';
import { childrenOf } from '../util/walk.js';
import type { Transform } from './typed.js';

/** Pushed-down transforms print after the leaf: x[roll 1 on 0, shift -1 on 1]. */
const printTransforms = (t: readonly Transform[] | undefined) => (t && t.length ? `[${t.map((x) => `${x.kind} ${x.amount} on ${x.axis}`).join(', ')}]` : '');

const printAxes = (a: readonly number[] | null) => (a === null ? '' : a.length === 1 ? `, axis=${a[0]}` : `, axis=(${a.join(', ')})`);

/** Printed trees longer than this are cut (shared subterms print once per use). */
const MAX_PRINTED = 200_000;

export function printTyped(root: TNode, names: readonly string[]): string {
  return postOrder<TNode, string>(root, childrenOf, (n, kids) => {
    const s = printOne(n, kids, names);
    return s.length > MAX_PRINTED ? `${s.slice(0, MAX_PRINTED)}…` : s;
  }, new Map());
}

function printOne(n: TNode, kids: string[], names: readonly string[]): string {
  switch (n.kind) {
    case 'const':
      if (n.dtype === 'bool') return n.value ? 'true' : 'false';
      // a complex literal (bind's tree, before splitComplex): Python's spelling, (re + imj)
      if (n.imag !== undefined) return `(${serializeNumber(n.value as number, true)} + ${serializeNumber(n.imag, true)}j)`;
      if (typeof n.value === 'bigint' || n.dtype === 'int32') return n.value.toString();
      return serializeNumber(n.value, true);
    case 'input':
      return (names[n.index] ?? `$${n.index}`) + printTransforms(n.transforms);
    case 'ones':
      return `inbounds${printTransforms(n.transforms)}`;
    case 'transform':
      return n.transform.kind === 'roll'
        ? `roll(${kids[0]}, ${n.transform.amount}, ${n.transform.axis})`
        : `shift(${kids[0]}, ${n.transform.amount}, ${n.transform.axis}, ${String(n.fill.value)})`;
    case 'reduce':
      return `${n.op}(${kids[0]}${printAxes(n.axes)}${n.keepdims ? ', keepdims=True' : ''})${printTransforms(n.transforms)}`;
    case 'op': {
      const def = opByName(n.op);
      const args = kids;
      if (def.syntax === 'binary') return `(${args[0]} ${def.symbol} ${args[1]})`;
      if (def.syntax === 'unary') return `${def.symbol}${args[0]}`;
      return `${n.op}(${args.join(', ')})`;
    }
  }
}
