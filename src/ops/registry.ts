// THE op table: every operator, function, cast and reduction, with its aliases, arity, dtype rule and
// implementation. Adding a function is one entry here plus its rows in the tests. Each implementation
// is an Emit: the JS expression the JIT writes (operand code in, never user text) and the same
// computation as a function (constant folding and the closures backend, where `new Function` is
// banned). Both are built side by side from one description, by the combinators in emitters.ts (per int
// dtype, its wraparound) and the helpers in scalar.ts.

import { DType, DTYPES, HAS_FLOAT16, TypeInfo, isBig, isFloat, isInt, isUnsigned, isComplex, kindOf, partOf, complexOf, promoteAll, bitsOf } from '../types/dtypes.js';
import * as H from './scalar.js';
import { type Emit, type Emits, type Value, both, bin, call, F, F16, cmp01, constant, identity, wrap, perInt } from './emitters.js';

export type { Emit } from './emitters.js';

export interface Resolved {
  /** The dtype each argument is cast to before the op runs. */
  readonly operands: readonly DType[];
  readonly result: DType;
}

export interface OpDef {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly syntax: 'binary' | 'unary' | 'function' | 'cast' | 'reduction' | 'internal';
  /** The operator's spelling, for binary/unary ops. */
  readonly symbol?: string;
  readonly arity: number;
  /** The operand and result dtypes, or a message saying why these argument types are rejected. */
  readonly resolve: (args: readonly TypeInfo[]) => Resolved | string;
  /** JS emitters keyed by the (common) operand dtype; a missing key means the rule never produces it. */
  readonly emit: Emits;
  /**
   * Python-int semantics (arbitrary precision) where the int64 emitter wraps: bind folds arithmetic on
   * weak integer literals with it. Every other op's int64 function is already exact on any bigint.
   */
  readonly exact?: (...a: bigint[]) => bigint;
  /**
   * The imaginary part of a complex helper (c_exp_im): `re` is its real part's op, whose call leaves
   * both parts behind (ops/complex.ts's P); right after it on the same operands, `emit` reads the
   * imaginary part instead of calling again (plan/joinComplex.ts puts the two side by side).
   */
  readonly twin?: { readonly re: string; readonly emit: Emits };
  /**
   * Calls a large scalar helper (ops/complex.ts): flat kernels holding it are not unrolled, as four
   * inlined copies no longer inline (bench/complex.ts: exp(z) and abs(z) 1.6-1.9× slower unrolled).
   */
  readonly bulky?: true;
  /** One line for docs. (Every op is a pure function of its arguments: CSE and folding rely on it.) */
  readonly doc: string;
}

// ---- dtype rules --------------------------------------------------------------------------------------

const same = (t: DType, n: number): DType[] => new Array<DType>(n).fill(t);

/** Promote all arguments to one dtype; bool optionally replaced (bool // bool computes in int8, as numpy's loops). */
function promoted(boolAs?: DType | 'reject', rejectMsg?: string) {
  return (args: readonly TypeInfo[]): Resolved | string => {
    let t = promoteAll(args).dtype;
    if (t === 'bool' && boolAs) {
      if (boolAs === 'reject') return rejectMsg ?? 'not supported for bool';
      t = boolAs;
    }
    return { operands: same(t, args.length), result: t };
  };
}

/** True division: ints and bools divide in float64 (numpy's loops). */
function floating(args: readonly TypeInfo[]): Resolved {
  let t = promoteAll(args).dtype;
  if (!isFloat(t) && !isComplex(t)) t = 'float64';
  return { operands: same(t, args.length), result: t };
}

/**
 * Float functions (sin, sqrt, hypot…): ints compute in the smallest float that holds them, as numpy's
 * loops: int16/uint16 in float32, wider ints in float64, bool and int8/uint8 in float16. Where the
 * engine has no float16 (HAS_FLOAT16), int8/uint8 compute in float32 and bool in float64.
 */
function floatMath(args: readonly TypeInfo[]): Resolved {
  let t = promoteAll(args).dtype;
  if (!isFloat(t) && !isComplex(t)) {
    // NumPy takes the first float loop every array casts to safely, not the float of the promoted
    // int: arctan2(int8, uint16) is float32 (int32 would say float64). Weak scalars do not vote.
    const strong = args.filter((a) => !a.weak);
    t = t !== 'bool' && strong.length > 1 ? strong.map((a) => floatOfInt(a.dtype)).reduce((x, y) => (bitsOf(x) >= bitsOf(y) ? x : y)) : floatOfInt(t, true);
  }
  return { operands: same(t, args.length), result: t };
}

/** The smallest float an int or bool casts to safely (bool: float64 alone, where float16 is missing). */
function floatOfInt(t: DType, alone = false): DType {
  if (HAS_FLOAT16 && (t === 'bool' || bitsOf(t) <= 8)) return 'float16';
  if (t === 'bool') return alone ? 'float64' : 'float32';
  return bitsOf(t) > 16 ? 'float64' : 'float32';
}

/** Bool/int only (bitwise and shifts); floats are a type error, as in numpy. */
function integral(boolAs?: DType) {
  return (args: readonly TypeInfo[]): Resolved | string => {
    let t = promoteAll(args).dtype;
    if (isFloat(t)) return `not supported for ${t} operands (bool and integer only)`;
    if (t === 'bool' && boolAs) t = boolAs;
    return { operands: same(t, args.length), result: t };
  };
}

/**
 * Comparisons in the promoted dtype, except a signed int with uint64, which NumPy compares exactly
 * (its qQ loops) where promotion would say float64: both are bigints here, compared as they are.
 */
