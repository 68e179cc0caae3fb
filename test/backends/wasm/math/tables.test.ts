// The math library's constant tables against an independent 256-bit fixed-point computation: every
// row of the exp table reconstructs 2^(j/2048) as hi·(1 + tail) to 2^-100, and its second word is
// hi's bits less j << 41 (what exp's scaling adds back).
import { describe, expect, it } from 'vitest';
import { EXP2_2048, TABLE_BYTES, tableImage, tableOffset } from '../../../../src/backends/wasm/math/tables.js';

const P = 256n;
const f64 = new Float64Array(1), u64 = new BigUint64Array(f64.buffer);
const fromBits = (b: bigint) => ((u64[0] = b), f64[0]!);
/** x (a finite double) in P-bit fixed point, exactly. */
function fixed(x: number): bigint {
  if (x === 0) return 0n;
  const e = Math.floor(Math.log2(Math.abs(x))) - 60;
  const m = BigInt(Math.round(x / 2 ** e)); // exact: 61 bits ≥ 53
  return e >= 0 ? (m << BigInt(e)) << P : (m << P) >> BigInt(-e);
}

describe('exp table', () => {
  it('rows are 2^(j/2048) = hi·(1 + tail) to 2^-100, bits less j << 41', () => {
    const words = EXP2_2048.words();
    expect(words.length).toBe(2 * 2048);
    // 2^(1/2048) by bisection on r^2048 = 2 (independent of the table's square roots)
    let lo = 1n << P, hi = 2n << P;
    const pow2048 = (r: bigint) => { let v = r; for (let k = 0; k < 11; k++) v = (v * v) >> P; return v; };
    while (hi - lo > 1n) { const mid = (lo + hi) >> 1n; if (pow2048(mid) < 2n << P) lo = mid; else hi = mid; }
    let want = 1n << P;
    let worst = 0;
    for (let j = 0; j < 2048; j++) {
      const h = fromBits(BigInt.asUintN(64, words[2 * j + 1]! + (BigInt(j) << 41n)));
      const tail = fromBits(words[2 * j]!);
      expect(h >= 1 && h < 2).toBe(true);
      const got = fixed(h) + ((fixed(h) * fixed(tail)) >> P);
      const err = Number(got - want) / Number(want);
      worst = Math.max(worst, Math.abs(err));
      want = (want * lo) >> P;
    }
    expect(worst).toBeLessThan(2 ** -100);
  });
  it('the image holds every table at its offset', () => {
    const image = tableImage();
    expect(image.length).toBe(TABLE_BYTES);
    expect(Array.from(image.subarray(tableOffset(EXP2_2048), tableOffset(EXP2_2048) + 32))).toEqual(Array.from(new Uint8Array(EXP2_2048.words().buffer, 0, 32)));
  });
});
