// The oracle: a slow per-element interpreter over the parsed AST, written independently of bind/,
// the registry and codegen. Values carry their dtype; ints and bools are bigints (wrapped explicitly),
// floats are doubles (float32 rounded after every op). NumPy 2 / NEP 50 rules, restated here.

import type { Expr } from '../../src/ast/nodes.js';
import { parse } from '../../src/parse/index.js';

// int8 appears as NumPy's result of // % ** << >> fmod on bools
export type DT = 'bool' | 'int8' | 'int32' | 'int64' | 'float32' | 'float64';
export interface V {
  t: DT;
  weak: boolean;
  v: number | bigint; // bigint for bool/int, number for floats
}

export class ReferenceError extends Error {}
const bad = (m: string): never => {
  throw new ReferenceError(m);
};

const isF = (t: DT) => t === 'float32' || t === 'float64';
const isI = (t: DT) => t === 'int8' || t === 'int32' || t === 'int64';
const bitsOf = (t: DT) => (t === 'int8' ? 8 : t === 'int32' ? 32 : 64);
const kind = (t: DT) => (t === 'bool' ? 0 : isI(t) ? 1 : 2);

function promote2(a: { t: DT; weak: boolean }, b: { t: DT; weak: boolean }): { t: DT; weak: boolean } {
  if (a.weak && b.weak) return kind(a.t) >= kind(b.t) ? { t: a.t, weak: true } : { t: b.t, weak: true };
  if (a.weak || b.weak) {
    const w = a.weak ? a : b;
    const s = a.weak ? b : a;
    if (kind(w.t) <= kind(s.t)) return { t: s.t, weak: false };
    return { t: kind(w.t) === 2 ? 'float64' : 'int64', weak: false };
  }
  if (a.t === b.t) return { t: a.t, weak: false };
  if (a.t === 'bool') return { t: b.t, weak: false };
  if (b.t === 'bool') return { t: a.t, weak: false };
  if (isI(a.t) && isI(b.t)) return { t: bitsOf(a.t) >= bitsOf(b.t) ? a.t : b.t, weak: false };
  if (isF(a.t) && isF(b.t)) return { t: 'float64', weak: false };
  const f = isF(a.t) ? a.t : b.t;
  const i = isF(a.t) ? b.t : a.t;
  return { t: f === 'float32' && (i === 'int32' || i === 'int64') ? 'float64' : f, weak: false }; // int8 fits float32
}
/** result_type: strong operands first, then the weak ones (so the order of arguments does not matter). */
const promote = (vs: V[]) => {
  const ordered = [...vs.filter((x) => !x.weak), ...vs.filter((x) => x.weak)];
  return ordered.reduce<{ t: DT; weak: boolean }>((acc, x) => promote2(acc, x), { t: ordered[0]!.t, weak: ordered[0]!.weak });
};

/** int64 → float32 rounded once, written here independently: the 24 top bits, ties to even. */
function int64ToFloat32(v: bigint): number {
  const m = v < 0n ? -v : v;
  const bits = m.toString(2).length;
  if (bits <= 24) return Number(v);
  const drop = BigInt(bits - 24);
  const low = m & ((1n << drop) - 1n);
  let top = m >> drop;
  const half = 1n << (drop - 1n);
  if (low > half || (low === half && top % 2n === 1n)) top++;
  const r = Math.fround(Number(top << drop));
  return v < 0n ? -r : r;
}

export function cast(x: V, t: DT, weak = false): V {
  const v = x.v;
  let out: number | bigint;
  if (t === 'float64') out = Number(v);
  else if (t === 'float32') out = typeof v === 'bigint' && !x.weak ? int64ToFloat32(v) : Math.fround(Number(v)); // numpy: a Python int goes through float64
  else if (t === 'bool') out = (typeof v === 'bigint' ? v !== 0n : v !== 0) ? 1n : 0n;
  else {
    const bits = bitsOf(t);
    if (typeof v === 'number') {
      // x86: through int32 for int8 (then its low byte), through int64 for int64
      const via = Math.max(bits, 32);
      const lim = 2 ** (via - 1);
      out = BigInt.asIntN(bits, Number.isNaN(v) || v <= -lim - 1 || v >= lim ? -(2n ** BigInt(via - 1)) : BigInt(Math.trunc(v)));
    } else out = BigInt.asIntN(bits, v);
  }
  return { t, weak, v: out };
}

