// bind: AST + the vars' signature → typed AST. Resolves names (vars shadow constants), functions and
// operators through the registry, applies NEP 50 promotion with weak scalars, inserts casts, and
// raises name, arity and type errors with carets. Integer literal arithmetic is folded here, exactly, as
// Python computes it before numpy sees it. Knows nothing of code generation.

import { failAt, closest, Span, FusexprError } from '../errors.js';
import type { Expr, Call } from '../ast/nodes.js';
import { assertNever } from '../ast/nodes.js';
import { DType, TypeInfo, isInt, isFloat, isBig, intRange, INT64_MIN, INT64_MAX } from '../types/dtypes.js';
import { MAX_EXACT_BITS, int64ToFloat32 } from '../ops/scalar.js';
import {
  OpDef, binaryBySymbol, unaryBySymbol, functionByName, reductionByName, callableNames, castOp, opByName,
} from '../ops/registry.js';
import type { Bound, InputInfo, TNode, TConst } from './typed.js';
import { postOrder } from '../util/postOrder.js';

/** Constants of the language. A var of the same name wins. */
const CONSTANTS: Record<string, { value: number; dtype: DType; weak: boolean }> = {
  pi: { value: Math.PI, dtype: 'float64', weak: true },
  e: { value: Math.E, dtype: 'float64', weak: true },
  inf: { value: Infinity, dtype: 'float64', weak: true },
  nan: { value: NaN, dtype: 'float64', weak: true },
  true: { value: 1, dtype: 'bool', weak: false },
  false: { value: 0, dtype: 'bool', weak: false },
  True: { value: 1, dtype: 'bool', weak: false },
  False: { value: 0, dtype: 'bool', weak: false },
};
export const constantNames = () => Object.keys(CONSTANTS);

/** A weak integer constant: a Python int (any size until it meets a dtype). */
const isPythonInt = (n: TNode): boolean => n.kind === 'const' && n.weak && typeof n.value === 'bigint';

export interface BindLimits {
  /** Distinct variables in one expression (numexpr's 31 inputs are a complaint, not a goal). */
  maxInputs: number;
  /** Literals in one expression. */
  maxLiterals: number;
}
export const BIND_LIMITS: BindLimits = { maxInputs: 10_000, maxLiterals: 100_000 };

/**
 * The vars the expression may use, described by type only (values do not affect typing).
 * Names not in `vars` fall back to constants; unknown names are errors.
 */
export function bind(ast: Expr, expression: string, vars: ReadonlyMap<string, InputInfo>, otherNames: readonly string[] = []): Bound {
  return new Binder(expression, vars, otherNames).run(ast);
}

/** What bind evaluates before a node: a signed literal is one literal; keywords are read, not bound. */
function bindChildren(e: Expr): readonly Expr[] {
  switch (e.kind) {
    case 'number':
    case 'name':
      return [];
    case 'unary':
      return e.op === '-' && e.arg.kind === 'number' ? [] : [e.arg];
    case 'binary':
      return [e.left, e.right];
    case 'call':
      return e.args;
  }
}

class Binder {
  private readonly inputs: InputInfo[] = [];
  private readonly inputIndex = new Map<string, number>();

  /** `otherNames`: every var the caller passed, for "did you mean" hints. */
  constructor(
    private readonly text: string,
    private readonly vars: ReadonlyMap<string, InputInfo>,
    private readonly otherNames: readonly string[],
  ) {}

  run(ast: Expr): Bound {
    let root = this.node(ast);
    this.checkInt64(root);
    if (root.kind === 'op' && root.weak && root.dtype === 'int64') root = { ...fit(root, 'int64'), weak: true }; // a returned Python int must fit (and stays a number)
    return { root, inputs: this.inputs, expression: this.text };
  }

  /** Iterative post-order (a 10,000-term chain is 10,000 deep): children first, then the node. */
  private node(root: Expr): TNode {
    return postOrder<Expr, TNode>(root, bindChildren, (e, kids) => this.combine(e, kids));
  }

