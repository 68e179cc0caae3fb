// Helpers to bind an expression against a signature without running it, for per-stage tests.

import { parse } from '../../src/parse/index.js';
import { bind } from '../../src/bind/bind.js';
import type { Bound, InputInfo } from '../../src/bind/typed.js';
import { printTyped } from '../../src/bind/print.js';
import type { TNode } from '../../src/bind/typed.js';
import type { DType } from '../../src/types/dtypes.js';

/** Arrays by default; `s:` prefixed names are weak scalars (int if the name ends in 'i'). */
export function bindWith(expr: string, types: Record<string, DType | 'weak_int' | 'weak_float'> = {}): Bound {
  const vars = new Map<string, InputInfo>();
  for (const [name, t] of Object.entries(types)) {
    if (t === 'weak_int') vars.set(name, { name, kind: 'scalar', dtype: 'int64', weak: true });
    else if (t === 'weak_float') vars.set(name, { name, kind: 'scalar', dtype: 'float64', weak: true });
    else vars.set(name, { name, kind: 'array', dtype: t, storage: 'X', rank: 1, view: false });
  }
  return bind(parse(expr), expr, vars);
}

export function show(n: TNode, bound: Bound): string {
  return printTyped(n, bound.inputs.map((i) => i.name));
}
