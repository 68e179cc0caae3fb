// The job behind evaluateChunked (src/chunked.ts): finding the reduction passes, walking each
// pass's pieces (halos, read-ahead, buffers reused), merging partials through the reduction state,
// and writing the last pass into a sink or memory.

import type { AbortSignalLike } from './util/abort.js';
import { fail } from './errors.js';
import type { Expr } from './ast/nodes.js';
import { printExpr } from './ast/print.js';
import { parseCached } from './pipeline.js';
import { evaluateAsync as evaluateAsyncTyped, validate as validateTyped, type AsyncOptions, type Validation } from './api.js';
import type { Vars as EvalVars } from './values.js';
import type { EvaluateOptions } from './options.js';
import { reductionByName, type ReductionName } from './ops/registry.js';
import { blockStarts, reductionState, uniformStarts } from './ops/reductions.js';
import { DEFAULT_BLOCK_SIZE } from './runtime/drivers.js';
import { postOrder } from './util/postOrder.js';
import { isComplex, type DType } from './types/dtypes.js';
import { assembleInMemory, complexTarget, copyComplex, innerBox, unaliased, type ComplexArray } from './chunked/complex.js';
import { cStrides, isViewLike, sizeOf, toView, type View } from './types/shapes.js';
import { allocate, isShared } from './runtime/shared.js';
import { getNumThreads } from './runtime/threads/settings.js';
import { chunkCoords, chunkRegion, checkChunked, copyBox, gridShape, isChunked, type ChunkedArray, type Region } from './chunked/source.js';
import { fromZarr, isZarrArray } from './chunked/zarr.js';
import { ChunkReader, grow, haloOf, type BoxSpec } from './chunked/regions.js';
import type { PartialReduction } from './chunked/partials.js';
import { axisExprOf, keepsDims, checkRange, heavy, untilAborted, asView, cast, checkAbort, childrenOf, forEachIndex, isArrayValue, isReduction, jsValue, literal, nameNode, standIn, toPartial, withKids } from './chunked/helpers.js';
import type { ChunkedSink, Piece } from './chunked/types.js';

type Vars = Record<string, unknown>;

// the typed API's overloads are for users; here vars are assembled at run time
const evaluateAsync = (text: string, vars: Vars, out?: unknown, options?: AsyncOptions): Promise<unknown> => evaluateAsyncTyped(text, vars as EvalVars, out as never, options);
const validate = (text: string, vars: Vars, options?: EvaluateOptions): Validation => validateTyped(text, vars as EvalVars, options);

/** Where the last evaluation writes and how many pieces it has. */
export interface Target {
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly sink?: ChunkedArray;
  readonly view?: View;
  /** A complex result's array (view is then in complex elements). */
  readonly complex?: ComplexArray;
  readonly chunkVar?: string;
  readonly range?: readonly [number, number];
  readonly pieces: number;
}

/** One reduction found in the expression, computed by a pass over its operand. */
export interface Pass {
  readonly index: number;
  readonly op: ReductionName;
  /** The operand's text (vars and earlier results by name). */
  readonly argText: string;
  readonly argShape: readonly number[];
  readonly argDtype: DType;
  /** The operand dtype the reduction accumulates (after numpy's casting rule). */
  readonly operand: DType;
  readonly output: DType;
  readonly axis: number | null;
  /** The chunked var whose grid the pass walks (undefined: the operand is in memory). */
  readonly chunkVar: string | undefined;
}

export class Job {
  private readonly readers = new Map<string, ChunkReader>();
  private readonly standIns: Vars = {};
  private readonly values: Vars = {};
  private readonly prefix: string;
  finalText = '';
  total = 0;
  /** What each piece's evaluateAsync gets: the options, and the signal (it aborts inside a piece too). */
  private readonly async: AsyncOptions;
  private done = 0;

