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
import type { Plan, Program } from './plan/program.js';
import { generate, generateStrided } from './codegen/generate.js';
import { pushTransforms } from './plan/pushTransforms.js';
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
  /** Per stage: the generated source explain() shows (flat, or strided when the stage has transforms). */
  readonly sources: readonly string[];
  /** Per stage: the flat kernel, or undefined for stages only a strided kernel can run. */
  readonly kernels: readonly (KernelPair | undefined)[];
  readonly codegen: 'jit' | 'closures';
  /** Other kernel variants of a stage, built on first use (see kernelFor). */
  readonly variants: Map<string, KernelPair>;
  readonly header: string;
}

/** Parsed expressions: expression text → AST and the names it uses (256 entries, as numexpr). */
export const astCache = new LruCache<string, { ast: Expr; names: string[] }>(256);

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
  const transformed = pushTransforms(optimized);
  let plan = lower(bound, transformed, bound.root.rank);
  if (programPassesEnabled(options.optimize)) {
    plan = { ...plan, stages: plan.stages.map((s) => hoistInvariants(eliminateCommonSubexpressions(s))) };
  }
  if (!options.fusion) plan = unfuse(plan);
  const header = headerOf(ast, bound);
  const sources = plan.stages.map((s) => (s.transformed ? (s.kind === 'map' ? generateStrided(s, header) : generateStrided(operandProgram(s), header)) : generate(s, header)));
  // the source is generated in both modes (explain shows it); only 'jit' turns it into code
  const kernels = plan.stages.map((s, i) => (s.transformed ? undefined : makeKernel(sources[i]!, s, options.codegen)));
  return { expression, ast, bound, passes: history, optimized: transformed, plan, sources, kernels, codegen: options.codegen, variants: new Map(), header };
}

function makeKernel(source: string, program: Program, codegen: 'jit' | 'closures'): KernelPair {
  const fns = codegen === 'jit' ? compileSource<Omit<KernelPair, 'id' | 'source'>>(source) : buildClosureKernel(program);
  return { ...fns, id: nextKernelId++, source };
}

/** A reduce stage's operand as a map program (to materialize it before an axis or strided reduction). */
export function operandProgram(p: Program): Program {
  return { ...p, kind: 'map', reduce: undefined, axis: undefined, outputDtype: p.resultDtype, rank: p.argRank ?? 0 };
}

export type Variant = 'flat' | 'strided' | 'operand-flat' | 'operand-strided';

/**
 * A stage's kernel in another shape: 'strided' (views, broadcasting, roll/shift), or its reduce
 * operand materialized ('operand-…'). JIT only; the closures backend gathers views instead.
 */
export function kernelFor(c: CompiledPlan, stage: number, variant: Variant, steps?: string): KernelPair {
  if (variant === 'flat' && c.kernels[stage]) return c.kernels[stage]!;
  const key = `${stage}:${variant}:${steps ?? ''}`;
  let k = c.variants.get(key);
  if (!k) {
    const base = c.plan.stages[stage]!;
    const program = variant.startsWith('operand') ? operandProgram(base) : base;
    const strided = variant.endsWith('strided');
    const source = strided ? generateStrided(program, c.header, steps) : generate(program, c.header);
    k = makeKernel(source, program, strided ? 'jit' : c.codegen);
    c.variants.set(key, k);
  }
  return k;
}

/** The reduction of one contiguous array (after an operand was materialized), cached per type. */
const identityReductions = new Map<string, KernelPair>();
export function identityReduction(op: Program['reduce'] & string, operand: DType, output: DType, storage: string, codegen: 'jit' | 'closures'): { kernel: KernelPair; program: Program } {
  const program: Program = {
    kind: 'reduce', reduce: op, argRank: 1, axis: null, transformed: false,
    params: [{ kind: 'array', input: -1, dtype: operand, storage, rank: 1 }],
    instrs: [], result: { kind: 'param', index: 0 }, resultDtype: operand, outputDtype: output, rank: 0,
  };
  const key = `${op}:${operand}:${output}:${storage}:${codegen}`;
  let kernel = identityReductions.get(key);
  if (!kernel) {
    kernel = makeKernel(generate(program, `${op}($0)`), program, codegen);
    identityReductions.set(key, kernel);
  }
  return { kernel, program };
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
