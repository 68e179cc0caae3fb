// prepare: one call's values, shapes, out and aliasing, before anything runs. Validates every
// input and `out`, infers each stage's shape (broadcasting errors name the vars), decides whether
// the call may use the worker pool, and where the last stage writes (out, a fresh array, or a
// scratch copied back when out overlaps an input read elsewhere).

import { fail, FusexprError } from '../errors.js';
import type { Param, Plan, Program } from '../plan/program.js';
import type { InputInfo } from '../bind/typed.js';
import { assertNoSelfOverlap, reducedShape, broadcastShapes, broadcastStrides, cStrides, isViewLike, sizeOf, toView, type View } from '../types/shapes.js';
import { toArrayValue, isDetached, complexView, planeOf, scalarValue, type ComplexLike } from './vars.js';
import { BoolArray } from '../types/dtypes.js';
import { allocate, bytesOverlap, isShared, sameMemory, sharedCopy } from './shared.js';
import { inArena } from '../backends/wasm/arena.js';
import { isFreedArena } from '../backends/wasm/arrays.js';
import { getPool, getParallelThreshold } from './threads/settings.js';
import type { Pool } from './threads/pool.js';

export type Scalar = number | bigint;
export type Value = Scalar | View;

export interface CallOptions {
  readonly blockSize: number;
  /** Copy non-shared inputs into shared memory so the call can use threads. */
  readonly copyToShared: boolean;
  /** Force the calling thread only (tune() and tests compare against it). */
  readonly singleThread: boolean;
  /** Arena calls run Wasm kernels (then results and temporaries are allocated in the arena too). */
  readonly wasm?: boolean;
}

/** A prepared call: inputs validated, every stage's shape known, the output allocated. */
export interface Call {
  /** Per input: a View for arrays, the raw value for scalars. */
  readonly values: unknown[];
  /** Per stage: its output shape (for reduce stages: the reduced shape). */
  readonly shapes: number[][];
  /** Per stage: the shape it iterates (map: its output; reduce: its operand). */
  readonly loopShapes: number[][];
  /** Where the last stage writes (a View), when the result is an array. */
  readonly out: View | undefined;
  /** What evaluate returns for array results. */
  readonly returned: unknown;
  /** Copy `from` into `to` after the last stage (aliasing scratch, or a shared stand-in for out). */
  readonly copyBack: { from: View; to: View; readonly pairs?: boolean } | undefined;
  /** out is updated in place (it shares memory with an input): a block must not run twice. */
  readonly inPlace: boolean;
  readonly pool: Pool | undefined;
  /** The buffers the call reads and writes, re-checked between async slices. */
  readonly buffers: readonly { readonly name: string; readonly data: ArrayBufferView; readonly bytes: number }[];
  /** Every array input lives in the Wasm arena and Wasm is on: temporaries and the result go there too. */
  readonly arena: boolean;
}

const leafShape = (p: Param, values: unknown[], shapes: number[][]): readonly number[] | undefined => {
  if (p.kind === 'array') return (values[p.input] as View).shape;
  if (p.kind === 'stage' && p.rank > 0) return shapes[p.stage];
  return undefined; // scalars; masks take the shape of what they mask
};

/** Every stage's output and loop shapes, from the inputs' shapes. */
export function inferShapes(plan: Plan, values: unknown[]): { shapes: number[][]; loopShapes: number[][] } {
  const shapes: number[][] = [];
  const loopShapes: number[][] = [];
  for (const stage of plan.stages) {
    const leaves: (readonly number[])[] = [];
    const names: string[] = [];
    const from: Param[] = [];
    for (const p of stage.params) {
      const sh = leafShape(p, values, shapes);
      if (sh) {
        leaves.push(sh);
        from.push(p);
        names.push(p.kind === 'array' ? plan.inputs[p.input]!.name : 'a reduction');
      }
    }
    let loop: number[];
    try {
      loop = broadcastShapes(leaves, names);
    } catch (e) {
      throw keepdimsHint(e, plan, from, leaves, loopShapes);
    }
    loopShapes.push(loop);
    if (stage.kind === 'map') shapes.push(stage.rank === 0 ? [] : loop);
    else shapes.push(reducedShape(loop, stage.axes ?? null, stage.keepdims ?? false));
  }
  return { shapes, loopShapes };
}

/**
 * A broadcast error that keepdims=True would have avoided (`a - mean(a, axis=-1)` of a matrix) says
 * so: the error is rethrown with that hint when the reductions' shapes with their axes kept as 1s broadcast.
 */
