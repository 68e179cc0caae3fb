// execute: runs a compiled plan's stages in order over the caller's arrays. The one place that walks
// blocks in the calling thread; reductions keep one partial per block and combine them in block
// order, so a result does not depend on how blocks were scheduled.

import { fail } from '../errors.js';
import { ARRAY_CLASS, DType, asBool } from '../types/dtypes.js';
import type { Program } from '../plan/program.js';
import { scalarParam, toArrayValue } from './vars.js';
import type { CompiledPlan, KernelPair } from '../pipeline.js';

type Scalar = number | bigint;
type Value = Scalar | ArrayBufferView;

/** Elements per kernel call. Chosen by `npm run bench -- blocks` (bench/blocks.ts): 4096 doubles = 32 KiB. */
export const DEFAULT_BLOCK_SIZE = 4096;

export interface ExecuteContext {
  blockSize: number;
}

export function execute(
  c: CompiledPlan,
  vars: Readonly<Record<string, unknown>>,
  out: ArrayBufferView | undefined,
  ctx: ExecuteContext,
): unknown {
  const { plan } = c;
  const inputs = plan.inputs;
  const values: unknown[] = new Array(inputs.length);
  let n = -1;
  let lengthFrom = '';
  for (let i = 0; i < inputs.length; i++) {
    const info = inputs[i]!;
    let v = vars[info.name];
    if (info.kind === 'array') {
      v = toArrayValue(info.name, v);
      const len = (v as unknown as { length: number }).length;
      if (n < 0) {
        n = len;
        lengthFrom = info.name;
      } else if (len !== n) {
        fail('SHAPE', `var '${info.name}' has length ${len} but '${lengthFrom}' has length ${n}`, 'arrays must have the same length (broadcasting of N-D views comes with ndarray inputs)');
      }
    }
    values[i] = v;
  }
  if (n < 0) n = 1; // scalar-only expression: one element

  if (plan.rank > 0) {
    if (out === undefined) {
      out = allocate(plan.dtype, n) as ArrayBufferView;
    } else if ((out as unknown as { length: number }).length !== n) {
      fail('BAD_OUT', `out has length ${(out as unknown as { length: number }).length} but the result has length ${n}`);
    }
  } else if (out !== undefined) {
    fail('BAD_OUT', 'out was given but the expression gives a scalar (a full reduction or no arrays)');
  }

  const results: Value[] = new Array(plan.stages.length);
  const last = plan.stages.length - 1;
  for (let s = 0; s <= last; s++) {
    const stage = plan.stages[s]!;
    const args = stageArgs(stage, values, results, inputs);
    const k = c.kernels[s]!;
    if (stage.kind === 'map') {
      const len = stage.rank > 0 ? n : 1;
      const target = s === last && stage.rank > 0 ? out! : allocate(stage.outputDtype, len);
      runMap(k, args, target, len, ctx.blockSize);
      results[s] = stage.rank > 0 ? target : readScalar(target);
    } else {
      results[s] = runReduce(k, stage, args, stage.argRank! > 0 ? n : 1, ctx.blockSize);
    }
  }
  if (plan.rank > 0) return out;
  return toJs(results[last] as Scalar, plan.dtype, plan.weak);
}

function stageArgs(stage: Program, values: unknown[], results: Value[], inputs: CompiledPlan['plan']['inputs']): unknown[] {
  const args = new Array<unknown>(stage.params.length);
  for (let i = 0; i < stage.params.length; i++) {
    const p = stage.params[i]!;
    if (p.kind === 'array') args[i] = values[p.input];
    else if (p.kind === 'scalar') args[i] = scalarParam(inputs[p.input]!.name, values[p.input], p.dtype);
    else args[i] = results[p.stage];
  }
  return args;
}

export function runMap(k: KernelPair, args: unknown[], out: ArrayBufferView, n: number, blockSize: number): void {
  (k.blocks as (...a: unknown[]) => void)(...args, out, 0, n, blockSize);
}

export function runReduce(k: KernelPair, stage: Program, args: unknown[], n: number, blockSize: number): Scalar {
  const partials: Scalar[] = new Array(Math.ceil(n / blockSize));
  (k.blocks as (...a: unknown[]) => void)(...args, partials, 0, n, blockSize);
  return combine(stage, partials, n);
}

/** Combine block partials in block order (deterministic for any schedule). */
export function combine(stage: Program, partials: readonly Scalar[], n: number): Scalar {
  const op = stage.reduce!;
  const dtype = stage.outputDtype;
  switch (op) {
    case 'sum':
    case 'mean': {
      if (dtype === 'int64') {
        let total = 0n;
        for (const p of partials) total = BigInt.asIntN(64, total + BigInt(p));
        return total;
      }
      let total = 0;
      for (const p of partials) total += Number(p);
      if (op === 'mean') {
        const m = total / n;
        return dtype === 'float32' ? Math.fround(m) : m;
      }
      return dtype === 'float32' ? Math.fround(total) : total;
    }
    case 'prod': {
      if (dtype === 'int64') {
        let total = 1n;
        for (const p of partials) total = BigInt.asIntN(64, total * BigInt(p));
        return total;
      }
      let total = 1;
      for (const p of partials) total *= Number(p);
      return dtype === 'float32' ? Math.fround(total) : total;
    }
    case 'min':
    case 'max': {
      if (n === 0) fail('VALUE', `zero-size array to reduction operation ${op} which has no identity`);
      let acc = partials[0]!;
      for (let i = 1; i < partials.length; i++) {
        const p = partials[i]!;
        if (acc !== acc) break; // nan stays
        if (p !== p || (op === 'min' ? p < acc : p > acc)) acc = p;
      }
      return acc;
    }
    case 'any':
      return partials.some((p) => p === 1) ? 1 : 0;
    case 'all':
      return partials.every((p) => p === 1) ? 1 : 0;
  }
}

export function allocate(dtype: DType, n: number): ArrayBufferView {
  const a = new ARRAY_CLASS[dtype](n);
  if (dtype === 'bool') asBool(a as Uint8Array);
  return a;
}

function readScalar(a: ArrayBufferView): Scalar {
  return (a as unknown as ArrayLike<Scalar>)[0]!;
}

/** A scalar result as the JS value users get: number, bigint (int64), boolean (bool). */
export function toJs(v: Scalar, dtype: DType, weak: boolean): unknown {
  if (dtype === 'bool') return v === 1 || v === 1n;
  if (dtype === 'int64') return weak ? Number(v) : BigInt(v);
  return Number(v);
}