function comparison(args: readonly TypeInfo[]): Resolved {
  const t = promoteAll(args).dtype;
  const [a, b] = args as [TypeInfo, TypeInfo];
  if (t === 'float64' && !a.weak && !b.weak && isInt(a.dtype) && isInt(b.dtype)) {
    const wide = (d: DType): DType => (isUnsigned(d) ? 'uint64' : 'int64');
    return { operands: [wide(a.dtype), wide(b.dtype)], result: 'bool' };
  }
  return { operands: same(t, 2), result: 'bool' };
}

function predicate(args: readonly TypeInfo[]): Resolved {
  return { operands: [args[0]!.dtype], result: 'bool' };
}

function keepDtype(args: readonly TypeInfo[]): Resolved {
  return { operands: [args[0]!.dtype], result: args[0]!.dtype };
}

/** real, imag, abs: a complex operand gives its parts' dtype; a real one keeps its own. */
function toReal(args: readonly TypeInfo[]): Resolved {
  const d = args[0]!.dtype;
  return { operands: [d], result: isComplex(d) ? partOf(d) : d };
}

/** complex(re, im): two real parts → complex64 for float32 parts, else complex128. */
function makeComplex(args: readonly TypeInfo[]): Resolved | string {
  const t = promoteAll(args).dtype;
  if (isComplex(t)) return 'takes real parts, not complex ones';
  const result = complexOf(t);
  return { operands: [partOf(result), partOf(result)], result };
}

// ---- emitters shared by several entries ---------------------------------------------------------------

const floatFn = (fn: string): Emits => ({
  float64: call(fn),
  float32: F(call(fn)),
});

function mathUnary(name: string, fn: string, doc: string, aliases: string[] = []): OpDef {
  return { name, aliases, syntax: 'function', arity: 1, resolve: floatMath, emit: floatFn(fn), doc };
}

/** The same emitter for every dtype. */
const forAll = (e: Emit): Emits => Object.fromEntries(DTYPES.map((d) => [d, e]));
const cmp = (op: string): Emits => forAll(cmp01(op));

const INT_MIN: Emit = both((a) => `(${a[0]} <= ${a[1]} ? ${a[0]} : ${a[1]})`, (x, y) => (x <= y ? x : y));
const INT_MAX: Emit = both((a) => `(${a[0]} >= ${a[1]} ? ${a[0]} : ${a[1]})`, (x, y) => (x >= y ? x : y));
const IS_NAN: Emit = both((a) => `(${a[0]} !== ${a[0]} ? 1 : 0)`, (x) => (x !== x ? 1 : 0));
const IS_INF: Emit = both((a) => `(Math.abs(${a[0]}) === Infinity ? 1 : 0)`, (x) => (Math.abs(x) === Infinity ? 1 : 0));
const IS_FINITE: Emit = both((a) => `(${a[0]} - ${a[0]} === 0 ? 1 : 0)`, (x) => (x - x === 0 ? 1 : 0));
const NONZERO: Emit = both((a) => `(${a[0]} !== 0 ? 1 : 0)`, (x) => (x !== 0 ? 1 : 0));
const NONZERO_BIG: Emit = both((a) => `(${a[0]} !== 0n ? 1 : 0)`, (x) => (x !== 0n ? 1 : 0));
const NEG: Emit = both((a) => `(-${a[0]})`, (x) => -x);
const NOT: Emit = both((a) => `(~${a[0]})`, (x) => ~x);
const NEGATIVE_BIT: Emit = both((a) => `(${a[0]} < 0 ? 1 : 0)`, (x) => (x < 0 ? 1 : 0));

/** `H.fn(a, b, <bits>)`: a helper that takes the operand width as a constant third argument. */
const withWidth = (fn: string, w: number): Emit => {
  const f = (H as unknown as Record<string, (...a: Value[]) => Value>)[fn]!;
  return both((a) => `H.${fn}(${a[0]}, ${a[1]}, ${w})`, (x, y) => f(x, y, w));
};

