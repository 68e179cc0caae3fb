// The public API: evaluate, compile, validate (explain is explain.ts). Thin: classifies vars into a signature,
// looks up (or builds) the compiled plan, and runs it. The hot path is here: keep it allocation-light.

import { isAbortSignal, type AbortSignalLike } from './util/abort.js';
import { fail } from './errors.js';
import type { InputInfo } from './bind/typed.js';
import { buildPlan, parseCached, planCache, astCache, type CompiledPlan, type OutType } from './pipeline.js';
import { EvaluateOptions, resolveOptions, ResolvedOptions } from './options.js';
import { execute, executeAsync } from './runtime/drivers.js';
import { resultShape } from './runtime/prepare.js';
import { isViewLike } from './types/shapes.js';
import { inputInfo, signatureCode, describeValue, isDetached, isComplexLike, checkNotFreed } from './runtime/vars.js';
import { executeComplex, executeComplexAsync } from './runtime/complexCall.js';
import { DType, NO_FLOAT16, isFloat16Elsewhere, complexOf, dtypeOfArray, dtypeOfData, isDType } from './types/dtypes.js';
import { freedAny, pinArena } from './backends/wasm/arrays.js';

export type { EvaluateOptions } from './options.js';

import type { Out, Result, Vars } from './values.js';

type VarsLike = Readonly<Record<string, unknown>>;
const NO_VARS: VarsLike = Object.freeze({});

/**
 * Evaluate `expression` over `vars` (typed arrays, views, numbers, booleans, bigints). Returns a new
 * typed array (a view when a var is one), or writes into `out` and returns it; full reductions and
 * scalar-only expressions return a number (bigint for int64, boolean for bool).
 *
 * @example
 * ```ts
 * import { evaluate } from 'fusexpr';
 * const a = new Float64Array([1, 2, 3]);
 * const b = new Float64Array([4, 5, 6]);
 * const r = evaluate('2*a + 3*b', { a, b }) as Float64Array; // Float64Array [14, 19, 24]
 * const out = new Float64Array(3);
 * evaluate('a * b', { a, b }, out);                           // returns out
 * const total = evaluate('sum(a)', { a }) as number;          // 6
 * ```
 */
export function evaluate<O extends Out>(expression: string, vars: Vars | undefined, out: O, options?: EvaluateOptions): O;
export function evaluate<V extends Vars = {}>(expression: string, vars?: V, out?: undefined, options?: EvaluateOptions): Result<V>;
export function evaluate(expression: string, vars?: Vars, out?: Out, options?: EvaluateOptions): Result | Out {
  const opts = resolveOptions(options);
  const v = vars ?? NO_VARS;
  const compiled = lookup(expression, v, out, opts);
  if (compiled.complex) return executeComplex(compiled.complex, v, out, opts, execute) as Result;
  return execute(compiled, v, out, opts) as Result;
}

/**
 * evaluate without blocking the event loop: with threads and shared arrays the workers compute while
 * the caller awaits; otherwise the calling thread computes in slices, yielding between them.
 *
 * @example
 * ```ts
 * import { evaluateAsync, empty } from 'fusexpr';
 * const a = empty('float64', 1e7); // shared memory: the workers compute while this thread awaits
 * const r = (await evaluateAsync('sin(a)**2 + cos(a)**2', { a })) as Float64Array;
 * ```
 */