function keepdimsHint(e: unknown, plan: Plan, from: readonly Param[], leaves: (readonly number[])[], loopShapes: number[][]): unknown {
  if (!(e instanceof FusexprError)) return e;
  const kept = [...leaves];
  const fixes: string[] = [];
  from.forEach((p, k) => {
    if (p.kind !== 'stage') return;
    const r = plan.stages[p.stage]!;
    if (r.kind !== 'reduce' || !r.axes || r.keepdims) return;
    kept[k] = reducedShape(loopShapes[p.stage]!, r.axes, true);
    fixes.push(`${r.reduce}(…, axis=${r.axes.length === 1 ? r.axes[0] : `(${r.axes.join(', ')})`}, keepdims=True)`);
  });
  if (fixes.length === 0) return e;
  try {
    broadcastShapes(kept, kept.map(() => ''));
  } catch {
    return e;
  }
  return new FusexprError(e.code, e.reason, undefined, undefined, `did you mean keepdims=True? ${fixes.join(', ')} keeps the reduced axes as 1s, so the result broadcasts back`);
}

export function inputValues(plan: Plan, vars: Readonly<Record<string, unknown>>): unknown[] {
  return plan.inputs.map((info) => {
    if (info.kind !== 'array') return scalarValue(vars[info.name], info.part);
    const v = vars[info.name];
    // a complex var's plane (splitComplex): its re or im parts as a strided real view
    if (info.part) return planeOf(complexView(info.name, v as ComplexLike), info.part);
    return toArrayValue(info.name, v);
  });
}

/** The result's shape for these vars, without running anything (validate()). */
export function resultShape(plan: Plan, vars: Readonly<Record<string, unknown>>): number[] {
  const { shapes } = inferShapes(plan, inputValues(plan, vars));
  return shapes[shapes.length - 1]!;
}

export function prepare(plan: Plan, cost: number, vars: Readonly<Record<string, unknown>>, outArg: unknown, o: CallOptions, async: boolean): Call {
  const inputs = plan.inputs;
  const values = inputValues(plan, vars);
  let allShared = true;
  let anyView = false;
  let arena = o.wasm === true;
  let anyArray = false;
  const buffers: { name: string; data: ArrayBufferView; bytes: number }[] = [];
  for (let i = 0; i < inputs.length; i++) {
    if (inputs[i]!.kind !== 'array') continue;
    const v = values[i] as View;
    if (!isShared(v.data)) allShared = false;
    anyArray = true;
    if (!inArena(v.data)) arena = false;
    if (inputs[i]!.kind === 'array' && (inputs[i] as { view?: boolean }).view) anyView = true;
    buffers.push({ name: `var '${inputs[i]!.name}'`, data: v.data, bytes: v.data.byteLength });
  }

  const { shapes, loopShapes } = inferShapes(plan, values);
  const shape = shapes[shapes.length - 1]!;
  const size = sizeOf(shape);

  let out: View | undefined;
  let returned: unknown;
  if (plan.rank > 0) {
    if (outArg !== undefined) {
      out = outView(outArg, shape);
      returned = outArg;
      buffers.push({ name: 'out', data: out.data, bytes: out.data.byteLength });
    }
  } else if (outArg !== undefined) {
    fail('BAD_OUT', 'out was given but the expression gives a scalar (a full reduction or no arrays)');
  }
  arena &&= anyArray;
  const inPlace = out !== undefined && values.some((v, i) => inputs[i]!.kind === 'array' && bytesOverlap((v as View).data, out!.data));

  // Threads: enough work, and every array the kernels touch in shared memory (or copied there).
  let pool: Pool | undefined;
  let copyBack: Call['copyBack'];
  const work = Math.max(0, ...loopShapes.map(sizeOf));
  if (!o.singleThread && inputs.some((i) => i.kind === 'array') && work * cost >= getParallelThreshold()) {
    const candidate = getPool();
    if (candidate && (!candidate.busy || async) && (allShared || o.copyToShared)) {
      pool = candidate;
      if (!allShared) {
        for (let i = 0; i < values.length; i++) {
          if (inputs[i]!.kind === 'array') {
            const v = values[i] as View;
            if (!isShared(v.data)) values[i] = { ...v, data: sharedCopy(v.data, false) };
          }
        }
      }
      if (out && !isShared(out.data)) {
        if (!o.copyToShared) pool = undefined;
        else {
          const stand = contiguous(plan, shape, true);
          copyBack = { from: stand, to: out, pairs: pairsOut(plan) };
          out = stand;
        }
      }
    }
  }
  if (plan.rank > 0 && out === undefined) {
    if (pairsOut(plan)) throw new Error('internal: a complex result stage needs its out (runtime/complexCall.ts)');
    const data = allocate(plan.dtype, size, pool !== undefined, arena ? 'result' : undefined);
    out = { data, shape, stride: cStrides(shape), offset: 0 };
    returned = anyView ? viewLike(vars, inputs, data, shape) : data;
  }
  // out overlapping an input read at another place (a stencil, a shifted view): write a scratch, copy after
  if (out && !copyBack && overlapsDifferently(plan.stages[plan.stages.length - 1]!, values, out, shape)) {
    const scratch = contiguous(plan, shape, pool !== undefined);
    copyBack = { from: scratch, to: out, pairs: pairsOut(plan) };
    out = scratch;
  }
  return { values, shapes, loopShapes, out, returned, copyBack, inPlace: inPlace && !copyBack, pool, buffers, arena };
}