/** Integer emitters of the arithmetic operators, per int dtype (each wraps to its width, as numpy). */
const INT = {
  add: perInt((d) => wrap(d, bin('+'))),
  subtract: perInt((d) => wrap(d, bin('-'))),
  // exact products below 2**53 wrap directly; 32-bit ones multiply modulo 2**32 (imul)
  multiply: perInt((d) => (d === 'int32' ? call('Math.imul') : d === 'uint32' ? wrap(d, call('Math.imul')) : wrap(d, bin('*')))),
  floor_divide: perInt((d) => (isBig(d) ? call(isUnsigned(d) ? 'H.floordivU64' : 'H.floordiv64') : isUnsigned(d) ? call('H.floordivU') : d === 'int32' ? call('H.floordiv32') : wrap(d, call('H.floordiv32')))),
  remainder: perInt((d) => call(isBig(d) ? (isUnsigned(d) ? 'H.modU64' : 'H.mod64') : isUnsigned(d) ? 'H.modU' : 'H.mod32')),
  fmod: perInt((d) => call(isBig(d) ? (isUnsigned(d) ? 'H.modU64' : 'H.fmod64') : isUnsigned(d) ? 'H.modU' : 'H.fmod32')),
  power: perInt((d) => (isBig(d) ? call(isUnsigned(d) ? 'H.ipowU64' : 'H.ipow64') : d === 'int32' ? call('H.ipow32') : wrap(d, call('H.ipow32')))),
  left_shift: perInt((d) => (isBig(d) ? call(isUnsigned(d) ? 'H.shlU64' : 'H.shl64') : d === 'int32' ? call('H.shl32') : wrap(d, withWidth('shl', bitsOf(d))))),
  right_shift: perInt((d) => (isBig(d) ? call(isUnsigned(d) ? 'H.shrU64' : 'H.shr64') : d === 'int32' ? call('H.shr32') : withWidth(isUnsigned(d) ? 'shrU' : 'shrS', bitsOf(d)))),
  // uint32's bit ops give int32 bit patterns: back to unsigned
  bitwise: (op: string) => perInt((d) => (d === 'uint32' ? wrap(d, bin(op)) : bin(op))),
  negative: perInt((d) => wrap(d, NEG)),
  invert: perInt((d) => (isUnsigned(d) ? (d === 'uint64' ? both((a) => `(${a[0]} ^ 18446744073709551615n)`, (x) => x ^ 18446744073709551615n) : wrap(d, NOT)) : NOT)),
  abs: perInt((d) => (isUnsigned(d) ? identity : isBig(d) ? call('H.abs64') : wrap(d, call('Math.abs')))),
  sign: perInt((d) => (isBig(d) ? (isUnsigned(d) ? both((a) => `(${a[0]} > 0n ? 1n : 0n)`, (x) => (x > 0n ? 1n : 0n)) : call('H.sign64')) : isUnsigned(d) ? both((a) => `(${a[0]} > 0 ? 1 : 0)`, (x) => (x > 0 ? 1 : 0)) : call('Math.sign'))),
  minimum: perInt(() => INT_MIN),
  maximum: perInt(() => INT_MAX),
  same: perInt(() => identity),
  signbit: perInt((d) => (isUnsigned(d) ? constant(0) : isBig(d) ? both((a) => `(${a[0]} < 0n ? 1 : 0)`, (x) => (x < 0n ? 1 : 0)) : NEGATIVE_BIT)),
};

/** Where a weak (Python) int meets an int operand: checked to fit (NEP 50), one op per int dtype. */
const INT_FITS = DTYPES.filter(isInt);

/** One emitter for every real dtype. */
const sameForReal = (e: Emit): Partial<Record<DType, Emit>> => forAll(e);
/** A float64 computation, rounded to float32 for complex64 parts. */
const floatPair = (e: Emit): Partial<Record<DType, Emit>> => ({ float64: e, float32: F(e) });

/** The complex functions (numpy names) and their scalar helpers in ops/complex.ts (`H.<helper>Re/Im`). */
export const COMPLEX_HELPER: Readonly<Record<string, string>> = {
  exp: 'cexp', log: 'clog', log10: 'clog10', sqrt: 'csqrt', expm1: 'cexpm1', log1p: 'clog1p',
  sin: 'csin', cos: 'ccos', tan: 'ctan', sinh: 'csinh', cosh: 'ccosh', tanh: 'ctanh',
  arcsin: 'casin', arccos: 'cacos', arctan: 'catan', arcsinh: 'casinh', arccosh: 'cacosh', arctanh: 'catanh',
  sign: 'csign', log2: 'clog2', exp2: 'cexp2', // ops/complexExtra.ts
  reciprocal: 'creciprocal', // internal: numpy's z ** -1
};
/** complex64 helpers that are not the float64 ones rounded (ops/complexExtra.ts). */
const COMPLEX_F32: Readonly<Record<string, string>> = { csign: 'csignF32', cexp2: 'cexp2F32' };

/** An Im part's twin: its Re op, and the read of the part that op's helper call left behind. */
const twinOf = (op: string, part: 'Re' | 'Im'): Pick<OpDef, 'twin'> => (part === 'Im' ? { twin: { re: `${op}_re`, emit: floatPair(call('H.cLastIm')) } } : {});

// ---- the table -------------------------------------------------------------------------------------------

