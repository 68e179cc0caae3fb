// The Wasm op table: how each registry op becomes SIMD code for a dtype, in a loop of W elements per
// vector (W = 2 when float64 is involved, else 4). Values live in one representation per dtype:
// float64 f64x2; float32/int32 f32x4/i32x4 (W = 2: the low two lanes); bool an all-ones mask per
// element (W = 2: 64-bit lanes). Results match the JS emitters bit for bit; an op it cannot match
// throws Decline (the stage then runs on the JS backend).

import type { DType } from '../../types/dtypes.js';
import type { BinaryOp, V } from './math/asm.js';
import type { Body } from './body.js';
import { MATH } from './math/index.js';

/** Thrown while emitting a program the Wasm backend does not support; the message says why. */
export class Decline extends Error {}

export interface Ctx {
  readonly b: Body;
  readonly W: 2 | 4;
}

const isF = (d: DType) => d === 'float64' || d === 'float32';
const fp = (d: DType) => (d === 'float64' ? 'f64x2' : 'f32x4');

/** W = 2 keeps 32-bit values in the low lanes: a bool (64-bit lane) mask → a 32-bit lane mask, and back. */
export function narrowMask(c: Ctx, m: V): V {
  return c.W === 2 ? c.b.shuffle(m, m, [0, 1, 2, 3, 8, 9, 10, 11, 0, 1, 2, 3, 8, 9, 10, 11]) : m;
}
export function widenMask(c: Ctx, m: V): V {
  return c.W === 2 ? c.b.un('i64x2.extend_low_i32x4_s', m) : m;
}
/** A mask from a comparison of dtype d values, as a bool value. */
const maskOf = (c: Ctx, d: DType, m: V): V => (d === 'float64' ? m : widenMask(c, m));
/** A bool value as a mask usable with dtype d values. */
const maskFor = (c: Ctx, d: DType, m: V): V => (d === 'float64' || d === 'bool' ? m : narrowMask(c, m));

/** Every element = value, in dtype d's representation. */
export function splatConst(c: Ctx, d: DType, value: number | bigint): V {
  const v = Number(value);
  switch (d) {
    case 'float64':
      return c.b.constBytes([...new Uint8Array(Float64Array.of(v, v).buffer)]);
    case 'float32':
      return c.b.constBytes([...new Uint8Array(Float32Array.of(v, v, v, v).buffer)]);
    case 'int32':
      return c.b.constBytes([...new Uint8Array(Int32Array.of(v, v, v, v).buffer)]);
    case 'bool':
      return c.b.constBytes(new Array<number>(16).fill(v ? 0xff : 0));
    default:
      throw new Decline(`${d} values`);
  }
}
const ones = (c: Ctx) => splatConst(c, 'bool', 1);
const zeros = (c: Ctx) => splatConst(c, 'bool', 0);

const CMP: Record<string, [string, string, string]> = {
  // registry name: float op, int32 op, bool recipe
  less: ['lt', 'lt_s', 'lt'], less_equal: ['le', 'le_s', 'le'], equal: ['eq', 'eq', 'eq'],
  not_equal: ['ne', 'ne', 'ne'], greater_equal: ['ge', 'ge_s', 'ge'], greater: ['gt', 'gt_s', 'gt'],
};

function compare(c: Ctx, op: string, d: DType, a: V, b: V): V {
  const [f, i, k] = CMP[op]!;
  const B = c.b;
  if (isF(d)) return maskOf(c, d, B.bin(`${fp(d)}.${f}` as BinaryOp, a, b));
  if (d === 'int32') return widenMask(c, B.bin(`i32x4.${i}` as BinaryOp, a, b));
  // bool masks: a < b is ~a & b
  const eq = c.W === 2 ? 'i64x2.eq' : 'i32x4.eq';
  switch (k) {
    case 'eq': return B.bin(eq, a, b);
    case 'ne': return B.un('v128.not', B.bin(eq, a, b));
    case 'lt': return B.bin('v128.andnot', b, a);
    case 'gt': return B.bin('v128.andnot', a, b);
    case 'le': return B.un('v128.not', B.bin('v128.andnot', a, b));
    default: return B.un('v128.not', B.bin('v128.andnot', b, a));
  }
}

