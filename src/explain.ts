// explain(): what fusexpr does with an expression for these vars: AST, passes, plan, the backend of
// each stage and the generated source. Reads the compiled plan api.ts looks up; runs nothing.

import type { TNode } from './bind/typed.js';
import type { Expr } from './ast/nodes.js';
import { printExpr } from './ast/print.js';
import type { CompiledPlan } from './pipeline.js';
import type { Plan } from './plan/program.js';
import { EvaluateOptions, resolveOptions } from './options.js';
import { resultShape } from './runtime/prepare.js';
import { isViewLike } from './types/shapes.js';
import { isComplexLike } from './runtime/vars.js';
import { fusedFits, sumPass } from './runtime/complexCall.js';
import { DType, DTYPE_INFO } from './types/dtypes.js';
import { printTyped } from './bind/print.js';
import { FLAT } from './kernel/abi.js';
import { stageBackends } from './runtime/backendChoice.js';
import { lookup, varDtype } from './api.js';
import type { Vars } from './values.js';

const NO_VARS: Readonly<Record<string, unknown>> = Object.freeze({});

/**
 * What explain shows: the parsed tree, every optimizer pass, the plan (kernels and temporaries)
 * and the generated source; `String(explanation)` formats it all.
 *
 * @example
 * ```ts
 * const e: Explanation = explain('a*b + c', { a, b, c });
 * console.log(e.plan.kernels, e.plan.temporaries); // 1 0
 * ```
 */
export interface Explanation {
  readonly expression: string;
  readonly ast: Expr;
  /** The typed tree, then each optimizer pass's output. */
  readonly passes: readonly { readonly pass: string; readonly tree: string }[];
  readonly optimized: TNode;
  /** Stages (fused loops), the temporaries between them and their bytes for `size` elements. */
  readonly plan: { readonly kernels: number; readonly temporaries: number; readonly temporaryBytes: number; readonly stages: readonly string[] };
  readonly source: string;
  readonly signature: Readonly<Record<string, string>>;
  /** Per stage: the backend that runs it for these vars, and why (Wasm needs arena arrays and a supported stage). */
  readonly backends: readonly { readonly stage: number; readonly backend: string; readonly why: string }[];
  /** The whole explanation as text. */
  toString(): string;
}

const BYTES = (d: DType): number => DTYPE_INFO[d].bits / 8;

/**
 * What fusexpr does with this expression: AST, every pass before/after, the plan and the
 * generated source (`npx fusexpr explain "<expr>"` prints the same).
 *
 * @example
 * ```ts
 * import { explain } from 'fusexpr';
 * const a = new Float64Array(8);
 * console.log(String(explain('a*2 + a*2', { a }))); // CSE reuses a*2; one fused kernel
 * console.log(String(explain('a*2 + a*2', { a }, { fusion: false }))); // one kernel per op
 * ```
 */