const OPS: OpDef[] = [
  // arithmetic operators
  {
    name: 'add', aliases: [], syntax: 'binary', symbol: '+', arity: 2, resolve: promoted(),
    emit: { bool: bin('|'), ...INT.add, float32: F(bin('+')), float64: bin('+') }, exact: H.addExact,
    doc: 'addition (bool + bool is logical or, as in numpy)',
  },
  {
    name: 'subtract', aliases: [], syntax: 'binary', symbol: '-', arity: 2,
    resolve: promoted('reject', 'boolean subtract is not supported (numpy); use ^ or ~'),
    emit: { ...INT.subtract, float32: F(bin('-')), float64: bin('-') }, exact: H.subtractExact,
    doc: 'subtraction',
  },
  {
    name: 'multiply', aliases: [], syntax: 'binary', symbol: '*', arity: 2, resolve: promoted(),
    emit: { bool: bin('&'), ...INT.multiply, float32: F(bin('*')), float64: bin('*') }, exact: H.multiplyExact,
    doc: 'multiplication (bool * bool is logical and)',
  },
  {
    name: 'true_divide', aliases: [], syntax: 'binary', symbol: '/', arity: 2, resolve: floating,
    emit: { float32: F(bin('/')), float64: bin('/') },
    doc: 'true division; integers divide in float64',
  },
  {
    name: 'floor_divide', aliases: [], syntax: 'binary', symbol: '//', arity: 2, resolve: promoted('int8'),
    emit: { ...INT.floor_divide, float32: call('H.floordivF32'), float64: call('H.floordiv') }, exact: H.floordivExact,
    doc: 'floor division; integer division by zero gives 0',
  },
  {
    name: 'remainder', aliases: ['mod'], syntax: 'binary', symbol: '%', arity: 2, resolve: promoted('int8'),
    emit: { ...INT.remainder, float32: F(call('H.mod')), float64: call('H.mod') },
    doc: "remainder with the divisor's sign; integer x % 0 gives 0",
  },
  {
    name: 'power', aliases: ['pow'], syntax: 'binary', symbol: '**', arity: 2, resolve: promoted('int8'),
    emit: { ...INT.power, float32: F(call('H.pow')), float64: call('H.pow') }, exact: H.powExact,
    doc: 'power; integer ** negative integer is an error',
  },
  // internal, chosen by bind for a float power whose exponent is a scalar known only at run time:
  // numpy's power takes a sqrt fast path when that scalar is 0.5
  {
    name: 'power_scalar', aliases: [], syntax: 'internal', arity: 2, resolve: promoted('int8'),
    emit: { float32: F(call('H.powScalar')), float64: call('H.powScalar') },
    doc: 'power with a run-time scalar exponent',
  },
  // internal, chosen by bind for a complex power whose exponent is a Python int known only at run time
  // (numpy's fast paths: 2 is square, -1 the reciprocal); only complex values take it (splitComplex)
  { name: 'power_scalar_int', aliases: [], syntax: 'internal', arity: 2, resolve: promoted('int8'), emit: {}, doc: 'complex power with a run-time Python int exponent' },
  // comparisons
  { name: 'less', aliases: [], syntax: 'binary', symbol: '<', arity: 2, resolve: comparison, emit: cmp('<'), doc: 'a < b' },
  { name: 'less_equal', aliases: [], syntax: 'binary', symbol: '<=', arity: 2, resolve: comparison, emit: cmp('<='), doc: 'a <= b' },
  { name: 'equal', aliases: [], syntax: 'binary', symbol: '==', arity: 2, resolve: comparison, emit: cmp('==='), doc: 'a == b' },
  { name: 'not_equal', aliases: [], syntax: 'binary', symbol: '!=', arity: 2, resolve: comparison, emit: cmp('!=='), doc: 'a != b' },
  { name: 'greater_equal', aliases: [], syntax: 'binary', symbol: '>=', arity: 2, resolve: comparison, emit: cmp('>='), doc: 'a >= b' },
  { name: 'greater', aliases: [], syntax: 'binary', symbol: '>', arity: 2, resolve: comparison, emit: cmp('>'), doc: 'a > b' },
  // bitwise / logical
  { name: 'bitwise_and', aliases: [], syntax: 'binary', symbol: '&', arity: 2, resolve: integral(), emit: { bool: bin('&'), ...INT.bitwise('&') }, doc: 'logical and on bool, bitwise and on ints' },
  { name: 'bitwise_or', aliases: [], syntax: 'binary', symbol: '|', arity: 2, resolve: integral(), emit: { bool: bin('|'), ...INT.bitwise('|') }, doc: 'logical or on bool, bitwise or on ints' },
  { name: 'bitwise_xor', aliases: [], syntax: 'binary', symbol: '^', arity: 2, resolve: integral(), emit: { bool: bin('^'), ...INT.bitwise('^') }, doc: 'logical xor on bool, bitwise xor on ints' },
  { name: 'left_shift', aliases: [], syntax: 'binary', symbol: '<<', arity: 2, resolve: integral('int8'), emit: INT.left_shift, exact: H.shlExact, doc: 'a << b; shifts of ≥ the width give 0' },
  { name: 'right_shift', aliases: [], syntax: 'binary', symbol: '>>', arity: 2, resolve: integral('int8'), emit: INT.right_shift, exact: H.shrExact, doc: 'arithmetic a >> b' },
  // unary operators
  {
    name: 'negative', aliases: [], syntax: 'unary', symbol: '-', arity: 1,
    resolve: (args) => (args[0]!.dtype === 'bool' ? 'boolean negative is not supported (numpy); use ~' : keepDtype(args)),
    emit: { ...INT.negative, float32: NEG, float64: NEG }, exact: H.negativeExact,
    doc: '-a',
  },
  { name: 'positive', aliases: [], syntax: 'unary', symbol: '+', arity: 1, resolve: keepDtype, emit: forAll(identity), doc: '+a' },
  {
    name: 'invert', aliases: [], syntax: 'unary', symbol: '~', arity: 1,
    resolve: (args) => (isFloat(args[0]!.dtype) ? `not supported for ${args[0]!.dtype} operands (bool and integer only)` : keepDtype(args)),
    emit: { bool: both((a) => `(${a[0]} ^ 1)`, (x) => x ^ 1), ...INT.invert },
    doc: 'logical not on bool, bitwise not on ints',
  },
  // elementwise functions
  {
    name: 'where', aliases: [], syntax: 'function', arity: 3,
    resolve: (args) => {
      const b = promoteAll(args.slice(1));
      // where(m, 1, 0): two Python ints that fit become int32, as numexpr's (NumPy: int64)
      const t = !args[0]!.weak && b.weak && b.small ? 'int32' : b.dtype;
      return { operands: ['bool', t, t], result: t };
    },
    emit: forAll(both((a) => `(${a[0]} ? ${a[1]} : ${a[2]})`, (c, x, y) => (c ? x : y))),
    doc: 'where(cond, a, b): a where cond is true, else b (two integer literals that fit: int32)',
  },
  mathUnary('sin', 'Math.sin', 'sine'),
  mathUnary('cos', 'Math.cos', 'cosine'),
  mathUnary('tan', 'Math.tan', 'tangent'),
  mathUnary('arcsin', 'Math.asin', 'inverse sine', ['asin']),
  mathUnary('arccos', 'Math.acos', 'inverse cosine', ['acos']),
  mathUnary('arctan', 'Math.atan', 'inverse tangent', ['atan']),
  mathUnary('sinh', 'Math.sinh', 'hyperbolic sine'),
  mathUnary('cosh', 'Math.cosh', 'hyperbolic cosine'),
  mathUnary('tanh', 'Math.tanh', 'hyperbolic tangent'),
  mathUnary('arcsinh', 'Math.asinh', 'inverse hyperbolic sine', ['asinh']),
  mathUnary('arccosh', 'Math.acosh', 'inverse hyperbolic cosine', ['acosh']),
  mathUnary('arctanh', 'Math.atanh', 'inverse hyperbolic tangent', ['atanh']),
  mathUnary('log', 'Math.log', 'natural logarithm'),
  mathUnary('log10', 'Math.log10', 'base-10 logarithm'),
  mathUnary('log1p', 'Math.log1p', 'log(1 + x), accurate near 0'),
  mathUnary('log2', 'Math.log2', 'base-2 logarithm'),
  mathUnary('exp', 'Math.exp', 'e ** x'),
  mathUnary('expm1', 'Math.expm1', 'exp(x) - 1, accurate near 0'),
  mathUnary('exp2', 'H.exp2', '2 ** x'),
  mathUnary('sqrt', 'Math.sqrt', 'square root'),
  mathUnary('cbrt', 'Math.cbrt', 'cube root'),
  {
    name: 'abs', aliases: ['absolute'], syntax: 'function', arity: 1, resolve: toReal,
    emit: { bool: identity, ...INT.abs, float32: call('Math.abs'), float64: call('Math.abs') }, exact: H.absExact,
    doc: 'absolute value (int32 abs(INT32_MIN) wraps, as in numpy)',
  },
  ...(['floor', 'ceil', 'trunc'] as const).map(
    (fn): OpDef => ({
      name: fn, aliases: [], syntax: 'function', arity: 1, resolve: keepDtype,
      emit: { bool: identity, ...INT.same, float32: call(`Math.${fn}`), float64: call(`Math.${fn}`) },
      doc: `${fn}; integer input is returned unchanged, keeping its dtype`,
    }),
  ),
  {
    name: 'round', aliases: ['rint'], syntax: 'function', arity: 1, resolve: keepDtype,
    emit: { bool: identity, ...INT.same, float32: call('H.round'), float64: call('H.round') },
    doc: 'round half to even, like numpy',
  },
  {
    name: 'sign', aliases: [], syntax: 'function', arity: 1, resolve: promoted('reject', 'not supported for bool (numpy has no bool loop)'),
    emit: { ...INT.sign, float32: call('H.sign'), float64: call('H.sign') },
    doc: 'sign: -1, 0 or 1 (nan stays nan)',
  },
  {
    name: 'fmod', aliases: [], syntax: 'function', arity: 2, resolve: promoted('int8'),
    emit: { ...INT.fmod, float32: bin('%'), float64: bin('%') },
    doc: "C fmod: remainder with the dividend's sign",
  },
  { name: 'hypot', aliases: [], syntax: 'function', arity: 2, resolve: floatMath, emit: floatFn('Math.hypot'), doc: 'sqrt(a**2 + b**2) without overflow' },
  { name: 'arctan2', aliases: ['atan2'], syntax: 'function', arity: 2, resolve: floatMath, emit: floatFn('Math.atan2'), doc: 'arctan2(y, x): angle of (x, y)' },
  { name: 'copysign', aliases: [], syntax: 'function', arity: 2, resolve: floatMath, emit: { float32: call('H.copysign'), float64: call('H.copysign') }, doc: 'magnitude of a with the sign of b' },
  ...(['minimum', 'maximum'] as const).map(
    (fn): OpDef => ({
      name: fn, aliases: [], syntax: 'function', arity: 2, resolve: promoted(),
      emit: {
        bool: bin(fn === 'minimum' ? '&' : '|'),
        ...(fn === 'minimum' ? INT.minimum : INT.maximum),
        float32: call(`H.${fn}`),
        float64: call(`H.${fn}`),
      },
      doc: `elementwise ${fn}, nan-propagating (also min/max with two arguments)`,
    }),
  ),
  {
    name: 'clip', aliases: [], syntax: 'function', arity: 3, resolve: promoted(),
    emit: { bool: call('H.clipInt'), ...perInt(() => call('H.clipInt')), float32: call('H.clip'), float64: call('H.clip') },
    doc: 'clip(x, lo, hi) = minimum(maximum(x, lo), hi)',
  },
  {
    name: 'isnan', aliases: [], syntax: 'function', arity: 1, resolve: predicate,
    emit: { bool: constant(0), ...perInt(() => constant(0)), float32: IS_NAN, float64: IS_NAN },
    doc: 'true where x is nan',
  },
  {
    name: 'isinf', aliases: [], syntax: 'function', arity: 1, resolve: predicate,
    emit: { bool: constant(0), ...perInt(() => constant(0)), float32: IS_INF, float64: IS_INF },
    doc: 'true where x is ±inf',
  },
  {
    name: 'isfinite', aliases: [], syntax: 'function', arity: 1, resolve: predicate,
    emit: { bool: constant(1), ...perInt(() => constant(1)), float32: IS_FINITE, float64: IS_FINITE },
    doc: 'true where x is neither nan nor ±inf',
  },
  {
    name: 'signbit', aliases: [], syntax: 'function', arity: 1, resolve: predicate,
    emit: { bool: constant(0), ...INT.signbit, float32: call('H.signbit'), float64: call('H.signbit') },
    doc: 'true where the sign bit is set (-0 included)',
  },
  // complex numbers: on real operands these are numpy's too (imag of a real is 0, angle is 0 or pi);
  // on complex ones plan/splitComplex.ts rewrites them into real ops on the parts
  { name: 'real', aliases: [], syntax: 'function', arity: 1, resolve: toReal, emit: sameForReal(identity), doc: 'real part (a real operand is returned as is)' },
  { name: 'imag', aliases: [], syntax: 'function', arity: 1, resolve: toReal, emit: { ...sameForReal(constant(0)), int64: both(() => '0n', () => 0n), uint64: both(() => '0n', () => 0n) }, doc: 'imaginary part (0 for a real operand)' },
  // np.conjugate has no bool loop: a bool operand takes its int8 one ('b->b'), as NumPy's
  { name: 'conj', aliases: ['conjugate'], syntax: 'function', arity: 1, resolve: (args) => (args[0]!.dtype === 'bool' ? { operands: ['int8'], result: 'int8' } : keepDtype(args)), emit: sameForReal(identity), doc: 'complex conjugate' },
  {
    // np.angle of a real x is arctan2(0, x) (a weak 0): int8/uint8 are float16, int16/uint16 float32, bool float64
    name: 'angle', aliases: [], syntax: 'function', arity: 1, resolve: (args) => (isComplex(args[0]!.dtype) ? toReal(args) : isInt(args[0]!.dtype) ? { operands: [floatOfInt(args[0]!.dtype, true)], result: floatOfInt(args[0]!.dtype, true) } : floating(args)),
    emit: { float64: both((a) => `Math.atan2(0, ${a[0]})`, (x) => Math.atan2(0, x)), float32: F(both((a) => `Math.atan2(0, ${a[0]})`, (x) => Math.atan2(0, x))) },
    doc: 'the argument (phase) in radians, atan2(imag, real)',
  },
  { name: 'complex', aliases: [], syntax: 'function', arity: 2, resolve: makeComplex, emit: {}, doc: 'complex(re, im): complex64 from float32 parts, else complex128' },
  // internal, made by splitComplex: `a`, read where `b` is too (so a part keeps the whole value's shape)
  { name: 'broadcast_like', aliases: [], syntax: 'internal', arity: 2, resolve: (args) => ({ operands: [args[0]!.dtype, args[1]!.dtype], result: args[0]!.dtype }), emit: sameForReal(identity), doc: 'a, in the shape of a and b broadcast' },
  // internal, made by splitComplex: the parts of complex products, quotients, powers and functions
  { name: 'c_abs', aliases: [], syntax: 'internal', arity: 2, resolve: floating, emit: floatPair(call('H.cabs')), doc: '|z| from its parts, as glibc’s hypot', bulky: true },
  {
    name: 'c_mul_re', aliases: [], syntax: 'internal', arity: 4, resolve: floating,
    emit: floatPair(both((a) => `(${a[0]} * ${a[2]} - ${a[1]} * ${a[3]})`, (ar, ai, br, bi) => ar * br - ai * bi)), doc: 'Re(a·b)',
  },
  {
    name: 'c_mul_im', aliases: [], syntax: 'internal', arity: 4, resolve: floating,
    emit: floatPair(both((a) => `(${a[0]} * ${a[3]} + ${a[1]} * ${a[2]})`, (ar, ai, br, bi) => ar * bi + ai * br)), doc: 'Im(a·b)',
  },
  ...(['div', 'pow'] as const).flatMap((f) => (['Re', 'Im'] as const).map((part): OpDef => ({
    name: `c_${f}_${part.toLowerCase()}`, aliases: [], syntax: 'internal', arity: 4, resolve: floating, emit: floatPair(call(`H.c${f}${part}`)), doc: `${part}(a ${f === 'div' ? '/' : '**'} b)`, bulky: true, ...twinOf(`c_${f}`, part),
  }))),
  // z ** p for a Python scalar p known at run time (bind's power_scalar and power_scalar_int): NumPy's fast paths per call
  ...([['power_scalar', 'cpowScalar'], ['power_scalar_int', 'cpowScalarInt']] as const).flatMap(([op, helper]) => (['Re', 'Im'] as const).map((part): OpDef => ({
    name: `c_${op}_${part.toLowerCase()}`, aliases: [], syntax: 'internal', arity: 4, resolve: floating, emit: floatPair(call(`H.${helper}${part}`)), doc: `${part}(a ** b), b a run-time Python scalar`, bulky: true, ...twinOf(`c_${op}`, part),
  }))),
  ...Object.entries(COMPLEX_HELPER).flatMap(([fn, helper]) => (['Re', 'Im'] as const).map((part): OpDef => ({
    name: `c_${fn}_${part.toLowerCase()}`, aliases: [], syntax: 'internal', arity: 2, resolve: floating, doc: `${part}(${fn}(z))`,
    emit: COMPLEX_F32[helper] ? { float64: call(`H.${helper}${part}`), float32: F(call(`H.${COMPLEX_F32[helper]}${part}`)) } : floatPair(call(`H.${helper}${part}`)),
    bulky: true, ...twinOf(`c_${fn}`, part),
  }))),
  // internal, made by bind for numpy's complex `z ** -1` fast path (splitComplex computes it: c_reciprocal_*)
  { name: 'reciprocal', aliases: [], syntax: 'internal', arity: 1, resolve: floating, emit: { float32: F(both((a) => `(1 / ${a[0]})`, (x) => 1 / x)), float64: both((a) => `(1 / ${a[0]})`, (x) => 1 / x) }, doc: '1 / x' },
  // internal ops, produced by expandPowers only (not callable): pow(x, 0.5) and pow(x, 1.5) exactly,
  // including pow's answers at -0 (+0) and -inf (+inf) where sqrt alone differs
  {
    name: 'pow_half', aliases: [], syntax: 'internal', arity: 1, resolve: floating,
    emit: { float32: F(call('H.powHalf')), float64: call('H.powHalf') },
    doc: 'x ** 0.5 as sqrt',
  },
  {
    name: 'pow_three_halves', aliases: [], syntax: 'internal', arity: 1, resolve: floating,
    emit: { float32: F(call('H.powThreeHalves')), float64: call('H.powThreeHalves') },
    doc: 'x ** 1.5 as x * sqrt(x)',
  },
  // internal ops, produced by bind only: a weak (Python) int that was computed at run time from int
  // vars must fit where it meets an int operand or is returned (Python ints never wrap)
  ...INT_FITS.map((d): OpDef => ({
    name: `fit_${d}`, aliases: [], syntax: 'internal', arity: 1, resolve: () => ({ operands: ['int64'], result: d }),
    emit: { int64: call(`H.fit${d[0]!.toUpperCase()}${d.slice(1)}`) }, doc: `a Python int as ${d}, or VALUE`,
  })),
  // explicit casts, one per dtype: int8(x) … float64(x), bool(x)
  ...DTYPES.map((to) => cast(to, Object.fromEntries(DTYPES.map((from) => [from, castEmit(from, to)])) as Record<DType, Emit>)),
  // to complex: splitComplex makes the parts (a complex result never reaches a kernel)
  cast('complex64', {}),
  cast('complex128', {}),
  // internal, chosen for a Uint8ClampedArray out: the array's own store (saturate, round half to even)
  {
    name: 'clamp_uint8', aliases: [], syntax: 'internal', arity: 1, resolve: (args) => ({ operands: [args[0]!.dtype], result: 'uint8' }),
    emit: forAll(call('H.clampUint8')), doc: "a Uint8ClampedArray's store: nan → 0, saturate to [0, 255], round half to even",
  },
];

