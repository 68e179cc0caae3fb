// bind: AST + the vars' signature → typed AST. Resolves names (vars shadow constants), functions and
// operators through the registry, applies NEP 50 promotion with weak scalars, inserts casts, and
// raises name, arity and type errors with carets. Integer literal arithmetic is folded here, exactly, as
// Python computes it before numpy sees it. Knows nothing of code generation.

import { failAt, closest, Span, FusexprError } from '../errors.js';
import type { Expr, Call } from '../ast/nodes.js';
import { assertNever } from '../ast/nodes.js';
import { DType, TypeInfo, isInt, isFloat, isBig, intRange, isComplex, partOf, NO_FLOAT16 } from '../types/dtypes.js';
import { MAX_EXACT_BITS, int64ToFloat32 } from '../ops/scalar.js';
import { OpDef, binaryBySymbol, unaryBySymbol, functionByName, reductionByName, callableNames, castOp, opByName } from '../ops/registry.js';
import type { Bound, InputInfo, TNode, TConst } from './typed.js';
import { postOrder } from '../util/postOrder.js';
import { checkInt64, clipBounds, complexPowerFastPath, convertConst, fit, foldComplexLiteral, isHalf, isPythonInt, COMPARISONS, COMPLEX_OPS, WEAK_KINDS, WEAK_REDUCTIONS } from './constants.js';
import { elementwiseMinMax, positionalAxis } from './positional.js';