  private combine(e: Expr, kids: TNode[]): TNode {
    switch (e.kind) {
      case 'number':
        return this.literal(e.value, e.int, e.span);
      case 'name':
        return this.name(e.name, e.span);
      case 'unary': {
        // A signed literal is a literal (so `x ** -1` sees the constant -1, and `-9223372036854775808` fits).
        if (e.op === '-' && e.arg.kind === 'number') {
          return this.literal(-e.arg.value, e.arg.int === undefined ? undefined : -e.arg.int, e.span);
        }
        return this.apply(unaryBySymbol(e.op)!, kids, e.span, e.span);
      }
      case 'binary':
        return this.apply(binaryBySymbol(e.op)!, kids, e.span, e.opSpan);
      case 'call':
        return this.call(e, kids);
      default:
        return assertNever(e);
    }
  }

  private literals = 0;

  private literal(value: number, int: bigint | undefined, span: Span): TConst {
    if (++this.literals > BIND_LIMITS.maxLiterals) failAt('LIMIT', `more than ${BIND_LIMITS.maxLiterals} literals`, this.text, span);
    if (int !== undefined) {
      // a Python int: any size here; it must fit where it is used (an int32 array, int64, a float)
      if ((int < 0n ? -int : int).toString(2).length > MAX_EXACT_BITS) failAt('VALUE', `integer literal is longer than ${MAX_EXACT_BITS} bits`, this.text, span);
      return { kind: 'const', value: int, dtype: 'int64', weak: true, rank: 0, span };
    }
    return { kind: 'const', value, dtype: 'float64', weak: true, rank: 0, span };
  }

  private name(name: string, span: Span): TNode {
    const info = this.vars.get(name);
    if (info) {
      let index = this.inputIndex.get(name);
      if (index === undefined) {
        if (this.inputs.length >= BIND_LIMITS.maxInputs) failAt('LIMIT', `more than ${BIND_LIMITS.maxInputs} distinct variables`, this.text, span);
        index = this.inputs.length;
        this.inputs.push(info);
        this.inputIndex.set(name, index);
      }
      const weak = info.kind === 'scalar' && info.weak;
      return { kind: 'input', index, dtype: info.dtype, weak, rank: info.kind === 'array' ? info.rank : 0, span };
    }
    const c = Object.prototype.hasOwnProperty.call(CONSTANTS, name) ? CONSTANTS[name] : undefined;
    if (c) return { kind: 'const', value: c.value, dtype: c.dtype, weak: c.weak, rank: 0, span };
    if (functionByName(name) || reductionByName(name)) {
      failAt('UNKNOWN_NAME', `'${name}' is a function, not a variable`, this.text, span, `call it: ${name}(...)`);
    }
    const suggestion = closest(name, [...this.vars.keys(), ...this.otherNames, ...Object.keys(CONSTANTS)]);
    failAt('UNKNOWN_NAME', `unknown variable '${name}'`, this.text, span, suggestion ? `did you mean '${suggestion}'?` : 'pass it in vars');
  }

  private call(e: Call, args: TNode[]): TNode {
    const name = e.callee;
    const positional = e.args;
    const axisKw = e.keywords.find((k) => k.name === 'axis');
    if (name === 'roll' || name === 'shift') return this.transform(e, args);
    for (const k of e.keywords) {
      if (k.name !== 'axis') failAt('SYNTAX', `unexpected keyword argument '${k.name}'`, this.text, k.span, 'only reductions, roll and shift take keywords');
    }
    const reduction = reductionByName(name);
    // min/max with two positional arguments are the elementwise minimum/maximum (numexpr's aliases).
    const isReduction = reduction && !((name === 'min' || name === 'max') && positional.length === 2 && !axisKw);
    if (isReduction) {
      if (positional.length !== 1) {
        failAt('ARITY', `${name}() takes 1 argument (and optional axis=), got ${positional.length}`, this.text, e.span);
      }
      const arg = args[0]!;
      // reducing the only axis of a 1-D operand is a full reduction (a number, as numpy's 0-d result)
      const checked = axisKw ? this.axis(axisKw.value, arg.rank, name) : null;
      const axis = arg.rank === 1 ? null : checked;
      const r = reduction.resolve(arg.dtype);
      if (typeof r === 'string') failAt('TYPE', `${name}(): ${r}`, this.text, e.span);
      const coerced = this.coerce(arg, r.operands[0]!, false);
      const rank = axis === null ? 0 : arg.rank - 1;
      return { kind: 'reduce', op: reduction.name, arg: coerced, axis, dtype: r.result, weak: false, rank, span: e.span };
    }
    if (axisKw) failAt('SYNTAX', `${name}() takes no axis argument`, this.text, axisKw.span);
    const op = name === 'min' ? opByName('minimum') : name === 'max' ? opByName('maximum') : functionByName(name);
    if (!op) {
      const suggestion = closest(name, callableNames());
      failAt('UNKNOWN_FUNCTION', `unknown function '${name}'`, this.text, e.calleeSpan, suggestion ? `did you mean '${suggestion}'?` : undefined);
    }
    if (positional.length !== op.arity) {
      failAt('ARITY', `${name}() takes ${op.arity} argument${op.arity === 1 ? '' : 's'}, got ${positional.length}`, this.text, e.span);
    }
    return this.apply(op, args, e.span, e.calleeSpan);
  }

