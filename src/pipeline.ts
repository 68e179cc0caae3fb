// The recipe, one line per stage: parse → bind → optimize → plan → kernels (a backend per stage). Also the two
// bounded caches (numexpr's shape): expression → AST, and expression + options + signature → kernels.

import type { Expr } from './ast/nodes.js';
import { printExpr, exprChildren } from './ast/print.js';
import { fail } from './errors.js';
import { parse } from './parse/index.js';
import { bind } from './bind/bind.js';
import type { Bound, InputInfo, TNode } from './bind/typed.js';
import { OptimizeLevel, optimize, programPassesEnabled, PassRecord } from './optimize/index.js';
import { lower } from './plan/lower.js';
import { eliminateCommonSubexpressions } from './plan/eliminateCommonSubexpressions.js';
import { hoistInvariants } from './plan/hoistInvariants.js';
import { unfuse } from './plan/unfuse.js';
import { pushTransforms } from './plan/pushTransforms.js';
import { isLeaf, type Plan } from './plan/program.js';
import { FLAT, type BackendName, type Variant } from './kernel/abi.js';
import { PlanKernels } from './kernel/variants.js';
import { castOp } from './ops/registry.js';
import { Casting, DType, canCast, isComplex, partOf, type ComplexDType } from './types/dtypes.js';
import { hasComplex, splitComplex } from './plan/splitComplex.js';
import { joinComplex } from './plan/joinComplex.js';
import { LruCache } from './util/cache.js';

/** What `out` holds: a dtype, or a Uint8ClampedArray's uint8 with its saturating store. */
export type OutType = DType | { readonly dtype: DType; readonly clamped: true };

export interface PlanOptions {
  readonly optimize: OptimizeLevel;
  readonly fusion: boolean;
  readonly casting: Casting;
  readonly backend: BackendName;
  /** Arena calls run on Wasm kernels where supported. */
  readonly wasm?: boolean;
  /** Plain arrays also stage transcendental kernels through Wasm (backend 'wasm'). */
  readonly wasmMath?: boolean;
}

export interface CompiledPlan {
  readonly expression: string;
  readonly ast: Expr;
  readonly bound: Bound;
  /** Each tree pass's output, for explain(). */
  readonly passes: readonly PassRecord[];
  readonly optimized: TNode;
  readonly plan: Plan;
  /** Kernels per stage and variant, built on first use by the chosen backend. */
  readonly kernels: PlanKernels;
  /** Per stage: the source explain() shows (flat, or strided when the stage has transforms). */
  readonly sources: readonly string[];
  /**
   * A complex result: its real and imaginary parts, each a plan of its own over real inputs
   * (plan/splitComplex.ts). The fields above are the real part's, with `plan.dtype` the complex dtype.
   */
  readonly complex?: {
    readonly dtype: ComplexDType;
    readonly re: CompiledPlan;
    readonly im: CompiledPlan;
    /** Both parts in one plan whose last stage is one flat pass storing (re, im) pairs (plan/joinComplex.ts). */
    readonly fused?: { readonly plan: Plan; readonly kernels: PlanKernels };
  };
}

/** Parsed expressions: expression text → AST and the names it uses (256 entries, as numexpr). */
export const astCache = new LruCache<string, Parsed>(256);

/** A parsed expression; `last` is api.ts's memo of the signature it last ran with (see lookup there). */
export interface Parsed {
  readonly ast: Expr;
  readonly names: string[];
  last?: unknown;
}

export function parseCached(expression: string): Parsed {
  let entry = astCache.get(expression);
  if (!entry) {
    const ast = parse(expression);
    entry = { ast, names: collectNames(ast) };
    astCache.set(expression, entry);
  }
  return entry;
}

