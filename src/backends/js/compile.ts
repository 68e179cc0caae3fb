// The ONLY module that calls `new Function`. Everything it compiles was produced by emit.ts from
// registry emitters, numbered names and serialized literals: no user text reaches it.

import * as scalar from '../../ops/scalar.js';
import { rowScratch, rowSegments } from '../../kernel/layout.js';
import { blockScratch, pairwise32, pairwise64 } from '../../ops/reductions.js';
import { pairwiseC32, pairwiseC64 } from '../../ops/pairwiseComplex.js';
import type { Kernel } from '../../kernel/abi.js';

/** What generated code may reach as `H`: scalar semantics, the row walker, reduction helpers. */
const H = Object.freeze({ ...scalar, rowScratch, rowSegments, blockScratch, pairwise32, pairwise64, pairwiseC32, pairwiseC64 });

/** Compile a kernel's source (a function body that `return`s the kernel function). */
export function compileSource(source: string): Kernel['run'] {
  // `H` is the only free name the generated code may use besides globals Math, BigInt and Number.
  return new Function('H', `'use strict';\n${source}`)(H) as Kernel['run'];
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
