// The math library's constant tables against an independent 256-bit fixed-point computation: every
// row of the exp table is 2^(j/2048) correctly rounded to a double, stored as its bits less j << 41
// (what exp's scaling adds back), and with its tail row reconstructs 2^(j/2048) to 2^-100.
import { describe, expect, it } from 'vitest';
import { EXP2_2048, EXP2_2048_TAIL, TABLE_BYTES, tableImage, tableOffset } from '../../../../src/backends/wasm/math/tables.js';

const P = 256n;
const f64 = new Float64Array(1), u64 = new BigUint64Array(f64.buffer);
const fromBits = (b: bigint) => ((u64[0] = b), f64[0]!);

describe('exp table', () => {
  it('rows are 2^(j/2048) rounded to nearest, bits less j << 41', () => {
    const words = EXP2_2048.words();
    expect(words.length).toBe(2048);
    // 2^(1/2048) by bisection on r^2048 = 2 (independent of the table's square roots and products)
    let lo = 1n << P, hi = 2n << P;
    const pow2048 = (r: bigint) => { let v = r; for (let k = 0; k < 11; k++) v = (v * v) >> P; return v; };
    while (hi - lo > 1n) { const mid = (lo + hi) >> 1n; if (pow2048(mid) < 2n << P) lo = mid; else hi = mid; }
    const tails = EXP2_2048_TAIL.words();
    let want = 1n << P;
    const bad: number[] = [];
    let worst = 0;
    for (let j = 0; j < 2048; j++) {
      const h = fromBits(BigInt.asUintN(64, words[j]! + (BigInt(j) << 41n)));
      // |h − 2^(j/2048)| ≤ half an ulp (2^-53 for h in [1, 2)), in P-bit fixed point
      const got = BigInt(h * 2 ** 52) << (P - 52n);
      const diff = got > want ? got - want : want - got;
      if (!(h >= 1 && h < 2) || diff > 1n << (P - 53n)) bad.push(j);
      // h·(1 + tail): the tail is below 2^-53, its 53 bits reach 2^-106
      const tail = fromBits(tails[j]!);
      const withTail = got + BigInt(Math.round(h * tail * 2 ** 110)) * (1n << (P - 110n));
      worst = Math.max(worst, Math.abs(Number(withTail - want) / Number(want)));
      want = (want * lo) >> P;
    }
    expect(bad).toEqual([]);
    expect(worst).toBeLessThan(2 ** -100);
  });
  it('the image holds every table at its offset', () => {
    const image = tableImage();
    expect(image.length).toBe(TABLE_BYTES);
    const at = tableOffset(EXP2_2048);
    expect(Array.from(image.subarray(at, at + 64))).toEqual(Array.from(new Uint8Array(EXP2_2048.words().buffer, 0, 64)));
  });
});
