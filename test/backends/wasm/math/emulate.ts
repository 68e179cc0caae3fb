// A lane-by-lane JS implementation of the math library's `Asm` (src/backends/wasm/math/asm.ts): each
// instruction follows the Wasm SIMD spec per lane (binary64 and, through Math.fround, binary32
// arithmetic; NaN-propagating min/max; saturating truncation). Tests only: no Wasm, no emitter.
import type { Asm, BinaryOp, Lanes, ScalarFn, ShiftOp, UnaryOp, V, Var } from '../../../../src/backends/wasm/math/asm.js';
import type { Table } from '../../../../src/backends/wasm/math/tables.js';

/**
 * A value holds `batch` independent 16-byte vectors side by side: every instruction applies to each
 * (shuffles within each 16 bytes), so one emulated call evaluates 2·batch (or 4·batch) points. `ifAny`
 * runs its body when any vector of the batch has a bit set; math code must only use it for slow
 * paths whose results are merged by mask, where that is the same thing.
 */
class Val implements V {
  declare readonly __v128: true;
  readonly u8: Uint8Array;
  constructor(readonly buf: ArrayBuffer) {
    this.u8 = new Uint8Array(buf);
  }
  get f64(): Float64Array { return new Float64Array(this.buf); }
  get f32(): Float32Array { return new Float32Array(this.buf); }
  get i64(): BigInt64Array { return new BigInt64Array(this.buf); }
  get u64(): BigUint64Array { return new BigUint64Array(this.buf); }
  get i32(): Int32Array { return new Int32Array(this.buf); }
}

class Cell implements Var {
  declare readonly __var: true;
  constructor(public v: Val) {}
}

const SCALAR: Record<ScalarFn, (...a: number[]) => number> = {
  sin: Math.sin, cos: Math.cos, tan: Math.tan, pow: Math.pow, atan2: Math.atan2, exp: Math.exp, log: Math.log,
  expm1: Math.expm1, log1p: Math.log1p, cbrt: Math.cbrt, sinh: Math.sinh, cosh: Math.cosh, tanh: Math.tanh,
  asin: Math.asin, acos: Math.acos, atan: Math.atan,
};

/** Round half to even, keeping the sign of zero (Wasm `nearest`). */
export function nearest(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const r = Math.round(x); // half toward +inf
  const even = r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
  return even === 0 && x < 0 ? -0 : even;
}

/** Wasm fNN.min / fNN.max: NaN if either is NaN, -0 below +0. */
function fmin(a: number, b: number): number {
  if (a !== a || b !== b) return NaN;
  if (a === 0 && b === 0) return Object.is(a, -0) ? a : b;
  return a < b ? a : b;
}
function fmax(a: number, b: number): number {
  if (a !== a || b !== b) return NaN;
  if (a === 0 && b === 0) return Object.is(a, -0) ? b : a;
  return a > b ? a : b;
}

function truncSat(x: number): number {
  if (x !== x) return 0;
  if (x >= 2147483647) return 2147483647;
  if (x <= -2147483648) return -2147483648;
  return Math.trunc(x) | 0;
}

const FLOAT_BIN: Record<string, (a: number, b: number) => number> = {
  add: (a, b) => a + b, sub: (a, b) => a - b, mul: (a, b) => a * b, div: (a, b) => a / b,
  min: fmin, max: fmax, pmin: (a, b) => (b < a ? b : a), pmax: (a, b) => (a < b ? b : a),
};
const FLOAT_CMP: Record<string, (a: number, b: number) => boolean> = {
  eq: (a, b) => a === b, ne: (a, b) => a !== b, lt: (a, b) => a < b, gt: (a, b) => a > b, le: (a, b) => a <= b, ge: (a, b) => a >= b,
};
const FLOAT_UN: Record<string, (a: number) => number> = {
  sqrt: Math.sqrt, ceil: Math.ceil, floor: Math.floor, trunc: Math.trunc, nearest,
};

export class Emulator implements Asm {
  constructor(readonly lanes: Lanes, readonly batch = 1) {}