/** A weak scalar meeting dtype t: ints must fit (numpy raises otherwise). */
function coerce(x: V, t: DT, resultWeak: boolean): V {
  if (x.t === t) return { ...x, weak: x.weak && resultWeak };
  if (x.weak && !resultWeak && isI(t) && typeof x.v === 'bigint') {
    if (BigInt.asIntN(bitsOf(t), x.v) !== x.v) bad('weak int out of range');
  }
  return cast(x, t, x.weak && resultWeak);
}

const wrap = (t: DT, v: bigint) => (isI(t) ? BigInt.asIntN(bitsOf(t), v) : v);
const fl = (t: DT, v: number) => (t === 'float32' ? Math.fround(v) : v);

function floorDivF(a: number, b: number): number {
  if (b === 0) return a / b;
  const m = a % b;
  let d = (a - m) / b;
  if (m !== 0 && b < 0 !== m < 0) d -= 1;
  if (d === 0) return a / b < 0 || Object.is(a / b, -0) ? -0 : 0; // numpy: copysign(0, a/b)
  const f = Math.floor(d);
  return d - f > 0.5 ? f + 1 : f;
}
/** The same in float32 arithmetic, as numpy's float32 loop computes it (each step rounded). */
function floorDivF32(a: number, b: number): number {
  const r = Math.fround;
  if (b === 0) return r(a / b);
  const m = a % b;
  let d = r(r(a - m) / b);
  if (m !== 0 && b < 0 !== m < 0) d = r(d - 1);
  if (d === 0) return a / b < 0 || Object.is(a / b, -0) ? -0 : 0;
  const f = Math.floor(d);
  return r(d - f) > 0.5 ? r(f + 1) : f;
}
function modF(a: number, b: number): number {
  if (b === 0) return NaN;
  const m = a % b;
  if (m === 0) return b < 0 ? -0 : 0;
  return b < 0 !== m < 0 ? m + b : m;
}
function powF(a: number, b: number): number {
  if (b === 0 || a === 1) return 1;
  if (a === -1 && Math.abs(b) === Infinity) return 1;
  return Math.pow(a, b);
}
function roundEven(x: number): number {
  if (!Number.isFinite(x)) return x;
  const r = Math.round(x);
  const res = Math.abs(x - Math.trunc(x)) === 0.5 ? 2 * Math.round(x / 2) : r;
  return res === 0 ? (x < 0 || Object.is(x, -0) ? -0 : 0) : res;
}

type Fn = (args: V[]) => V;

/** Binary arithmetic on a promoted pair. */
function arith(op: string, args: V[]): V {
  const p = promote(args);
  let t = p.t;
  if (op === '/') {
    if (!isF(t)) t = 'float64';
  } else if ((op === '//' || op === '%' || op === '**') && t === 'bool') t = 'int8';
  if (op === '-' && t === 'bool') bad('bool subtract');
  const [a, b] = args.map((x) => coerce(x, t, p.weak));
  const x = a!.v;
  const y = b!.v;
  const res = (v: number | bigint): V => ({ t, weak: p.weak, v });
  if (t === 'bool') {
    if (op === '+') return res((x as bigint) | (y as bigint));
    if (op === '*') return res((x as bigint) & (y as bigint));
  }
  if (isF(t)) {
    const X = x as number;
    const Y = y as number;
    const r = { '+': X + Y, '-': X - Y, '*': X * Y, '/': X / Y, '//': t === 'float32' ? floorDivF32(X, Y) : floorDivF(X, Y), '%': modF(X, Y), '**': powF(X, Y) }[op]!;
    return res(fl(t, r));
  }
  const X = x as bigint;
  const Y = y as bigint;
  switch (op) {
    case '+': return res(wrap(t, X + Y));
    case '-': return res(wrap(t, X - Y));
    case '*': return res(wrap(t, X * Y));
    case '//': {
      if (Y === 0n) return res(0n);
      let q = X / Y;
      if (X % Y !== 0n && X < 0n !== Y < 0n) q -= 1n;
      return res(wrap(t, q));
    }
    case '%': {
      if (Y === 0n) return res(0n);
      let m = X % Y;
      if (m !== 0n && m < 0n !== Y < 0n) m += Y;
      return res(wrap(t, m));
    }
    case '**': {
      if (Y < 0n) bad('negative int power');
      let r = 1n;
      for (let k = 0n; k < Y; k++) r = wrap(t, r * X);
      return res(r);
    }
  }
  return bad(`op ${op}`);
}

