// Option validation: unknown keys are OPTION errors that name the key and hint at the spelling.
import { describe, it, expect } from 'vitest';
import { evaluate } from '../helpers/untyped.js';
import { FusexprError } from '../../src/index.js';

function optionError(options: object): FusexprError {
  try {
    evaluate('a + 1', { a: new Float64Array(2) }, undefined, options);
  } catch (e) {
    if (e instanceof FusexprError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('unknown option keys', () => {
  it.each([
    ['optimization', 'optimize'],
    ['optimise', 'optimize'],
    ['blocksize', 'blockSize'],
    ['singlethread', 'singleThread'],
  ])('%s is an OPTION error with the hint %s', (key, near) => {
    const e = optionError({ [key]: 'none' });
    expect(e.code).toBe('OPTION');
    expect(e.reason).toBe(`unknown option "${key}"; the options are optimize, fusion, casting, blockSize, copyToShared, singleThread, codegen, backend`);
    expect(e.hint).toBe(`did you mean '${near}'?`);
    expect(e.message).toContain(`did you mean '${near}'?`);
  });
  it('a key with no near spelling (numexpr\'s order) has no hint', () => {
    const e = optionError({ order: 'K' });
    expect(e.code).toBe('OPTION');
    expect(e.hint).toBeUndefined();
  });
  it('known keys still work', () => {
    expect(Array.from(evaluate('a + 1', { a: new Float64Array(2) }, undefined, { optimize: 'none', fusion: false }))).toEqual([1, 1]);
  });
});
