// Prints a typed tree for explain(): casts and dtypes made visible, vars by their names.

import type { TNode } from './typed.js';
import { opByName } from '../ops/registry.js';
import { serializeNumber } from '../codegen/literals.js';

export function printTyped(n: TNode, names: readonly string[]): string {
  switch (n.kind) {
    case 'const':
      if (n.dtype === 'bool') return n.value ? 'true' : 'false';
      if (typeof n.value === 'bigint' || n.dtype === 'int32') return n.value.toString();
      return serializeNumber(n.value, true);
    case 'input':
      return names[n.index] ?? `$${n.index}`;
    case 'reduce':
      return `${n.op}(${printTyped(n.arg, names)}${n.axis === null ? '' : `, axis=${n.axis}`})`;
    case 'op': {
      const def = opByName(n.op);
      const args = n.args.map((a) => printTyped(a, names));
      if (def.syntax === 'binary') return `(${args[0]} ${def.symbol} ${args[1]})`;
      if (def.syntax === 'unary') return `${def.symbol}${args[0]}`;
      return `${n.op}(${args.join(', ')})`;
    }
  }
}
