// Bugs found by the issue-11 review (dtypes, complex, axes), each pinned with NumPy 2.4's answer:
// a complex result into a Uint8ClampedArray out, …

import { describe, it, expect } from 'vitest';
import { evaluate, FusexprError } from '../../src/index.js';

const code = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof FusexprError) return e.code;
    throw e;
  }
  return 'none';
};

describe('a complex result into a Uint8ClampedArray out', () => {
  const m = new Float64Array([1, 2]);
  it("is BAD_OUT under 'same_kind' (complex is not real), not an internal error", () => {
    expect(code(() => evaluate('m * 1j', { m }, new Uint8ClampedArray(2)))).toBe('BAD_OUT');
  });
  it("under 'unsafe' stores the real part, clamped", () => {
    // numpy: np.clip(np.rint((m * (1.7+3j)).real), 0, 255) → [2, 3]
    expect(evaluate('m * (1.7 + 3j)', { m }, new Uint8ClampedArray(2), { casting: 'unsafe' })).toEqual(new Uint8ClampedArray([2, 3]));
  });
});