  private make(): Val {
    return new Val(new ArrayBuffer(16 * this.batch));
  }
  /** A value from numbers, one per float lane (2 or 4 per vector times batch). */
  fromNumbers(xs: ArrayLike<number>): V {
    const v = this.make();
    (this.lanes === 'f64x2' ? v.f64 : v.f32).set(xs);
    return v;
  }
  toNumbers(x: V): number[] {
    const v = x as Val;
    return Array.from(this.lanes === 'f64x2' ? v.f64 : v.f32);
  }
  fromBytes(bytes: Uint8Array): V {
    const v = this.make();
    v.u8.set(bytes);
    return v;
  }
  bytes(x: V): Uint8Array {
    return (x as Val).u8;
  }

  f(c: number): V {
    const v = this.make();
    (this.lanes === 'f64x2' ? v.f64 : v.f32).fill(c);
    return v;
  }
  i(c: bigint | number): V {
    const v = this.make();
    if (this.lanes === 'f64x2') v.i64.fill(BigInt.asIntN(64, BigInt(c)));
    else v.i32.fill(Number(BigInt.asIntN(32, BigInt(c))));
    return v;
  }
  i32(c: number): V {
    const v = this.make();
    v.i32.fill(c | 0);
    return v;
  }
  bits(lo: bigint, hi: bigint): V {
    const v = this.make();
    const u = v.u64;
    for (let k = 0; k < u.length; k += 2) {
      u[k] = BigInt.asUintN(64, lo);
      u[k + 1] = BigInt.asUintN(64, hi);
    }
    return v;
  }

  un(op: UnaryOp, a: V): V {
    const x = a as Val;
    const r = this.make();
    const [shape, name] = op.split('.') as [string, string];
    if (op === 'v128.not') {
      for (let k = 0; k < r.u8.length; k++) r.u8[k] = ~x.u8[k]!;
      return r;
    }
    if ((shape === 'f64x2' || shape === 'f32x4') && (name === 'abs' || name === 'neg')) {
      // sign-bit operations, exact on NaN payloads
      const sign = shape === 'f64x2' ? 1n << 63n : 1n << 31n;
      if (shape === 'f64x2') {
        const xi = x.u64, ri = r.u64;
        for (let k = 0; k < ri.length; k++) ri[k] = name === 'abs' ? xi[k]! & ~sign : xi[k]! ^ sign;
      } else {
        const xi = new Uint32Array(x.buf), ri = new Uint32Array(r.buf);
        for (let k = 0; k < ri.length; k++) ri[k] = name === 'abs' ? xi[k]! & 0x7fffffff : (xi[k]! ^ 0x80000000) >>> 0;
      }
      return r;
    }
    if ((shape === 'f64x2' || shape === 'f32x4') && FLOAT_UN[name]) {
      const f = FLOAT_UN[name]!;
      if (shape === 'f64x2') {
        const xs = x.f64, rs = r.f64;
        for (let k = 0; k < rs.length; k++) rs[k] = f(xs[k]!);
      } else {
        const xs = x.f32, rs = r.f32;
        for (let k = 0; k < rs.length; k++) rs[k] = Math.fround(f(xs[k]!));
      }
      return r;
    }
    const blocks = this.batch;
    switch (op) {
      case 'i64x2.neg': { const xs = x.i64, rs = r.i64; for (let k = 0; k < rs.length; k++) rs[k] = -xs[k]!; return r; }
      case 'i64x2.abs': { const xs = x.i64, rs = r.i64; for (let k = 0; k < rs.length; k++) rs[k] = xs[k]! < 0n ? -xs[k]! : xs[k]!; return r; }
      case 'i32x4.neg': { const xs = x.i32, rs = r.i32; for (let k = 0; k < rs.length; k++) rs[k] = -xs[k]! | 0; return r; }
      case 'i32x4.abs': { const xs = x.i32, rs = r.i32; for (let k = 0; k < rs.length; k++) rs[k] = Math.abs(xs[k]!) | 0; return r; }
      case 'f64x2.convert_low_i32x4_s': {
        const xs = x.i32, rs = r.f64;
        for (let b = 0; b < blocks; b++) { rs[2 * b] = xs[4 * b]!; rs[2 * b + 1] = xs[4 * b + 1]!; }
        return r;
      }
      case 'i32x4.trunc_sat_f64x2_s_zero': {
        const xs = x.f64, rs = r.i32;
        for (let b = 0; b < blocks; b++) { rs[4 * b] = truncSat(xs[2 * b]!); rs[4 * b + 1] = truncSat(xs[2 * b + 1]!); }
        return r;
      }
      case 'f32x4.convert_i32x4_s': { const xs = x.i32, rs = r.f32; for (let k = 0; k < rs.length; k++) rs[k] = xs[k]!; return r; }
      case 'i32x4.trunc_sat_f32x4_s': { const xs = x.f32, rs = r.i32; for (let k = 0; k < rs.length; k++) rs[k] = truncSat(xs[k]!); return r; }
      case 'f32x4.demote_f64x2_zero': {
        const xs = x.f64, rs = r.f32;
        for (let b = 0; b < blocks; b++) { rs[4 * b] = xs[2 * b]!; rs[4 * b + 1] = xs[2 * b + 1]!; }
        return r;
      }
      case 'f64x2.promote_low_f32x4': {
        const xs = x.f32, rs = r.f64;
        for (let b = 0; b < blocks; b++) { rs[2 * b] = xs[4 * b]!; rs[2 * b + 1] = xs[4 * b + 1]!; }
        return r;
      }
      case 'i64x2.extend_low_i32x4_s':
      case 'i64x2.extend_high_i32x4_s': {
        const off = op === 'i64x2.extend_low_i32x4_s' ? 0 : 2;
        const xs = x.i32, rs = r.i64;
        for (let b = 0; b < blocks; b++) { rs[2 * b] = BigInt(xs[4 * b + off]!); rs[2 * b + 1] = BigInt(xs[4 * b + off + 1]!); }
        return r;
      }
    }
    throw new Error(`emulator: unary ${op}`);
  }

