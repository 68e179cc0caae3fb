// The vocabulary every math function is written in: float arithmetic of one lane shape, integer bit
// tricks and exact double-double steps over an `Asm`, plus the wrapper that runs an f64x2 algorithm on f32x4 lanes.
// Owns no algorithm and emits nothing itself: every value comes from the Asm it is given.
import type { Asm, BinaryOp, MathFn, ScalarFn, ShiftOp, UnaryOp, V } from './asm.js';

const view = new DataView(new ArrayBuffer(8));
/** The IEEE binary64 bits of x, as an unsigned 64-bit integer. */
export function f64bits(x: number): bigint {
  view.setFloat64(0, x, true);
  return view.getBigUint64(0, true);
}

/** 1.5·2^52: adding it rounds a float below 2^51 to an integer kept in the low mantissa bits. */
export const SHIFT = 6755399441055744;

type Shape = 'f64x2' | 'f32x4';
const SHAPE = {
  f64x2: { int: 'i64x2', shift: SHIFT, shiftBits: f64bits(SHIFT), mant: 52, bias: 1023, sign: -0x8000000000000000n },
  f32x4: { int: 'i32x4', shift: 12582912, shiftBits: 0x4b400000n, mant: 23, bias: 127, sign: -0x80000000n }, // 1.5·2^23
} as const;

/** Float operations of one lane shape on one Asm; integer methods treat lanes as i64 (f64x2) or i32 (f32x4). */
export class Fx {
  private readonly s: (typeof SHAPE)[Shape];
  constructor(readonly asm: Asm, readonly shape: Shape) {
    this.s = SHAPE[shape];
  }
  private fb(op: string, a: V, b: V): V { return this.asm.bin(`${this.shape}.${op}` as BinaryOp, a, b); }
  private fu(op: string, a: V): V { return this.asm.un(`${this.shape}.${op}` as UnaryOp, a); }
  private ib(op: string, a: V, b: V): V { return this.asm.bin(`${this.s.int}.${op}` as BinaryOp, a, b); }
  private sh(op: string, a: V, n: number): V { return this.asm.shift(`${this.s.int}.${op}` as ShiftOp, a, n); }
  c(x: number): V { return this.asm.f(x); }
  /** Two's complement integer constant in every integer lane. */
  ci(x: bigint | number): V { return this.asm.i(x); }
  add(a: V, b: V): V { return this.fb('add', a, b); }
  sub(a: V, b: V): V { return this.fb('sub', a, b); }
  mul(a: V, b: V): V { return this.fb('mul', a, b); }
  div(a: V, b: V): V { return this.fb('div', a, b); }
  min(a: V, b: V): V { return this.fb('min', a, b); }
  max(a: V, b: V): V { return this.fb('max', a, b); }
  /** b < a ? b : a: one instruction on x86 (min is several); a NaN first operand passes through. */
  pmin(a: V, b: V): V { return this.fb('pmin', a, b); }
  /** a < b ? b : a, likewise. */
  pmax(a: V, b: V): V { return this.fb('pmax', a, b); }
  /** x limited to [lo, hi], NaN kept (pmin/pmax with x first). */
  clamp(x: V, lo: number, hi: number): V { return this.pmin(this.pmax(x, this.c(lo)), this.c(hi)); }
  neg(a: V): V { return this.fu('neg', a); }
  abs(a: V): V { return this.fu('abs', a); }
  sqrt(a: V): V { return this.fu('sqrt', a); }
  floor(a: V): V { return this.fu('floor', a); }
  trunc(a: V): V { return this.fu('trunc', a); }
  nearest(a: V): V { return this.fu('nearest', a); }
  eq(a: V, b: V): V { return this.fb('eq', a, b); }
  ne(a: V, b: V): V { return this.fb('ne', a, b); }
  lt(a: V, b: V): V { return this.fb('lt', a, b); }
  le(a: V, b: V): V { return this.fb('le', a, b); }
  gt(a: V, b: V): V { return this.fb('gt', a, b); }
  ge(a: V, b: V): V { return this.fb('ge', a, b); }
  and(a: V, b: V): V { return this.asm.bin('v128.and', a, b); }
  or(a: V, b: V): V { return this.asm.bin('v128.or', a, b); }
  xor(a: V, b: V): V { return this.asm.bin('v128.xor', a, b); }
  /** a & ~b */
  andnot(a: V, b: V): V { return this.asm.bin('v128.andnot', a, b); }
  not(a: V): V { return this.asm.un('v128.not', a); }
  /** mask ? a : b */
  sel(mask: V, a: V, b: V): V { return this.asm.select(mask, a, b); }
  iadd(a: V, b: V): V { return this.ib('add', a, b); }
  isub(a: V, b: V): V { return this.ib('sub', a, b); }
  ieq(a: V, b: V): V { return this.ib('eq', a, b); }
  ilt(a: V, b: V): V { return this.ib('lt_s', a, b); }
  igt(a: V, b: V): V { return this.ib('gt_s', a, b); }
  shl(a: V, n: number): V { return this.sh('shl', a, n); }
  shr(a: V, n: number): V { return this.sh('shr_s', a, n); }
  shru(a: V, n: number): V { return this.sh('shr_u', a, n); }