  constructor(
    private readonly expression: string,
    vars: Readonly<Vars>,
    private readonly options: EvaluateOptions,
    private readonly signal: AbortSignalLike | undefined,
    private readonly onProgress: ((done: number, total: number) => void) | undefined,
  ) {
    if (typeof vars !== 'object' || vars === null) fail('BAD_VAR', 'vars must be an object');
    for (const [name, v0] of Object.entries(vars)) {
      const v = isZarrArray(v0) ? fromZarr(v0, `var '${name}'`) : v0;
      if (isChunked(v)) {
        checkChunked(`var '${name}'`, v);
        this.readers.set(name, new ChunkReader(name, v, signal));
        this.standIns[name] = standIn(v.dtype, v.shape);
      } else {
        this.standIns[name] = v;
      }
      this.values[name] = v;
    }
    this.async = { ...options, signal };
    let prefix = '__fx';
    while (Object.keys(vars).some((k) => k.startsWith(prefix))) prefix += '_';
    this.prefix = prefix;
  }

  resultName = (k: number) => `${this.prefix}${k}`;

  /** Find the reductions (innermost first) and the expression left once they are vars. */
  plan(): Pass[] {
    const { ast } = parseCached(this.expression);
    validate(this.expression, this.standIns, this.options); // every error now, before any I/O
    const passes: Pass[] = [];
    const rewritten = postOrder<Expr, Expr>(ast, childrenOf, (e, kids) => {
      const node = withKids(e, kids);
      if (node.kind !== 'call' || !isReduction(node)) return node;
      const argText = printExpr(node.args[0]!);
      const arg = validate(argText, this.standIns, this.options);
      if (arg.shape.length === 0) return node; // a reduction of scalars: evaluate does it
      if (isComplex(arg.dtype)) fail('TYPE', `evaluateChunked: ${node.callee}() of complex values is not supported`, 'evaluate in memory, or reduce real(…) and imag(…)');
      const def = reductionByName(node.callee)!;
      const r = def.resolve(arg.dtype);
      if (typeof r === 'string') return node; // validate above reported it
      const axisExpr = axisExprOf(node);
      if (keepsDims(node) || axisExpr?.kind === 'tuple') {
        fail('SYNTAX', 'evaluateChunked: reductions take one integer axis or None (no tuple axes, no keepdims=True)', 'evaluate in memory, or reduce one axis at a time');
      }
      let axis = !axisExpr || (axisExpr.kind === 'name' && axisExpr.name === 'None') ? null : literal(axisExpr);
      if (axis !== null && axis < 0) axis += arg.shape.length;
      if (arg.shape.length === 1) axis = null; // as bind: the only axis of a 1-D operand is all of it
      const index = passes.length;
      const name = this.resultName(index);
      const chunkVar = this.chunkVarOf(argText);
      passes.push({ index, op: def.name, argText, argShape: arg.shape, argDtype: arg.dtype, operand: r.operands[0]!, output: r.result, axis, chunkVar });
      // a full reduction's value comes back as a strong scalar of its dtype, as in memory
      this.standIns[name] = axis === null ? 0 : standIn(r.result, arg.shape.filter((_, d) => d !== axis));
      return axis === null ? cast(r.result, name, node) : nameNode(name, node);
    }, new Map());
    this.finalText = printExpr(rewritten);
    return passes;
  }

  /** The first chunked var an expression reads: its chunk grid is the one the pass walks. */
  private chunkVarOf(text: string): string | undefined {
    return parseCached(text).names.find((n) => this.readers.has(n));
  }

  /** Pieces a pass or the last evaluation walks. */
  pieceCount(shape: readonly number[], chunkVar: string | undefined, sink?: ChunkedArray, range?: readonly [number, number]): number {
    const chunks = this.chunkShape(shape, chunkVar, sink);
    const n = gridShape(shape, chunks).reduce((a, b) => a * b, 1);
    return range ? Math.max(0, Math.min(n, range[1]) - Math.max(0, range[0])) : n;
  }

