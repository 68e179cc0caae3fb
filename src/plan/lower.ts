// lower: typed tree → fused Plan. Each reduction becomes a stage of its own (post-order, so inner
// reductions run first) and its result a scalar parameter of the stages that use it; everything
// elementwise fuses into one program. Duplicate subtrees are left for eliminateCommonSubexpressions.

import type { Bound, TNode } from '../bind/typed.js';
import { nodeKey } from '../bind/typed.js';
import { postOrder } from '../util/postOrder.js';
import type { DType } from '../types/dtypes.js';
import type { Instr, Operand, Param, Plan, Program } from './program.js';

/** `rank` is the bound expression's rank: a root the optimizer folded to a constant (x**0) keeps it. */
export function lower(bound: Bound, root: TNode, rank: number = bound.root.rank): Plan {
  const stages: Program[] = [];
  const reduceStage = new Map<string, number>(); // identical reductions run once
  const interned = new Map<string, number>();

  function program(kind: 'map' | 'reduce', body: TNode, rank: number, extra: Partial<Program> & { outputDtype: DType }): Program {
    const params: Param[] = [];
    const paramIndex = new Map<string, number>();
    const instrs: Instr[] = [];
    const param = (key: string, p: Param): Operand => {
      let index = paramIndex.get(key);
      if (index === undefined) {
        index = params.length;
        params.push(p);
        paramIndex.set(key, index);
      }
      return { kind: 'param', index };
    };
    const varying = (o: Operand): boolean =>
      o.kind === 'param' ? params[o.index]!.kind === 'array' || (params[o.index]!.kind === 'stage' && (params[o.index] as { rank: number }).rank > 0) : o.kind === 'temp' ? instrs[o.id]!.varying : false;

    const visitOne = (n: TNode, kids: Operand[]): Operand => {
      switch (n.kind) {
        case 'const':
          return { kind: 'const', value: n.value, dtype: n.dtype };
        case 'input': {
          const info = bound.inputs[n.index]!;
          if (info.kind === 'array') return param(`a${n.index}`, { kind: 'array', input: n.index, dtype: info.dtype, storage: info.storage });
          return param(`s${n.index}:${n.dtype}`, { kind: 'scalar', input: n.index, dtype: n.dtype });
        }
        case 'reduce': {
          const stage = stageFor(n);
          return param(`r${stage}`, { kind: 'stage', stage, dtype: n.dtype, rank: n.rank });
        }
        case 'op': {
          const args = kids;
          const operandDtype = n.args[n.op === 'where' ? 1 : 0]?.dtype ?? n.dtype;
          const id = instrs.length;
          instrs.push({ id, op: n.op, operandDtype, args, dtype: n.dtype, varying: args.some(varying), hoisted: false });
          return { kind: 'temp', id };
        }
      }
    };
    // iterative and once per distinct node: deep chains and shared subterms (power chains) are cheap
    const result = postOrder<TNode, Operand>(body, (n) => (n.kind === 'op' ? n.args : []), visitOne, new Map());
    return { kind, params, instrs, result, resultDtype: body.dtype, rank, ...extra };
  }

  function stageFor(n: TNode & { kind: 'reduce' }): number {
    const key = nodeKey(n, interned);
    const existing = reduceStage.get(key);
    if (existing !== undefined) return existing;
    const p = program('reduce', n.arg, 0, { reduce: n.op, argRank: n.arg.rank, outputDtype: n.dtype });
    stages.push(p);
    reduceStage.set(key, stages.length - 1);
    return stages.length - 1;
  }

  if (root.kind === 'reduce') {
    stageFor(root);
  } else {
    stages.push(program('map', root, rank, { outputDtype: root.dtype }));
  }
  return { stages, inputs: bound.inputs, rank: stages[stages.length - 1]!.rank, dtype: root.dtype, weak: root.weak && rank === 0 };
}
