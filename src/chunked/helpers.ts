// Helpers of evaluateChunked (src/chunked.ts) that need nothing but the AST, the op table and
// shapes: rewriting reductions into vars, stand-in vars for typing, partial values.

import type { AbortSignalLike } from '../util/abort.js';
import { closest, fail, FusexprError } from '../errors.js';
import type { Call, Expr, Name } from '../ast/nodes.js';
import { elementwiseMinMax } from '../bind/positional.js';
import { opCost, reductionByName } from '../ops/registry.js';
import { ARRAY_CLASS, asBool, isBig, type DType } from '../types/dtypes.js';
import { isViewLike, sizeOf, toView, type View } from '../types/shapes.js';
import { complexView, isComplexLike } from '../runtime/vars.js';

export function checkAbort(signal: AbortSignalLike | undefined): void {
  if (signal?.aborted) throw new FusexprError('ABORTED', 'the evaluation was aborted (signal)');
}

/** A var that validate() types like the real one: its dtype and shape, one element of storage. */
export function standIn(dtype: DType, shape: readonly number[]): View | ArrayBufferView {
  const data = new (ARRAY_CLASS[dtype] as unknown as new (n: number) => ArrayBufferView)(1);
  if (dtype === 'bool') asBool(data as Uint8Array);
  return { data, shape: [...shape], stride: shape.map(() => 0), offset: 0 };
}

/** As bind's: two-argument min/max without keywords are elementwise (`max(x, 0, keepdims=False)`, `max(x, None)` reduce). */
export const isReduction = (c: Call): boolean => reductionByName(c.callee) !== undefined && !elementwiseMinMax(c);

/** A reduction's axis: `axis=`, or its second positional argument as NumPy's (`sum(x, 0)`). */
export const axisExprOf = (c: Call): Expr | undefined => c.keywords.find((k) => k.name === 'axis')?.value ?? c.args[1];

/** keepdims=True (validate checked the value): `keepdims=False` is the default said out loud. */
export const keepsDims = (c: Call): boolean => c.keywords.some((k) => k.name === 'keepdims' && !(k.value.kind === 'name' && (k.value.name === 'False' || k.value.name === 'false')));

export const childrenOf = (e: Expr): readonly Expr[] => (e.kind === 'unary' ? [e.arg] : e.kind === 'binary' ? [e.left, e.right] : e.kind === 'call' ? e.args : []);

/** Whether the expression reads any operand at other positions than it writes (roll, shift). */
export const readsShifted = (e: Expr): boolean => (e.kind === 'call' && (e.callee === 'roll' || e.callee === 'shift')) || childrenOf(e).some(readsShifted);

export function withKids(e: Expr, kids: readonly Expr[]): Expr {
  switch (e.kind) {
    case 'unary':
      return kids[0] === e.arg ? e : { ...e, arg: kids[0]! };
    case 'binary':
      return kids[0] === e.left && kids[1] === e.right ? e : { ...e, left: kids[0]!, right: kids[1]! };
    case 'call':
      return kids.every((k, i) => k === e.args[i]) ? e : { ...e, args: kids };
    default:
      return e;
  }
}

export const nameNode = (name: string, at: Expr): Name => ({ kind: 'name', name, span: at.span });
export const cast = (dtype: DType, name: string, at: Expr): Call => ({ kind: 'call', callee: dtype, calleeSpan: at.span, args: [nameNode(name, at)], keywords: [], span: at.span });

export function literal(e: Expr): number {
  if (e.kind === 'number') return e.value;
  if (e.kind === 'unary' && e.arg.kind === 'number') return e.op === '-' ? -e.arg.value : e.arg.value;
  return fail('SYNTAX', 'axis must be an integer literal');
}

/** A reduction's JS result as a partial (bools as 0/1). */
export const toPartial = (v: unknown): number | bigint => (typeof v === 'boolean' ? (v ? 1 : 0) : (v as number | bigint));

/** A finalized value as evaluate returns it. */
export function jsValue(v: number | bigint, dtype: DType): unknown {
  if (dtype === 'bool') return v === 1 || v === 1n;
  if (isBig(dtype)) return BigInt(v);
  return Number(v);
}

export const isArrayValue = (v: unknown): boolean => ArrayBuffer.isView(v) || isViewLike(v) || Array.isArray(v);

export function asView(name: string, v: unknown): View {
  // a complex var: a View in complex elements (its shape is what boxes are cut along)
  if (isComplexLike(v)) return complexView(name, v);
  if (ArrayBuffer.isView(v)) return { data: v, shape: [(v as unknown as { length: number }).length], stride: [1], offset: 0 };
  if (Array.isArray(v)) return { data: Float64Array.from(v as number[]), shape: [v.length], stride: [1], offset: 0 };
  return toView(`var '${name}'`, v as View);
}

export function forEachIndex(size: readonly number[], f: (i: number, idx: number[]) => void): void {
  const n = sizeOf(size);
  const idx = new Array<number>(size.length).fill(0);
  for (let i = 0; i < n; i++) {
    f(i, idx);
    for (let d = size.length - 1; d >= 0; d--) {
      if (++idx[d]! < size[d]!) break;
      idx[d] = 0;
    }
  }
}

/** An expression with a transcendental function (the cost model's heavy ops): worth the pool per piece. */
export function heavy(ast: Expr): boolean {
  const stack: Expr[] = [ast];
  while (stack.length) {
    const e = stack.pop()!;
    if (e.kind === 'call' && opCost(e.callee, false) >= 8) return true;
    if (e.kind === 'binary' && e.op === '**') return true;
    stack.push(...childrenOf(e));
  }
  return false;
}

const CHUNKED_KEYS = ['optimize', 'fusion', 'casting', 'blockSize', 'copyToShared', 'singleThread', 'codegen', 'backend', 'onProgress', 'signal', 'range', 'partial'];

/** evaluateChunked's option keys: evaluate's and its own, with a hint for a near miss. */
export function checkOptionKeys(options: object): void {
  for (const key of Object.keys(options)) {
    if (CHUNKED_KEYS.includes(key)) continue;
    const near = closest(key, CHUNKED_KEYS);
    fail('OPTION', `unknown option ${JSON.stringify(key)}; evaluateChunked takes ${CHUNKED_KEYS.join(', ')}`, near ? `did you mean '${near}'?` : undefined);
  }
}

/** options.range: chunk indices [start, end), half-open, within a grid of n chunks. */
export function checkRange(range: unknown, n: number): readonly [number, number] {
  const r = range as number[];
  if (!Array.isArray(r) || r.length !== 2 || !r.every((x) => Number.isSafeInteger(x)) || r[0]! < 0 || r[0]! > r[1]! || r[1]! > n) {
    fail('OPTION', `options.range must be [start, end): chunk indices with 0 <= start <= end <= ${n} (the grid has ${n} chunks), got ${JSON.stringify(range)}`);
  }
  return [r[0]!, r[1]!];
}

/** `p`, or an ABORTED rejection as soon as the signal fires (a read that ignores the signal is left behind). */
export function untilAborted<T>(p: Promise<T>, signal: AbortSignalLike | undefined): Promise<T> {
  if (!signal) return p;
  checkAbort(signal);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new FusexprError('ABORTED', 'the evaluation was aborted (signal)'));
    signal.addEventListener('abort', onAbort);
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