/** numpy's minimum/maximum as H.minimum: `a <= b || a !== a ? a : b` (nan-propagating). */
function minmax(c: Ctx, min: boolean, d: DType, a: V, b: V): V {
  const B = c.b;
  if (isF(d)) {
    const P = fp(d);
    const m = B.bin('v128.or', B.bin(`${P}.${min ? 'le' : 'ge'}` as BinaryOp, a, b), B.bin(`${P}.ne` as BinaryOp, a, a));
    return B.select(m, a, b);
  }
  if (d === 'int32') return B.bin(min ? 'i32x4.min_s' : 'i32x4.max_s', a, b);
  return B.bin(min ? 'v128.and' : 'v128.or', a, b);
}

/** The sign bit as H.signbit: x < 0, or x is -0 (not for nan). In dtype d's own lanes. */
function negative(c: Ctx, d: DType, x: V): V {
  const B = c.b;
  const P = fp(d);
  const zero = splatConst(c, d, 0);
  const signSet = B.bin(d === 'float64' ? 'i64x2.lt_s' : 'i32x4.lt_s', x, splatConst(c, d === 'float64' ? 'float64' : 'int32', 0));
  return B.bin('v128.or', B.bin(`${P}.lt` as BinaryOp, x, zero), B.bin('v128.and', B.bin(`${P}.eq` as BinaryOp, x, zero), signSet));
}

function cast(c: Ctx, to: DType, from: DType, x: V): V {
  const B = c.b;
  if (to === from) return x;
  switch (to) {
    case 'float64':
      if (from === 'float32') return B.un('f64x2.promote_low_f32x4', x);
      if (from === 'int32') return B.un('f64x2.convert_low_i32x4_s', x);
      if (from === 'bool') return B.bin('v128.and', x, splatConst(c, 'float64', 1));
      break;
    case 'float32':
      if (from === 'float64') return B.un('f32x4.demote_f64x2_zero', x);
      if (from === 'int32') return B.un('f32x4.convert_i32x4_s', x);
      if (from === 'bool') return B.bin('v128.and', narrowMask(c, x), splatConst(c, 'float32', 1));
      break;
    case 'int32': {
      if (from === 'bool') return B.bin('v128.and', narrowMask(c, x), splatConst(c, 'int32', 1));
      // H.toInt32: truncate inside (-2**31 - 1, 2**31), else INT32_MIN (nan included), as numpy on x86
      if (from === 'float64') {
        const inRange = B.bin('v128.and', B.bin('f64x2.gt', x, splatConst(c, 'float64', -2147483649)), B.bin('f64x2.lt', x, splatConst(c, 'float64', 2147483648)));
        return B.select(narrowMask(c, inRange), B.un('i32x4.trunc_sat_f64x2_s_zero', x), splatConst(c, 'int32', -2147483648));
      }
      if (from === 'float32') {
        const inRange = B.bin('v128.and', B.bin('f32x4.ge', x, splatConst(c, 'float32', -2147483648)), B.bin('f32x4.lt', x, splatConst(c, 'float32', 2147483648)));
        return B.select(inRange, B.un('i32x4.trunc_sat_f32x4_s', x), splatConst(c, 'int32', -2147483648));
      }
      break;
    }
    case 'bool':
      if (isF(from)) return maskOf(c, from, B.bin(`${fp(from)}.ne` as BinaryOp, x, splatConst(c, from, 0)));
      if (from === 'int32') return widenMask(c, B.bin('i32x4.ne', x, splatConst(c, 'int32', 0)));
      break;
  }
  throw new Decline(`cast ${from} → ${to}`);
}

/**
 * SIMD code for one instruction: `op` over operands of dtype `d` (the instruction's operandDtype),
 * giving a value of dtype `to`. Throws Decline for what the backend leaves to JS.
 */