export function evaluateAsync<O extends Out>(expression: string, vars: Vars | undefined, out: O, options?: AsyncOptions): Promise<O>;
export function evaluateAsync<V extends Vars = {}>(expression: string, vars?: V, out?: undefined, options?: AsyncOptions): Promise<Result<V>>;
export async function evaluateAsync(expression: string, vars?: Vars, out?: Out, options?: AsyncOptions): Promise<Result | Out> {
  const { signal, onProgress, ...rest } = options ?? {};
  if (signal !== undefined && !isAbortSignal(signal)) fail('OPTION', 'options.signal must be an AbortSignal');
  if (onProgress !== undefined && typeof onProgress !== 'function') fail('OPTION', 'options.onProgress must be a function (done, total) => void');
  const opts = resolveOptions(options === undefined ? undefined : rest, ['signal', 'onProgress']);
  const v = vars ?? NO_VARS;
  const compiled = lookup(expression, v, out, opts);
  // free() of an array the call reads or writes takes effect for its memory only when the call ends
  const unpin = pinArena([...Object.values(v), out]);
  try {
    return await runAsync(compiled, v, out, opts, { signal, onProgress });
  } finally {
    unpin();
  }
}

async function runAsync(compiled: CompiledPlan, v: VarsLike, out: Out | undefined, opts: ResolvedOptions, ctl: { signal?: AbortSignalLike; onProgress?: (done: number, total: number) => void }): Promise<Result | Out> {
  const { signal, onProgress } = ctl;
  if (compiled.complex) {
    // unless they run fused, the re and im parts run one after the other: one progress over both, not two that restart
    // (the im part is assumed as large as the re part until it reports its own total)
    let before = 0;
    let part = 0;
    const report = onProgress && ((d: number, t: number) => onProgress(before + d, before + t * (2 - part)));
    const run: Parameters<typeof executeComplexAsync>[4] = async (c, w, o, x) => {
      if (c === compiled.complex!.fused) return executeAsync(c, w, o, x, ctl); // both parts in one pass
      let total = 0;
      const r = await executeAsync(c, w, o, x, { signal, onProgress: report && ((d, t) => report(d, (total = t))) });
      before += total;
      part++;
      return r;
    };
    return (await executeComplexAsync(compiled.complex, v, out, opts, run)) as Result;
  }
  return (await executeAsync(compiled, v, out, opts, ctl)) as Result;
}

/** evaluateAsync's options: evaluate's, plus cancellation and progress. */
export interface AsyncOptions extends EvaluateOptions {
  /** Abort between slices (and between blocks on the workers): the promise rejects with code ABORTED; out may be partly written. */
  signal?: AbortSignalLike;
  /** Called as work completes: elements done and elements in all (every stage counted). */
  onProgress?: (done: number, total: number) => void;
}

export function lookup(expression: string, vars: VarsLike, out: Out | undefined, opts: ResolvedOptions): CompiledPlan {
  if (typeof vars !== 'object' || vars === null) fail('BAD_VAR', `vars must be an object, got ${describeValue(vars)}`);
  const parsed = parseCached(expression);
  const names = parsed.names;
  // only once free() was called: the check costs a fifth of a cached 16-element call (bench/before-after.ts)
  if (freedAny) {
    for (let i = 0; i < names.length; i++) checkNotFreed(names[i], vars[names[i]!]);
    checkNotFreed(undefined, out);
  }
  const outDtype = out === undefined ? undefined : outDtypeOf(out);
  // a repeat of the expression's last signature: its plan, without building and hashing the key
  const last = parsed.last as LastCall | undefined;
  if (last !== undefined && last.out === outDtype && (last.opts === opts || last.opts.key === opts.key) && sameSignature(last, vars, names)) return last.compiled;
  let key = expression + '\u0000' + opts.key + '\u0000';
  const codes: unknown[] = [];
  const ctors: unknown[] = [];
  for (let i = 0; i < names.length; i++) {
    const v = vars[names[i]!];
    key += signatureCode(v) + ',';
    const typed = ArrayBuffer.isView(v);
    codes.push(typed ? Object.getPrototypeOf(v) : signatureCode(v));
    ctors.push(typed ? v.constructor : undefined);
  }
  key += outDtype === undefined ? '' : typeof outDtype === 'string' ? outDtype : 'uint8c';
  let compiled = planCache.get(key);
  if (!compiled) {
    const infos = new Map<string, InputInfo>();
    for (const name of names) {
      const info = Object.prototype.hasOwnProperty.call(vars, name) ? inputInfo(name, vars[name]) : undefined;
      if (info) infos.set(name, info);
    }
    compiled = buildPlan(expression, parsed.ast, infos, outDtype, opts, Object.keys(vars));
    planCache.set(key, compiled);
  }
  parsed.last = { opts, out: outDtype, codes, ctors, compiled } satisfies LastCall;
  return compiled;
}

