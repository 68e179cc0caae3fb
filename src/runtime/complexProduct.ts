// The product of complex values over some axes, from their materialized re and im planes: NumPy's
// multiply.reduce, which starts from 1 + 0j and multiplies in order (C order within each output's
// line), in float32 for complex64. A complex product cannot reduce its parts apart, so each part's
// reduce stage (plan/splitComplex.ts) computes it whole and keeps its part.

import { cStrides, sizeOf } from '../types/shapes.js';

const fround = Math.fround;

/** Per output element (C order over the kept axes), part `take` of the product over `axes` (null: all). */
export function complexProduct(re: ArrayLike<number>, im: ArrayLike<number>, shape: readonly number[], axes: readonly number[] | null, f32: boolean, take: 're' | 'im'): Float64Array {
  const reduced = axes ?? shape.map((_, d) => d);
  const kept = shape.map((_, d) => d).filter((d) => !reduced.includes(d));
  const strides = cStrides(shape);
  const within = offsets(reduced.map((d) => shape[d]!), reduced.map((d) => strides[d]!));
  const bases = offsets(kept.map((d) => shape[d]!), kept.map((d) => strides[d]!));
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

/** The element offsets of an index space (C order) with these strides. */
function offsets(shape: readonly number[], strides: readonly number[]): Float64Array {
  const out = new Float64Array(sizeOf(shape));
  const idx = new Array<number>(shape.length).fill(0);
  let off = 0;
  for (let i = 0; i < out.length; i++) {
    out[i] = off;
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++idx[d]! < shape[d]!) {
        off += strides[d]!;
        break;
      }
      off -= strides[d]! * (shape[d]! - 1);
      idx[d] = 0;
    }
  }
  return out;
}