  /** The chunk shape a pass walks: the sink's, else the chunked var's (aligned to the right), else all of it. */
  private chunkShape(shape: readonly number[], chunkVar: string | undefined, sink?: ChunkedArray): number[] {
    const src = sink?.chunks ?? (chunkVar ? this.readers.get(chunkVar)!.array.chunks : undefined);
    if (!src) return shape.map((n) => Math.max(1, n));
    return shape.map((n, d) => {
      const j = d - (shape.length - src.length);
      return j >= 0 ? Math.max(1, Math.min(src[j]!, n)) : 1;
    });
  }

  /** One reduction pass: partials per piece merged in chunk order through the reduction state. */
  async reduce(p: Pass, range?: readonly [number, number]): Promise<unknown> {
    // `range` is given only for a partial state (the last pass of options.partial)
    const state = reductionState(p.op, p.operand);
    const partialOp = p.op === 'mean' ? 'sum' : p.op;
    // numpy's mean of ints accumulates in float64: so does its partial sum
    const arg = p.op === 'mean' && p.operand !== p.argDtype ? `${p.operand}(${p.argText})` : p.argText;
    const count = p.axis === null ? sizeOf(p.argShape) : p.argShape[p.axis]!;
    if (p.axis === null && p.argShape.length === 1 && !range) return this.reduceLine(p, arg, count);
    if (p.axis === null) {
      const partials: (number | bigint)[] = [];
      let reduced = 0;
      await this.walk(arg, p.argShape, p.chunkVar, undefined, range, async (values, region) => {
        partials.push(toPartial(await evaluateAsync(`${partialOp}(${values.text})`, values.vars, undefined, values.opts)));
        reduced += sizeOf(region.size);
      });
      const total = state.mergePieces(partials, partials.length);
      if (range) {
        const big = typeof total === 'bigint';
        const chunks = this.pieceCount(p.argShape, p.chunkVar);
        return { fusexpr: 'partial-reduction', op: p.op, operand: p.operand, output: p.output, value: big ? total.toString() : total, bigint: big, count: reduced, range, chunks } satisfies PartialReduction;
      }
      const value = jsValue(state.finalize(total, count), p.output);
      this.values[this.resultName(p.index)] = value;
      return value;
    }
    // an axis reduction: a partial array of the reduced shape, merged element by element across pieces
    const outShape = p.argShape.filter((_, d) => d !== p.axis);
    const acc: (number | bigint | undefined)[] = new Array(sizeOf(outShape));
    const strides = cStrides(outShape);
    await this.walk(arg, p.argShape, p.chunkVar, undefined, undefined, async (values, region) => {
      const r = (await evaluateAsync(`${partialOp}(${values.text}, axis=${p.axis})`, values.vars, undefined, values.opts)) as ArrayBufferView | View;
      const data = (ArrayBuffer.isView(r) ? r : r.data) as unknown as ArrayLike<number | bigint>;
      const start = region.start.filter((_, d) => d !== p.axis);
      const size = region.size.filter((_, d) => d !== p.axis);
      forEachIndex(size, (i, idx) => {
        const at = idx.reduce((o, x, d) => o + (start[d]! + x) * strides[d]!, 0);
        const v = toPartial(data[i]!);
        acc[at] = acc[at] === undefined ? v : state.mergePieces([acc[at]!, v], 2);
      });
    });
    const result = allocate(p.output, sizeOf(outShape), true);
    const dst = result as unknown as { [i: number]: number | bigint };
    for (let i = 0; i < acc.length; i++) dst[i] = state.finalize(acc[i]!, count);
    this.values[this.resultName(p.index)] = { data: result, shape: outShape, stride: strides, offset: 0 };
    return undefined;
  }

