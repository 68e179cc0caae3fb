// The README's type tables are generated from the code (scripts/docs-types.ts): fail when they drift.

import { it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { README, rewritten } from '../../scripts/docs-types.js';

it('the README types section is what npm run docs:types writes', () => {
  const text = readFileSync(README, 'utf8');
  expect(rewritten(text) === text, 'README.md: run npm run docs:types').toBe(true);
});