  /** NaN lanes (all ones). */
  isNan(x: V): V { return this.ne(x, x); }
  /** The sign bit of x alone. */
  signOf(x: V): V { return this.and(x, this.ci(this.s.sign)); }

  /** c[0] + x·(c[1] + x·(c[2] + …)) */
  poly(x: V, cs: readonly number[]): V {
    let acc = this.c(cs[cs.length - 1]!);
    for (let k = cs.length - 2; k >= 0; k--) acc = this.add(this.c(cs[k]!), this.mul(x, acc));
    return acc;
  }
  /**
   * The same polynomial by Estrin's scheme: pairs c[2i] + x·c[2i+1], then x², x⁴ … combine them; a
   * dependency chain of about 2·log2(degree) operations instead of 2·degree (one or two more operations).
   */
  estrin(x: V, cs: readonly number[]): V {
    let terms = [];
    for (let k = 0; k < cs.length; k += 2) terms.push(k + 1 < cs.length ? this.add(this.c(cs[k]!), this.mul(x, this.c(cs[k + 1]!))) : this.c(cs[k]!));
    let p = x;
    while (terms.length > 1) {
      p = this.mul(p, p);
      const next = [];
      for (let k = 0; k < terms.length; k += 2) next.push(k + 1 < terms.length ? this.add(terms[k]!, this.mul(p, terms[k + 1]!)) : terms[k]!);
      terms = next;
    }
    return terms[0]!;
  }
  /** x rounded to an integer (ties to even) as t = x + 1.5·2^p: its low bits hold the integer. */
  roundShift(x: V): V { return this.add(x, this.c(this.s.shift)); }
  /** The float integer a roundShift value stands for. */
  shiftFloat(t: V): V { return this.sub(t, this.c(this.s.shift)); }
  /** The integer held by a roundShift value, as integer lanes. */
  shiftInt(t: V): V { return this.isub(t, this.ci(this.s.shiftBits)); }
  /** A small integer (below 2^(p−1) in magnitude) as a float. */
  intToFloat(k: V): V { return this.sub(this.iadd(k, this.ci(this.s.shiftBits)), this.c(this.s.shift)); }
  /** 2^k for integer lanes k in the normal exponent range. */
  pow2i(k: V): V { return this.shl(this.iadd(k, this.ci(this.s.bias)), this.s.mant); }
  /** The unbiased exponent field of a positive float, as integer lanes (a logical shift: x86 has no psraq). */
  exponent(x: V): V { return this.isub(this.shru(x, this.s.mant), this.ci(this.s.bias)); }
  /**
   * y·2^k for integer k within twice the normal exponent range (|k| ≤ 2·bias − 2), rounded once:
   * y·2^⌊k/2⌋·2^⌈k/2⌉. With a logical shift (x86 has no psraq: V8 spends six instructions on
   * i64x2.shr_s): a = k + 2·bias ≥ 2, h = a >> 1 and a − h are both biased exponents of normals.
   */
  scale(y: V, k: V): V {
    const a = this.iadd(k, this.ci(2 * this.s.bias));
    const h = this.shru(a, 1);
    return this.mul(this.mul(y, this.shl(h, this.s.mant)), this.shl(this.isub(a, h), this.s.mant));
  }
}