/**
 * The cast from → to, as NumPy's astype: ints wrap to the target's width, floats truncate toward zero.
 * nan, ±inf and floats beyond the target's range are undefined in C; fusexpr gives what x86-64 NumPy
 * gives: through int32 for targets of up to 32 bits (int32 → INT32_MIN), through int64 for uint32
 * and int64 (INT64_MIN), and 2**63 for uint64.
 */
function castEmit(from: DType, to: DType): Emit {
  if (from === to) return identity;
  if (to === 'bool') return isBig(from) ? NONZERO_BIG : NONZERO;
  if (from === 'bool' && !isBig(to)) return identity;
  if (to === 'float64') return isBig(from) ? call('Number') : identity;
  // float16: one rounding from any value (an int64 beyond 2**53 is inf in float16 anyway)
  if (to === 'float16') return isBig(from) ? F16(call('Number')) : from === 'bool' || (isInt(from) && bitsOf(from) <= 8) ? identity : F16(identity);
  if (to === 'float32') return isBig(from) ? call('H.int64ToFloat32') : from === 'float64' || bitsOf(from) >= 32 ? call('Math.fround') : identity;
  if (isBig(to)) {
    if (isFloat(from)) return call(to === 'int64' ? 'H.toInt64' : 'H.toUint64');
    // a value that fits converts as it is; signed → uint64 and int64 ↔ uint64 wrap
    if (!isBig(from)) return isUnsigned(to) && kindOf(from) === 'i' ? wrap(to, call('BigInt')) : call('BigInt');
    return wrap(to, identity);
  }
  // a ≤ 32-bit int target
  if (isFloat(from)) return to === 'uint32' ? call('H.toUint32') : to === 'int32' ? call('H.toInt32') : wrap(to, call('H.toInt32'));
  if (isBig(from)) {
    const f = isUnsigned(to) ? BigInt.asUintN : BigInt.asIntN;
    const bits = bitsOf(to);
    return both((a) => `Number(BigInt.as${isUnsigned(to) ? 'Uint' : 'Int'}N(${bits}, ${a[0]}))`, (x) => Number(f(bits, x)));
  }
  return wrap(to, identity);
}