  /**
   * roll(x, shift, axis) — numpy's periodic roll — and shift(x, k, axis, fill=0), which reads `fill`
   * where the source index falls outside the axis. Shift amounts and axes are integer literals.
   */
  private transform(e: Call, args: TNode[]): TNode {
    const kind = e.callee as 'roll' | 'shift';
    const allowed = kind === 'roll' ? ['axis'] : ['axis', 'fill'];
    for (const k of e.keywords) {
      if (!allowed.includes(k.name)) failAt('SYNTAX', `unexpected keyword argument '${k.name}'`, this.text, k.span, `${kind}() takes ${allowed.join(', ')}=`);
    }
    const positional = e.args;
    const max = kind === 'roll' ? 3 : 4;
    if (positional.length < 2 || positional.length > max) {
      failAt('ARITY', `${kind}() takes ${kind === 'roll' ? 'roll(x, shift, axis)' : 'shift(x, k, axis, fill=0)'}, got ${positional.length} arguments`, this.text, e.span);
    }
    const arg = args[0]!;
    if (arg.rank === 0) failAt('SHAPE', `${kind}() needs an array operand`, this.text, positional[0]!.span);
    const amount = this.integerLiteral(positional[1]!, `${kind}(): the shift`);
    const axisExpr = positional[2] ?? e.keywords.find((k) => k.name === 'axis')?.value;
    if (!axisExpr && arg.rank > 1) failAt('SHAPE', `${kind}() of a rank-${arg.rank} operand needs an axis`, this.text, e.span, 'numpy would roll the flattened array; pass axis=');
    const axis = axisExpr ? this.axis(axisExpr, arg.rank, kind) : 0;
    let fill: TConst = { kind: 'const', value: isBig(arg.dtype) ? 0n : 0, dtype: arg.dtype, weak: false, rank: 0, span: e.span };
    const fillExpr = positional[3] ?? e.keywords.find((k) => k.name === 'fill')?.value;
    if (kind === 'shift' && fillExpr) {
      const f = args[3] ?? this.node(fillExpr);
      if (f.kind !== 'const') failAt('SYNTAX', 'shift(): fill must be a constant', this.text, fillExpr.span);
      fill = this.convertConst({ ...f, weak: true }, arg.dtype);
    }
    return { kind: 'transform', transform: { kind, axis, amount }, fill, arg, dtype: arg.dtype, weak: arg.weak, rank: arg.rank, span: e.span };
  }

  private integerLiteral(e: Expr, what: string): number {
    let value: number | undefined;
    if (e.kind === 'number' && e.int !== undefined) value = Number(e.int);
    if (e.kind === 'unary' && e.op === '-' && e.arg.kind === 'number' && e.arg.int !== undefined) value = -Number(e.arg.int);
    if (value === undefined || !Number.isSafeInteger(value)) failAt('SYNTAX', `${what} must be an integer literal`, this.text, e.span);
    return value;
  }

  private axis(e: Expr, rank: number, fn: string): number {
    const value = this.integerLiteral(e, `${fn}(): axis`);
    if (value < -rank || value >= rank) {
      failAt('SHAPE', `${fn}(): axis ${value} is out of bounds for an operand of rank ${rank}`, this.text, e.span);
    }
    return value < 0 ? value + rank : value;
  }

