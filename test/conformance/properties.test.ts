// Property tests: random expression trees over mixed dtypes, compared with the reference interpreter
// at every optimization level and with fusion on and off. fast-check shrinks a failure to a minimal
// expression. Seeds are fixed so CI runs the same cases; `npm run fuzz` runs many more.

import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { mismatch, type Tolerance } from '../helpers/compare.js';
import { expressionArb, varsArb } from '../helpers/arbitraries.js';

// The reference mirrors the documented power expansion for each level, so every level compares
// exactly. Reductions are compared in one block (the reference sums sequentially, as one block does).
const EXACT: Tolerance = { rtol: 0, atol: 0 };

describe('random expressions agree with the reference interpreter', () => {
  it("optimize 'none', fused: bit-exact", () => {
    fc.assert(
      fc.property(expressionArb, varsArb, (expr, vars) => {
        expect(mismatch(expr, vars, { optimize: 'none' }, EXACT)).toBeUndefined();
      }),
      { numRuns: 300, seed: 1 },
    );
  });
  it("optimize 'aggressive' and 'moderate', fused and unfused: bit-exact", () => {
    fc.assert(
      fc.property(expressionArb, varsArb, fc.constantFrom('moderate', 'aggressive'), fc.boolean(), (expr, vars, optimize, fusion) => {
        expect(mismatch(expr, vars, { optimize, fusion }, EXACT)).toBeUndefined();
      }),
      { numRuns: 400, seed: 2 },
    );
  });
  it('small block sizes (many blocks, ragged last block) change nothing elementwise', () => {
    fc.assert(
      fc.property(expressionArb.filter((e) => !/sum|mean|max/.test(e)), varsArb, fc.integer({ min: 1, max: 5 }), (expr, vars, blockSize) => {
        expect(mismatch(expr, vars, { blockSize }, EXACT)).toBeUndefined();
      }),
      { numRuns: 150, seed: 3 },
    );
  });
});