function cast(to: DType, emit: Partial<Record<DType, Emit>>): OpDef {
  return {
    name: to, aliases: [], syntax: 'cast', arity: 1,
    resolve: (args) => ({ operands: [args[0]!.dtype], result: to }),
    emit, doc: `cast to ${to}, as NumPy's astype (ints wrap; float → int truncates; nan and out-of-range as x86-64 NumPy)`,
  };
}

// float16 (where the engine has it) computes each op in float64 and rounds the result to float16 once:
// NumPy's float16 loops compute in float32 and round to float16, and for + - * / sqrt both routes give
// the correctly rounded result; for the other functions they agree within an ulp of float16.
if (HAS_FLOAT16) {
  for (const op of OPS) {
    const e = op.emit as Partial<Record<DType, Emit>>;
    if (e.float64 && !e.float16) e.float16 = F16(e.float64);
  }
}

// ---- reductions ------------------------------------------------------------------------------------------

/** The reductions, by their canonical names (aliases such as `amin` resolve to these). */
export type ReductionName = 'sum' | 'prod' | 'mean' | 'min' | 'max' | 'any' | 'all';
export interface ReductionDef {
  readonly name: ReductionName;
  readonly aliases: readonly string[];
  /** The dtype the argument is cast to, and the result dtype (numpy's: sum of int32 is int64). */
  readonly resolve: (arg: DType) => Resolved | string;
  readonly doc: string;
}