/** The last stage stores a complex result's (re, im) pairs (plan/joinComplex.ts); its out is the re plane. */
const pairsOut = (plan: Plan): boolean => plan.stages[plan.stages.length - 1]!.im !== undefined;

/** A C-contiguous stand-in for out (for pairs: the re plane of contiguous pairs). */
const contiguous = (plan: Plan, shape: number[], shared: boolean): View => {
  const k = pairsOut(plan) ? 2 : 1;
  return { data: allocate(plan.dtype, k * sizeOf(shape), shared), shape, stride: cStrides(shape).map((s) => k * s), offset: 0 };
};

/** Throws when an input or out was detached or shrunk since the call started (async calls check between slices). */
export function checkAttached(call: Call): void {
  for (const b of call.buffers) {
    const code = b.name === 'out' ? 'BAD_OUT' : 'BAD_VAR';
    if (isDetached(b.data)) fail(code, `${b.name} was detached (its ArrayBuffer transferred or freed) while the call was running`);
    // its memory may be handed out again: the slices still to run would read or write another array
    if (isFreedArena(b.data)) fail(code, `${b.name} was given back by free() while the call was running`);
    // a resizable ArrayBuffer that shrank reads as undefined (NaN) past its new end
    if (b.data.byteLength !== b.bytes) fail(code, `${b.name} changed size (a resizable ArrayBuffer was resized) while the call was running`);
  }
}

/**
 * A result view of "the same kind" as the inputs: when an input is a scijs ndarray of the result's rank
 * and data type, an instance of its class (with get/set/pick…); otherwise a plain { data, shape, stride, offset }.
 */
function viewLike(vars: Readonly<Record<string, unknown>>, inputs: readonly InputInfo[], data: ArrayBufferView, shape: number[]): unknown {
  const stride = cStrides(shape);
  for (const info of inputs) {
    if (info.kind !== 'array' || !info.view) continue;
    const v = vars[info.name] as { constructor?: { length: number; new (...a: unknown[]): unknown }; pick?: unknown; data: ArrayBufferView; shape: number[] };
    const ctor = v.constructor;
    if (typeof v.pick === 'function' && ctor && ctor !== Object && v.shape.length === shape.length && ctor.length === 2 + 2 * shape.length && v.data.constructor === data.constructor) {
      return new ctor(data, ...shape, ...stride, 0);
    }
  }
  // a bool result says so (serializable: a structured clone of the view keeps `dtype`, not the BoolArray class)
  return data instanceof BoolArray ? { data, shape: [...shape], stride, offset: 0, dtype: 'bool' } : { data, shape: [...shape], stride, offset: 0 };
}

function outView(o: unknown, shape: readonly number[]): View {
  if (ArrayBuffer.isView(o)) {
    const n = (o as unknown as { length: number }).length;
    if (n !== sizeOf(shape)) {
      fail('BAD_OUT', shape.length <= 1 ? `out has length ${n} but the result has length ${sizeOf(shape)}` : `out has length ${n} but the result has shape [${shape.join(', ')}]`);
    }
    return { data: o, shape, stride: cStrides(shape), offset: 0 };
  }
  if (isViewLike(o)) {
    const v = toView('out', o, 'BAD_OUT');
    if (v.shape.length !== shape.length || v.shape.some((n, d) => n !== shape[d])) fail('BAD_OUT', `out has shape [${v.shape.join(', ')}] but the result has shape [${shape.join(', ')}]`);
    assertNoSelfOverlap(v);
    return v;
  }
  return fail('BAD_OUT', 'out must be a typed array or an ndarray-like view');
}

/** Does `out` share memory with an operand that is read at other positions than the one written? */
function overlapsDifferently(stage: Program, values: unknown[], out: View, shape: readonly number[]): boolean {
  for (const p of stage.params) {
    if (p.kind !== 'array') continue;
    const v = values[p.input] as View;
    if (!sameMemory(v.data, out.data) || !extentsOverlap(v, out)) continue;
    const same =
      !p.transforms?.length &&
      v.data.byteOffset + v.offset * bytes(v) === out.data.byteOffset + out.offset * bytes(out) &&
      bytes(v) === bytes(out) &&
      v.shape.length === shape.length &&
      broadcastStrides(v, shape).every((st, d) => st === out.stride[d] || shape[d] === 1);
    if (!same) return true;
  }
  return false;
}

const bytes = (v: View) => (v.data as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;

function extentsOverlap(a: View, b: View): boolean {
  const range = (v: View): [number, number] => {
    let lo = v.offset;
    let hi = v.offset;
    v.shape.forEach((n, d) => {
      const span = (n - 1) * v.stride[d]!;
      if (span < 0) lo += span;
      else hi += span;
    });
    const base = v.data.byteOffset;
    return [base + lo * bytes(v), base + (hi + 1) * bytes(v)];
  };
  if (sizeOf(a.shape) === 0 || sizeOf(b.shape) === 0) return false;
  const [a0, a1] = range(a);
  const [b0, b1] = range(b);
  return a0 < b1 && b0 < a1;
}
