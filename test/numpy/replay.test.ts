// NumPy 2 is the judge: every committed case (test/numpy/fixtures, written by generate.py) replayed
// through fusexpr in one thread, two threads with tiny blocks, and the closures backend. No Python
// needed. A failure lists each case with its expression, a JS reproducer, NumPy's answer and ours.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { setNumThreads, getNumThreads, setParallelThreshold, getParallelThreshold, shutdown } from '../../src/index.js';
import { loadFixtures, MODES, runCase, formatMismatch, type Mismatch } from './replay.js';

const DIR = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const FIXTURES = loadFixtures(DIR);

let savedThreads = 1;
let savedThreshold = 0;
beforeAll(() => {
  savedThreads = setNumThreads(2);
  savedThreshold = getParallelThreshold();
  setParallelThreshold(0);
});
afterAll(async () => {
  setParallelThreshold(savedThreshold);
  setNumThreads(savedThreads);
  await shutdown();
});

it('has fixtures', () => {
  expect(FIXTURES.reduce((n, f) => n + f.cases.length, 0)).toBeGreaterThan(1000);
  expect(getNumThreads()).toBeGreaterThan(0);
});

for (const mode of MODES) {
  describe(`NumPy fixtures, ${mode.name}`, () => {
    for (const fixture of FIXTURES) {
      it(`${fixture.family} (${fixture.cases.length} cases)`, () => {
        const mismatches: Mismatch[] = [];
        for (const c of fixture.cases) {
          const m = runCase(c, mode);
          if (m) mismatches.push(m);
        }
        const byId = new Map(fixture.cases.map((c) => [c.id, c]));
        const report = mismatches.length
          ? `${mismatches.length} of ${fixture.cases.length} cases disagree with NumPy (${mode.name}): ${mismatches.map((m) => m.id).join(' ')}\n\n` +
            mismatches.slice(0, 40).map((m) => formatMismatch(m, byId.get(m.id))).join('\n\n')
          : '';
        expect(report).toBe('');
      });
    }
  });
}
