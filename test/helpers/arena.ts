// Test data in fusexpr's memory: reproducible random float64 arrays (an LCG), and a float's bits.

import { empty } from '../../src/index.js';

/** n values in [-2, 2) from an LCG seeded with `seed`, in a float64 array from empty(). */
export function randomArena(n: number, seed = 1): Float64Array {
  let s = seed;
  const a = empty('float64', n);
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    a[i] = (s / 2 ** 31) * 4 - 2;
  }
  return a;
}

/** A float64's two 32-bit words, for exact comparisons that tell -0 and NaN payloads apart. */
export const bits = (x: number): string => Array.from(new Uint32Array(Float64Array.of(x).buffer)).join(':');