function compare(op: string, args: V[]): V {
  const p = promote(args);
  const [a, b] = args.map((x) => coerce(x, p.t, p.weak));
  const x = a!.v;
  const y = b!.v;
  const r = { '<': x < y, '<=': x <= y, '==': x == y, '!=': x != y, '>=': x >= y, '>': x > y }[op]!;
  // comparing two Python-like scalars gives a Python-like bool: weak, like every all-weak op here
  return { t: 'bool', weak: p.weak, v: r ? 1n : 0n };
}

function bitwise(op: string, args: V[]): V {
  const p = promote(args);
  if (isF(p.t)) bad('bitwise on float');
  let t = p.t;
  if ((op === '<<' || op === '>>') && t === 'bool') t = 'int8';
  const [a, b] = args.map((x) => coerce(x, t, p.weak));
  const x = a!.v as bigint;
  const y = b!.v as bigint;
  const bits = BigInt(bitsOf(t));
  let r: bigint;
  switch (op) {
    case '&': r = x & y; break;
    case '|': r = x | y; break;
    case '^': r = x ^ y; break;
    case '<<': r = y >= 0n && y < bits ? wrap(t, x << y) : 0n; break;
    default: r = y >= 0n && y < bits ? x >> y : x < 0n ? -1n : 0n;
  }
  return { t, weak: p.weak, v: r };
}

/** Float-only unary math: ints compute in float64. */
const floatMath = (f: (x: number) => number): Fn => ([a]) => {
  const t: DT = isF(a!.t) ? a!.t : 'float64';
  const x = coerce(a!, t, a!.weak);
  return { t, weak: a!.weak, v: fl(t, f(x.v as number)) };
};
const floatMath2 = (f: (x: number, y: number) => number): Fn => (args) => {
  const p = promote(args);
  const t: DT = isF(p.t) ? p.t : 'float64';
  const [a, b] = args.map((x) => coerce(x, t, p.weak));
  return { t, weak: p.weak, v: fl(t, f(a!.v as number, b!.v as number)) };
};
const minmax = (isMin: boolean): Fn => (args) => {
  const p = promote(args);
  const [a, b] = args.map((x) => coerce(x, p.t, p.weak));
  const x = a!.v;
  const y = b!.v;
  let r: number | bigint;
  if (typeof x === 'number' && (Number.isNaN(x) || Number.isNaN(y as number))) r = NaN;
  else r = isMin ? (x <= y ? x : y) : x >= y ? x : y;
  return { t: p.t, weak: p.weak, v: r };
};
const predicate = (f: (x: number) => boolean, intValue: boolean): Fn => ([a]) => ({
  t: 'bool', weak: a!.weak, v: (isF(a!.t) ? f(a!.v as number) : intValue) ? 1n : 0n,
});
const keepInt = (f: (x: number) => number): Fn => ([a]) => (isF(a!.t) ? { ...a!, v: fl(a!.t, f(a!.v as number)) } : a!);

