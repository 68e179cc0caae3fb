// empty/zeros/full of complex dtypes: evaluate's complex result form ({ data, shape, dtype },
// interleaved (re, im)) over fusexpr's memory; usable as vars and outs; free() takes them; bad values
// are OPTION errors. (np.full(n, v, dtype=complex64) rounds each part to float32, as here.)

import { describe, it, expect } from 'vitest';
import { empty, zeros, full, free, inMemory, evaluate } from '../../src/index.js';
import { arenaMemory } from '../../src/backends/wasm/arena.js';

const hasWasm = () => arenaMemory() !== null;
import { fusexprError } from '../helpers/errors.js';

describe('complex empty, zeros, full', () => {
  it('empty and zeros give a zeroed 1-D complex view in the result form', () => {
    for (const make of [empty, zeros]) {
      const z = make('complex128', 3);
      expect([Array.from(z.data), z.shape, z.dtype]).toEqual([[0, 0, 0, 0, 0, 0], [3], 'complex128']);
      expect(z.data).toBeInstanceOf(Float64Array);
      const w = make('complex64', 2);
      expect(w.data).toBeInstanceOf(Float32Array);
      expect([w.data.length, w.dtype]).toEqual([4, 'complex64']);
      if (hasWasm()) expect(inMemory(z.data)).toBe(true);
      if (hasWasm()) expect(inMemory(z)).toBe(true); // the view itself, as free() takes it (was false)
    }
  });
  it('full takes a number (a +0 imaginary part) or { re, im }; complex64 rounds each part', () => {
    expect(Array.from(full('complex128', 2, -1.5).data)).toEqual([-1.5, 0, -1.5, 0]);
    expect(Array.from(full('complex128', 2, true).data)).toEqual([1, 0, 1, 0]);
    const f = full('complex64', 2, { re: 0.1, im: -2 });
    expect(Array.from(f.data)).toEqual([Math.fround(0.1), -2, Math.fround(0.1), -2]);
  });
  it('they are vars and outs of evaluate, and free() gives them back', () => {
    const z = full('complex128', 3, { re: 1, im: 2 });
    const out = empty('complex128', 3);
    expect(evaluate('z * 1j', { z }, out as never)).toBe(out);
    expect(Array.from(out.data)).toEqual([-2, 1, -2, 1, -2, 1]);
    expect(free(out)).toBe(hasWasm());
    expect(free(out)).toBe(false);
  });
  it('bad dtypes, lengths and values are OPTION errors', () => {
    const cases: [() => unknown, string][] = [
      [() => full('float64', 2, { re: 1, im: 2 } as never), 'full(): a complex value needs a complex dtype, not float64'],
      [() => full('complex128', 2, { re: 1 } as never), 'full(): value must be a number, bigint, boolean or { re: number, im: number }, got an object without numbers re and im'],
      [() => empty('complex64', -1), 'empty(): length must be a non-negative integer, got -1'],
    ];
    for (const [f, reason] of cases) expect([fusexprError(f).code, fusexprError(f).reason]).toEqual(['OPTION', reason]);
  });
});