/**
 * An expression's last signature: per var its signature code, or for a typed array its prototype
 * (which fixes its dtype) and constructor (its storage), so a repeat is recognized by identity alone.
 */
interface LastCall {
  readonly opts: ResolvedOptions;
  readonly out: OutType | undefined;
  readonly codes: readonly unknown[];
  readonly ctors: readonly unknown[];
  readonly compiled: CompiledPlan;
}

/** Whether `vars` have the signature `last` was built for (the same key lookup would build). */
function sameSignature(last: LastCall, vars: VarsLike, names: readonly string[]): boolean {
  for (let i = 0; i < names.length; i++) {
    const v = vars[names[i]!];
    if (ArrayBuffer.isView(v)) {
      if (Object.getPrototypeOf(v) !== last.codes[i] || v.constructor !== last.ctors[i]) return false;
    } else if (signatureCode(v) !== last.codes[i]) return false;
  }
  return true;
}

/**
 * The dtype an out holds, by its class (a Uint8Array is uint8, a BoolArray bool) or its view's
 * `dtype`; `clamped` for a Uint8ClampedArray, whose store saturates and rounds (the array's own semantics).
 */
function outDtypeOf(out: unknown): OutType {
  const noFloat16 = () => fail('BAD_OUT', `out: ${NO_FLOAT16}`, 'use a Float32Array out');
  // the common case first, without a view's checks (this runs on every call with out)
  if (ArrayBuffer.isView(out)) {
    if (out.byteLength === 0 && isDetached(out)) fail('BAD_OUT', 'out is detached (its ArrayBuffer was transferred or freed)');
    const d = dtypeOfArray(out);
    if ((d === undefined || d === 'uint16') && isFloat16Elsewhere(out)) noFloat16();
    if (d === undefined) fail('BAD_OUT', `out must be a typed array of a fusexpr dtype, got ${describeValue(out)}`);
    return d === 'uint8' && out instanceof Uint8ClampedArray ? CLAMPED : d;
  }
  if (isComplexLike(out)) return out.dtype;
  if (!isViewLike(out)) fail('BAD_OUT', `out must be a typed array or an ndarray-like view, got ${describeValue(out)}`);
  const data = out.data;
  if (isFloat16Elsewhere(data)) noFloat16();
  if (data.byteLength === 0 && isDetached(data)) fail('BAD_OUT', 'out is detached (its ArrayBuffer was transferred or freed)');
  const d = dtypeOfData(data, out.dtype);
  if (d === undefined) fail('BAD_OUT', `out must be a typed array of a fusexpr dtype, got ${describeValue(data)}`);
  if (!isDType(d)) fail('BAD_OUT', `out: ${d}`);
  return data instanceof Uint8ClampedArray ? CLAMPED : d;
}
const CLAMPED: OutType = { dtype: 'uint8', clamped: true };

/**
 * A compiled expression: parse and type once per signature, run many times.
 *
 * @example
 * ```ts
 * const k: Kernel = compile('a * x + b', { a: new Float64Array(1), x: 0, b: new Float64Array(1) });
 * const y = k.run({ a, x: 2, b }) as Float64Array;
 * ```
 */
export interface Kernel {
  readonly expression: string;
  /** Evaluate with these vars, writing into `out` (same semantics as evaluate). */
  run<O extends Out>(vars: Vars | undefined, out: O): O;
  /** Evaluate with these vars (same semantics as evaluate). */
  run<V extends Vars = {}>(vars?: V, out?: undefined): Result<V>;
  /** The generated source of the kernels for the last signature run (or the declared one). */
  readonly source: string;
  /** The var types of the last signature run (or the declared one). */
  readonly signature: Readonly<Record<string, string>>;
}

