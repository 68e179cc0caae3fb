// Partial states of full reductions over chunk ranges: plain JSON that independent processes (or
// machines) produce with evaluateChunked(…, { partial: true, range }) and one of them merges.

import { fail } from '../errors.js';
import type { ReductionName } from '../ops/registry.js';
import { reductionState } from '../ops/reductions.js';
import type { DType } from '../types/dtypes.js';
import { jsValue } from './helpers.js';

/**
 * A full reduction's partial state over some chunks: plain JSON, merged by {@link mergePartials}.
 *
 * @example
 * ```ts
 * const part = await evaluateChunked('sum(x*x)', { x }, undefined, { partial: true, range: [0, 10] });
 * fs.writeFileSync('part0.json', JSON.stringify(part));
 * ```
 */
export interface PartialReduction {
  readonly fusexpr: 'partial-reduction';
  readonly op: ReductionName;
  readonly operand: DType;
  readonly output: DType;
  /** The merged partial (a decimal string for bigints). */
  readonly value: number | string;
  readonly bigint: boolean;
  /** Elements reduced. */
  readonly count: number;
}

/**
 * Combine partial states from `evaluateChunked(…, { partial: true, range })` over disjoint chunk
 * ranges, given in range order: the reduction's value, as evaluateChunked over all chunks gives it.
 *
 * @example
 * ```ts
 * const parts = files.map((f) => JSON.parse(fs.readFileSync(f, 'utf8')));
 * const total = mergePartials(parts); // sum(x*x) over the whole array
 * ```
 */
export function mergePartials(parts: readonly PartialReduction[]): number | bigint | boolean {
  if (!parts.length) fail('OPTION', 'mergePartials needs at least one partial');
  const first = parts[0]!;
  for (const p of parts) {
    if (p?.fusexpr !== 'partial-reduction' || p.op !== first.op || p.operand !== first.operand) fail('OPTION', 'mergePartials: every part must be a partial of the same reduction');
  }
  const state = reductionState(first.op, first.operand);
  const values = parts.map((p) => (p.bigint ? BigInt(p.value) : (p.value as number)));
  const total = state.mergePieces(values, values.length);
  return jsValue(state.finalize(total, parts.reduce((n, p) => n + p.count, 0)), first.output) as number | bigint | boolean;
}
