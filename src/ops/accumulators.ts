// How each reduction accumulates within a block, once: the statement a JIT reduce kernel runs per
// element and its function twin (the closures backend and axis reductions), side by side like the
// op table's emitters. Blocks are combined afterwards by runtime/execute.ts `combine`.

import type { DType } from '../types/dtypes.js';
import type { ReductionName } from './registry.js';

type Value = any; // number | bigint, as in the registry

export interface Accumulator {
  /** The starting value (bigint for int64 accumulations and integer products). */
  readonly init: number | bigint;
  /** A statement updating `acc` with element `v` (may `return` early, for any/all). */
  readonly stepCode: (v: string) => string;
  /** The same update as a function. */
  readonly step: (acc: Value, v: Value) => Value;
  /** any/all: the value at which the block's answer is known and the loop may stop. */
  readonly stopAt?: number;
}

const isFloat = (d: DType) => d === 'float64' || d === 'float32';

/** `dtype` is the dtype of the values reduced (before the reduction's result dtype is applied). */
export function accumulatorOf(op: ReductionName | string, dtype: DType): Accumulator {
  const big = dtype === 'int64';
  switch (op) {
    case 'sum':
    case 'mean':
      return big
        ? { init: 0n, stepCode: (v) => `acc = BigInt.asIntN(64, acc + ${v});`, step: (acc: Value, v: Value) => BigInt.asIntN(64, (acc as bigint) + (v as bigint)) }
        : { init: 0, stepCode: (v) => `acc += ${v};`, step: (acc: Value, v: Value) => acc + v };
    case 'prod':
      if (isFloat(dtype)) return { init: 1, stepCode: (v) => `acc *= ${v};`, step: (acc: Value, v: Value) => acc * v };
      // bool and int32 products wrap in int64, like numpy's
      return big
        ? { init: 1n, stepCode: (v) => `acc = BigInt.asIntN(64, acc * ${v});`, step: (acc: Value, v: Value) => BigInt.asIntN(64, (acc as bigint) * (v as bigint)) }
        : { init: 1n, stepCode: (v) => `acc = BigInt.asIntN(64, acc * BigInt(${v}));`, step: (acc: Value, v: Value) => BigInt.asIntN(64, (acc as bigint) * BigInt(v)) };
    case 'min':
    case 'max': {
      const min = op === 'min';
      const cmp = min ? '<' : '>';
      if (isFloat(dtype)) {
        // once acc is nan no comparison is true, and a nan element sets it again: nan-propagating
        return {
          init: min ? Infinity : -Infinity,
          stepCode: (v) => `if (${v} ${cmp} acc) acc = ${v}; else if (${v} !== ${v}) acc = ${v};`,
          step: min ? (acc, v) => (v < acc || v !== v ? v : acc) : (acc, v) => (v > acc || v !== v ? v : acc),
        };
      }
      const bounds = { bool: [1, 0], int32: [2147483647, -2147483648], int64: [2n ** 63n - 1n, -(2n ** 63n)] }[dtype as 'bool' | 'int32' | 'int64'];
      return { init: min ? bounds[0]! : bounds[1]!, stepCode: (v) => `if (${v} ${cmp} acc) acc = ${v};`, step: min ? (acc, v) => (v < acc ? v : acc) : (acc, v) => (v > acc ? v : acc) };
    }
    case 'any':
      return { init: 0, stepCode: (v) => `if (${v}) return 1;`, step: (acc: Value, v: Value) => (v ? 1 : acc), stopAt: 1 };
    case 'all':
      return { init: 1, stepCode: (v) => `if (!${v}) return 0;`, step: (acc: Value, v: Value) => (v ? acc : 0), stopAt: 0 };
    default:
      throw new Error(`internal: unknown reduction ${op}`);
  }
}

/** Accumulate v[off … off+len) into acc; `done` when the answer is known (any/all). */
export function accumulateRange(a: Accumulator, acc: Value, v: ArrayLike<Value>, off: number, len: number): { acc: Value; done: boolean } {
  const step = a.step;
  if (a.stopAt === undefined) {
    for (let j = 0; j < len; j++) acc = step(acc, v[off + j]);
    return { acc, done: false };
  }
  for (let j = 0; j < len; j++) {
    acc = step(acc, v[off + j]);
    if (acc === a.stopAt) return { acc, done: true };
  }
  return { acc, done: false };
}