/** f64x2 operations, with the double-double steps only binary64 needs. */
export class F64 extends Fx {
  constructor(asm: Asm) {
    super(asm, 'f64x2');
  }
  /** |x| with the sign bit of s. */
  withSign(x: V, s: V): V { return this.or(this.abs(x), this.signOf(s)); }
  /** x with its low 32 bits cleared (26-bit products of two such are exact in the cases used). */
  hi32(x: V): V { return this.and(x, this.ci(-0x100000000n)); }
  /** Veltkamp split: x = hi + lo with hi on 26 bits (|x| < 2^996). */
  split(x: V): [V, V] {
    const g = this.mul(x, this.c(134217729)); // 2^27 + 1
    const hi = this.sub(g, this.sub(g, x));
    return [hi, this.sub(x, hi)];
  }
  /** a·b = p + e exactly (Dekker's product without FMA); a, b below 2^996. */
  twoProd(a: V, b: V): [V, V] {
    const p = this.mul(a, b);
    const [ah, al] = this.split(a);
    const [bh, bl] = this.split(b);
    const e = this.add(this.add(this.add(this.sub(this.mul(ah, bh), p), this.mul(ah, bl)), this.mul(al, bh)), this.mul(al, bl));
    return [p, e];
  }
  /** a + b = s + e exactly, given |a| ≥ |b| or a = 0. */
  fastTwoSum(a: V, b: V): [V, V] {
    const s = this.add(a, b);
    return [s, this.sub(b, this.sub(s, a))];
  }
}

/** f32x4 operations (integer lanes i32). */
export class F32 extends Fx {
  constructor(asm: Asm) {
    super(asm, 'f32x4');
  }
}

/** An f64x2 view of an f32x4 Asm: constants become f64 bit patterns; scalarLanes is not available. */
export function as64(asm: Asm): Asm {
  if (asm.lanes === 'f64x2') return asm;
  const both = (b: bigint) => asm.bits(b, b);
  return {
    lanes: 'f64x2',
    f: (c) => both(f64bits(c)),
    i: (c) => both(BigInt.asUintN(64, BigInt(c))),
    i32: (c) => asm.i32(c),
    bits: (lo, hi) => asm.bits(lo, hi),
    un: (op, a) => asm.un(op, a),
    bin: (op, a, b) => asm.bin(op, a, b),
    shift: (op, a, n) => asm.shift(op, a, n),
    select: (m, a, b) => asm.select(m, a, b),
    shuffle: (a, b, s) => asm.shuffle(a, b, s),
    gather: (t, i) => asm.gather(t, i),
    local: (v) => asm.local(v),
    get: (x) => asm.get(x),
    set: (x, v) => asm.set(x, v),
    ifAny: (m, body) => asm.ifAny(m, body),
    scalarLanes: () => {
      throw new Error('math: scalarLanes on f64 lanes inside f32x4 code');
    },
  };
}

const LOW_HALF = [0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23];
const HIGH_TO_LOW = [8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15];

/**
 * An f32x4 function from an f64x2 algorithm: each half is widened (exactly), computed in float64 and
 * rounded once to float32, as glibc's and ARM's float32 routines do. `fallback` names a scalar
 * function for the f32 lanes where `slow` (given the f32 arguments) is set.
 */
export function viaF64(fn64: MathFn, fallback?: { fn: ScalarFn; slow: (asm: Asm, args: readonly V[]) => V }): MathFn {
  return (asm, args) => {
    if (asm.lanes !== 'f32x4') throw new Error('math: an f32x4 function called on f64x2 lanes');
    const a64 = as64(asm);
    const lo = args.map((x) => asm.un('f64x2.promote_low_f32x4', x));
    const hi = args.map((x) => asm.un('f64x2.promote_low_f32x4', asm.shuffle(x, x, HIGH_TO_LOW)));
    const rlo = asm.un('f32x4.demote_f64x2_zero', fn64(a64, lo));
    const rhi = asm.un('f32x4.demote_f64x2_zero', fn64(a64, hi));
    const r = asm.shuffle(rlo, rhi, LOW_HALF);
    if (!fallback) return r;
    const out = asm.local(r);
    const slow = fallback.slow(asm, args);
    asm.ifAny(slow, () => asm.scalarLanes(fallback.fn, slow, args, out));
    return asm.get(out);
  };
}