  /**
   * A full reduction of a 1-D operand, exactly as in memory: each piece's operand values reduce in
   * the in-memory run's blocks (pairwise tree, sequential fold, NumPy buffers), carrying a block
   * that straddles two pieces. Bit-identical to evaluate() on the whole array.
   */
  private async reduceLine(p: Pass, arg: string, count: number): Promise<unknown> {
    const state = reductionState(p.op, p.operand);
    const blockSize = this.options.blockSize ?? DEFAULT_BLOCK_SIZE;
    const starts = blockStarts(state.blocking, count, blockSize) ?? uniformStarts(count, blockSize);
    const blocks = starts.length - 1;
    const partials: (number | bigint)[] = [];
    const fold = state.block.kind === 'fold' ? state.block : undefined;
    let acc: number | bigint | undefined; // a 'whole' (sequential) reduction carries its running value
    let carry: (number | bigint)[] = []; // the values of a block that started in an earlier piece
    let b = 0;
    let operand: ArrayBufferView | undefined;
    const operandText = p.operand === p.argDtype ? arg : `${p.operand}(${p.argText})`;
    await this.walk(operandText, p.argShape, p.chunkVar, undefined, undefined, async (values, region) => {
      // one operand buffer for every piece: memory stays a chunk, not a chunk per piece
      const len = region.size[0]!;
      if (!operand || (operand as unknown as { length: number }).length < len || isShared(operand) !== values.shared) operand = allocate(p.operand, len, values.shared);
      const o = (operand as unknown as { subarray(a: number, b: number): ArrayBufferView }).subarray(0, len);
      await evaluateAsync(values.text, values.vars, o, values.opts);
      const v = o as unknown as ArrayLike<number | bigint>;
      const a = region.start[0]!;
      const end = a + region.size[0]!;
      if (state.blocking === 'whole') {
        let t = acc ?? fold!.init;
        for (let i = 0; i < end - a; i++) t = fold!.step(t, v[i]);
        acc = t;
        return;
      }
      while (b < blocks && starts[b]! < end) {
        const s0 = Math.max(starts[b]!, a);
        const s1 = Math.min(starts[b + 1]!, end);
        if (s0 === starts[b]! && s1 === starts[b + 1]!) {
          partials.push(state.reduceBlock(v, s0 - a, s1 - s0)); // a whole block inside this piece
        } else {
          for (let i = s0; i < s1; i++) carry.push(v[i - a]!);
          if (starts[b + 1]! > end) break; // continues in the next piece
          partials.push(state.reduceBlock(carry, 0, carry.length));
          carry = [];
        }
        b++;
      }
    });
    const total = state.blocking === 'whole' ? (acc ?? (fold!.init as number)) : state.merge(partials, partials.length, count, blockSize);
    const value = jsValue(state.finalize(total, count), p.output);
    this.values[this.resultName(p.index)] = value;
    return value;
  }

  /** Where the last evaluation writes, checked before anything runs: the sink or memory, its pieces. */
  target(out: ChunkedSink | undefined, range: unknown): Target {
    const { shape, dtype } = validate(this.finalText, this.standIns, this.options);
    if (shape.length === 0) {
      if (out !== undefined) fail('BAD_OUT', 'out was given but the expression gives a scalar (a full reduction or no arrays)');
      if (range !== undefined) fail('OPTION', 'options.range needs an array result (or a reduction with partial: true)');
      return { shape, dtype, pieces: 0 };
    }
    const sink = out === undefined ? undefined : isZarrArray(out) ? fromZarr(out, 'out') : isChunked(out) ? out : undefined;
    if (sink && isComplex(dtype)) fail('BAD_OUT', `out is a chunked array: a ${dtype} result goes to memory only (chunked arrays are real)`, 'leave out undefined, or write real(…) and imag(…) to two arrays');
    const complex = isComplex(dtype) ? complexTarget(dtype, shape, out) : undefined;
    if (sink) {
      checkChunked('out', sink);
      if (typeof sink.write !== 'function') fail('BAD_OUT', 'out is a chunked array without write()');
      if (sink.shape.length !== shape.length || sink.shape.some((n, d) => n !== shape[d])) fail('BAD_OUT', `out has shape [${sink.shape.join(', ')}] but the result has shape [${shape.join(', ')}]`);
    }
    const view = sink ? undefined : complex ? complex.view : out !== undefined ? toView('out', ArrayBuffer.isView(out) ? { data: out, shape } : (out as View), 'BAD_OUT') : { data: allocate(dtype, sizeOf(shape)), shape: [...shape], stride: cStrides(shape), offset: 0 };
    if (view && sizeOf(view.shape) !== sizeOf(shape)) fail('BAD_OUT', `out has ${sizeOf(view.shape)} elements but the result has shape [${shape.join(', ')}]`);
    const chunkVar = this.chunkVarOf(this.finalText);
    const all = this.pieceCount(shape, chunkVar, sink);
    const r = range === undefined ? undefined : checkRange(range, all);
    return { shape, dtype, sink, view, complex: complex?.array, chunkVar, range: r, pieces: r ? r[1] - r[0] : all };
  }