/**
 * sum and prod: floats accumulate in their own dtype; int64/uint64 in 64 bits (numpy's); bool and the
 * ≤ 32-bit ints exactly, giving a float64 JS number (numpy: int64/uint64; a VALUE error beyond 2**53).
 */
const accumulate = (arg: DType): Resolved =>
  isFloat(arg) || isComplex(arg) ? { operands: [arg], result: arg } : isBig(arg) ? { operands: [arg], result: arg } : { operands: [arg], result: 'float64' };

export const REDUCTIONS: readonly ReductionDef[] = [
  { name: 'sum', aliases: [], resolve: accumulate, doc: 'sum (int64/uint64 wrap in 64 bits; bool and ≤ 32-bit ints give an exact number, VALUE beyond 2**53)' },
  { name: 'prod', aliases: ['product'], resolve: accumulate, doc: 'product (int64/uint64 wrap in 64 bits; bool and ≤ 32-bit ints give an exact number, VALUE beyond 2**53)' },
  { name: 'mean', aliases: [], resolve: (d) => ({ operands: [d], result: d === 'float32' || d === 'float16' ? d : isComplex(d) ? d : 'float64' }), doc: 'arithmetic mean (float64 for ints)' },
  { name: 'min', aliases: ['amin'], resolve: (d) => ({ operands: [d], result: d }), doc: 'minimum, nan-propagating (complex: lexicographic, as NumPy 2)' },
  { name: 'max', aliases: ['amax'], resolve: (d) => ({ operands: [d], result: d }), doc: 'maximum, nan-propagating (complex: lexicographic, as NumPy 2)' },
  { name: 'any', aliases: [], resolve: () => ({ operands: ['bool'], result: 'bool' }), doc: 'true if any element is true (nonzero)' },
  { name: 'all', aliases: [], resolve: () => ({ operands: ['bool'], result: 'bool' }), doc: 'true if every element is true (nonzero)' },
];

