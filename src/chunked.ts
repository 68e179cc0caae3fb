// evaluateChunked: an expression over arrays larger than memory, piece by piece. Reductions run
// first, each as a pass over its operand's chunks whose partials merge through the op table's
// reduction state in chunk order; the expression, with their results as vars, then runs once per
// output chunk (grown by roll/shift halos) through the in-memory evaluate and its kernels, reading
// the next chunk while computing this one and writing the previous. Memory: a few chunks.

import { isAbortSignal } from './util/abort.js';
import { fail } from './errors.js';
import { checkAbort, checkOptionKeys, checkRange, readsShifted } from './chunked/helpers.js';
import { parseCached } from './pipeline.js';
import { Job } from './chunkedJob.js';
import type { ChunkedOptions, ChunkedVars, ChunkedSink } from './chunked/types.js';
export { mergePartials, type PartialReduction } from './chunked/partials.js';
export type { ChunkedOptions, ChunkedVars, ChunkedSink } from './chunked/types.js';

/**
 * evaluate over arrays larger than memory: chunked arrays (ChunkedArray, or zarrita arrays as they
 * are) and in-memory values, chunk by chunk, with bounded memory. Resolves to a number for a full
 * reduction, `out` when given, else a new in-memory array.
 *
 * @example
 * ```ts
 * const x = await zarr.open(root.resolve('x'), { kind: 'array' });
 * const total = await evaluateChunked('sum(x*x)', { x });
 * await evaluateChunked('2*x + 1', { x }, await zarr.open(root.resolve('y'), { kind: 'array' }), { onProgress, signal });
 * ```
 */
export async function evaluateChunked(expression: string, vars: ChunkedVars, out?: ChunkedSink, options: ChunkedOptions = {}): Promise<unknown> {
  const { onProgress, signal, range, partial, ...evalOptions } = options;
  if (onProgress !== undefined && typeof onProgress !== 'function') fail('OPTION', 'options.onProgress must be a function');
  if (signal !== undefined && !isAbortSignal(signal)) fail('OPTION', 'options.signal must be an AbortSignal');
  checkOptionKeys(options);
  checkAbort(signal);
  const job = new Job(expression, vars, evalOptions, signal, onProgress);
  const passes = job.plan();
  if (partial && (passes.length !== 1 || passes[0]!.axis !== null || job.finalText !== `${passes[0]!.output}(${job.resultName(0)})`)) {
    fail('OPTION', 'options.partial needs an expression that is exactly one full reduction, like sum(x*x)');
  }
  // a chunked out that is also a var the last pass reads shifted would be read after its chunks are written
  if (out !== undefined && typeof out === 'object' && Object.values(vars).includes(out as never) && !ArrayBuffer.isView(out) && !('data' in out) && readsShifted(parseCached(job.finalText).ast)) {
    fail('BAD_OUT', 'out is a chunked var that roll()/shift() read at other positions: its chunks would be read after they are written', 'write to another array');
  }
  // every pass's pieces are counted before any runs: progress only ever goes up
  const last = passes[passes.length - 1];
  const lastRange = partial ? checkRange(range ?? [0, job.pieceCount(last!.argShape, last!.chunkVar)], job.pieceCount(last!.argShape, last!.chunkVar)) : undefined;
  const target = partial ? undefined : job.target(out, range);
  job.total = passes.reduce((n, p) => n + (p === last && lastRange ? lastRange[1] - lastRange[0] : job.pieceCount(p.argShape, p.chunkVar)), 0) + (target?.pieces ?? 0);
  for (const p of passes) {
    const value = await job.reduce(p, p === last ? lastRange : undefined);
    if (p === last && partial) return value;
  }
  return job.final(out, target!);
}
