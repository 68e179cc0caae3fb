// The product of complex values over some axes, from their materialized re and im planes: NumPy's
// multiply.reduce, which starts from 1 + 0j and multiplies in order (C order within each output's
// line), in float32 for complex64. A complex product cannot reduce its parts apart, so each part's
// reduce stage (plan/splitComplex.ts) computes it whole and keeps its part.

import { cStrides, elementOffsets, sizeOf } from '../types/shapes.js';

const fround = Math.fround;

/** Per output element (C order over the kept axes), part `take` of the product over `axes` (null: all). */
export function complexProduct(re: ArrayLike<number>, im: ArrayLike<number>, shape: readonly number[], axes: readonly number[] | null, f32: boolean, take: 're' | 'im'): Float64Array {
  const reduced = axes ?? shape.map((_, d) => d);
  const kept = shape.map((_, d) => d).filter((d) => !reduced.includes(d));
  const strides = cStrides(shape);
  const within = elementOffsets(reduced.map((d) => shape[d]!), reduced.map((d) => strides[d]!));
  const bases = elementOffsets(kept.map((d) => shape[d]!), kept.map((d) => strides[d]!));
  const out = new Float64Array(bases.length);
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

