// The contract between the vector math library (backends/wasm/math/*) and the Wasm emitter: a math
// function is straight-line SIMD code over v128 values (plus `ifAny` slow paths), written against
// `Asm`. The emitter implements Asm by appending instructions to a function body; the math tests
// implement it lane by lane in JS (same IEEE results, no Wasm needed). Must not import the emitter.

import type { Table } from './tables.js';

/** The lane shape a math function is built for: f64x2 for float64 kernels, f32x4 for float32. */
export type Lanes = 'f64x2' | 'f32x4';

/** An SSA value (a v128 local in Wasm). Opaque to math code. */
export interface V {
  readonly __v128: true;
}

/** A mutable v128 variable, for results assigned on a slow path. */
export interface Var {
  readonly __var: true;
}

/** Unary v128 → v128 instructions (Wasm SIMD names). */
export type UnaryOp =
  | `${'f64x2' | 'f32x4'}.${'abs' | 'neg' | 'sqrt' | 'ceil' | 'floor' | 'trunc' | 'nearest'}`
  | 'v128.not'
  | `${'i64x2' | 'i32x4'}.${'neg' | 'abs'}`
  | 'f64x2.convert_low_i32x4_s'
  | 'i32x4.trunc_sat_f64x2_s_zero'
  | 'f32x4.convert_i32x4_s'
  | 'i32x4.trunc_sat_f32x4_s'
  | 'f32x4.demote_f64x2_zero'
  | 'f64x2.promote_low_f32x4'
  | 'i64x2.extend_low_i32x4_s'
  | 'i64x2.extend_high_i32x4_s';

/** Binary v128 × v128 → v128 instructions (Wasm SIMD names; comparisons give all-ones lanes). */
export type BinaryOp =
  | `${'f64x2' | 'f32x4'}.${'add' | 'sub' | 'mul' | 'div' | 'min' | 'max' | 'pmin' | 'pmax' | 'eq' | 'ne' | 'lt' | 'gt' | 'le' | 'ge'}`
  | `v128.${'and' | 'or' | 'xor' | 'andnot'}`
  | `i64x2.${'add' | 'sub' | 'mul' | 'eq' | 'ne' | 'lt_s' | 'gt_s' | 'le_s' | 'ge_s'}`
  | `i32x4.${'add' | 'sub' | 'mul' | 'eq' | 'ne' | 'lt_s' | 'gt_s' | 'le_s' | 'ge_s' | 'lt_u' | 'gt_u' | 'min_s' | 'max_s' | 'min_u' | 'max_u'}`;

/** Shifts by a constant count (the count is an i32 immediate in the emitted code). */
export type ShiftOp = `${'i64x2' | 'i32x4'}.${'shl' | 'shr_s' | 'shr_u'}`;

/** Scalar functions a slow path may call per lane (imported from JS: `Math.*`-like, float64). */
export type ScalarFn = 'sin' | 'cos' | 'tan' | 'pow' | 'atan2' | 'exp' | 'log' | 'expm1' | 'log1p' | 'cbrt' | 'sinh' | 'cosh' | 'tanh' | 'asin' | 'acos' | 'atan';

export interface Asm {
  readonly lanes: Lanes;
  /** Every lane = the float constant (rounded to f32 for f32x4). */
  f(c: number): V;
  /** Every lane = the integer constant: i64 lanes for f64x2, i32 lanes for f32x4 (two's complement bits). */
  i(c: bigint | number): V;
  /** Every i32 lane = c (for the i32x4 conversion ops, also in f64x2 code). */
  i32(c: number): V;
  /** A 16-byte constant given as two little-endian 64-bit halves. */
  bits(lo: bigint, hi: bigint): V;
  un(op: UnaryOp, a: V): V;
  bin(op: BinaryOp, a: V, b: V): V;
  shift(op: ShiftOp, a: V, count: number): V;
  /** mask ? a : b, bit by bit (v128.bitselect). */
  select(mask: V, a: V, b: V): V;
  /** Lane shuffle of two values by 16 byte indices (i8x16.shuffle). */
  shuffle(a: V, b: V, bytes: readonly number[]): V;
  /**
   * Per 64-bit lane of `index`: the word at row (its low bits mod the row count) of a constant table
   * in memory. Always two 64-bit lanes (f32x4 code calls it on f64x2 halves); a load per lane, for
   * tables small enough to stay in L1.
   */
  gather(table: Table, index: V): V;
  /** A variable initialised to v. */
  local(v: V): Var;
  get(x: Var): V;
  set(x: Var, v: V): void;
  /**
   * Runs body only when some lane of mask is set (i8x16.bitmask + if): for rare slow paths. The mask's
   * lanes are all ones or all zeros (a comparison's result, or and/or/not of such).
   */
  ifAny(mask: V, body: () => void): void;
  /**
   * Lanes where mask is set take fn applied (in float64, per lane) to the lanes of args; others keep
   * `into`'s value. The slow path for arguments outside a polynomial's range (huge sin/cos inputs).
   */
  scalarLanes(fn: ScalarFn, mask: V, args: readonly V[], into: Var): void;
}

/** A vector math function: argument values in, the result value out (no memory access). */
export type MathFn = (asm: Asm, args: readonly V[]) => V;
