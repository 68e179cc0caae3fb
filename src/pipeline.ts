// The recipe, one line per stage: parse → bind → optimize → plan → generate → compile. Also the two
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
import type { Plan } from './plan/program.js';
import { generate } from './codegen/generate.js';
import { compileSource } from './codegen/compile.js';
import { buildClosureKernel } from './codegen/closures.js';
import { castOp } from './ops/registry.js';
import { Casting, DType, canCast } from './types/dtypes.js';
import { LruCache } from './runtime/cache.js';

export interface KernelPair {
  readonly kernel: Function;
  /** Runs blocks [start, end) in the calling thread. */
  readonly blocks: Function;
  /** Claims blocks from a shared counter (threads); absent for the closures backend. */
  readonly claim?: Function;
  /** Process-wide id, so workers compile each kernel once. */
  readonly id: number;
  readonly source: string;
}

let nextKernelId = 1;

export interface PlanOptions {
  readonly optimize: OptimizeLevel;
  readonly fusion: boolean;
  readonly casting: Casting;
  readonly codegen: 'jit' | 'closures';
}

export interface CompiledPlan {
  readonly expression: string;
  readonly ast: Expr;
  readonly bound: Bound;
  /** Each tree pass's output, for explain(). */
  readonly passes: readonly PassRecord[];
  readonly optimized: TNode;
  readonly plan: Plan;
  readonly sources: readonly string[];
  readonly kernels: readonly KernelPair[];
}

/** Parsed expressions: expression text → AST and the names it uses (256 entries, as numexpr). */
const astCache = new LruCache<string, { ast: Expr; names: string[] }>(256);

export function parseCached(expression: string): { ast: Expr; names: string[] } {
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
  outDtype: DType | undefined,
  options: PlanOptions,
  otherNames: readonly string[] = [],
): CompiledPlan {
  try {
    return compilePlan(expression, ast, vars, outDtype, options, otherNames);
  } catch (e) {
    if (e instanceof RangeError) fail('LIMIT', `expression is too large to compile (${e.message})`);
    throw e;
  }
}

function compilePlan(
  expression: string,
  ast: Expr,
  vars: ReadonlyMap<string, InputInfo>,
  outDtype: DType | undefined,
  options: PlanOptions,
  otherNames: readonly string[],
): CompiledPlan {
  const bound = bind(ast, expression, vars, otherNames);
  let root = bound.root;
  if (outDtype !== undefined && outDtype !== root.dtype) {
    if (!canCast(root.dtype, outDtype, options.casting)) {
      fail('BAD_OUT', `cannot write a ${root.dtype} result into a ${outDtype} out with casting='${options.casting}'`, "pass casting: 'unsafe' to allow it");
    }
    root = { kind: 'op', op: castOp(outDtype).name, args: [root], dtype: outDtype, weak: false, rank: root.rank, span: root.span };
  }
  const { root: optimized, history } = optimize(root, options.optimize);
  let plan = lower(bound, optimized, bound.root.rank);
  if (programPassesEnabled(options.optimize)) {
    plan = { ...plan, stages: plan.stages.map((s) => hoistInvariants(eliminateCommonSubexpressions(s))) };
  }
  if (!options.fusion) plan = unfuse(plan);
  const header = headerOf(expression, ast, bound);
  const sources = plan.stages.map((s) => generate(s, header));
  // the source is generated in both modes (explain shows it); only 'jit' turns it into code
  const kernels = sources.map((source, i) => ({
    ...(options.codegen === 'jit' ? compileSource<Omit<KernelPair, 'id' | 'source'>>(source) : buildClosureKernel(plan.stages[i]!)),
    id: nextKernelId++,
    source,
  }));
  return { expression, ast, bound, passes: history, optimized, plan, sources, kernels };
}

/** The expression with vars renamed to $0, $1… (the generated source carries no user text). */
function headerOf(_expression: string, ast: Expr, bound: Bound): string {
  const index = new Map(bound.inputs.map((inp, i) => [inp.name, i]));
  const text = printExpr(ast, (name) => (index.has(name) ? `$${index.get(name)}` : name));
  const sig = bound.inputs.map((inp, i) => `$${i}: ${inp.kind === 'array' ? `${inp.dtype}[]` : inp.dtype}`).join(', ');
  return `${text}\n${sig || '(no inputs)'}`;
}

/** Compiled plans: expression + options + signature → kernels. */
export const planCache = new LruCache<string, CompiledPlan>(256);
