// ndarray-ops ships no types; the two ops the peers benchmark uses.
declare module 'ndarray-ops' {
  import type { NdArray } from 'ndarray';
  const ops: { mul(out: NdArray, a: NdArray, b: NdArray): void; add(out: NdArray, a: NdArray, b: NdArray): void };
  export default ops;
}
