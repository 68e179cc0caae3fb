// Findings of a new user's trial of fusexpr's memory (README as the documentation): each test failed
// before its fix. Answers compared with the JS backend over plain arrays (bit for bit where both run
// IEEE arithmetic only), and with what the README promises.

import { describe, it, expect } from 'vitest';
import { asBool, BoolArray, evaluate, empty, explain, free, inMemory, zeros, FusexprError } from '../../src/index.js';

const code = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return e instanceof FusexprError ? `${e.code}: ${e.reason}` : `raw ${String(e)}`;
  }
  return 'ok';
};

describe('asBool() returns a BoolArray and leaves its argument alone', () => {
  it('of an arena Uint8Array: a BoolArray view in fusexpr memory over the same bytes; the argument stays uint8', () => {
    const u = zeros('uint8', 6);
    u.set([1, 0, 1, 1, 0, 1]);
    const b = asBool(u);
    expect(b).toBeInstanceOf(BoolArray);
    expect(b).not.toBe(u);
    expect(u).not.toBeInstanceOf(BoolArray);
    expect(u.constructor.name).toBe('Uint8Array');
    expect(inMemory(b)).toBe(true);
    expect([b.buffer === u.buffer, b.byteOffset === u.byteOffset, b.length]).toEqual([true, true, 6]);
    b[1] = 1; // one memory
    expect(u[1]).toBe(1);
    u[1] = 0;
    // bool: ~ is logical not (NumPy: ~[T, F, T, T, F, T] → [F, T, F, F, T, F]); u is still uint8 (~1 = 254)
    expect(Array.from(evaluate('~b', { b }) as Uint8Array)).toEqual([0, 1, 0, 0, 1, 0]);
    expect(Array.from(evaluate('~u', { u }) as Uint8Array)).toEqual([254, 255, 254, 254, 255, 254]);
    expect(explain('~b', { b }).backends[0]!.backend).toBe('wasm');
    expect(asBool(b)).toBe(b);
    // views stay bool, and subarrays stay in fusexpr memory
    const s = b.subarray(2);
    expect(s).toBeInstanceOf(BoolArray);
    expect(inMemory(s)).toBe(true);
    expect(b.slice(1, 3)).toBeInstanceOf(BoolArray);
    expect(Array.from(evaluate('s | s', { s }) as Uint8Array)).toEqual([1, 1, 0, 1]);
  });

  it('the view shares the block: free() of either gives it back and invalidates both', () => {
    const u = empty('uint8', 4);
    const b = asBool(u);
    expect(free(b)).toBe(true);
    expect(free(u)).toBe(false);
    expect(code(() => evaluate('u + 1', { u }))).toBe("BAD_VAR: var 'u' was given back by free(): its memory may belong to another array now");
    expect(code(() => evaluate('~b', { b }))).toBe("BAD_VAR: var 'b' was given back by free(): its memory may belong to another array now");
  });

  it('of a plain Uint8Array: that array becomes the BoolArray; of a Buffer: a BoolArray view, the Buffer untouched', () => {
    const p = new Uint8Array([1, 0]);
    expect(asBool(p)).toBe(p);
    expect(p).toBeInstanceOf(BoolArray);
    const buf = Buffer.from([0, 1, 1]);
    const v = asBool(buf);
    expect(v).toBeInstanceOf(BoolArray);
    expect(Buffer.isBuffer(buf) && !(buf instanceof BoolArray)).toBe(true);
    expect(Array.from(evaluate('~v', { v }) as Uint8Array)).toEqual([1, 0, 0]);
    expect(Array.from(evaluate('~b', { b: buf }) as Uint8Array)).toEqual([255, 254, 254]);
  });
});
