// The reductions of complex values that cannot reduce their parts apart, from the materialized re
// and im planes: NumPy's multiply.reduce (from 1 + 0j, in order: C order within each output's line,
// in float32 for complex64) and minimum/maximum.reduce (NumPy 2's lexicographic order, a nan part
// propagating). Each part's reduce stage (plan/splitComplex.ts) computes it whole and keeps its part.

import { FusexprError } from '../errors.js';
import { cStrides, elementOffsets } from '../types/shapes.js';

const fround = Math.fround;

/** Per output element (C order over the kept axes), part `take` of `op` over `axes` (null: all). */
export function complexReduction(op: string, re: ArrayLike<number>, im: ArrayLike<number>, shape: readonly number[], axes: readonly number[] | null, f32: boolean, take: 're' | 'im'): Float64Array {
  const reduced = axes ?? shape.map((_, d) => d);
  const kept = shape.map((_, d) => d).filter((d) => !reduced.includes(d));
  const strides = cStrides(shape);
  const within = elementOffsets(reduced.map((d) => shape[d]!), reduced.map((d) => strides[d]!));
  const bases = elementOffsets(kept.map((d) => shape[d]!), kept.map((d) => strides[d]!));
  const out = new Float64Array(bases.length);
  if (op !== 'prod') {
    if (within.length === 0 && bases.length > 0) throw new FusexprError('VALUE', `zero-size array to reduction operation ${op} which has no identity`);
    for (let o = 0; o < bases.length; o++) out[o] = order(op === 'min', re, im, bases[o]!, within, take);
    return out;
  }
  for (let o = 0; o < bases.length; o++) {
    let pr = 1;
    let pi = 0;
    for (let t = 0; t < within.length; t++) {
      const k = bases[o]! + within[t]!;
      const xr = re[k]!;
      const xi = im[k]!;
      const r = f32 ? fround(fround(pr * xr) - fround(pi * xi)) : pr * xr - pi * xi;
      pi = f32 ? fround(fround(pr * xi) + fround(pi * xr)) : pr * xi + pi * xr;
      pr = r;
    }
    out[o] = take === 're' ? pr : pi;
  }
  return out;
}

/**
 * NumPy's complex minimum/maximum loop as a reduction: the accumulator stays while it has a nan part
 * or is <= (>=) the next value in CLE/CGE's order (real parts compared only when neither imaginary
 * part is nan), else the next value replaces it; so the first value with a nan part wins.
 */
function order(min: boolean, re: ArrayLike<number>, im: ArrayLike<number>, base: number, within: ArrayLike<number>, take: 're' | 'im'): number {
  let ar = re[base + within[0]!]!;
  let ai = im[base + within[0]!]!;
  for (let t = 1; t < within.length; t++) {
    if (ar !== ar || ai !== ai) break;
    const k = base + within[t]!;
    const br = re[k]!;
    const bi = im[k]!;
    const byReal = (min ? ar < br : ar > br) && bi === bi;
    const keep = byReal || (ar === br && (min ? ai <= bi : ai >= bi));
    if (!keep) {
      ar = br;
      ai = bi;
    }
  }
  return take === 're' ? ar : ai;
}
