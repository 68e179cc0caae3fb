// A call whose result is complex: its real and imaginary parts are two plans (plan/splitComplex.ts),
// run in one pass when they fuse (plan/joinComplex.ts) and the arrays are flat, else one after the
// other into the two planes of one interleaved (re, im) array. Owns the complex
// result form — `{ data, shape, dtype }` (a 0-d one for scalars) — and out's aliasing with inputs.
// Runs plans only through the drivers; compiles nothing.

import { fail } from '../errors.js';
import { cStrides, isContiguousOver, sizeOf, type View } from '../types/shapes.js';
import { partOf, type ComplexDType } from '../types/dtypes.js';
import { scatter } from '../kernel/layout.js';
import type { Compiled } from './schedule.js';
import { inferShapes, inputValues, resultShape } from './prepare.js';
import { leavesFlat } from '../kernel/variants.js';
import { allocate, bytesOverlap, isShared } from './shared.js';
import { inArena } from '../backends/wasm/arena.js';
import { isFreedArena } from '../backends/wasm/arrays.js';
import { complexView, dataOf, isComplexLike, planeOf } from './vars.js';
import type { CallOptions } from './prepare.js';
import { bothParts, planeSum } from './complexSum.js';

/**
 * What evaluate returns for complex results: interleaved (re, im) data (a Float32Array for
 * complex64), shape in complex elements (`[]` for a full reduction or a scalar-only expression).
 *
 * @example
 * ```ts
 * const z = { data: Float64Array.of(1, 2, 3, 4), dtype: 'complex128' as const }; // [1+2j, 3+4j]
 * const r = evaluate('z * 1j', { z }) as unknown as ComplexResult; // data [-2, 1, -4, 3], shape [2]
 * ```
 */
export interface ComplexResult {
  readonly data: Float32Array | Float64Array;
  readonly shape: number[];
  readonly dtype: ComplexDType;
}

export interface ComplexParts {
  readonly dtype: ComplexDType;
  readonly re: Compiled;
  readonly im: Compiled;
  /** Both parts in one pass (plan/joinComplex.ts): used when every operand and the result are flat. */
  readonly fused?: Compiled;
}

type Run = (c: Compiled, vars: Readonly<Record<string, unknown>>, out: unknown, o: CallOptions) => unknown;

/** The call's steps: a generator so the sync and async drivers share them (each yield runs one part). */
function* steps(parts: ComplexParts, vars: Readonly<Record<string, unknown>>, out: unknown, o: CallOptions, direct: boolean): Generator<[Compiled, unknown], unknown, unknown> {
  const { dtype, re, im } = parts;
  const shape = resultShape(re.plan, vars);
  if (re.plan.rank === 0) {
    if (out !== undefined) fail('BAD_OUT', 'out was given but the expression gives a scalar (a full reduction or no arrays)');
    // a sync sum or mean of a flat complex var: one pass here (an async call's runs report progress)
    const both = direct ? sumNow(parts, vars, o.blockSize) : undefined;
    const r = both ? both[0] : Number(yield [re, undefined]);
    const i = both ? both[1] : Number(yield [im, undefined]);
    const data = dtype === 'complex64' ? Float32Array.of(r, i) : Float64Array.of(r, i);
    return { data, shape: [], dtype } satisfies ComplexResult;
  }
  let target: View;
  let returned: unknown;
  if (out === undefined) {
    const shared = Object.values(vars).some((v) => typeof v === 'object' && v !== null && isShared(((v as { data?: ArrayBufferView }).data ?? v) as ArrayBufferView));
    // in fusexpr's memory when every array the parts read is there, as real results (prepare.ts)
    const data = allocate(partOf(dtype), 2 * sizeOf(shape), shared, o.wasm && inputsInArena(parts, vars) ? 'result' : undefined) as Float32Array | Float64Array;
    target = { data, shape, stride: cStrides(shape), offset: 0 };
    returned = { data, shape: [...shape], dtype } satisfies ComplexResult;
  } else {
    if (!isComplexLike(out) || out.dtype !== dtype) fail('BAD_OUT', `a ${dtype} result needs a ${dtype} out: { data: ${dtype === 'complex64' ? 'Float32Array' : 'Float64Array'}, shape?, dtype: '${dtype}' }`);
    target = complexView('out', out, 'BAD_OUT');
    if (target.shape.length !== shape.length || target.shape.some((n, d) => n !== shape[d])) {
      fail('BAD_OUT', `out has shape [${target.shape.join(', ')}] but the result has shape [${shape.join(', ')}]`);
    }
    returned = out;
  }
  // the real part is written before the imaginary part is computed: out must not overlap an input
  // (bytes, not buffers: every array in fusexpr's memory shares one buffer)
  const aliased = out !== undefined && Object.values(vars).some((v) => { const d = dataOf(v); return d !== undefined && bytesOverlap(d, target.data); });
  const dest = aliased ? { data: allocate(partOf(dtype), 2 * sizeOf(shape), isShared(target.data)), shape, stride: cStrides(shape), offset: 0 } : target;
  if (parts.fused && runsFlat(parts.fused, vars, dest)) yield [parts.fused, planeOf(dest, 're')];
  else {
    yield [re, planeOf(dest, 're')];
    yield [im, planeOf(dest, 'im')];
  }
  if (aliased) {
    // the parts wrote the scratch: out given back by free() meanwhile must not be written
    if (isFreedArena(target.data)) fail('BAD_OUT', 'out was given back by free() while the call was running');
    for (const part of ['re', 'im'] as const) {
      const from = planeOf(dest, part);
      const to = planeOf(target, part);
      scatter(gather(from), shape, to.data as unknown as number[], to.offset, to.stride);
    }
  }
  return returned;
}

