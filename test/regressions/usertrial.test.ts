// Findings of a new user's trial of fusexpr's memory (README as the documentation): each test failed
// before its fix. Answers compared with the JS backend over plain arrays (bit for bit where both run
// IEEE arithmetic only), and with what the README promises.

import { describe, it, expect } from 'vitest';
import { asBool, BoolArray, evaluate, evaluateAsync, empty, explain, free, inMemory, zeros } from '../../src/index.js';
import { errorText as code } from '../helpers/errors.js';

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

  it('of a Uint8ClampedArray (canvas data): a BoolArray over the same bytes, the argument untouched (was a BAD_VAR error)', () => {
    const c = new Uint8ClampedArray([0, 5, 255]);
    const b = asBool(c);
    expect(b).toBeInstanceOf(BoolArray);
    expect(c.constructor.name).toBe('Uint8ClampedArray');
    expect([b.buffer === c.buffer, b.length]).toEqual([true, 3]);
    expect(Array.from(evaluate('~b', { b }) as Uint8Array)).toEqual([1, 0, 0]); // NumPy: ~arr.astype(bool)
    expect(code(() => asBool(new Int8Array(1) as never))).toBe('BAD_VAR: asBool() takes a Uint8Array or Uint8ClampedArray (any nonzero byte is true), got Int8Array');
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

describe('explain() says which backend runs views over fusexpr memory, and the runtime agrees', () => {
  const n = 2000;
  const y = empty('float64', 2 * n + 8);
  for (let i = 0; i < y.length; i++) y[i] = Math.abs(Math.sin(i * 12.9898) * 3);
  const view = (offset: number, stride: number) => ({ data: y, shape: [n], stride: [stride], offset });
  const at = (v: { offset: number; stride: number[] }, i: number) => y[v.offset + i * v.stride[0]!]!;
  const data = (r: unknown) => ((r as { data?: Float64Array }).data ?? r) as Float64Array;
  const cases = [
    { name: 'strided (stride 2)', a: view(1, 2), backend: 'js' },
    { name: 'reversed (stride -1)', a: view(n + 3, -1), backend: 'js' },
    { name: 'offset, contiguous', a: view(5, 1), backend: 'wasm' },
  ];
  for (const c of cases) {
    it(`${c.name}: explain says ${c.backend}; a*2 + 1 is exact; tanh has that backend's bits`, () => {
      expect(explain('a*2 + 1', { a: c.a }).backends[0]!.backend).toBe(c.backend);
      expect(explain('tanh(a)', { a: c.a }).backends[0]!.backend).toBe(c.backend);
      const lin = data(evaluate('a*2 + 1', { a: c.a }));
      for (let i = 0; i < n; i++) if (lin[i] !== at(c.a, i) * 2 + 1) expect([i, lin[i]]).toEqual([i, at(c.a, i) * 2 + 1]);
      // the JS backend's tanh is Math.tanh; Wasm's vector tanh is within 2 ulp of it, with other bits at some points
      const got = data(evaluate('tanh(a)', { a: c.a }));
      const js = Float64Array.from({ length: n }, (_, i) => Math.tanh(at(c.a, i)));
      const copy = empty('float64', n);
      copy.set(js.map((_, i) => at(c.a, i)));
      const wasm = evaluate('tanh(a)', { a: copy }) as Float64Array;
      expect(wasm.some((v, i) => v !== js[i])).toBe(true);
      expect(Array.from(got)).toEqual(Array.from(c.backend === 'js' ? js : wasm));
    });
  }
  it('broadcasting a row over a matrix: explain says js, and the result is exact', () => {
    const m = { data: y, shape: [40, 50], stride: [50, 1], offset: 0 };
    const r = { data: y, shape: [50], stride: [1], offset: 2000 };
    const e = explain('m + r', { m, r }).backends[0]!;
    expect(e.backend).toBe('js');
    expect(e.why).toMatch(/strided, broadcast or reversed operands/);
    const got = data(evaluate('m + r', { m, r }));
    const want = Float64Array.from({ length: 2000 }, (_, k) => y[k]! + y[2000 + (k % 50)]!);
    expect(Array.from(got)).toEqual(Array.from(want));
  });
});

describe("explain()'s hint for arrays outside fusexpr memory says how to move them", () => {
  it('a SharedArrayBuffer-backed array: toShared() returns it as it is, so the hint says empty + set; that copy runs on Wasm', () => {
    const a = new Float64Array(new SharedArrayBuffer(64));
    const why = explain('a*2', { a }).backends[0]!.why;
    expect(why).toBe("'a' is not in fusexpr memory: Wasm cannot address it ('a' is in a SharedArrayBuffer of its own, which toShared() returns as it is: copy into fusexpr memory with const c = empty(dtype, a.length); c.set(a))");
    const m = empty('float64', a.length);
    m.set(a);
    expect(explain('a*2', { a: m }).backends[0]!.backend).toBe('wasm');
  });
  it('plain arrays: a strided view is not staged through Wasm (only flat blocks are), a contiguous one is', () => {
    const f = new Float32Array(64);
    expect(explain('a*b + 1', { a: f, b: f }).backends[0]!.why).toMatch(/staging/);
    const strided = { data: f, shape: [32], stride: [2] };
    expect(explain('a*b + 1', { a: strided, b: strided }).backends[0]!.backend).toBe('js');
  });
  it('a plain array: toShared() copies it in', () => {
    expect(explain('a*2', { a: new Float64Array(8) }).backends[0]!.why).toBe("'a' is not in fusexpr memory: Wasm cannot address it (copy 'a' in with toShared(a), or allocate it with empty/zeros/full)");
  });
  it('names the vars outside, not "the arrays", when others are in fusexpr memory (trial2)', () => {
    const m = empty('float64', 8);
    const s = new Float64Array(new SharedArrayBuffer(64));
    expect(explain('m + p', { m, p: new Float64Array(8) }).backends[0]!.why).toBe("'p' is not in fusexpr memory: Wasm cannot address it (copy 'p' in with toShared(p), or allocate it with empty/zeros/full)");
    expect(explain('p + q + s', { p: new Float64Array(8), q: new Float64Array(8), s }).backends[0]!.why).toBe(
      "'p', 'q', 's' are not in fusexpr memory: Wasm cannot address them (copy 'p', 'q' in with toShared(p), or allocate them with empty/zeros/full; 's' is in a SharedArrayBuffer of its own, which toShared() returns as it is: copy into fusexpr memory with const c = empty(dtype, s.length); c.set(s))",
    );
  });
});

describe('complex results stay in fusexpr memory, as real results do', () => {
  type Z = { data: Float64Array; shape: number[]; dtype: 'complex128' };
  it('arena complex or real inputs give a result in fusexpr memory with the same values as plain inputs', async () => {
    const d = empty('float64', 8);
    d.set([1, 2, 3, -4, 0.5, 6, -7, 8]);
    const z = { data: d, dtype: 'complex128' as const };
    const plain = { data: Float64Array.from(d), dtype: 'complex128' as const };
    const r = evaluate('z * 1j + z', { z }) as unknown as Z;
    expect(inMemory(r.data)).toBe(true);
    // (1+2j)*1j + (1+2j) = -1+3j …, as with plain memory
    expect(Array.from(r.data)).toEqual([-1, 3, 7, -1, -5.5, 6.5, -15, 1]);
    expect(Array.from((evaluate('z * 1j + z', { z: plain }) as unknown as Z).data)).toEqual(Array.from(r.data));
    expect(inMemory((evaluate('z * 1j + z', { z: plain }) as unknown as Z).data)).toBe(false);
    // a real arena input with a complex scalar; and the async path
    const a = empty('float64', 3);
    a.set([1, 2, 3]);
    expect(inMemory((evaluate('a + 1j', { a }) as unknown as Z).data)).toBe(true);
    const ra = (await evaluateAsync('a * 2j', { a })) as unknown as Z;
    expect([inMemory(ra.data), Array.from(ra.data)]).toEqual([true, [0, 2, 0, 4, 0, 6]]);
    // a chain stays there, and free() gives the block back
    const again = evaluate('r * r', { r }) as unknown as Z;
    expect(inMemory(again.data)).toBe(true);
    expect(free(again.data)).toBe(true);
    // mixed with a plain array: plain memory (Wasm could not address the other input either)
    expect(inMemory((evaluate('z + p', { z, p: new Float64Array(4) }) as unknown as Z).data)).toBe(false);
  });
});