/** Names in order of first appearance (iteratively: expressions may be 10,000 terms long). */
function collectNames(ast: Expr): string[] {
  const names = new Set<string>();
  const stack: Expr[] = [ast];
  while (stack.length) {
    const e = stack.pop()!;
    if (e.kind === 'name') names.add(e.name);
    const kids = exprChildren(e);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return [...names];
}

/** The whole compile: everything but running. `outDtype` adds the final cast into `out`. */
export function buildPlan(
  expression: string,
  ast: Expr,
  vars: ReadonlyMap<string, InputInfo>,
  outType: OutType | undefined,
  options: PlanOptions,
  otherNames: readonly string[] = [],
): CompiledPlan {
  try {
    return compilePlan(expression, ast, vars, outType, options, otherNames);
  } catch (e) {
    if (e instanceof RangeError) fail('LIMIT', `expression is too large to compile (${e.message})`);
    throw e;
  }
}

function compilePlan(
  expression: string,
  ast: Expr,
  vars: ReadonlyMap<string, InputInfo>,
  outType: OutType | undefined,
  options: PlanOptions,
  otherNames: readonly string[],
): CompiledPlan {
  const bound = bind(ast, expression, vars, otherNames);
  let root = bound.root;
  const outDtype = typeof outType === 'object' ? outType.dtype : outType;
  const clamped = typeof outType === 'object';
  if (outDtype !== undefined && (outDtype !== root.dtype || clamped)) {
    // a Uint8ClampedArray saturates by itself: any real result may land there under 'same_kind' (a departure: NumPy has no clamped dtype)
    // (a complex result is not real: only 'unsafe' lets it in, as its real part, like any real out)
    const realOrUnsafe = !isComplex(root.dtype) || options.casting === 'unsafe';
    const allowed = canCast(root.dtype, outDtype, options.casting) || (clamped && realOrUnsafe && (options.casting === 'same_kind' || options.casting === 'unsafe'));
    if (!allowed) {
      const an = (d: string) => (/^int/.test(d) ? 'an' : 'a');
      const into = clamped ? 'Uint8ClampedArray (uint8)' : String(outDtype);
      fail('BAD_OUT', `cannot write ${an(root.dtype)} ${root.dtype} result into ${an(into)} ${into} out with casting='${options.casting}'`, "pass casting: 'unsafe' to allow it");
    }
    const op = clamped ? 'clamp_uint8' : castOp(outDtype).name;
    if (clamped && isComplex(root.dtype)) root = { kind: 'op', op: 'real', args: [root], dtype: partOf(root.dtype), weak: false, rank: root.rank, span: root.span };
    if (!(clamped && root.dtype === 'uint8')) root = { kind: 'op', op, args: [root], dtype: outDtype, weak: false, rank: root.rank, span: root.span };
  }
  if (!hasComplex(bound, root)) return compileRoot(expression, ast, bound, root, options);
  // complex values: real trees over the parts, a plan for each root (the result's re and im)
  const split = splitComplex(bound, root);
  const parts = split.roots.map((r) => compileRoot(expression, ast, { ...bound, inputs: split.inputs, root: r }, r, options));
  if (parts.length === 1) return parts[0]!;
  const [re, im] = parts as [CompiledPlan, CompiledPlan];
  const dtype = root.dtype as ComplexDType;
  const joined = joinComplex(re.plan, im.plan, programPassesEnabled(options.optimize));
  // its flat kernel reads and stores interleaved pairs, which Wasm kernels do not (so: the plain backend)
  const fused = joined && { plan: joined, kernels: new PlanKernels(joined.stages, headerOf(ast, bound), options.backend) };
  fused?.kernels.get(joined!.stages.length - 1, 'stage', FLAT);
  return { ...re, bound, plan: { ...re.plan, dtype }, complex: { dtype, re, im, fused }, get sources() { return [...re.sources, ...im.sources]; } };
}

/** One real root → its plan and kernels. */
function compileRoot(expression: string, ast: Expr, bound: Bound, root: TNode, options: PlanOptions): CompiledPlan {
  const { root: optimized, history } = optimize(root, options.optimize);
  const transformed = pushTransforms(optimized);
  let plan = lower({ ...bound, root }, transformed, root.rank);
  if (programPassesEnabled(options.optimize)) {
    plan = { ...plan, stages: plan.stages.map((s) => hoistInvariants(eliminateCommonSubexpressions(s))) };
  }
  if (!options.fusion) plan = unfuse(plan);
  const kernels = new PlanKernels(plan.stages, headerOf(ast, bound), options.backend, options.wasm ?? false, options.wasmMath ?? false);
  // flat kernels are built now, so the first run only runs; stencil stages get theirs per layout
  plan.stages.forEach((s, i) => s.transformed || kernels.get(i, 'stage', FLAT));
  let sources: string[] | undefined;
  return {
    expression, ast, bound, passes: history, optimized: transformed, plan, kernels,
    // explain() shows a stencil stage's generic strided kernel, built only when asked for
    get sources() {
      return (sources ??= plan.stages.map((s, i) => kernels.get(i, s.transformed && s.kind === 'reduce' ? 'operand' : 'stage', s.transformed ? generic(s) : FLAT).source));
    },
  };
}

/** The strided variant with every stride class generic: what explain() shows for stencil stages. */
function generic(s: Plan['stages'][number]): Variant {
  const leaves = s.params.filter(isLeaf).length;
  return { kind: 'strided', steps: 's'.repeat(leaves + 1) };
}

/** The expression with vars renamed to $0, $1… (the generated source carries no user text). */
function headerOf(ast: Expr, bound: Bound): string {
  const index = new Map(bound.inputs.map((inp, i) => [inp.name, i]));
  const text = printExpr(ast, (name) => (index.has(name) ? `$${index.get(name)}` : name));
  const sig = bound.inputs.map((inp, i) => `$${i}: ${inp.kind === 'array' ? `${inp.dtype}[]` : inp.dtype}`).join(', ');
  return `${text}\n${sig || '(no inputs)'}`;
}

/** Compiled plans: expression + options + signature → kernels. */
export const planCache = new LruCache<string, CompiledPlan>(256);