  /** Resolve an op against its arguments' types, cast each argument, and build the node. */
  private apply(op: OpDef, args: TNode[], span: Span, opSpan: Span): TNode {
    const infos: TypeInfo[] = args.map((a) => (this.isSmall(a) ? { dtype: a.dtype, weak: true, small: true } : { dtype: a.dtype, weak: a.weak }));
    const r = op.resolve(infos);
    const what = op.symbol ? `'${op.symbol}'` : `${op.name}()`;
    if (typeof r === 'string') failAt('TYPE', `${what}: ${r}`, this.text, opSpan);
    const weak = op.syntax !== 'cast' && args.every((a) => a.weak);
    if (op.name === 'power' && !weak && isFloat(r.result) && args[1]!.rank === 0) {
      // numpy's power with a scalar exponent of 0.5 is sqrt (its fast path: nan at -inf, -0 at -0)
      if (isHalf(args[1]!)) return this.apply(opByName('sqrt'), [args[0]!], span, opSpan);
      if (args[1]!.kind !== 'const') op = opByName('power_scalar');
    }
    if (COMPARISONS.has(op.name) && !weak && this.intOutOfRange(args, r.operands[0]!)) {
      // NumPy 2 compares an int array with any Python int (`i32 == 2**40` is all False): 64-bit data
      // meets the literal as a bigint of any size (exact); narrower data in float64 (exact for it and
      // for every safe-integer JS number)
      const to = r.operands[0]!;
      if (isBig(to) && args.every((a) => !a.weak || a.kind === 'const')) {
        const operands = args.map((a) => (a.weak ? { ...(a as TConst), value: BigInt((a as TConst).value), dtype: to, weak: false } : this.coerce(a, to, false)));
        return { kind: 'op', op: op.name, args: operands, dtype: r.result, weak: false, rank: Math.max(0, ...args.map((a) => a.rank)), span };
      }
      return this.apply(op, args.map((a) => (a.weak ? a : this.coerce(a, 'float64', false))), span, opSpan);
    }
    if (op.name === 'power' && isInt(r.operands[1]!)) this.checkIntPower(args[1]!);
    if (op.syntax === 'cast' && isPythonInt(args[0]!)) return this.castLiteral(args[0] as TConst, r.result, span);
    // int32(n), int64(n) of a Python int var (or one computed from them): np.int32(2**40) raises, so does
    // this; float64(n*n), bool(n*n) convert the exact value (the cast's int64 emitter takes any bigint)
    if (op.syntax === 'cast' && args[0]!.weak && args[0]!.dtype === 'int64') {
      if (isInt(r.result)) return { ...fit(args[0]!, r.result), span };
      return { kind: 'op', op: op.name, args: [args[0]!], dtype: r.result, weak: false, rank: args[0]!.rank, span };
    }
    const operands = args.map((a, i) => this.coerce(a, r.operands[i]!, weak));
    if (weak && operands.every(isPythonInt)) return this.foldLiterals(op, operands as TConst[], r.result, span);
    const rank = Math.max(0, ...args.map((a) => a.rank));
    // Python ints from int vars: exact at run time too (checked where they meet an int operand)
    if (weak && op.exact && r.result === 'int64') return { kind: 'op', op: `exact_${op.name}`, args: operands, dtype: r.result, weak, rank, span };
    operands.forEach((o) => this.checkInt64(o)); // computed at run time, in int64
    return { kind: 'op', op: op.name, args: operands, dtype: r.result, weak, rank, span };
  }

  /** A weak int known to fit int32: a literal that does, or a JS number var that did when the plan was built. */
  private isSmall(n: TNode): boolean {
    if (!n.weak || n.dtype !== 'int64') return false;
    if (n.kind === 'const') return BigInt(n.value) >= -2147483648n && BigInt(n.value) <= 2147483647n;
    if (n.kind === 'input') return (this.inputs[n.index] as { small?: boolean }).small === true;
    return false;
  }

  /** A weak int that may not fit `to` (an int32 comparison with a JS number var, or a literal beyond it). */
  private intOutOfRange(args: readonly TNode[], to: DType): boolean {
    if (!isInt(to)) return false;
    const [lo, hi] = intRange(to);
    return args.some((a) => {
      if (!a.weak || a.dtype !== 'int64') return false;
      if (a.kind === 'input' || a.kind === 'op') return to !== 'int64'; // known at run time only
      if (a.kind !== 'const') return false;
      const v = BigInt(a.value);
      return v < lo || v > hi;
    });
  }

  /** Integer literal arithmetic, exact (2**64, 10**20): Python's value, which must then fit where it is used. */
  private foldLiterals(op: OpDef, args: TConst[], result: DType, span: Span): TConst {
    const f = op.exact ?? op.emit.int64!.fn;
    try {
      return { kind: 'const', value: f(...args.map((a) => a.value)), dtype: result, weak: true, rank: 0, span };
    } catch (e) {
      if (e instanceof FusexprError) failAt(e.code, e.reason, this.text, span);
      throw e;
    }
  }

