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
  /** The chunks it covers, [start, end) in C order, of a grid of `chunks`. */
  readonly range: readonly [number, number];
  readonly chunks: number;
}

/**
 * Combine partial states from `evaluateChunked(…, { partial: true, range })` over consecutive chunk
 * ranges, given in range order (checked). Over the whole grid this is the reduction's value: exact
 * for integer sums, min, max, any and all, and within rounding for float sums, whose pieces merge
 * pairwise (one evaluateChunked call over a 1-D array follows NumPy's tree, bit for bit).
 *
 * @example
 * ```ts
 * const parts = files.map((f) => JSON.parse(fs.readFileSync(f, 'utf8')));
 * const total = mergePartials(parts); // sum(x*x) over the whole array
 * ```
 */
export function mergePartials(parts: readonly PartialReduction[]): number | bigint | boolean {
  if (!Array.isArray(parts) || !parts.length) fail('OPTION', 'mergePartials needs an array of at least one partial');
  const first = parts[0]!;
  parts.forEach((p, i) => {
    if (p?.fusexpr !== 'partial-reduction' || p.op !== first.op || p.operand !== first.operand || p.chunks !== first.chunks) {
      fail('OPTION', 'mergePartials: every part must be a partial of the same reduction over the same grid');
    }
    // in range order, each starting where the last ended: no gap, no overlap, no duplicate
    if (i > 0 && p.range[0] !== parts[i - 1]!.range[1]) {
      fail('OPTION', `mergePartials: part ${i} covers chunks [${p.range.join(', ')}) but part ${i - 1} ended at ${parts[i - 1]!.range[1]}: give consecutive ranges in order`);
    }
  });
  const state = reductionState(first.op, first.operand);
  const values = parts.map((p) => (p.bigint ? BigInt(p.value) : (p.value as number)));
  const total = state.mergePieces(values, values.length);
  return jsValue(state.finalize(total, parts.reduce((n, p) => n + p.count, 0)), first.output) as number | bigint | boolean;
}