/**
 * Compile once, run many times. With a `signature` (example vars: arrays of the right type, or
 * numbers), the kernels are built now; otherwise on the first run. `run` skips the expression-cache
 * lookup.
 *
 * @example
 * ```ts
 * import { compile } from 'fusexpr';
 * const k = compile('a * x + b', { a: new Float64Array(0), x: 0, b: new Float64Array(0) });
 * console.log(k.source); // the generated kernel
 * const y = k.run({ a: new Float64Array([1, 2]), x: 3, b: new Float64Array([1, 1]) }) as Float64Array; // [4, 7]
 * ```
 */
export function compile(expression: string, signature?: Vars, options?: EvaluateOptions): Kernel {
  const opts = resolveOptions(options);
  parseCached(expression); // syntax errors now, not at first run
  let last: CompiledPlan | undefined = signature ? lookup(expression, signature, undefined, opts) : undefined;
  return {
    expression,
    run(vars?: Vars, out?: Out) {
      const v = vars ?? NO_VARS;
      last = lookup(expression, v, out, opts);
      if (last.complex) return executeComplex(last.complex, v, out, opts, execute) as never;
      return execute(last, v, out, opts) as never;
    },
    get source() {
      if (!last) fail('OPTION', 'source is known once the kernel has a signature: pass one to compile() or run it');
      return last.sources.join('\n\n');
    },
    get signature() {
      if (!last) return {};
      return Object.fromEntries(last.bound.inputs.map((i) => [i.name, i.kind === 'array' ? `${varDtype(i)}[]` : varDtype(i)]));
    },
  };
}

/**
 * What validate finds: the dtype and shape a call would return.
 *
 * @example
 * ```ts
 * const v: Validation = validate('a > 0', { a: new Float32Array(4) }); // { dtype: 'bool', shape: [4] }
 * ```
 */
export interface Validation {
  /** The result's dtype. */
  readonly dtype: DType;
  /** The result's shape: [] for a scalar, [n] for 1-D arrays, the broadcast shape for views. */
  readonly shape: readonly number[];
}

/**
 * Check an expression (and vars, when given) without running it: the result's dtype and shape,
 * or a FusexprError.
 *
 * @example
 * ```ts
 * import { validate } from 'fusexpr';
 * validate('sum(m, axis=0)', { m: { data: new Float64Array(6), shape: [2, 3] } }); // { dtype: 'float64', shape: [3] }
 * validate('a +');                                                                 // throws FusexprError SYNTAX
 * ```
 */
export function validate(expression: string, vars?: Vars, options?: EvaluateOptions): Validation {
  const opts = resolveOptions(options);
  const v = vars ?? NO_VARS;
  const c = lookup(expression, v, undefined, opts);
  let dtype = c.plan.dtype;
  // a Python-int result (literals and JS numbers only) is int32 or int64 by its value: run it (no arrays, cheap)
  if (c.plan.weak && dtype === 'int64') dtype = typeof execute(c, v, undefined, opts) === 'bigint' ? 'int64' : 'int32';
  return { dtype, shape: resultShape(c.plan, v) };
}

/** A var's own dtype: a plane of a complex var (a real result's inputs) is that complex var. */
export const varDtype = (i: InputInfo): string => (i.part ? complexOf(i.dtype) : i.dtype);

/**
 * Drop every cached parse and kernel (for tests and memory-sensitive callers).
 *
 * @example
 * ```ts
 * import { clearCaches } from 'fusexpr';
 * clearCaches(); // the next evaluate parses and compiles again
 * ```
 */
export function clearCaches(): void {
  planCache.clear();
  astCache.clear();
}
