// NumPy's pairwise summation of complex numbers, one part at a time (numpy/_core/src/umath/
// loops_utils.h.src, the complex variant): it walks the interleaved pairs, so per part the blocks are
// half as long as a real sum's — fewer than 4 elements in order, up to 64 with 4 accumulators, else
// split at (m − m mod 8) / 2. Summing the re (or im) plane with these is bit-identical to np.sum.

const fround = Math.fround;

/** Leaves of the complex pairwise recursion over m elements: subtrees of ≤ max(blockSize, 64). */
export const isLeafC = (m: number, blockSize: number) => m <= blockSize || m <= 64;
export const splitC = (m: number) => (m - (m % 8)) / 2;

/** One part's pairwise sum over a[off … off+m), in float64. */
export function pairwiseC64(a: ArrayLike<number>, off: number, m: number): number {
  if (m < 4) {
    let res = -0;
    for (let i = 0; i < m; i++) res += a[off + i]!;
    return res;
  }
  if (m <= 64) {
    let r0 = a[off]!, r1 = a[off + 1]!, r2 = a[off + 2]!, r3 = a[off + 3]!;
    let i = 4;
    for (const e = m - (m % 4); i < e; i += 4) {
      const o = off + i;
      r0 += a[o]!; r1 += a[o + 1]!; r2 += a[o + 2]!; r3 += a[o + 3]!;
    }
    let res = r0 + r1 + (r2 + r3);
    for (; i < m; i++) res += a[off + i]!;
    return res;
  }
  const m2 = splitC(m);
  return pairwiseC64(a, off, m2) + pairwiseC64(a, off + m2, m - m2);
}

/** The same in float32: every addition rounded. */
export function pairwiseC32(a: ArrayLike<number>, off: number, m: number): number {
  if (m < 4) {
    let res = -0;
    for (let i = 0; i < m; i++) res = fround(res + a[off + i]!);
    return res;
  }
  if (m <= 64) {
    let r0 = a[off]!, r1 = a[off + 1]!, r2 = a[off + 2]!, r3 = a[off + 3]!;
    let i = 4;
    for (const e = m - (m % 4); i < e; i += 4) {
      const o = off + i;
      r0 = fround(r0 + a[o]!); r1 = fround(r1 + a[o + 1]!); r2 = fround(r2 + a[o + 2]!); r3 = fround(r3 + a[o + 3]!);
    }
    let res = fround(fround(r0 + r1) + fround(r2 + r3));
    for (; i < m; i++) res = fround(res + a[off + i]!);
    return res;
  }
  const m2 = splitC(m);
  return fround(pairwiseC32(a, off, m2) + pairwiseC32(a, off + m2, m - m2));
}
