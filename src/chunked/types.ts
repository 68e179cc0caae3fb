// The types of evaluateChunked's surface: what it computes with, where it writes, its options.

import type { EvaluateOptions } from '../options.js';
import type { AsyncOptions } from '../api.js';
import type { AbortSignalLike } from '../util/abort.js';
import type { VarValue, Out } from '../values.js';
import type { ChunkedArray } from './source.js';
import type { ZarrArrayLike } from './zarr.js';

/** What evaluateChunked computes with: evaluate's vars, plus chunked arrays (and zarrita arrays). */
export type ChunkedVars = Readonly<Record<string, VarValue | ChunkedArray | ZarrArrayLike>>;
/** Where evaluateChunked writes: a chunked array with write() (or a zarrita array), or memory. */
export type ChunkedSink = ChunkedArray | ZarrArrayLike | Out;

/**
 * evaluateChunked's options: evaluate's, plus progress, cancellation, chunk ranges and partials.
 *
 * @example
 * ```ts
 * const ac = new AbortController();
 * await evaluateChunked('2*x + 1', { x }, y, { signal: ac.signal, onProgress: (d, t) => bar.update(d / t) });
 * ```
 */
export interface ChunkedOptions extends EvaluateOptions {
  /** Called after each piece: pieces done, pieces in all passes. */
  onProgress?: (done: number, total: number) => void;
  /** Aborts between pieces: the promise rejects with code ABORTED (see the README for what is written). */
  signal?: AbortSignalLike;
  /** Only output chunks [start, end) (C order) of the last pass: independent processes each take a range. */
  range?: readonly [number, number];
  /** For an expression that is one full reduction: resolve to its partial state (mergePartials combines them). */
  partial?: boolean;
}

/** One piece of a chunked evaluation: its text and vars, and whether it may run on the pool. */
export interface Piece {
  readonly text: string;
  readonly vars: Record<string, unknown>;
  readonly opts: AsyncOptions;
  readonly shared: boolean;
}
