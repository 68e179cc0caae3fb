// Option validation: unknown keys are OPTION errors that name the key and hint at the spelling.
import { describe, it, expect } from 'vitest';
import { evaluate } from '../helpers/untyped.js';
import { FusexprError, evaluateAsync, evaluateChunked } from '../../src/index.js';

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

describe('evaluateAsync and evaluateChunked option keys', () => {
  it('an unknown evaluateAsync key lists and hints at its own options (signal, onProgress) too', async () => {
    const e = await evaluateAsync('a + 1', { a: new Float64Array(2) }, undefined, { onprogress: () => 0 } as never).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(FusexprError);
    expect((e as FusexprError).reason).toBe('unknown option "onprogress"; the options are optimize, fusion, casting, blockSize, copyToShared, singleThread, codegen, backend, signal, onProgress');
    expect((e as FusexprError).hint).toBe("did you mean 'onProgress'?");
  });
  it('evaluateChunked takes backend, as its ChunkedOptions type says', async () => {
    const r = await evaluateChunked('x * 2', { x: Float64Array.of(1, 2) }, undefined, { backend: 'closures' });
    expect(Array.from(r as Float64Array)).toEqual([2, 4]);
  });
});