  bin(op: BinaryOp, a: V, b: V): V {
    const x = a as Val, y = b as Val;
    const r = this.make();
    const [shape, name] = op.split('.') as [string, string];
    if (shape === 'v128') {
      const xs = x.u8, ys = y.u8, rs = r.u8;
      for (let k = 0; k < rs.length; k++) {
        rs[k] = name === 'and' ? xs[k]! & ys[k]! : name === 'or' ? xs[k]! | ys[k]! : name === 'xor' ? xs[k]! ^ ys[k]! : xs[k]! & ~ys[k]!;
      }
      return r;
    }
    if (shape === 'f64x2' || shape === 'f32x4') {
      const wide = shape === 'f64x2';
      const xs = wide ? x.f64 : x.f32, ys = wide ? y.f64 : y.f32;
      const arith = FLOAT_BIN[name];
      if (arith) {
        const rs = wide ? r.f64 : r.f32;
        for (let k = 0; k < rs.length; k++) rs[k] = arith(xs[k]!, ys[k]!); // Float32Array stores round once
        return r;
      }
      const cmp = FLOAT_CMP[name]!;
      if (wide) { const rs = r.i64; for (let k = 0; k < rs.length; k++) rs[k] = cmp(xs[k]!, ys[k]!) ? -1n : 0n; }
      else { const rs = r.i32; for (let k = 0; k < rs.length; k++) rs[k] = cmp(xs[k]!, ys[k]!) ? -1 : 0; }
      return r;
    }
    if (shape === 'i64x2') {
      const xs = x.i64, ys = y.i64, rs = r.i64;
      for (let k = 0; k < rs.length; k++) {
        const p = xs[k]!, q = ys[k]!;
        switch (name) {
          case 'add': rs[k] = p + q; break; // BigInt64Array stores wrap modulo 2^64
          case 'sub': rs[k] = p - q; break;
          case 'mul': rs[k] = BigInt.asIntN(64, p * q); break;
          default: rs[k] = i64cmp(name, p, q) ? -1n : 0n;
        }
      }
      return r;
    }
    const xs = x.i32, ys = y.i32, rs = r.i32;
    for (let k = 0; k < rs.length; k++) {
      const p = xs[k]!, q = ys[k]!, pu = p >>> 0, qu = q >>> 0;
      switch (name) {
        case 'add': rs[k] = (p + q) | 0; break;
        case 'sub': rs[k] = (p - q) | 0; break;
        case 'mul': rs[k] = Math.imul(p, q); break;
        case 'min_s': rs[k] = Math.min(p, q); break;
        case 'max_s': rs[k] = Math.max(p, q); break;
        case 'min_u': rs[k] = Math.min(pu, qu) | 0; break;
        case 'max_u': rs[k] = Math.max(pu, qu) | 0; break;
        case 'lt_u': rs[k] = pu < qu ? -1 : 0; break;
        case 'gt_u': rs[k] = pu > qu ? -1 : 0; break;
        default: rs[k] = i64cmp(name, BigInt(p), BigInt(q)) ? -1 : 0;
      }
    }
    return r;
  }