const FUNCTIONS: Record<string, Fn> = {
  sin: floatMath(Math.sin), cos: floatMath(Math.cos), tan: floatMath(Math.tan),
  arcsin: floatMath(Math.asin), arccos: floatMath(Math.acos), arctan: floatMath(Math.atan),
  sinh: floatMath(Math.sinh), cosh: floatMath(Math.cosh), tanh: floatMath(Math.tanh),
  arcsinh: floatMath(Math.asinh), arccosh: floatMath(Math.acosh), arctanh: floatMath(Math.atanh),
  log: floatMath(Math.log), log10: floatMath(Math.log10), log1p: floatMath(Math.log1p), log2: floatMath(Math.log2),
  exp: floatMath(Math.exp), expm1: floatMath(Math.expm1), exp2: floatMath((x) => Math.pow(2, x)),
  sqrt: floatMath(Math.sqrt), cbrt: floatMath(Math.cbrt),
  abs: ([a]) => (isF(a!.t) ? { ...a!, v: Math.abs(a!.v as number) } : a!.t === 'bool' ? a! : { ...a!, v: wrap(a!.t, (a!.v as bigint) < 0n ? -(a!.v as bigint) : (a!.v as bigint)) }),
  floor: keepInt(Math.floor), ceil: keepInt(Math.ceil), trunc: keepInt(Math.trunc), round: keepInt(roundEven),
  sign: ([a]) => {
    if (isF(a!.t)) { const x = a!.v as number; return { ...a!, v: x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : NaN }; }
    if (a!.t === 'bool') bad('sign of bool (numpy has no bool loop)');
    const t = a!.t;
    const x = a!.v as bigint;
    return { t, weak: a!.weak, v: x > 0n ? 1n : x < 0n ? -1n : 0n };
  },
  fmod: (args) => {
    const p = promote(args);
    const t = p.t === 'bool' ? 'int8' : p.t;
    const [a, b] = args.map((x) => coerce(x, t, p.weak));
    if (isF(t)) return { t, weak: p.weak, v: fl(t, (a!.v as number) % (b!.v as number)) };
    return { t, weak: p.weak, v: (b!.v as bigint) === 0n ? 0n : (a!.v as bigint) % (b!.v as bigint) };
  },
  hypot: floatMath2(Math.hypot), arctan2: floatMath2(Math.atan2),
  copysign: floatMath2((x, y) => (y < 0 || Object.is(y, -0) ? -Math.abs(x) : Math.abs(x))),
  minimum: minmax(true), maximum: minmax(false),
  clip: ([x, lo, hi]) => FUNCTIONS.minimum!([FUNCTIONS.maximum!([x!, lo!]), hi!]),
  isnan: predicate(Number.isNaN, false),
  isinf: predicate((x) => x === Infinity || x === -Infinity, false),
  isfinite: predicate(Number.isFinite, true),
  signbit: ([a]) => ({ t: 'bool', weak: a!.weak, v: (isF(a!.t) ? (a!.v as number) < 0 || Object.is(a!.v, -0) : (a!.v as bigint) < 0n) ? 1n : 0n }),
  where: ([c, a, b]) => {
    const p = promote([a!, b!]);
    const cond = cast(c!, 'bool').v === 1n;
    // the result is weak only if the condition is too (an array condition makes an array)
    const weak = p.weak && c!.weak;
    return coerce({ ...(cond ? a! : b!), weak: (cond ? a! : b!).weak && weak }, p.t, weak);
  },
  float64: ([a]) => cast(a!, 'float64'), float32: ([a]) => cast(a!, 'float32'),
  int32: ([a]) => cast(a!, 'int32'), int64: ([a]) => cast(a!, 'int64'), bool: ([a]) => cast(a!, 'bool'),
};
const ALIASES: Record<string, string> = {
  asin: 'arcsin', acos: 'arccos', atan: 'arctan', atan2: 'arctan2', asinh: 'arcsinh', acosh: 'arccosh', atanh: 'arctanh',
  pow: '**', mod: '%', absolute: 'abs', rint: 'round', product: 'prod', amin: 'min', amax: 'max',
};
const ARITY: Record<string, number> = { where: 3, clip: 3, fmod: 2, hypot: 2, arctan2: 2, copysign: 2, minimum: 2, maximum: 2 };

export type RefVars = Record<string, ArrayLike<number | bigint> | number | boolean | bigint>;
type Input = { kind: 'array'; t: DT; data: ArrayLike<number | bigint> } | { kind: 'scalar'; value: V };

