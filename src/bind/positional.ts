// A reduction's positional axis (`sum(a, 0)`, as NumPy's) and where two-argument min/max are numexpr's
// elementwise minimum/maximum instead; reads call nodes only, binds nothing.

import type { Call, Expr } from '../ast/nodes.js';
import { reductionByName } from '../ops/registry.js';

/** `sum(a, 0)`: a reduction's second positional argument is its axis, as NumPy's (two-argument min/max are elementwise). */
export function positionalAxis(e: Call): Expr | undefined {
  return e.args.length === 2 && reductionByName(e.callee) && !elementwiseMinMax(e) ? e.args[1] : undefined;
}

/** `min(a, b)`, `max(a, b)` without keywords: numexpr's elementwise minimum/maximum, unless `b` is None or a tuple (only an axis is). */
export function elementwiseMinMax(e: Call): boolean {
  const b = e.args[1];
  return (e.callee === 'min' || e.callee === 'max') && e.args.length === 2 && e.keywords.length === 0 && b?.kind !== 'tuple' && !(b?.kind === 'name' && b.name === 'None');
}