  /** The expression with every reduction a var, once per output piece, into `out` or a new array. */
  async final(out: ChunkedSink | undefined, t: Target): Promise<unknown> {
    const { shape, sink, chunkVar, range } = t;
    // an out over an in-memory var's bytes is written through a scratch, copied in after the last piece
    const { view: target, finish } = t.view && !sink && out !== undefined ? unaliased(t.view, t.complex !== undefined, this.values) : { view: t.view, finish: () => undefined };
    if (shape.length === 0) return evaluateAsync(this.finalText, this.values, undefined, this.async);
    const writes: Promise<void>[] = [];
    const spare: ArrayBufferView[] = [];
    try {
      await this.walk(this.finalText, shape, chunkVar, sink, range, async (values, region, coords) => {
        if (sink) {
          // the piece in the sink's dtype (the casting option decides whether that is allowed)
          // two buffers in rotation: one computing, at most one being written
          const size = sizeOf(region.size);
          let chunk = spare.find((c) => (c as unknown as { length: number }).length === size);
          if (chunk) spare.splice(spare.indexOf(chunk), 1);
          else chunk = allocate(sink.dtype, size, values.shared);
          await evaluateAsync(values.text, values.vars, chunk, values.opts);
          // one write in flight: the next piece computes while the last one lands. A second one
          // bought no speed but 25-55 MiB of peak RSS on the 4e7 blosc array (bench/chunked.ts)
          if (writes.length >= 1) await writes.shift();
          const done = chunk;
          const w = sink.write!(coords, chunk).then(() => void spare.push(done));
          w.catch(() => undefined); // a failed write rejects where it is awaited, never as unhandled
          writes.push(w);
        } else {
          const r = (await evaluateAsync(values.text, values.vars, undefined, values.opts)) as ArrayBufferView | View;
          const data = ArrayBuffer.isView(r) ? r : r.data;
          if (t.complex) return copyComplex(data, region.size, region.size.map(() => 0), region.size, target!, region.start);
          copyBox({ data, shape: region.size, stride: cStrides(region.size), offset: 0 }, region.size.map(() => 0), region.size, target!.data, target!.stride, target!.offset + region.start.reduce((o, s, d) => o + s * target!.stride[d]!, 0));
        }
      });
    } finally {
      await Promise.allSettled(writes); // after an abort or error too: no write is left half-done
    }
    await Promise.all(writes);
    finish();
    if (sink) return out;
    // a new array comes back as evaluate's would: a typed array when it and every input are 1-D
    if (out !== undefined) return out;
    if (t.complex) return t.complex;
    const flat = shape.length === 1 && [...this.readers.values()].every((r) => r.array.shape.length === 1) && Object.values(this.values).every((v) => !isViewLike(v) || (v.shape?.length ?? 1) === 1);
    return flat ? target!.data : target;
  }

