// The building blocks of the op table's implementations: each Emit is the JS expression a JIT kernel
// writes (operand code in, never user text) and the same computation as a function (constant folding
// and the closures backend), built side by side. Also each integer dtype's wraparound, so the table
// can give every int dtype NumPy's modular arithmetic from one description. Knows no op names.

import { DTYPE_INFO, INT_DTYPES, isBig, isUnsigned, type DType } from '../types/dtypes.js';
import * as H from './scalar.js';

export type Value = any; // number | bigint: the emitted code is untyped JS too
export interface Emit {
  /** The JS expression, given operand expressions. */
  readonly code: (a: readonly string[]) => string;
  /** The same computation on values. */
  readonly fn: (...a: Value[]) => Value;
}
export type Emits = Partial<Record<DType, Emit>>;

export const both = (code: Emit['code'], fn: Emit['fn']): Emit => ({ code, fn });

const BINARY_FN: Record<string, (x: Value, y: Value) => Value> = {
  '+': (x, y) => x + y, '-': (x, y) => x - y, '*': (x, y) => x * y, '/': (x, y) => x / y, '%': (x, y) => x % y,
  '&': (x, y) => x & y, '|': (x, y) => x | y, '^': (x, y) => x ^ y,
};
/** `(a op b)` */
export const bin = (op: string): Emit => both((a) => `(${a[0]} ${op} ${a[1]})`, BINARY_FN[op]!);

/** The functions generated code may call: Math's, BigInt/Number, and the scalar helpers as `H.name`. */
const CALLABLE: Record<string, (...a: Value[]) => Value> = {
  Number, BigInt,
  ...Object.fromEntries(['sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh', 'log', 'log10', 'log1p', 'log2', 'exp', 'expm1', 'sqrt', 'cbrt', 'abs', 'floor', 'ceil', 'trunc', 'sign', 'hypot', 'atan2', 'imul', 'fround'].map((m) => [`Math.${m}`, (Math as unknown as Record<string, (...a: Value[]) => Value>)[m]!])),
  ...Object.fromEntries(Object.entries(H).filter(([, f]) => typeof f === 'function').map(([k, f]) => [`H.${k}`, f as (...a: Value[]) => Value])),
};
/** `name(a, b, …)` for a whitelisted name */
export const call = (name: string): Emit => {
  const f = CALLABLE[name];
  if (!f) throw new Error(`internal: ${name} is not callable from kernels`);
  return both((a) => `${name}(${a.join(', ')})`, f);
};

/** `Math.fround(inner)`: float32 rounding after an op */
export const F = (inner: Emit): Emit => both((a) => `Math.fround(${inner.code(a)})`, (...a) => Math.fround(inner.fn(...a)));

/** `H.f16round(inner)`: float16 rounding after an op computed in float64 (only where float16 exists) */
export const F16 = (inner: Emit): Emit => both((a) => `H.f16round(${inner.code(a)})`, (...a) => H.f16round(inner.fn(...a)));

const CMP_FN: Record<string, (x: Value, y: Value) => boolean> = {
  '<': (x, y) => x < y, '<=': (x, y) => x <= y, '===': (x, y) => x === y, '!==': (x, y) => x !== y, '>=': (x, y) => x >= y, '>': (x, y) => x > y,
};
/** `(a op b ? 1 : 0)`: comparisons give bool 0/1 */
export const cmp01 = (op: string): Emit => both((a) => `(${a[0]} ${op} ${a[1]} ? 1 : 0)`, (x, y) => (CMP_FN[op]!(x, y) ? 1 : 0));
export const constant = (c: number): Emit => both(() => String(c), () => c);
export const identity: Emit = both((a) => a[0]!, (x) => x);

// ---- integer wraparound ---------------------------------------------------------------------------------

/**
 * An integer dtype's wraparound applied after `inner` (which must give an exact integer, or one exact
 * modulo 2**32 for the 32-bit types): int8 `x << 24 >> 24`, uint8 `x & 255`, int32 `x | 0`, uint32
 * `x >>> 0`, int64/uint64 `BigInt.asIntN/asUintN(64, x)`.
 */
export function wrap(d: DType, inner: Emit): Emit {
  const bits = DTYPE_INFO[d].bits;
  if (isBig(d)) {
    const f = isUnsigned(d) ? BigInt.asUintN : BigInt.asIntN;
    return both((a) => `BigInt.as${isUnsigned(d) ? 'Uint' : 'Int'}N(64, ${inner.code(a)})`, (...a) => f(64, inner.fn(...a)));
  }
  switch (d) {
    case 'int32':
      return both((a) => `(${inner.code(a)} | 0)`, (...a) => inner.fn(...a) | 0);
    case 'uint32':
      return both((a) => `(${inner.code(a)} >>> 0)`, (...a) => inner.fn(...a) >>> 0);
    case 'uint8':
    case 'uint16': {
      const m = 2 ** bits - 1;
      return both((a) => `(${inner.code(a)} & ${m})`, (...a) => inner.fn(...a) & m);
    }
    default: {
      const s = 32 - bits; // int8, int16: sign-extend the low bits
      return both((a) => `(${inner.code(a)} << ${s} >> ${s})`, (...a) => (inner.fn(...a) << s) >> s);
    }
  }
}

/** The same Emit for every integer dtype, from a function of the dtype. */
export const perInt = (f: (d: DType) => Emit | undefined): Emits => {
  const out: Emits = {};
  for (const d of INT_DTYPES) {
    const e = f(d);
    if (e) out[d] = e;
  }
  return out;
};
