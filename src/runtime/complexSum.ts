// complexSum: a full sum or mean of one complex var — twin reduce stages over its re and im planes
// (plan/splitComplex.ts) — as one pass over its interleaved (re, im) pairs, block by block with the
// same blocks, additions and merge as reducing each plane apart (ops/pairwiseComplex.ts), so the same
// bits. Detects the twins and builds the pass's kernel for the drivers; compiles no code.

import type { Param, Plan, Program } from '../plan/program.js';
import type { Kernel } from '../kernel/abi.js';
import { blockStarts, reductionState } from '../ops/reductions.js';
import { pairwiseCPair32, pairwiseCPair64 } from '../ops/pairwiseComplex.js';

type PlaneParam = Extract<Param, { kind: 'array' }> & { readonly part: 're' | 'im' };

/** The plane a stage reduces when it is a full sum or mean (to a scalar) of a bare complex plane. */
export function planeSum(stage: Program): PlaneParam | undefined {
  if (stage.kind !== 'reduce' || (stage.reduce !== 'sum' && stage.reduce !== 'mean') || !stage.complexPart) return undefined;
  if (stage.pair || stage.transformed || stage.rank !== 0 || stage.instrs.length || stage.result.kind !== 'param') return undefined;
  if (stage.resultDtype !== 'float64' && stage.resultDtype !== 'float32') return undefined;
  const p = stage.params[stage.result.index];
  return p?.kind === 'array' && p.part && !p.transforms?.length ? (p as PlaneParam) : undefined;
}

/** Stage index → its twin's: the stage reducing the same var's other plane the same way. */
export function planeTwins(plan: Plan): Map<number, number> {
  const waiting = new Map<string, number>();
  const twins = new Map<number, number>();
  plan.stages.forEach((s, i) => {
    const p = planeSum(s);
    if (!p) return;
    const key = (part: string) => `${s.reduce}:${s.resultDtype}:${plan.inputs[p.input]!.name}:${part}`;
    const other = waiting.get(key(p.part === 're' ? 'im' : 're'));
    if (other === undefined) waiting.set(key(p.part), i);
    else {
      waiting.delete(key(p.part === 're' ? 'im' : 're'));
      twins.set(other, i).set(i, other);
    }
  });
  return twins;
}

export interface BothParts {
  /** A reduce kernel over pairs [start, end): returns the re partial, keeps the im one (blocks in order, one thread). */
  readonly kernel: Kernel;
  readonly blocks: number;
  readonly starts: Float64Array | undefined;
  readonly partials: Float64Array;
  /** After every block has run: the two parts' totals, finalized (a sum, or a mean). */
  totals(): [number, number];
  /** Every block in this thread, then the totals. */
  now(): [number, number];
}

/** The pass over n pairs of `data` from `at` (the first re) for twin stages reducing with `stage.reduce`. */
export function bothParts(stage: Program, data: ArrayLike<number>, at: number, n: number, blockSize: number): BothParts {
  const state = reductionState(stage.reduce!, stage.resultDtype, true);
  const starts = blockStarts(state.blocking, n, blockSize);
  const blocks = starts ? starts.length - 1 : Math.ceil(n / blockSize);
  const partials = new Float64Array(blocks);
  const im = new Float64Array(blocks);
  const sum = stage.resultDtype === 'float32' ? pairwiseCPair32 : pairwiseCPair64;
  const two = new Float64Array(2);
  let b = 0;
  const run = (_args: unknown, _out: unknown, start: number, end: number): number => {
    // block starts come from a Float64Array: V8 indexes with doubles 2.4× slower than with small ints
    const i = at + 2 * start;
    const m = end - start;
    sum(data, i < 2 ** 31 ? i | 0 : i, m < 2 ** 31 ? m | 0 : m, two);
    im[b++] = two[1]!;
    return two[0]!;
  };
  const source = '// both parts of a complex sum in one pass (runtime/complexSum.ts)';
  const kernel: Kernel = { id: -1, name: `${stage.reduce}_pairs`, backend: 'js', source, recipe: { backend: 'js', name: 'pairs', source }, run };
  const total = (p: Float64Array) => state.finalize(state.merge(p, blocks, n, blockSize), n) as number;
  const totals = (): [number, number] => [total(partials), total(im)];
  const now = (): [number, number] => {
    for (let k = 0; k < blocks; k++) partials[k] = run(null, null, starts![k]!, starts![k + 1]!);
    return totals();
  };
  return { kernel, blocks, starts, partials, totals, now };
}