  /**
   * Walk the pieces of an evaluation over `shape` in C order: for each, the vars it reads (each
   * array's box grown by the halo, assembled in memory), evaluated by `body`, which sees only its
   * piece. The next piece's chunks are read while `body` runs.
   */
  private async walk(
    text: string, shape: readonly number[], chunkVar: string | undefined, sink: ChunkedArray | undefined, range: readonly [number, number] | undefined,
    body: (values: Piece, region: Region, coords: number[]) => Promise<void>,
  ): Promise<void> {
    const chunks = this.chunkShape(shape, chunkVar, sink);
    const grid = gridShape(shape, chunks);
    const n = grid.reduce((a, b) => a * b, 1);
    const [from, to] = range ? [Math.max(0, range[0]), Math.min(n, range[1])] : [0, n];
    const { ast } = parseCached(text);
    const halo = haloOf(ast, shape.length, (e) => validate(printExpr(e), this.standIns, this.options).shape.length);
    const hasHalo = halo.reach.some((h) => h > 0);
    const names = new Set(parseCached(text).names);
    const arrays = [...names].filter((k) => this.readers.has(k) || isArrayValue(this.values[k]));
    const boxesFor = (k: number) => {
      const region = chunkRegion(shape, chunks, chunkCoords(grid, k));
      const grown = grow(region, halo, shape);
      return { region, grown };
    };
    const prefetch = (k: number) => {
      if (k >= to) return;
      const { grown } = boxesFor(k);
      for (const name of arrays) this.readers.get(name)?.touch(this.boxOf(name, grown, shape));
    };
    // the pool pays for compute-heavy pieces only (a light one is bound by memory and I/O, and the
    // shared buffers it needs are freed late: bench/chunked.ts); only those read into shared memory
    const shared = getNumThreads() > 1 && this.options.singleThread !== true && heavy(ast);
    const opts: AsyncOptions = shared ? this.async : { ...this.async, singleThread: true };
    prefetch(from);
    for (let k = from; k < to; k++) {
      checkAbort(this.signal);
      const { region, grown } = boxesFor(k);
      prefetch(k + 1);
      const vars: Vars = { ...this.values };
      for (const name of arrays) {
        const box = this.boxOf(name, grown, shape);
        const reader = this.readers.get(name);
        // a read that hangs (a stalled store) still lets the signal abort the call at once
        vars[name] = reader ? await untilAborted(reader.assemble(box, reader.array.dtype, shared), this.signal) : assembleInMemory(name, this.values[name], box, shared);
      }
      if (!hasHalo) {
        await body({ text, vars, opts, shared }, region, chunkCoords(grid, k));
        // no neighbour will read this piece's chunks again: let them go before the next read lands
        // (one decoded chunk less per array at peak: bench/chunked.ts)
        const next = k + 1 < to ? boxesFor(k + 1).grown : undefined;
        for (const name of arrays) this.readers.get(name)?.release(this.boxOf(name, grown, shape), next && this.boxOf(name, next, shape));
      } else {
        // compute the grown box, keep the piece: its elements see all their neighbours
        const grownResult = (await evaluateAsync(text, vars, undefined, opts)) as ArrayBufferView | View;
        const piece = this.prefix + 'piece';
        await body({ text: piece, vars: { [piece]: innerBox(grownResult, grown.size, grown.inner, region.size, shared) }, opts, shared }, region, chunkCoords(grid, k));
      }
      this.done++;
      this.onProgress?.(this.done, this.total);
    }
  }

  /** The box of var `name` for a grown output box (aligned to the right; broadcast axes read index 0). */
  private boxOf(name: string, grown: { size: number[]; intervals: { from: number; len: number }[][] }, shape: readonly number[]): BoxSpec {
    const vshape = this.readers.get(name)?.array.shape ?? asView(name, this.values[name]).shape;
    const lead = shape.length - vshape.length;
    return {
      size: vshape.map((n, j) => (n === 1 && shape[j + lead] !== 1 ? 1 : grown.size[j + lead]!)),
      intervals: vshape.map((n, j) => (n === 1 && shape[j + lead] !== 1 ? [{ from: 0, len: 1 }] : grown.intervals[j + lead]!)),
    };
  }
}