function inputOf(v: RefVars[string]): Input {
  if (typeof v === 'number') return { kind: 'scalar', value: Number.isSafeInteger(v) && !Object.is(v, -0) ? { t: 'int64', weak: true, v: BigInt(v) } : { t: 'float64', weak: true, v } };
  if (typeof v === 'boolean') return { kind: 'scalar', value: { t: 'bool', weak: true, v: v ? 1n : 0n } }; // a Python bool, as fusexpr
  if (typeof v === 'bigint') return { kind: 'scalar', value: { t: 'int64', weak: false, v } };
  const t: DT =
    v instanceof Float64Array || Array.isArray(v) ? 'float64' : v instanceof Float32Array ? 'float32' : v instanceof BigInt64Array || v instanceof Uint32Array ? 'int64' : v instanceof Uint8Array && (v as { __bool?: boolean }).__bool ? 'bool' : 'int32';
  return { kind: 'array', t, data: v };
}

/**
 * How `x ** c` with a constant c is computed, mirroring the documented power expansion (so that every
 * optimization level can be compared exactly): 'none' = pow; 'integer' = |c| ≤ 64 integer exponents by
 * repeated squaring (negative: 1 / chain); 'all' = also c = ±0.5 and 1.5 through sqrt.
 */
export type PowerMode = 'none' | 'integer' | 'all';

function powExpanded(base: V, exp: number, mode: PowerMode, t: DT, weak: boolean): V | undefined {
  if (!isF(t)) return undefined;
  const x = base.v as number;
  const mul = (a: number, b: number) => fl(t, a * b);
  if (Number.isInteger(exp) && Math.abs(exp) <= 64) {
    if (exp === 0) return { t, weak, v: 1 };
    let n = Math.abs(exp);
    let result: number | undefined;
    let square = x;
    while (n > 0) {
      if (n & 1) result = result === undefined ? square : mul(result, square);
      n >>>= 1;
      if (n > 0) square = mul(square, square);
    }
    return { t, weak, v: exp > 0 ? result! : fl(t, 1 / result!) };
  }
  if (mode !== 'all') return undefined;
  const half = (v: number) => fl(t, v === -Infinity ? Infinity : Math.sqrt(v) + 0);
  if (exp === 0.5) return { t, weak, v: half(x) };
  if (exp === -0.5) return { t, weak, v: fl(t, 1 / half(x)) };
  if (exp === 1.5) return { t, weak, v: fl(t, x === -Infinity ? Infinity : x * Math.sqrt(x) + 0) };
  return undefined;
}

const CONSTANT_NAMES = new Set(['pi', 'e', 'inf', 'nan', 'true', 'false', 'True', 'False']);

