// The vector math library's table: fusexpr op name (src/ops/registry.ts) → its f64x2 and f32x4
// builders. The emitter looks functions up here; it must not reach into the per-function files.
import type { MathFn } from './asm.js';
import { cbrt32, cbrt64 } from './cbrt.js';
import { exp2_32, exp2_64, exp32, exp64, expm1_32, expm1_64 } from './exp.js';
import { pow32, pow64 } from './pow.js';
import { COS, SIN, TAN } from './trig.js';
import { cosh32, cosh64, sinh32, sinh64, tanh32, tanh64 } from './hyperbolic.js';
import { acos32, acos64, asin32, asin64, atan2_32, atan2_64, atan32, atan64 } from './inverse.js';
import { log10_32, log10_64, log1p32, log1p64, log2_32, log2_64, log32, log64 } from './log.js';

export type { Asm, MathFn, V } from './asm.js';

export interface MathEntry {
  readonly f64?: MathFn;
  readonly f32?: MathFn;
  readonly arity: 1 | 2;
}

/**
 * What the builders ask of an Asm: i64x2 and i32x4 integer ops on float bits, i8x16 shuffles and
 * f64x2 arithmetic inside f32x4 functions (constants there come as `bits`), `ifAny` slow paths, and
 * `scalarLanes` with 'sin', 'cos' and 'tan' only (arguments beyond the vector reduction, ±inf, NaN),
 * and `gather` from tables.ts's tables (exp and exp2: the backend writes them into the memory).
 * `power` is element-wise np.power; a run-time scalar exponent (power_scalar) needs its 0.5 → sqrt
 * case first.
 */
export const MATH: Readonly<Record<string, MathEntry>> = {
  exp: { f64: exp64, f32: exp32, arity: 1 },
  exp2: { f64: exp2_64, f32: exp2_32, arity: 1 },
  expm1: { f64: expm1_64, f32: expm1_32, arity: 1 },
  log: { f64: log64, f32: log32, arity: 1 },
  log2: { f64: log2_64, f32: log2_32, arity: 1 },
  log10: { f64: log10_64, f32: log10_32, arity: 1 },
  log1p: { f64: log1p64, f32: log1p32, arity: 1 },
  sin: { ...SIN, arity: 1 },
  cos: { ...COS, arity: 1 },
  tan: { ...TAN, arity: 1 },
  sinh: { f64: sinh64, f32: sinh32, arity: 1 },
  cosh: { f64: cosh64, f32: cosh32, arity: 1 },
  tanh: { f64: tanh64, f32: tanh32, arity: 1 },
  arctan: { f64: atan64, f32: atan32, arity: 1 },
  arcsin: { f64: asin64, f32: asin32, arity: 1 },
  arccos: { f64: acos64, f32: acos32, arity: 1 },
  arctan2: { f64: atan2_64, f32: atan2_32, arity: 2 },
  cbrt: { f64: cbrt64, f32: cbrt32, arity: 1 },
  power: { f64: pow64, f32: pow32, arity: 2 },
};
