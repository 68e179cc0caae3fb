// The conformance matrix's data: special values of every dtype (±0, ±inf, nan, int32 extremes).

import { asBool } from '../../src/index.js';

const F = [0, -0, 1, -1, 2.5, -3.5, 0.5, 7, -7, 1e-300, 1e300, NaN, Infinity, -Infinity, 3, 100.25];
const I = [0, 1, -1, 2, -7, 7, 2147483647, -2147483648, 3, 100, -3, 31, 32, 5, 64, 1000];
const B = [0, 1, 1, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0, 1, 1];

export function arrays() {
  const b = asBool(new Uint8Array(B));
  return {
    float64: new Float64Array(F),
    float32: new Float32Array(F),
    int32: new Int32Array(I),
    int64: new BigInt64Array(I.map((x) => BigInt(x) * 3n)),
    bool: b,
  };
}