/** Constants of the language. A var of the same name wins. */
const CONSTANTS: Record<string, { value: number; dtype: DType; weak: boolean }> = {
  pi: { value: Math.PI, dtype: 'float64', weak: true },
  e: { value: Math.E, dtype: 'float64', weak: true },
  inf: { value: Infinity, dtype: 'float64', weak: true },
  nan: { value: NaN, dtype: 'float64', weak: true },
  true: { value: 1, dtype: 'bool', weak: true },
  false: { value: 0, dtype: 'bool', weak: true },
  True: { value: 1, dtype: 'bool', weak: true },
  False: { value: 0, dtype: 'bool', weak: true },
};
export const constantNames = () => Object.keys(CONSTANTS);

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
      return positionalAxis(e) ? [e.args[0]!] : e.args;
    case 'tuple':
      return [];
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
    checkInt64(this.text, root);
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
        if (e.imag) return this.imaginary(0, e.value, e.span);
        return this.literal(e.value, e.int, e.span);
      case 'name':
        return this.name(e.name, e.span);
      case 'unary': {
        // A signed literal is a literal (so `x ** -1` sees the constant -1, and `-9223372036854775808` fits).
        if (e.op === '-' && e.arg.kind === 'number') {
          // Python's -2j is -(0+2j): a -0 real part
          if (e.arg.imag) return this.imaginary(-0, -e.arg.value, e.span);
          return this.literal(-e.arg.value, e.arg.int === undefined ? undefined : -e.arg.int, e.span);
        }
        return this.apply(unaryBySymbol(e.op)!, kids, e.span, e.span);
      }
      case 'binary':
        return this.apply(binaryBySymbol(e.op)!, kids, e.span, e.opSpan);
      case 'call':
        return this.call(e, kids);
      case 'tuple':
        return failAt('SYNTAX', 'a tuple is not a value', this.text, e.span, "tuples are only a reduction's axis=, e.g. sum(a, axis=(0, 2))");
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

  /** A Python complex literal: weak complex128. */
  private imaginary(re: number, im: number, span: Span): TConst {
    if (++this.literals > BIND_LIMITS.maxLiterals) failAt('LIMIT', `more than ${BIND_LIMITS.maxLiterals} literals`, this.text, span);
    return { kind: 'const', value: re, imag: im, dtype: 'complex128', weak: true, rank: 0, span };
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
    const keepKw = e.keywords.find((k) => k.name === 'keepdims');
    if (name === 'roll' || name === 'shift') return this.transform(e, args);
    for (const k of e.keywords) {
      if (k.name !== 'axis' && k.name !== 'keepdims') failAt('SYNTAX', `unexpected keyword argument '${k.name}'`, this.text, k.span, 'only reductions, roll and shift take keywords');
    }
    const reduction = reductionByName(name);
    // min/max with two positional arguments are the elementwise minimum/maximum (numexpr's aliases).
    const isReduction = reduction && !elementwiseMinMax(e);
    if (isReduction) {
      const axisArg = positionalAxis(e);
      if (positional.length !== 1 && !axisArg) {
        failAt('ARITY', `${name}() takes 1 argument (and optional axis, keepdims=), got ${positional.length}`, this.text, e.span);
      }
      if (axisArg && axisKw) failAt('SYNTAX', `${name}() got multiple values for argument 'axis'`, this.text, axisKw.span);
      const arg = args[0]!;
      const keepdims = keepKw ? this.flag(keepKw.value, `${name}(): keepdims`) : false;
      const axisExpr = axisArg ?? axisKw?.value;
      let axes = axisExpr ? this.axes(axisExpr, arg.rank, name) : null;
      // every axis: a full reduction (a number, as numpy's 0-d); with keepdims an array of 1s (schedule.ts)
      if (axes !== null && axes.length === arg.rank && !keepdims) axes = null;
      if (keepdims && arg.rank > 0) axes ??= Array.from({ length: arg.rank }, (_, d) => d);
      const r = reduction.resolve(arg.dtype);
      if (typeof r === 'string') failAt('TYPE', `${name}(): ${r}`, this.text, e.span);
      // a reduction of a weak scalar is that scalar, still weak (as every function of weak scalars):
      // sum(1) is the Python int 1 (a number), not a strong int64 that would make `sum(1) * a` BigInt
      if (arg.rank === 0 && arg.weak && arg.dtype !== 'bool' && WEAK_REDUCTIONS.has(reduction.name)) return reduction.name === 'mean' ? this.coerce(arg, r.result, true) : arg;
      const coerced = this.coerce(arg, r.operands[0]!, false);
      const rank = axes === null ? 0 : keepdims ? arg.rank : arg.rank - axes.length;
      return { kind: 'reduce', op: reduction.name, arg: coerced, axes, keepdims: keepdims && axes !== null, dtype: r.result, weak: false, rank, span: e.span };
    }
    if (axisKw || keepKw) failAt('SYNTAX', `${name}() takes no ${axisKw ? 'axis' : 'keepdims'} argument`, this.text, (axisKw ?? keepKw)!.span);
    const op = name === 'min' ? opByName('minimum') : name === 'max' ? opByName('maximum') : functionByName(name);
    if (!op) {
      if (name === 'float16') failAt('UNKNOWN_FUNCTION', `float16() is not available here: ${NO_FLOAT16}`, this.text, e.calleeSpan, 'use float32(x)');
      const suggestion = closest(name, callableNames());
      failAt('UNKNOWN_FUNCTION', `unknown function '${name}'`, this.text, e.calleeSpan, suggestion ? `did you mean '${suggestion}'?` : undefined);
    }
    if (positional.length !== op.arity) {
      failAt('ARITY', `${name}() takes ${op.arity} argument${op.arity === 1 ? '' : 's'}, got ${positional.length}`, this.text, e.span);
    }
    return this.apply(op, args, e.span, e.calleeSpan);
  }

  /** roll(x, shift, axis): numpy's periodic roll; shift(x, k, axis, fill=0) reads `fill` outside the axis. Integer literals. */
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
    const amount = this.integerLiteral(positional[1]!, `${kind}(): the shift must be an integer literal`);
    const axisExpr = positional[2] ?? e.keywords.find((k) => k.name === 'axis')?.value;
    if (!axisExpr && arg.rank > 1) failAt('SHAPE', `${kind}() of a rank-${arg.rank} operand needs an axis`, this.text, e.span, 'numpy would roll the flattened array; pass axis=');
    const axis = axisExpr ? this.axis(axisExpr, arg.rank, kind) : 0;
    let fill: TConst = { kind: 'const', value: isBig(arg.dtype) ? 0n : 0, dtype: arg.dtype, weak: false, rank: 0, span: e.span };
    const fillExpr = positional[3] ?? e.keywords.find((k) => k.name === 'fill')?.value;
    if (kind === 'shift' && fillExpr) {
      const f = foldComplexLiteral(args[3] ?? this.node(fillExpr));
      if (f.kind !== 'const') failAt('SYNTAX', 'shift(): fill must be a constant', this.text, fillExpr.span);
      fill = convertConst(this.text, { ...f, weak: true }, arg.dtype);
    }
    return { kind: 'transform', transform: { kind, axis, amount }, fill, arg, dtype: arg.dtype, weak: arg.weak, rank: arg.rank, span: e.span };
  }

  private integerLiteral(e: Expr, what: string): number {
    let value: number | undefined;
    if (e.kind === 'number' && e.int !== undefined) value = Number(e.int);
    if (e.kind === 'unary' && e.op === '-' && e.arg.kind === 'number' && e.arg.int !== undefined) value = -Number(e.arg.int);
    if (value === undefined || !Number.isSafeInteger(value)) failAt('SYNTAX', what, this.text, e.span);
    return value;
  }

  /**
   * A reduction's axis: None (every axis), an integer literal or a tuple of them, `()` for none (numpy's
   * normalize_axis_tuple: in range, negatives from the end, no repeats). Sorted.
   */
  private axes(e: Expr, rank: number, fn: string): number[] | null {
    if (e.kind === 'name' && e.name === 'None') return null;
    const items = e.kind === 'tuple' ? e.items : [e];
    if (rank === 0 && fn !== 'mean' && (e.kind === 'number' || e.kind === 'unary') && [0, -1].includes(this.integerLiteral(e, `${fn}(): axis must be an integer literal`))) return null; // as NumPy's ufunc.reduce (np.mean raises): axis 0 or -1 of a 0-d operand
    const axes: number[] = [];
    for (const item of items) {
      const what = `${fn}(): axis must be an integer literal, a tuple of them, or None`;
      if (item.kind !== 'number' && !(item.kind === 'unary' && item.op === '-')) failAt('SYNTAX', what, this.text, item.span);
      const a = this.axis(item, rank, fn, what);
      if (axes.includes(a)) failAt('SHAPE', `${fn}(): axis ${a} is repeated`, this.text, item.span, "numpy raises too (duplicate value in 'axis')");
      axes.push(a);
    }
    return axes.sort((x, y) => x - y);
  }

  /** keepdims=True / False (or true / false). */
  private flag(e: Expr, what: string): boolean {
    if (e.kind === 'name' && (e.name === 'True' || e.name === 'true')) return true;
    if (e.kind === 'name' && (e.name === 'False' || e.name === 'false')) return false;
    return failAt('SYNTAX', `${what} must be True or False`, this.text, e.span);
  }

  private axis(e: Expr, rank: number, fn: string, what = `${fn}(): axis must be an integer literal`): number {
    const value = this.integerLiteral(e, what);
    if (value < -rank || value >= rank) {
      failAt('SHAPE', `${fn}(): axis ${value} is out of bounds for an operand of rank ${rank}`, this.text, e.span);
    }
    return value < 0 ? value + rank : value;
  }

  /** Resolve an op against its arguments' types, cast each argument, and build the node. */
  private apply(op: OpDef, args: TNode[], span: Span, opSpan: Span): TNode {
    if (op.name === 'clip') args = clipBounds(args);
    const infos: TypeInfo[] = args.map((a) => (this.isSmall(a) ? { dtype: a.dtype, weak: true, small: true } : { dtype: a.dtype, weak: a.weak }));
    const r = op.resolve(infos);
    const what = op.symbol ? `'${op.symbol}'` : `${op.name}()`;
    if (typeof r === 'string') failAt('TYPE', `${what}: ${r}`, this.text, opSpan);
    if ([...r.operands, r.result].some(isComplex) || args.some((a) => isComplex(a.dtype))) this.checkComplex(op, args, r.result, opSpan);
    // weak in, weak out, except where NumPy's bool loops give a sized dtype (`true // true`: a strong int8)
    const weak = op.syntax !== 'cast' && args.every((a) => a.weak) && WEAK_KINDS.has(r.result);
    const fast = op.name === 'power' && !weak && isComplex(r.result) && args[0]!.kind !== 'const' ? complexPowerFastPath(this.coerce(args[0]!, r.result, false), args[1]!, this.coerce(args[1]!, r.result, false), span) : undefined;
    if (fast) return fast;
    if (op.name === 'power' && !weak && isFloat(r.result) && args[1]!.rank === 0) {
      // numpy's power fast path: float ** 0.5 is sqrt (nan at -inf, -0 at -0); u8 ** 0.5 is power's float64
      if (isHalf(args[1]!) && isFloat(args[0]!.dtype)) return this.apply(opByName('sqrt'), [args[0]!], span, opSpan);
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
    operands.forEach((o) => checkInt64(this.text, o)); // computed at run time, in int64
    return { kind: 'op', op: op.name, args: operands, dtype: r.result, weak, rank, span };
  }

  /** The ops complex operands may meet (plan/splitComplex.ts rewrites each); a complex → real cast is not same_kind. */
  private checkComplex(op: OpDef, args: readonly TNode[], result: DType, at: Span): void {
    const what = op.symbol ? `'${op.symbol}'` : `${op.name}()`;
    if (op.syntax === 'cast') {
      if (isComplex(args[0]!.dtype) && !isComplex(result) && result !== 'bool') {
        failAt('TYPE', `${what}: cannot cast complex to ${result} (NumPy warns and drops the imaginary part)`, this.text, at, 'take real(z), imag(z) or abs(z)');
      }
      return;
    }
    if (!COMPLEX_OPS.has(op.name)) failAt('TYPE', `${what}: not supported for complex operands`, this.text, at);
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
    if (to !== 'float32') return { ...convertConst(this.text, c, to), span };
    convertConst(this.text, c, 'float64'); // too large for a float is an error, as numpy's
    return { ...c, value: int64ToFloat32(c.value as bigint), dtype: 'float32', weak: false, span }; // rounded once, as the int64 cast
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
    if (n.kind === 'const') return { ...convertConst(this.text, n, to), weak: n.weak && resultWeak };
    if (n.weak && !resultWeak) {
      if (n.kind === 'input') {
        // a JS number meeting complex is retyped to the part's dtype, then made complex (splitComplex splits
        // complex values into parts); a Python complex var meeting complex64 is complex64, meeting bool a cast
        const complexVar = isComplex(n.dtype);
        if (!complexVar && isComplex(to)) return { kind: 'op', op: castOp(to).name, args: [{ ...n, dtype: partOf(to), weak: false }], dtype: to, weak: false, rank: n.rank, span: n.span };
        if (!complexVar || isComplex(to)) return { ...n, dtype: to, weak: false };
      }
      if (n.kind === 'op' && n.dtype === 'int64' && isInt(to)) return fit(n, to);
    }
    if (n.dtype === to) return n;
    return { kind: 'op', op: castOp(to).name, args: [n], dtype: to, weak: n.weak && resultWeak, rank: n.rank, span: n.span };
  }
}
