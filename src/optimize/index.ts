// Optimization levels choose the tree passes, in one place. CSE and invariant hoisting run on the
// linear program in plan/ (they need it); their switches come from the same level.

import type { TNode } from '../bind/typed.js';
import { foldConstants } from './foldConstants.js';
import { expandPowers, expandableExponent } from './expandPowers.js';
import { simplify } from './simplify.js';

/**
 * How hard the optimizer works: 'none' (as written), 'moderate' (constant folding, CSE),
 * 'aggressive' (also power expansion and algebraic simplification; the default, as numexpr).
 *
 * @example
 * ```ts
 * evaluate('x**3', { x }, undefined, { optimize: 'none' });
 * ```
 */
export type OptimizeLevel = 'none' | 'moderate' | 'aggressive';
export const OPTIMIZE_LEVELS: readonly OptimizeLevel[] = ['none', 'moderate', 'aggressive'];

export interface PassRecord {
  readonly pass: string;
  readonly output: TNode;
}

export interface TreePass {
  readonly name: string;
  readonly run: (n: TNode) => TNode;
}

export function treePasses(level: OptimizeLevel): TreePass[] {
  if (level === 'none') return [];
  const fractional = level === 'aggressive';
  const willExpand = (n: TNode) =>
    n.kind === 'op' && n.op === 'power' && n.args[1]!.kind === 'const' && (n.dtype === 'float32' || n.dtype === 'float64') && expandableExponent(Number(n.args[1]!.value), fractional);
  return [
    { name: 'foldConstants', run: (n) => foldConstants(n, willExpand) },
    { name: 'expandPowers', run: (n) => expandPowers(n, fractional) },
    { name: 'simplify', run: simplify },
    { name: 'foldConstants', run: (n) => foldConstants(n) },
  ];
}

/** Run the level's tree passes, keeping each pass's output for explain(). */
export function optimize(root: TNode, level: OptimizeLevel): { root: TNode; history: PassRecord[] } {
  const history: PassRecord[] = [];
  let n = root;
  for (const pass of treePasses(level)) {
    n = pass.run(n);
    history.push({ pass: pass.name, output: n });
  }
  return { root: n, history };
}

/** Whether the program passes (common subexpressions, invariant hoisting) run at this level. */
export const programPassesEnabled = (level: OptimizeLevel) => level !== 'none';