// ---- lookup ---------------------------------------------------------------------------------------------

// Weak (Python) int arithmetic on int vars is exact at run time too: `exact_<op>`, internal twins of
// the ops that have an `exact` function (bind chooses them; fit_int64/fit_int32 check the result).
for (const op of [...OPS]) {
  if (!op.exact) continue;
  const helper = Object.entries(H).find(([, f]) => f === op.exact)?.[0];
  if (!helper) throw new Error(`internal: ${op.name}'s exact function is not a scalar helper`);
  OPS.push({ ...op, name: `exact_${op.name}`, aliases: [], syntax: 'internal', symbol: undefined, emit: { int64: call(`H.${helper}`) }, doc: `${op.name} of Python ints, exact` });
}

const BY_NAME = new Map<string, OpDef>();
for (const op of OPS) BY_NAME.set(op.name, op);

const FUNCTIONS = new Map<string, OpDef>();
for (const op of OPS) {
  if (op.syntax === 'function' || op.syntax === 'cast') {
    FUNCTIONS.set(op.name, op);
    for (const alias of op.aliases) FUNCTIONS.set(alias, op);
  }
}
FUNCTIONS.set('pow', BY_NAME.get('power')!);
FUNCTIONS.set('mod', BY_NAME.get('remainder')!);

const REDUCTION_BY_NAME = new Map<string, ReductionDef>();
for (const r of REDUCTIONS) {
  REDUCTION_BY_NAME.set(r.name, r);
  for (const alias of r.aliases) REDUCTION_BY_NAME.set(alias, r);
}

const BINARY = new Map<string, OpDef>();
const UNARY = new Map<string, OpDef>();
for (const op of OPS) {
  if (op.syntax === 'binary') BINARY.set(op.symbol!, op);
  if (op.syntax === 'unary') UNARY.set(op.symbol!, op);
}

export const opByName = (name: string): OpDef => {
  const op = BY_NAME.get(name);
  if (!op) throw new Error(`internal: no op ${name}`);
  return op;
};
export const functionByName = (name: string) => FUNCTIONS.get(name);
export const reductionByName = (name: string) => REDUCTION_BY_NAME.get(name);
export const binaryBySymbol = (symbol: string) => BINARY.get(symbol);
export const unaryBySymbol = (symbol: string) => UNARY.get(symbol);
export const allOps = (): readonly OpDef[] => OPS;
/** Every name callable as a function, for "did you mean" hints and docs. */
export const callableNames = (): string[] => [...FUNCTIONS.keys(), ...REDUCTION_BY_NAME.keys()];
export const castOp = (to: DType): OpDef => opByName(to);

/** Functions that call into libm-like code: ~8× a memory-bound a*b+c per element (bench/threads.ts). */
const EXPENSIVE = new Set([
  'sin', 'cos', 'tan', 'arcsin', 'arccos', 'arctan', 'sinh', 'cosh', 'tanh', 'arcsinh', 'arccosh', 'arctanh',
  'log', 'log10', 'log1p', 'log2', 'exp', 'expm1', 'exp2', 'cbrt', 'hypot', 'arctan2', 'power',
]);
/** Estimated cost per element of one op (a*b+c ≈ 1 in total); int64 ops run on BigInt, ~20. */
export const opCost = (name: string, int64: boolean): number => (int64 ? 20 : EXPENSIVE.has(name) || (name.startsWith('c_') && !name.startsWith('c_mul') && name !== 'c_abs') ? 8 : 0.25);
export { kindOf };