export function emitOp(c: Ctx, op: string, d: DType, to: DType, a: readonly V[]): V {
  const B = c.b;
  const [x, y, z] = a as [V, V, V];
  const P = fp(d);
  const F = isF(d);
  const I = d === 'int32';
  const L = d === 'bool';
  const float = (name: string) => B.bin(`${P}.${name}` as BinaryOp, x, y);
  // the vector math library (math/index.ts): straight-line SIMD within 2 ulp, not Math.*'s bits
  const math = F ? MATH[op] : undefined;
  const fn = math && (d === 'float64' ? math.f64 : math.f32);
  if (fn) return fn(B.view(P), a.slice(0, math!.arity));
  switch (op) {
    case 'add':
      if (F) return float('add');
      if (I) return B.bin('i32x4.add', x, y);
      if (L) return B.bin('v128.or', x, y);
      break;
    case 'subtract':
      if (F) return float('sub');
      if (I) return B.bin('i32x4.sub', x, y);
      break;
    case 'multiply':
      if (F) return float('mul');
      if (I) return B.bin('i32x4.mul', x, y); // Math.imul: the low 32 bits
      if (L) return B.bin('v128.and', x, y);
      break;
    case 'true_divide':
      if (F) return float('div');
      break;
    case 'negative':
      if (F) return B.un(`${P}.neg`, x);
      if (I) return B.un('i32x4.neg', x);
      break;
    case 'positive':
      return x;
    case 'invert':
      if (I || L) return B.un('v128.not', x);
      break;
    case 'bitwise_and':
    case 'bitwise_or':
    case 'bitwise_xor':
      if (I || L) return B.bin(op === 'bitwise_and' ? 'v128.and' : op === 'bitwise_or' ? 'v128.or' : 'v128.xor', x, y);
      break;
    case 'less': case 'less_equal': case 'equal': case 'not_equal': case 'greater_equal': case 'greater':
      if (d === 'int64') break;
      return compare(c, op, d, x, y);
    case 'where':
      if (d === 'int64') break;
      return B.select(maskFor(c, d, x), y, z);
    case 'abs':
      if (F) return B.un(`${P}.abs`, x);
      if (I) return B.un('i32x4.abs', x);
      if (L) return x;
      break;
    case 'floor': case 'ceil': case 'trunc': case 'round':
      if (F) return B.un(`${P}.${op === 'round' ? 'nearest' : op}`, x);
      if (I || L) return x;
      break;
    case 'sqrt':
      if (F) return B.un(`${P}.sqrt`, x);
      break;
    case 'pow_half':
      // H.powHalf: sqrt(x) + 0 (so -0 gives +0), and +inf at -inf
      if (F) return B.select(float2(c, d, 'eq', x, splatConst(c, d, -Infinity)), splatConst(c, d, Infinity), B.bin(`${P}.add` as BinaryOp, B.un(`${P}.sqrt`, x), splatConst(c, d, 0)));
      break;
    case 'minimum':
    case 'maximum':
      if (d === 'int64') break;
      return minmax(c, op === 'minimum', d, x, y);
    case 'clip':
      if (d === 'int64') break;
      return minmax(c, true, d, minmax(c, false, d, x, y), z);
    case 'isnan':
      if (F) return maskOf(c, d, B.bin(`${P}.ne` as BinaryOp, x, x));
      if (I || L) return zeros(c);
      break;
    case 'isinf':
      if (F) return maskOf(c, d, B.bin(`${P}.eq` as BinaryOp, B.un(`${P}.abs`, x), splatConst(c, d, Infinity)));
      if (I || L) return zeros(c);
      break;
    case 'isfinite':
      if (F) return maskOf(c, d, B.bin(`${P}.eq` as BinaryOp, B.bin(`${P}.sub` as BinaryOp, x, x), splatConst(c, d, 0)));
      if (I || L) return ones(c);
      break;
    case 'signbit':
      if (F) return maskOf(c, d, negative(c, d, x));
      if (I) return widenMask(c, B.bin('i32x4.lt_s', x, splatConst(c, 'int32', 0)));
      if (L) return zeros(c);
      break;
    case 'copysign':
      if (F) {
        const m = B.un(`${P}.abs`, x);
        return B.select(negative(c, d, y), B.un(`${P}.neg`, m), m);
      }
      break;
    case 'float64': case 'float32': case 'int32': case 'bool':
      return cast(c, to, d, x);
  }
  throw new Decline(`${op} on ${d}`);
}

const float2 = (c: Ctx, d: DType, name: string, a: V, b: V): V => c.b.bin(`${fp(d)}.${name}` as BinaryOp, a, b);
