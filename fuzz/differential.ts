// npm run fuzz: many thousands of random expressions and inputs against the reference interpreter,
// at every optimization level, fused and unfused, JIT and closures backends, random block sizes.
// Prints cases run and failures.
// Usage: npm run fuzz -- [cases=20000] [seed]

import fc from 'fast-check';
import { mismatch } from '../test/helpers/compare.js';
import { expressionArb, varsArb } from '../test/helpers/arbitraries.js';

const cases = Number(process.argv[2] ?? 20000);
const seed = Number(process.argv[3] ?? Date.now() % 2 ** 31);
const EXACT = { rtol: 0, atol: 0 };

let run = 0;
const failures: string[] = [];
const started = performance.now();
fc.check(
  fc.property(expressionArb, varsArb, fc.constantFrom('none', 'moderate', 'aggressive'), fc.boolean(), fc.integer({ min: 1, max: 8 }), fc.constantFrom('jit', 'closures'), (expr, vars, optimize, fusion, blockSize, codegen) => {
    run++;
    // The reference sums sequentially, as one block does; several blocks may round differently, and
    // % or floor can magnify that, so expressions with reductions run in one block (block-partial
    // combining is pinned by the API tests on arrays of many blocks).
    const hasReduction = /sum|mean/.test(expr);
    const m = mismatch(expr, vars, { optimize: optimize as 'none', fusion, blockSize: hasReduction ? 4096 : blockSize, codegen: codegen as 'jit' }, EXACT);
    if (m) failures.push(`[${optimize} fusion=${fusion} block=${blockSize} ${codegen}] ${m}`);
    return true;
  }),
  { numRuns: cases, seed },
);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`fuzz: seed ${seed}, ${run} cases in ${seconds} s, failures: ${failures.length}`);
for (const f of failures.slice(0, 20)) console.log(`  ${f}`);
process.exit(failures.length ? 1 : 0);