/** Evaluate per element. Returns the values (dtype-tagged) and the result dtype; throws ReferenceError where numpy raises. */
export function reference(expression: string, vars: RefVars, boolArrays: Set<unknown> = new Set(), powers: PowerMode = 'none'): { t: DT; values: (number | bigint)[]; scalar: boolean } {
  const ast = parse(expression);
  const inputs = new Map<string, Input>();
  let n = -1;
  for (const [k, v] of Object.entries(vars)) {
    const inp = inputOf(v);
    if (inp.kind === 'array' && boolArrays.has(v)) (inp as { t: DT }).t = 'bool';
    inputs.set(k, inp);
    if (inp.kind === 'array') n = inp.data.length;
  }
  const hasArray = usesArray(ast, inputs);
  const len = hasArray ? n : 1;
  const reductions = new Map<Expr, V>();
  const values: V[] = [];
  for (let i = 0; i < len; i++) values.push(evalAt(ast, i));
  const t = values[0]?.t ?? evalType();
  return { t, values: values.map((v) => v.v), scalar: !hasArray };

  function evalType(): DT {
    // empty arrays: type from evaluating at a fake element 0 is not possible; use float64 as numpy default
    return 'float64';
  }

  function usesArray(e: Expr, ins: Map<string, Input>): boolean {
    switch (e.kind) {
      case 'number': return false;
      case 'name': return ins.get(e.name)?.kind === 'array';
      case 'unary': return usesArray(e.arg, ins);
      case 'binary': return usesArray(e.left, ins) || usesArray(e.right, ins);
      case 'call':
        if (isReduction(e)) return false;
        return e.args.some((a) => usesArray(a, ins));
      case 'tuple': return false;
    }
  }

  function isConstant(e: Expr): boolean {
    switch (e.kind) {
      case 'number': return true;
      case 'name': return !inputs.has(e.name) && CONSTANT_NAMES.has(e.name);
      case 'unary': return isConstant(e.arg);
      case 'binary': return isConstant(e.left) && isConstant(e.right);
      case 'call': return !isReduction(e) && e.args.every(isConstant);
      case 'tuple': return false;
    }
  }

  function isReduction(e: Expr & { kind: 'call' }): boolean {
    const name = ALIASES[e.callee] ?? e.callee;
    if (['sum', 'prod', 'mean', 'any', 'all'].includes(name)) return true;
    if (name === 'min' || name === 'max') return e.args.length === 1;
    return false;
  }

  function evalAt(e: Expr, i: number): V {
    switch (e.kind) {
      case 'number':
        return e.int !== undefined ? { t: 'int64', weak: true, v: e.int } : { t: 'float64', weak: true, v: e.value };
      case 'name': {
        const inp = inputs.get(e.name);
        if (inp?.kind === 'scalar') return inp.value;
        if (inp?.kind === 'array') {
          const raw = inp.data[i]!;
          return { t: inp.t, weak: false, v: isF(inp.t) ? Number(raw) : BigInt(raw) };
        }
        const c: Record<string, V> = {
          pi: { t: 'float64', weak: true, v: Math.PI }, e: { t: 'float64', weak: true, v: Math.E },
          inf: { t: 'float64', weak: true, v: Infinity }, nan: { t: 'float64', weak: true, v: NaN },
          true: { t: 'bool', weak: false, v: 1n }, false: { t: 'bool', weak: false, v: 0n },
          True: { t: 'bool', weak: false, v: 1n }, False: { t: 'bool', weak: false, v: 0n },
        };
        return c[e.name] ?? bad(`unknown name ${e.name}`);
      }
      case 'unary': {
        if (e.op === '-' && e.arg.kind === 'number') {
          return e.arg.int !== undefined ? { t: 'int64', weak: true, v: -e.arg.int } : { t: 'float64', weak: true, v: -e.arg.value };
        }
        const a = evalAt(e.arg, i);
        if (e.op === '+') return a;
        if (e.op === '-') {
          if (a.t === 'bool') bad('bool negative');
          return isF(a.t) ? { ...a, v: -(a.v as number) } : { ...a, v: wrap(a.t, -(a.v as bigint)) };
        }
        if (isF(a.t)) bad('~ on float');
        return { ...a, v: a.t === 'bool' ? (a.v as bigint) ^ 1n : ~(a.v as bigint) };
      }
      case 'binary': {
        const args = [evalAt(e.left, i), evalAt(e.right, i)];
        if (e.op === '**' && e.right.kind !== 'binary') {
          const p = promote(args);
          const r = args[1]!;
          if (!isF(p.t) && r.weak && typeof r.v === 'bigint' && r.v < 0n) bad('negative int power literal');
        }
        if (e.op === '**') {
          const half = sqrtFastPath(args, e.right);
          if (half) return half;
        }
        if (e.op === '**' && powers !== 'none' && isConstant(e.right)) {
          const p = promote(args);
          const t = p.t === 'bool' ? 'int8' : p.t;
          const expanded = powExpanded(coerce(args[0]!, t, p.weak), Number(coerce(args[1]!, t, p.weak).v), powers, t, p.weak);
          if (expanded) return expanded;
        }
        if (['+', '-', '*', '/', '//', '%', '**'].includes(e.op)) return arith(e.op, args);
        if (['<', '<=', '==', '!=', '>=', '>'].includes(e.op)) return compare(e.op, args);
        return bitwise(e.op, args);
      }
      case 'call': {
        if (isReduction(e)) return reduce(e);
        let name = ALIASES[e.callee] ?? e.callee;
        if (name === 'min') name = 'minimum';
        if (name === 'max') name = 'maximum';
        const args = e.args.map((a) => evalAt(a, i));
        if (name === '**') {
          const half = sqrtFastPath(args, e.args[1]!);
          if (half) return half;
        }
        if (name === '**' || name === '%') return arith(name, args);
        const f = FUNCTIONS[name] ?? bad(`unknown function ${e.callee}`);
        if (args.length !== (ARITY[name] ?? 1)) bad('arity');
        return f(args);
      }
      case 'tuple':
        return bad('a tuple is not a value');
    }
  }

  /** numpy's power with a scalar exponent of 0.5 (and an array-typed base) is sqrt: its fast path. */
  function sqrtFastPath(args: V[], exponent: Expr): V | undefined {
    const [a, b] = args as [V, V];
    if (a.weak || !isScalarExpr(exponent) || b.v !== 0.5) return undefined;
    const t: DT = a.t === 'float32' && (b.weak || b.t === 'float32') ? 'float32' : 'float64';
    return { t, weak: false, v: fl(t, Math.sqrt(Number(a.v))) };
  }

  /** Whether an expression is a scalar (reads no array, or only through full reductions). */
  function isScalarExpr(e: Expr): boolean {
    switch (e.kind) {
      case 'number':
        return true;
      case 'name':
        return inputs.get(e.name)?.kind !== 'array';
      case 'unary':
        return isScalarExpr(e.arg);
      case 'binary':
        return isScalarExpr(e.left) && isScalarExpr(e.right);
      case 'call':
        if (e.callee === 'roll' || e.callee === 'shift') return false;
        if (isReduction(e)) return !e.keywords.some((k) => k.name === 'axis');
        return e.args.every(isScalarExpr);
      case 'tuple':
        return false;
    }
  }

  function reduce(e: Expr & { kind: 'call' }): V {
    const cached = reductions.get(e);
    if (cached) return cached;
    const name = ALIASES[e.callee] ?? e.callee;
    const arg = e.args[0]!;
    const m = usesArray(arg, inputs) ? n : 1;
    const xs: V[] = [];
    for (let j = 0; j < m; j++) xs.push(evalAt(arg, j));
    const t: DT = xs[0]?.t ?? 'float64';
    let r: V;
    // a reduction of a weak (Python) scalar is that scalar, still weak; mean makes it a float
    if (m === 1 && !usesArray(arg, inputs) && xs[0]!.weak && t !== 'bool' && name !== 'any' && name !== 'all') {
      r = name === 'mean' ? cast(xs[0]!, 'float64', true) : xs[0]!;
    } else if (name === 'sum' || name === 'prod' || name === 'mean') {
      if (isF(t)) {
        const vals = xs.map((x) => x.v as number);
        let acc = name === 'prod' ? 1 : 0;
        for (const v of vals) acc = name === 'prod' ? acc * v : acc + v;
        if (name === 'mean') acc = acc / m;
        r = { t, weak: false, v: fl(t, acc) };
      } else if (name === 'mean') {
        let acc = 0;
        for (const x of xs) acc += Number(x.v);
        r = { t: 'float64', weak: false, v: acc / m };
      } else if (t === 'int64') {
        let acc = name === 'prod' ? 1n : 0n;
        for (const x of xs) acc = BigInt.asIntN(64, name === 'prod' ? acc * (x.v as bigint) : acc + (x.v as bigint));
        r = { t: 'int64', weak: false, v: acc };
      } else {
        // bool and int32: the exact sum or product as a float64 number, an error beyond 2**53
        let acc = name === 'prod' ? 1n : 0n;
        for (const x of xs) acc = name === 'prod' ? acc * (x.v as bigint) : acc + (x.v as bigint);
        if (acc > 2n ** 53n || acc < -(2n ** 53n)) bad('int sum beyond 2**53');
        r = { t: 'float64', weak: false, v: Number(acc) };
      }
    } else if (name === 'any' || name === 'all') {
      const bs = xs.map((x) => cast(x, 'bool').v === 1n);
      r = { t: 'bool', weak: false, v: (name === 'any' ? bs.some(Boolean) : bs.every(Boolean)) ? 1n : 0n };
    } else {
      if (m === 0) bad('empty min/max');
      let acc = xs[0]!.v;
      for (const x of xs) {
        if (typeof acc === 'number' && Number.isNaN(acc)) break;
        if (typeof x.v === 'number' && Number.isNaN(x.v)) acc = NaN;
        else if (name === 'min' ? x.v < acc : x.v > acc) acc = x.v;
      }
      r = { t, weak: false, v: acc };
    }
    reductions.set(e, r);
    return r;
  }
}
