// joinComplex: the real and imaginary plans of a complex result (plan/splitComplex.ts) → one plan
// whose last stage computes both parts per element and stores them interleaved, so a complex call is
// one pass over its inputs. Shared work (z·conj(z)'s −Im z, exp(z)'s helper call, the reductions both
// parts read: z − mean(z)) is computed once. Pure: plans in, a plan out; where the elementwise stage
// reads an axis reduction's array (broadcast, so strided) the parts stay split.

import { opByName } from '../ops/registry.js';
import { eliminateCommonSubexpressions, operandKey } from './eliminateCommonSubexpressions.js';
import type { Instr, Operand, Param, Plan, Program } from './program.js';

/** One plan for both parts, or undefined when their elementwise stages cannot run as one flat pass. */
export function joinComplex(re: Plan, im: Plan, cse: boolean): Plan | undefined {
  const [a, b] = [re.stages[re.stages.length - 1]!, im.stages[im.stages.length - 1]!];
  if (a.kind !== 'map' || b.kind !== 'map' || a.transformed || b.transformed || a.rank === 0 || a.rank !== b.rank) return undefined;
  // reductions reach the pass as scalars only (an axis reduction's array is read broadcast)
  const flatOnly = (p: Program) => p.params.every((q) => q.kind === 'array' || q.kind === 'scalar' || (q.kind === 'stage' && q.rank === 0));
  if (!flatOnly(a) || !flatOnly(b)) return undefined;

  // the reductions: re's, then those of im's not already there (both parts of mean(z) feed both parts)
  const stages = re.stages.slice(0, -1);
  const known = new Map(stages.map((s, i) => [programKey(s), i]));
  const imStage: number[] = [];
  for (const s of im.stages.slice(0, -1)) {
    const moved = restage(s, imStage);
    const key = programKey(moved);
    let i = known.get(key);
    if (i === undefined) known.set(key, (i = stages.push(moved) - 1));
    imStage.push(i);
  }
  const bm = restage(b, imStage);

  // params: the union, one per input or reduction (both plans index the same split inputs)
  const params: Param[] = [...a.params];
  const keyOf = (p: Param) => `${p.kind}:${p.kind === 'stage' ? p.stage : (p as { input: number }).input}:${p.dtype}`;
  const index = new Map(params.map((p, i) => [keyOf(p), i]));
  const bParam = bm.params.map((p) => {
    let i = index.get(keyOf(p));
    if (i === undefined) index.set(keyOf(p), (i = params.push(p) - 1));
    return i;
  });
  const shift = a.instrs.length;
  const moved = (o: Operand): Operand => (o.kind === 'param' ? { kind: 'param', index: bParam[o.index]! } : o.kind === 'temp' ? { kind: 'temp', id: o.id + shift } : o);
  const instrs: Instr[] = [...a.instrs, ...bm.instrs.map((ins) => ({ ...ins, id: ins.id + shift, args: ins.args.map(moved) }))];
  let joined: Program = { ...a, params, instrs, result: a.result, im: moved(bm.result) };
  if (cse) joined = eliminateCommonSubexpressions(joined);
  return { ...re, stages: [...stages, pairTwins(joined)] };
}

/** A program of the im plan with its reads of earlier stages renumbered into the joined plan. */
function restage(p: Program, to: readonly number[]): Program {
  const params = p.params.map((q) => (q.kind === 'stage' ? { ...q, stage: to[q.stage]! } : q));
  return { ...p, params, ...(p.pair && { pair: { ...p.pair, other: restage(p.pair.other, to) } }) };
}

/** Programs with equal keys compute the same (-0 is not 0, bigints are exact). */
const programKey = (p: Program): string => JSON.stringify(p, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : Object.is(v, -0) ? '-0' : v));

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
