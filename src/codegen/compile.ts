// The ONLY module that calls `new Function`. Everything it compiles was produced by codegen/ from
// registry emitters, numbered names and serialized literals: no user text reaches it.

import * as H from '../ops/scalar.js';
import { opByName } from '../ops/registry.js';
import type { DType } from '../types/dtypes.js';
import { serializeNumber, serializeBigInt } from './literals.js';

/** Compile a kernel's source (a function expression body that `return`s the kernel). */
export function compileSource<T>(source: string): T {
  // `H` is the only free name the generated code may use besides globals Math, BigInt and Number.
  return new Function('H', `'use strict';\n${source}`)(H) as T;
}

/**
 * A scalar function for one op at given operand dtypes, built from the same emitter the kernels use,
 * so that constant folding computes exactly what a kernel would.
 */
const scalarCache = new Map<string, (...args: (number | bigint)[]) => number | bigint>();
export function scalarFunction(op: string, operandDtype: DType, arity: number): (...args: (number | bigint)[]) => number | bigint {
  const key = `${op}:${operandDtype}:${arity}`;
  let f = scalarCache.get(key);
  if (!f) {
    const emit = opByName(op).emit[operandDtype];
    if (!emit) throw new Error(`internal: ${op} has no emitter for ${operandDtype}`);
    const params = Array.from({ length: arity }, (_, i) => `a${i}`);
    f = compileSource<(...args: (number | bigint)[]) => number | bigint>(`return function scalar_${op}_${operandDtype}(${params.join(', ')}) { return ${emit(params)}; };`);
    scalarCache.set(key, f);
  }
  return f!;
}

export function literal(value: number | bigint, dtype: DType): string {
  if (dtype === 'int64') return serializeBigInt(BigInt(value));
  return serializeNumber(Number(value));
}
