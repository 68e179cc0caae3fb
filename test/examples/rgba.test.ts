// examples/rgba.ts's grading against NumPy: the same expression on the same test card, computed by
// test/numpy/rgba.py into rgba.json (exact bytes; ±1 only where NumPy's value sits on a .5 tie).
// Also the PNG writer and reader round-trip.

import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { grade, syntheticImage, encodePng, decodePng } from '../../examples/rgba-lib.js';

const FIXTURE = JSON.parse(readFileSync(new URL('../numpy/rgba.json', import.meta.url), 'utf8')) as {
  width: number; height: number; gamma: number; contrast: number; input: number[]; expected: number[]; ties: number[];
};

describe('examples/rgba.ts', () => {
  it('builds the same test card as the NumPy script', () => {
    expect(Array.from(syntheticImage(FIXTURE.width, FIXTURE.height))).toEqual(FIXTURE.input);
  });
  it.each(['jit', 'closures'] as const)('grades it as NumPy does (gamma, contrast, Uint8ClampedArray store): %s', (codegen) => {
    const img = Uint8ClampedArray.from(FIXTURE.input);
    const got = grade(img, FIXTURE.gamma, FIXTURE.contrast, { codegen, blockSize: 100 });
    const ties = new Set(FIXTURE.ties);
    const wrong = FIXTURE.expected.map((want, i) => [i, want, got[i]!]).filter(([i, want, g]) => g !== want && !(ties.has(i!) && Math.abs(g! - want!) === 1));
    expect(wrong).toEqual([]);
    expect(got.filter((_, i) => i % 4 === 3)).toEqual(img.filter((_, i) => i % 4 === 3)); // alpha untouched
  });
  it('PNG: decode(encode(x)) is x', () => {
    const img = syntheticImage(7, 5);
    const back = decodePng(encodePng(7, 5, img));
    expect([back.width, back.height]).toEqual([7, 5]);
    expect(back.data).toEqual(img);
  });
});
