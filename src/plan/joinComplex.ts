// joinComplex: the real and imaginary plans of a complex result (plan/splitComplex.ts) → one map
// program that computes both parts per element and stores them interleaved, so a complex call is
// one pass over its inputs. Shared work (z·conj(z)'s −Im z, exp(z)'s helper call) is computed once.
// Pure: plans in, a plan out; only single-stage elementwise plans join (reductions stay split).

import { opByName } from '../ops/registry.js';
import { eliminateCommonSubexpressions, operandKey } from './eliminateCommonSubexpressions.js';
import type { Instr, Operand, Param, Plan, Program } from './program.js';

/** One program for both parts, or undefined when either part needs more than one elementwise stage. */
export function joinComplex(re: Plan, im: Plan, cse: boolean): Plan | undefined {
  if (re.stages.length !== 1 || im.stages.length !== 1) return undefined;
  const [a, b] = [re.stages[0]!, im.stages[0]!];
  if (a.kind !== 'map' || b.kind !== 'map' || a.transformed || b.transformed || a.rank === 0 || a.rank !== b.rank) return undefined;
  if (a.params.some((p) => p.kind !== 'array' && p.kind !== 'scalar') || b.params.some((p) => p.kind !== 'array' && p.kind !== 'scalar')) return undefined;

  // params: the union, one per input (both plans index the same split inputs)
  const params: Param[] = [...a.params];
  const keyOf = (p: Param) => `${p.kind}:${(p as { input: number }).input}:${p.dtype}`;
  const index = new Map(params.map((p, i) => [keyOf(p), i]));
  const bParam = b.params.map((p) => {
    let i = index.get(keyOf(p));
    if (i === undefined) index.set(keyOf(p), (i = params.push(p) - 1));
    return i;
  });
  const shift = a.instrs.length;
  const moved = (o: Operand): Operand => (o.kind === 'param' ? { kind: 'param', index: bParam[o.index]! } : o.kind === 'temp' ? { kind: 'temp', id: o.id + shift } : o);
  const instrs: Instr[] = [...a.instrs, ...b.instrs.map((ins) => ({ ...ins, id: ins.id + shift, args: ins.args.map(moved) }))];
  let joined: Program = { ...a, params, instrs, result: a.result, im: moved(b.result) };
  if (cse) joined = eliminateCommonSubexpressions(joined);
  return { ...re, stages: [pairTwins(joined)] };
}

/**
 * Each complex helper's Im part (c_exp_im) moves right after its Re twin on the same operands, where
 * the kernel reads the part that call left instead of calling again (the registry's `twin`).
 */
export function pairTwins(p: Program): Program {
  const key = (ins: Instr) => ins.args.map(operandKey).join(','); // -0 and 0 differ: cexp(x, -0) is not cexp(x, 0)
  const reAt = new Map<string, number>();
  p.instrs.forEach((ins) => reAt.set(`${ins.op}:${ins.operandDtype}(${key(ins)})`, ins.id));
  const pairs = new Map<number, [number, number]>(); // the earlier member's id → [re, im]
  const later = new Set<number>();
  const used = new Set<number>();
  for (const ins of p.instrs) {
    const twin = opByName(ins.op).twin;
    const re = twin && reAt.get(`${twin.re}:${ins.operandDtype}(${key(ins)})`);
    if (re === undefined || used.has(re) || used.has(ins.id)) continue;
    used.add(re).add(ins.id);
    pairs.set(Math.min(re, ins.id), [re, ins.id]);
    later.add(Math.max(re, ins.id));
  }
  if (!pairs.size) return p;
  // the pair goes where the earlier of the two was: both read the same operands, defined before either
  const order: number[] = [];
  for (const ins of p.instrs) {
    if (later.has(ins.id)) continue;
    order.push(...(pairs.get(ins.id) ?? [ins.id]));
  }
  const newId = new Map(order.map((old, i) => [old, i]));
  const map = (o: Operand): Operand => (o.kind === 'temp' ? { kind: 'temp', id: newId.get(o.id)! } : o);
  const instrs = order.map((old, i) => {
    const ins = p.instrs[old]!;
    return { ...ins, id: i, args: ins.args.map(map) };
  });
  return { ...p, instrs, result: map(p.result), ...(p.im && { im: map(p.im) }) };
}
