// Two-argument float functions (arctan2, hypot, copysign) of mixed int dtypes: NumPy picks the first
// float loop every array casts to safely, so arctan2(int8, uint16) is float32, not the float of the
// promoted int32. Expected dtypes from NumPy 2.4 (test/numpy/float2.json: np.arctan2(np.zeros(1, a),
// np.zeros(1, b)).dtype for every pair); float16 answers follow the documented departures where the
// engine has no float16 (float32; bool with bool: float64).
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { validate, evaluate } from '../../src/index.js';
import { ARRAY_CLASS, HAS_FLOAT16, type DType } from '../../src/types/dtypes.js';

const NUMPY = JSON.parse(readFileSync(new URL('../numpy/float2.json', import.meta.url), 'utf8')) as Record<string, string>;

describe('two-argument float functions of mixed dtypes, as NumPy', () => {
  it('give the dtype of the first float loop both arrays cast to safely', () => {
    const want: Record<string, string> = {};
    const got: Record<string, string> = {};
    for (const [key, np] of Object.entries(NUMPY)) {
      const [fn, a, b] = key.split(':') as [string, DType, DType];
      want[key] = np !== 'float16' || HAS_FLOAT16 ? np : a === 'bool' && b === 'bool' ? 'float64' : 'float32';
      const vars = { x: new ARRAY_CLASS[a](2), y: new ARRAY_CLASS[b](2) };
      got[key] = validate(`${fn}(x, y)`, vars).dtype;
      // evaluate agrees with validate (the kernels run in the dtype chosen)
      const r = evaluate(`${fn}(x, y)`, vars) as ArrayBufferView;
      expect(r.constructor.name, key).toBe(got[key] === 'float32' ? 'Float32Array' : got[key] === 'float64' ? 'Float64Array' : r.constructor.name);
    }
    expect(got).toEqual(want);
  });

  it('weak scalars do not vote: arctan2(int16 array, 3) is float32 as in NumPy', () => {
    expect(validate('arctan2(x, 3)', { x: new Int16Array(2) }).dtype).toBe('float32');
    expect(validate('hypot(x, y)', { x: new Int8Array(2), y: new Uint16Array(2) }).dtype).toBe('float32');
    expect(validate('arctan2(x, y)', { x: new Int16Array(2), y: new Int32Array(2) }).dtype).toBe('float64');
  });
});