  shift(op: ShiftOp, a: V, count: number): V {
    const x = a as Val;
    const r = this.make();
    const [shape, name] = op.split('.') as [string, string];
    if (shape === 'i64x2') {
      const n = BigInt(count & 63);
      const xs = x.i64, xu = x.u64, rs = r.i64;
      for (let k = 0; k < rs.length; k++) rs[k] = name === 'shl' ? BigInt.asIntN(64, xs[k]! << n) : name === 'shr_s' ? xs[k]! >> n : BigInt.asIntN(64, xu[k]! >> n);
    } else {
      const n = count & 31;
      const xs = x.i32, rs = r.i32;
      for (let k = 0; k < rs.length; k++) rs[k] = name === 'shl' ? xs[k]! << n : name === 'shr_s' ? xs[k]! >> n : xs[k]! >>> n;
    }
    return r;
  }

  select(mask: V, a: V, b: V): V {
    const m = (mask as Val).u8, xs = (a as Val).u8, ys = (b as Val).u8;
    const r = this.make();
    for (let k = 0; k < r.u8.length; k++) r.u8[k] = (xs[k]! & m[k]!) | (ys[k]! & ~m[k]!);
    return r;
  }

  shuffle(a: V, b: V, bytes: readonly number[]): V {
    if (bytes.length !== 16 || bytes.some((i) => !(i >= 0 && i < 32))) throw new Error('emulator: shuffle indices');
    const xs = (a as Val).u8, ys = (b as Val).u8;
    const r = this.make();
    for (let blk = 0; blk < this.batch; blk++) {
      const o = 16 * blk;
      for (let k = 0; k < 16; k++) {
        const i = bytes[k]!;
        r.u8[o + k] = i < 16 ? xs[o + i]! : ys[o + i - 16]!;
      }
    }
    return r;
  }

  local(v: V): Var {
    return new Cell(v as Val);
  }
  get(x: Var): V {
    return (x as Cell).v;
  }
  set(x: Var, v: V): void {
    (x as Cell).v = v as Val;
  }
  ifAny(mask: V, body: () => void): void {
    if ((mask as Val).u8.some((b) => b & 0x80)) body(); // i8x16.bitmask, as the emitter tests
  }
  gather(table: Table, index: V): V {
    const v = this.make();
    const idx = (index as Val).u64;
    const rows = BigInt(table.rows);
    const words = table.words();
    for (let k = 0; k < idx.length; k++) v.u64[k] = words[Number(idx[k]! % rows)]!;
    return v;
  }
  scalarLanes(fn: ScalarFn, mask: V, args: readonly V[], into: Var): void {
    const f = SCALAR[fn];
    const out = this.make();
    out.u8.set((into as Cell).v.u8);
    const wide = this.lanes === 'f64x2';
    const m = wide ? (mask as Val).i64 : (mask as Val).i32;
    const xs = args.map((v) => (wide ? (v as Val).f64 : (v as Val).f32));
    const rs = wide ? out.f64 : out.f32;
    for (let k = 0; k < rs.length; k++) {
      if (m[k] !== 0 && m[k] !== 0n) rs[k] = f(...xs.map((x) => x[k]!));
    }
    (into as Cell).v = out;
  }
}

function i64cmp(name: string, p: bigint, q: bigint): boolean {
  switch (name) {
    case 'eq': return p === q;
    case 'ne': return p !== q;
    case 'lt_s': return p < q;
    case 'gt_s': return p > q;
    case 'le_s': return p <= q;
    case 'ge_s': return p >= q;
  }
  throw new Error(`emulator: compare ${name}`);
}
