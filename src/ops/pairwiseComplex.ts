// NumPy's pairwise summation of complex numbers (numpy/_core/src/umath/loops_utils.h.src, complex):
// it walks the interleaved pairs, so per part the blocks are half a real sum's — under 4 elements in
// order, up to 64 with 4 accumulators, else split at (m − m mod 8) / 2: bit-identical to np.sum, per
// plane (pairwiseC*) or both parts in one pass over the pairs (pairwiseCPair*, the same additions).

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

/**
 * Both parts at once: m interleaved (re, im) pairs from a[at] (a re), their sums into res[0] and
 * res[1] — each part's additions exactly pairwiseC64's over its plane (one pass, the same bits).
 */
export function pairwiseCPair64(a: ArrayLike<number>, at: number, m: number, res: Float64Array): void {
  if (m < 4) {
    let re = -0, im = -0;
    for (let i = 0; i < m; i++) {
      re += a[at + 2 * i]!;
      im += a[at + 2 * i + 1]!;
    }
    res[0] = re;
    res[1] = im;
    return;
  }
  if (m <= 64) {
    let r0 = a[at]!, r1 = a[at + 2]!, r2 = a[at + 4]!, r3 = a[at + 6]!;
    let i0 = a[at + 1]!, i1 = a[at + 3]!, i2 = a[at + 5]!, i3 = a[at + 7]!;
    let k = at + 8;
    for (const e = at + 2 * (m - (m % 4)); k < e; k += 8) {
      r0 += a[k]!; i0 += a[k + 1]!; r1 += a[k + 2]!; i1 += a[k + 3]!;
      r2 += a[k + 4]!; i2 += a[k + 5]!; r3 += a[k + 6]!; i3 += a[k + 7]!;
    }
    let re = r0 + r1 + (r2 + r3), im = i0 + i1 + (i2 + i3);
    for (const e = at + 2 * m; k < e; k += 2) {
      re += a[k]!;
      im += a[k + 1]!;
    }
    res[0] = re;
    res[1] = im;
    return;
  }
  const m2 = splitC(m);
  pairwiseCPair64(a, at, m2, res);
  const re = res[0]!, im = res[1]!;
  pairwiseCPair64(a, at + 2 * m2, m - m2, res);
  res[0] = re + res[0]!;
  res[1] = im + res[1]!;
}

/** The same in float32: every addition rounded (pairwiseC32's, per part). */
export function pairwiseCPair32(a: ArrayLike<number>, at: number, m: number, res: Float64Array): void {
  if (m < 4) {
    let re = -0, im = -0;
    for (let i = 0; i < m; i++) {
      re = fround(re + a[at + 2 * i]!);
      im = fround(im + a[at + 2 * i + 1]!);
    }
    res[0] = re;
    res[1] = im;
    return;
  }
  if (m <= 64) {
    let r0 = a[at]!, r1 = a[at + 2]!, r2 = a[at + 4]!, r3 = a[at + 6]!;
    let i0 = a[at + 1]!, i1 = a[at + 3]!, i2 = a[at + 5]!, i3 = a[at + 7]!;
    let k = at + 8;
    for (const e = at + 2 * (m - (m % 4)); k < e; k += 8) {
      r0 = fround(r0 + a[k]!); i0 = fround(i0 + a[k + 1]!); r1 = fround(r1 + a[k + 2]!); i1 = fround(i1 + a[k + 3]!);
      r2 = fround(r2 + a[k + 4]!); i2 = fround(i2 + a[k + 5]!); r3 = fround(r3 + a[k + 6]!); i3 = fround(i3 + a[k + 7]!);
    }
    let re = fround(fround(r0 + r1) + fround(r2 + r3)), im = fround(fround(i0 + i1) + fround(i2 + i3));
    for (const e = at + 2 * m; k < e; k += 2) {
      re = fround(re + a[k]!);
      im = fround(im + a[k + 1]!);
    }
    res[0] = re;
    res[1] = im;
    return;
  }
  const m2 = splitC(m);
  pairwiseCPair32(a, at, m2, res);
  const re = res[0]!, im = res[1]!;
  pairwiseCPair32(a, at + 2 * m2, m - m2, res);
  res[0] = fround(re + res[0]!);
  res[1] = fround(im + res[1]!);
}