/** A full sum or mean of one flat complex var (twin plane stages, runtime/complexSum.ts): both parts in one pass. */
function sumNow(parts: ComplexParts, vars: Readonly<Record<string, unknown>>, blockSize: number): [number, number] | undefined {
  const pass = sumPass(parts, vars);
  return pass && bothParts(pass.stage, pass.v.data as unknown as ArrayLike<number>, pass.v.offset, pass.n, blockSize).now();
}

/** Whether a sync call runs sumNow's one pass (explain says so): its stage, var and length, else undefined. */
export function sumPass(parts: ComplexParts, vars: Readonly<Record<string, unknown>>) {
  const [a, b] = [parts.re.plan, parts.im.plan];
  if (a.stages.length !== 1 || b.stages.length !== 1) return undefined;
  const [stage, p, q] = [a.stages[0]!, planeSum(a.stages[0]!), planeSum(b.stages[0]!)];
  if (!p || !q || p.part !== 're' || q.part !== 'im' || stage.reduce !== b.stages[0]!.reduce || a.inputs[p.input]!.name !== b.inputs[q.input]!.name) return undefined;
  const values = inputValues(a, vars);
  const loop = inferShapes(a, values).loopShapes[0]!;
  if (!leavesFlat(stage, (x) => (x.kind === 'array' ? (values[x.input] as View) : undefined), loop)) return undefined;
  return { stage, v: values[p.input] as View, n: sizeOf(loop) };
}

/** Every array input of either part lives in fusexpr's memory (and there is one). */
function inputsInArena(parts: ComplexParts, vars: Readonly<Record<string, unknown>>): boolean {
  const arrays = [parts.re, parts.im].flatMap((c) => c.plan.inputs.filter((i) => i.kind === 'array').map((i) => dataOf(vars[i.name])));
  return arrays.length > 0 && arrays.every((d) => d !== undefined && inArena(d));
}

/** The fused stage's flat kernel fits: every operand and the result contiguous over the loop (no broadcasting, no views). */
function runsFlat(fused: Compiled, vars: Readonly<Record<string, unknown>>, dest: View): boolean {
  return isContiguousOver(dest.stride, dest.shape) && fusedFits(fused, vars);
}

/** Every operand of the fused (last) stage is contiguous over its loop (explain() asks too). */
export function fusedFits(fused: Compiled, vars: Readonly<Record<string, unknown>>): boolean {
  const values = inputValues(fused.plan, vars);
  const last = fused.plan.stages.length - 1;
  const loop = inferShapes(fused.plan, values).loopShapes[last]!;
  return leavesFlat(fused.plan.stages[last]!, (p) => (p.kind === 'array' ? (values[p.input] as View) : undefined), loop);
}


/** A strided plane's values in C order (the scratch is C-contiguous pairs: every other element). */
function gather(v: View): number[] {
  const n = sizeOf(v.shape);
  const d = v.data as unknown as ArrayLike<number>;
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = d[v.offset + 2 * i]!;
  return out;
}

export function executeComplex(parts: ComplexParts, vars: Readonly<Record<string, unknown>>, out: unknown, o: CallOptions, run: Run): unknown {
  const it = steps(parts, vars, out, o, true);
  for (let step = it.next(); ; ) {
    if (step.done) return step.value;
    const [c, dest] = step.value;
    step = it.next(run(c, vars, dest, o));
  }
}

export async function executeComplexAsync(parts: ComplexParts, vars: Readonly<Record<string, unknown>>, out: unknown, o: CallOptions, run: (...a: Parameters<Run>) => Promise<unknown>): Promise<unknown> {
  const it = steps(parts, vars, out, o, false);
  for (let step = it.next(); ; ) {
    if (step.done) return step.value;
    const [c, dest] = step.value;
    step = it.next(await run(c, vars, dest, o));
  }
}
