// unfuse: the numpy-style baseline. Every instruction of every map stage becomes a stage of its own
// that writes a full-size temporary, exactly like chaining typed-array operations. Same results as
// the fused plan (same emitters, same order of operations), only the memory traffic differs.

import type { Operand, Param, Plan, Program } from './program.js';

export function unfuse(plan: Plan): Plan {
  const stages: Program[] = [];
  const stageOf = new Map<number, number>(); // old stage index → new stage index of its result
  for (let s = 0; s < plan.stages.length; s++) {
    const p = plan.stages[s]!;
    const tempStage = new Map<number, number>(); // instr id → new stage computing it
    const liftOperand = (o: Operand, params: Param[], keys: Map<string, number>): Operand => {
      let key: string;
      let param: Param;
      if (o.kind === 'const') return o;
      if (o.kind === 'param') {
        const old = p.params[o.index]!;
        param = old.kind === 'stage' ? { ...old, stage: stageOf.get(old.stage)! } : old;
        key = `p${o.index}`;
      } else {
        const stage = tempStage.get(o.id)!;
        const src = stages[stage]!;
        param = { kind: 'stage', stage, dtype: src.outputDtype, rank: src.rank };
        key = `t${o.id}`;
      }
      let index = keys.get(key);
      if (index === undefined) {
        index = params.length;
        params.push(param);
        keys.set(key, index);
      }
      return { kind: 'param', index };
    };
    const single = (instrIndex: number | undefined, result: Operand, rank: number): Program => {
      const params: Param[] = [];
      const keys = new Map<string, number>();
      if (instrIndex === undefined) {
        const r = liftOperand(result, params, keys);
        return { ...p, params, instrs: [], result: r, transformed: params.some((q) => q.kind !== 'scalar' && (q.transforms?.length ?? 0) > 0) };
      }
      const ins = p.instrs[instrIndex]!;
      const args = ins.args.map((a) => liftOperand(a, params, keys));
      return {
        kind: 'map', params, instrs: [{ ...ins, id: 0, args, hoisted: false }], result: { kind: 'temp', id: 0 },
        resultDtype: ins.dtype, outputDtype: ins.dtype, rank: ins.varying ? rank : 0,
        transformed: params.some((q) => q.kind !== 'scalar' && (q.transforms?.length ?? 0) > 0),
      };
    };
    const loopRank = p.kind === 'reduce' ? p.argRank! : p.rank;
    for (let i = 0; i < p.instrs.length; i++) {
      stages.push(single(i, { kind: 'temp', id: i }, loopRank));
      tempStage.set(p.instrs[i]!.id, stages.length - 1);
    }
    if (p.kind === 'reduce' || p.instrs.length === 0 || p.result.kind !== 'temp' || p.result.id !== p.instrs.length - 1 || p.rank !== stages[stages.length - 1]!.rank) {
      // The stage's own step: the reduction, or a final copy when the last op is not the result.
      stages.push(single(undefined, p.result, p.rank));
    }
    stageOf.set(s, stages.length - 1);
  }
  return { ...plan, stages };
}
