// The emulator against the Wasm SIMD spec on the edge cases the math library leans on.
import { describe, expect, it } from 'vitest';
import { Emulator, nearest } from './emulate.js';

const e64 = new Emulator('f64x2');
const e32 = new Emulator('f32x4');
const n64 = (a: number, b: number) => e64.fromNumbers([a, b]);
const i64 = (v: ReturnType<Emulator['f']>) => Array.from(new BigInt64Array(e64.bytes(v).slice().buffer));
const i32 = (e: Emulator, v: ReturnType<Emulator['f']>) => Array.from(new Int32Array(e.bytes(v).slice().buffer));

describe('emulator', () => {
  it('nearest rounds half to even and keeps -0', () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 0.49999999999999994, 4503599627370497].map(nearest)).toEqual([0, 2, 2, -0, -2, -2, 0, 4503599627370497]);
    expect(Object.is(nearest(-0.4), -0)).toBe(true);
    expect(e32.toNumbers(e32.un('f32x4.nearest', e32.fromNumbers([2.5, 3.5, -0.5, 8388609])))).toEqual([2, 4, -0, 8388609]);
  });
  it('min/max propagate NaN and order zeros; pmin/pmax do not', () => {
    const a = n64(NaN, -0), b = n64(1, 0);
    expect(e64.toNumbers(e64.bin('f64x2.min', a, b))).toEqual([NaN, -0]);
    expect(e64.toNumbers(e64.bin('f64x2.max', a, b))).toEqual([NaN, 0]);
    expect(Object.is(e64.toNumbers(e64.bin('f64x2.max', b, a))[1], 0)).toBe(true);
    expect(e64.toNumbers(e64.bin('f64x2.pmin', a, b))).toEqual([NaN, -0]); // b < a false → a
    expect(e64.toNumbers(e64.bin('f64x2.pmax', b, a))).toEqual([1, 0]);
    expect(e64.toNumbers(e64.bin('f64x2.pmax', a, b))).toEqual([NaN, -0]); // a NaN first operand passes (the clamps rely on it)
  });
  it('trunc_sat saturates and maps NaN to 0; conversions use the low lanes', () => {
    const t = e64.un('i32x4.trunc_sat_f64x2_s_zero', n64(-3e10, NaN));
    expect(i32(e64, t)).toEqual([-2147483648, 0, 0, 0]);
    expect(i32(e32, e32.un('i32x4.trunc_sat_f32x4_s', e32.fromNumbers([3e9, -2.7, 2.7, NaN])))).toEqual([2147483647, -2, 2, 0]);
    expect(e64.toNumbers(e64.un('f64x2.convert_low_i32x4_s', e64.i32(-7)))).toEqual([-7, -7]);
    expect(e32.toNumbers(e32.un('f32x4.demote_f64x2_zero', n64(1 / 3, 1e300)))).toEqual([Math.fround(1 / 3), Infinity, 0, 0]);
    expect(e64.toNumbers(e64.un('f64x2.promote_low_f32x4', e32.fromNumbers([0.1, -2, 5, 6])))).toEqual([Math.fround(0.1), -2]);
  });
  it('integer lanes wrap as two\'s complement; shifts take the count modulo the width', () => {
    const big = e64.i(0x7fffffffffffffffn);
    expect(i64(e64.bin('i64x2.add', big, e64.i(1)))).toEqual([-0x8000000000000000n, -0x8000000000000000n]);
    expect(i64(e64.shift('i64x2.shr_s', e64.i(-8), 65))).toEqual([-4n, -4n]);
    expect(i64(e64.shift('i64x2.shr_u', e64.i(-1), 60))).toEqual([15n, 15n]);
    expect(i32(e32, e32.bin('i32x4.lt_u', e32.i(-1), e32.i(1)))).toEqual([0, 0, 0, 0]);
    expect(i32(e32, e32.bin('i32x4.mul', e32.i(0x10000), e32.i(0x10000)))).toEqual([0, 0, 0, 0]);
    expect(i64(e64.bin('f64x2.lt', n64(1, NaN), n64(2, 2)))).toEqual([-1n, 0n]);
  });
  it('f32 arithmetic rounds to binary32; abs/neg touch only the sign bit', () => {
    const s = e32.bin('f32x4.add', e32.f(16777216), e32.f(1));
    expect(e32.toNumbers(s)).toEqual([16777216, 16777216, 16777216, 16777216]);
    expect(e32.toNumbers(e32.f(0.1))[0]).toBe(Math.fround(0.1));
    const negNan = e64.un('f64x2.neg', e64.bits(0x7ff8000000000001n, 0n));
    expect(i64(negNan)).toEqual([BigInt.asIntN(64, 0xfff8000000000001n), -0x8000000000000000n]);
  });
  it('bitselect, shuffle and scalarLanes by mask', () => {
    const m = e64.bin('f64x2.gt', n64(1, 3), n64(2, 2));
    expect(e64.toNumbers(e64.select(m, n64(10, 20), n64(30, 40)))).toEqual([30, 20]);
    expect(e64.toNumbers(e64.shuffle(n64(1, 2), n64(3, 4), [8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23]))).toEqual([2, 3]);
    const out = e64.local(n64(0, 0));
    e64.scalarLanes('sin', m, [n64(1, 2)], out);
    expect(e64.toNumbers(e64.get(out))).toEqual([0, Math.sin(2)]);
    let ran = false;
    e64.ifAny(e64.i(0), () => { ran = true; });
    expect(ran).toBe(false);
  });
});
