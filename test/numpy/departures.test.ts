// Every tag the NumPy generators put on a case is a documented departure (README, generated from
// departures.ts) or a descriptive tag: an undocumented difference cannot slip into the fixtures.

import { it, expect } from 'vitest';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { loadFixtures } from './replay.js';
import { DEPARTURES, DESCRIPTIVE_TAGS } from './departures.js';

it('every fixture tag is documented', () => {
  const known = new Set([...DEPARTURES.map((d) => d.tag), ...DESCRIPTIVE_TAGS]);
  const tags = new Set(loadFixtures(join(dirname(fileURLToPath(import.meta.url)), 'fixtures')).flatMap((f) => f.cases.flatMap((c) => c.tags ?? [])));
  expect([...tags].filter((t) => !known.has(t))).toEqual([]);
  expect(tags.has('int-sum-as-exact-number') && tags.has('uint8-clamped-out') && tags.has('where-python-ints-as-int32')).toBe(true);
});