  /** int64(…), int32(…), float32(…) of an integer literal: numpy's np.int32(2**40) raises, so does this. */
  private castLiteral(c: TConst, to: DType, span: Span): TConst {
    if (to !== 'float32') return { ...this.convertConst(c, to), span };
    this.convertConst(c, 'float64'); // too large for a float is an error, as numpy's
    return { ...c, value: int64ToFloat32(c.value as bigint), dtype: 'float32', weak: false, span }; // rounded once, as the int64 cast
  }

  /** An integer literal that does not fit in int64 cannot reach a kernel (it would wrap). */
  private checkInt64(n: TNode): void {
    if (n.kind === 'const' && typeof n.value === 'bigint' && n.dtype !== 'uint64' && (n.value < INT64_MIN || n.value > INT64_MAX)) {
      failAt('VALUE', `integer ${n.value} is out of bounds for int64`, this.text, n.span, 'numpy raises too; write it as a float (e.g. 2.0**64)');
    }
  }

  private checkIntPower(exponent: TNode): void {
    if (exponent.kind === 'const' && exponent.value < 0) {
      failAt('VALUE', 'Integers to negative integer powers are not allowed', this.text, exponent.span, 'use a float base, e.g. x ** -1.0 or float64(x) ** -1');
    }
  }

  /**
   * Make `n` a value of dtype `to`. A weak scalar meeting a strong operand takes its dtype (NEP 50):
   * constants convert now (an int that does not fit is an error, as numpy raises), scalar inputs are
   * retyped and converted once per call by the runner; a weak computation is cast.
   */
  private coerce(n: TNode, to: DType, resultWeak: boolean): TNode {
    if (n.dtype === to && (n.weak === resultWeak || !n.weak)) return n;
    if (n.kind === 'const') return { ...this.convertConst(n, to), weak: n.weak && resultWeak };
    if (n.weak && !resultWeak) {
      if (n.kind === 'input') return { ...n, dtype: to, weak: false };
      if (n.kind === 'op' && n.dtype === 'int64' && isInt(to)) return fit(n, to);
    }
    if (n.dtype === to) return n;
    return { kind: 'op', op: castOp(to).name, args: [n], dtype: to, weak: n.weak && resultWeak, rank: n.rank, span: n.span };
  }

  private convertConst(n: TConst, to: DType): TConst {
    const v = n.value;
    let value: number | bigint;
    switch (to) {
      case 'float64':
        value = Number(v);
        if (typeof v === 'bigint' && !Number.isFinite(value)) failAt('VALUE', 'integer too large to convert to float', this.text, n.span);
        break;
      case 'float32':
        // a Python int converts through float64, as numpy's does (2**60 + 2**36 + 1 → 2**60)
        value = Number(v);
        if (typeof v === 'bigint' && !Number.isFinite(value)) failAt('VALUE', 'integer too large to convert to float', this.text, n.span);
        value = Math.fround(value);
        break;
      case 'bool':
        value = Number(v) !== 0 ? 1 : 0;
        break;
      default: {
        // an integer dtype: the value must fit it (numpy raises for a Python int that does not)
        if (typeof v === 'number' && !Number.isInteger(v)) failAt('TYPE', `cannot use ${v} as ${to}`, this.text, n.span);
        const big = BigInt(v);
        const [lo, hi] = intRange(to);
        if (big < lo || big > hi) {
          failAt('VALUE', `integer ${v} is out of bounds for ${to}`, this.text, n.span, to === 'int64' ? 'numpy raises too; write it as a float (e.g. 2.0**64)' : 'cast the array: int64(x) or float64(x)');
        }
        value = isBig(to) ? big : Number(big);
      }
    }
    return { ...n, value, dtype: to, weak: false };
  }
}

const COMPARISONS = new Set(['less', 'less_equal', 'equal', 'not_equal', 'greater_equal', 'greater']);
const isHalf = (n: TNode): boolean => n.kind === 'const' && n.weak && n.dtype === 'float64' && n.value === 0.5;

/** A weak int computed at run time, checked to fit `to` (VALUE otherwise). */
const fit = (n: TNode, to: DType): TNode => ({ kind: 'op', op: `fit_${to}`, args: [n], dtype: to, weak: false, rank: n.rank, span: n.span });
