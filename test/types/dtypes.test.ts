// Promotion (NumPy's table and NEP 50 weak scalars) and can_cast, pinned against numpy's answers.

import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { promote, promoteStrong, canCast, dtypeOfArray, asBool, DTYPES, CASTINGS, type DType, type Casting } from '../../src/types/dtypes.js';

const strong = (dtype: DType) => ({ dtype, weak: false });
const weak = (dtype: DType) => ({ dtype, weak: true });

describe('promoteStrong (numpy.result_type of two arrays)', () => {
  it.each([
    ['bool', 'bool', 'bool'], ['bool', 'int32', 'int32'], ['bool', 'float32', 'float32'],
    ['int32', 'int64', 'int64'], ['int32', 'float32', 'float64'], ['int64', 'float32', 'float64'],
    ['int32', 'float64', 'float64'], ['float32', 'float64', 'float64'], ['float32', 'float32', 'float32'],
  ] as [DType, DType, DType][])('%s + %s → %s', (a, b, r) => {
    expect(promoteStrong(a, b)).toBe(r);
    expect(promoteStrong(b, a)).toBe(r);
  });
});

describe('NEP 50 weak scalars', () => {
  it.each([
    [strong('float32'), weak('float64'), strong('float32')], // float32_array * 2.5
    [strong('float32'), weak('int64'), strong('float32')], // float32_array + 2
    [strong('int32'), weak('int64'), strong('int32')], // int32_array * 2
    [strong('int32'), weak('float64'), strong('float64')], // int32_array ** 2.0
    [strong('bool'), weak('int64'), strong('int64')], // bool_array + 1
    [strong('bool'), weak('float64'), strong('float64')],
    [weak('int64'), weak('float64'), weak('float64')], // 2 * 3.0
    [weak('int64'), weak('int64'), weak('int64')],
  ])('%o with %o', (a, b, r) => {
    expect(promote(a, b)).toEqual(r);
    expect(promote(b, a)).toEqual(r);
  });
});

describe('canCast', () => {
  it('same_kind allows narrowing within a kind, not float → int', () => {
    expect(canCast('float64', 'float32', 'same_kind')).toBe(true);
    expect(canCast('int64', 'int32', 'same_kind')).toBe(true);
    expect(canCast('float64', 'int32', 'same_kind')).toBe(false);
    expect(canCast('int32', 'float32', 'same_kind')).toBe(true);
    expect(canCast('float32', 'bool', 'same_kind')).toBe(false);
  });
  it('safe allows only value-preserving casts', () => {
    expect(canCast('int32', 'float64', 'safe')).toBe(true);
    expect(canCast('int32', 'float32', 'safe')).toBe(false);
    expect(canCast('float64', 'float32', 'safe')).toBe(false);
    expect(canCast('bool', 'int32', 'safe')).toBe(true);
  });
  it('no / unsafe', () => {
    expect(canCast('float32', 'float64', 'no')).toBe(false);
    expect(canCast('float64', 'bool', 'unsafe')).toBe(true);
  });
});

describe('array dtypes', () => {
  it('every typed array is its own dtype; Uint8Array is bool only as a BoolArray or tagged', () => {
    expect(dtypeOfArray(new Int8Array(1))).toBe('int8');
    expect(dtypeOfArray(new Uint16Array(1))).toBe('uint16');
    expect(dtypeOfArray(new Uint32Array(1))).toBe('uint32');
    expect(dtypeOfArray(new BigUint64Array(1))).toBe('uint64');
    expect(dtypeOfArray(new Uint8Array(1))).toBe('uint8');
    expect(dtypeOfArray(new Uint8ClampedArray(1))).toBe('uint8');
    expect(dtypeOfArray(asBool(new Uint8Array(1)))).toBe('bool');
    expect(dtypeOfArray(new DataView(new ArrayBuffer(8)))).toBeUndefined();
  });
});

// NumPy's own tables, written by test/numpy/dtypes.py (np.result_type, np.can_cast) for every pair
const TABLES = JSON.parse(readFileSync(new URL('../numpy/tables.json', import.meta.url), 'utf8')) as {
  dtypes: DType[];
  result_type: Record<DType, Record<DType, string>>;
  can_cast: Record<Casting, Record<DType, Record<DType, boolean>>>;
};

describe('NumPy 2 tables, every pair', () => {
  it('covers every fusexpr dtype', () => {
    expect([...TABLES.dtypes].sort()).toEqual([...DTYPES].sort());
  });
  it('promoteStrong is np.result_type', () => {
    const wrong: string[] = [];
    for (const a of TABLES.dtypes) for (const b of TABLES.dtypes) if (promoteStrong(a, b) !== TABLES.result_type[a][b]) wrong.push(`${a}+${b}: ${promoteStrong(a, b)}, numpy ${TABLES.result_type[a][b]}`);
    expect(wrong).toEqual([]);
  });
  it('canCast is np.can_cast for every casting', () => {
    const wrong: string[] = [];
    for (const c of CASTINGS) for (const a of TABLES.dtypes) for (const b of TABLES.dtypes) if (canCast(a, b, c) !== TABLES.can_cast[c][a][b]) wrong.push(`${a}→${b} ${c}`);
    expect(wrong).toEqual([]);
  });
});
