// The ONLY module that calls `new Function`. Everything it compiles was produced by codegen/ from
// registry emitters, numbered names and serialized literals: no user text reaches it.

import * as scalar from '../ops/scalar.js';
import { rowScratch, rowSegments } from '../runtime/layout.js';

/** What generated code may reach as `H`: scalar semantics, and the row walker of strided kernels. */
const H = { ...scalar, rowScratch, rowSegments };
import type { DType } from '../types/dtypes.js';
import { serializeNumber, serializeBigInt } from './literals.js';

/** Compile a kernel's source (a function expression body that `return`s the kernel). */
export function compileSource<T>(source: string): T {
  // `H` is the only free name the generated code may use besides globals Math, BigInt and Number.
  return new Function('H', `'use strict';\n${source}`)(H) as T;
}

/** Whether this environment allows `new Function` (CSP and --disallow-code-generation-from-strings do not). */
let jit: boolean | undefined;
export function jitAvailable(): boolean {
  if (jit === undefined) {
    try {
      jit = new Function('return 1')() === 1;
    } catch {
      jit = false;
    }
  }
  return jit;
}

export function literal(value: number | bigint, dtype: DType): string {
  if (dtype === 'int64') return serializeBigInt(BigInt(value));
  return serializeNumber(Number(value));
}