export function explain(expression: string, vars?: Vars, options?: EvaluateOptions): Explanation {
  const opts = resolveOptions(options);
  const v = vars ?? NO_VARS;
  const c = lookup(expression, v, undefined, opts);
  const shape = resultShape(c.plan, v);
  const n = shape.reduce((a, b) => a * b, 1);
  const names = c.bound.inputs.map((i) => i.name);
  // a complex result is two plans (its re and im parts) over the vars' planes: name them z.re, z.im
  const parts: [string, CompiledPlan][] = c.complex ? [['re: ', c.complex.re], ['im: ', c.complex.im]] : [['', c]];
  const partNames = parts[0]![1].bound.inputs.map((i) => (i.part ? `${i.name}.${i.part}` : i.name));
  // flat arrays: both parts run as one stage storing (re, im) pairs (plan/joinComplex.ts)
  const fused = c.complex?.fused && fusedFits(c.complex.fused, v) ? c.complex.fused : undefined;
  const shown: [string, { readonly plan: Plan }][] = fused ? [['re+im: ', fused]] : parts;
  const stages = shown.flatMap(([label, p]) => p.plan.stages.map((s, i) => {
    const kind = s.kind === 'map' ? (s.rank > 0 ? 'map' : 'scalar') : `reduce ${s.reduce}`;
    return `${label}stage ${i}: ${kind}${s.transformed ? ' (stencil)' : ''} → ${s.im ? c.plan.dtype : s.outputDtype}${s.rank > 0 ? `[${shape.join(', ')}]` : ''}, ${s.instrs.length} op${s.instrs.length === 1 ? '' : 's'} (${s.instrs.filter((x) => x.hoisted).length} hoisted)`;
  }));
  let temporaries = 0;
  let temporaryBytes = 0;
  c.plan.stages.forEach((s, i) => {
    if (i < c.plan.stages.length - 1 && s.kind === 'map' && s.rank > 0) {
      temporaries++;
      temporaryBytes += BYTES(s.outputDtype) * n;
    }
  });
  const passes = [
    { pass: 'bind', tree: printTyped(c.bound.root, c.complex ? names : partNames) },
    ...parts.flatMap(([label, p]) => p.passes.map((x) => ({ pass: `${label}${x.pass}`, tree: printTyped(x.output, partNames) }))),
  ];
  const signature = Object.fromEntries(c.bound.inputs.map((i) => [i.name, i.kind === 'array' ? `${varDtype(i)}[${describeShape(v[i.name])}]` : varDtype(i)]));
  // complex parts run strided kernels over the (re, im) planes, which Wasm declines
  const backends = fused
    ? fused.plan.stages.map((_, stage) => ({ stage, backend: opts.backend as string, why: 'both complex parts in one plan: a flat pass over the interleaved (re, im) data (Wasm kernels read neither planes nor pairs)' }))
    : c.complex && sumPass(c.complex, v)
    ? parts.map(() => ({ stage: 0, backend: opts.backend as string, why: 'a full sum or mean of one flat complex var: evaluate adds both parts in one pass over its (re, im) pairs, in the calling thread (runtime/complexSum.ts); evaluateAsync runs the two plans' }))
    : c.complex
    ? parts.flatMap(([, p]) => p.plan.stages.map((_, stage) => ({ stage, backend: opts.backend as string, why: 'complex parts run strided kernels over the (re, im) planes: wasm declines strided layouts' })))
    : stageBackends(c, v, opts);
  const source = fused ? fused.plan.stages.map((s, i) => fused.kernels.get(i, s.kind === 'reduce' && s.transformed ? 'operand' : 'stage', FLAT).source).join('\n\n') : c.complex ? c.sources.join('\n\n') : backends.map((b, i) => (b.backend !== 'wasm' ? c.sources[i]! : b.why.includes('staging') ? c.kernels.staged(i)!.source : c.kernels.get(i, 'stage', FLAT, true).source)).join('\n\n');
  const plan = { kernels: stages.length, temporaries, temporaryBytes, stages };
  return {
    expression, ast: c.ast, passes, optimized: c.optimized, plan, source, signature, backends,
    toString() {
      const lines = [`expression: ${expression}`, `parsed:     ${printExpr(c.ast)}`, `signature:  ${JSON.stringify(signature)}`, '', 'passes:'];
      let prev = '';
      for (const p of passes) {
        lines.push(`  ${p.pass.padEnd(14)} ${p.tree === prev ? '(unchanged)' : p.tree}`);
        prev = p.tree;
      }
      lines.push('', `plan: ${plan.kernels} kernel${plan.kernels === 1 ? '' : 's'}, ${temporaries} full-size temporar${temporaries === 1 ? 'y' : 'ies'} (${formatBytes(temporaryBytes)})`);
      stages.forEach((s, i) => lines.push(`  ${s}`, `    backend ${backends[i]!.backend}: ${backends[i]!.why}`));
      lines.push('', 'generated source:', source);
      return lines.join('\n');
    },
  };
}


function describeShape(v: unknown): string {
  if (isComplexLike(v)) return v.shape ? Array.from(v.shape as ArrayLike<number>).join(', ') : String((v.data as Float64Array).length / 2);
  if (isViewLike(v)) return (v.shape ?? [(v.data as unknown as { length: number }).length]).join(', ');
  return String((v as { length?: number }).length ?? '');
}

function formatBytes(b: number): string {
  if (b < 1024) return `${b} B`;
  if (b < 1024 ** 2) return `${(b / 1024).toFixed(1)} KiB`;
  return `${(b / 1024 ** 2).toFixed(1)} MiB`;
}
