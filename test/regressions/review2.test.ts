// Bugs found by review2 (an adversarial review of complex results in one pass, Wasm calls in pieces
// and the Wasm exp table), each pinned against an independent answer.

import { describe, it, expect } from 'vitest';
import { evaluate, explain, free, full } from '../../src/index.js';

type Complex = { data: Float64Array };

describe('a complex result of a huge expression (over 200 instructions: registers reused)', () => {
  // 80 sin terms: ~240 instructions, so the pair kernel reuses `let` registers; the im part's value
  // (S, shared with the re part by CSE) must live to the store, not be overwritten by S + 1
  const S = Array.from({ length: 80 }, (_, k) => `sin(x*${k + 1})`).join(' + ');
  const x = Float64Array.of(0.1, 0.2, 0.3);
  it('complex(S + 1, S) stores S as the imaginary part (was S + 1)', () => {
    const s = evaluate(S, { x }) as Float64Array;
    const s1 = evaluate(`${S} + 1`, { x }) as Float64Array;
    for (const backend of ['js', 'closures'] as const) {
      const z = evaluate(`complex(${S} + 1, ${S})`, { x }, undefined, { backend }) as unknown as Complex;
      expect(Array.from(z.data), backend).toEqual([s1[0], s[0], s1[1], s[1], s1[2], s[2]]);
    }
  });
});

describe('Wasm cosh of a negative NaN', () => {
  it('keeps the NaN as it came, sign included, as NumPy and the JS backend do (abs() cleared the sign)', () => {
    const x = full('float64', 6, 0);
    x.set([NaN, 1, -2, 0.5, 800, -0]);
    new DataView(x.buffer, x.byteOffset).setBigUint64(0, 0xfff8000000000000n, true); // -NaN
    const bits = (a: Float64Array) => Array.from(new BigUint64Array(Float64Array.from(a).buffer));
    expect(explain('cosh(x)', { x }).backends[0]!.backend).toBe('wasm');
    const w = evaluate('cosh(x)', { x }, undefined, { backend: 'wasm' }) as Float64Array;
    expect(bits(w)[0]).toBe(0xfff8000000000000n);
    const j = evaluate('cosh(x)', { x }, undefined, { backend: 'js' }) as Float64Array;
    expect(bits(j)[0]).toBe(0xfff8000000000000n);
    free(x);
  });
});
