// lower: typed tree → fused Plan. Each reduction becomes a stage of its own (post-order, so inner
// reductions run first) and its result a scalar parameter of the stages that use it; everything
// elementwise fuses into one program. Duplicate subtrees are left for eliminateCommonSubexpressions.

import type { Bound, TNode } from '../bind/typed.js';
import { nodeKey, transformsKey } from '../bind/typed.js';
import { isLeaf } from './program.js';
import { postOrder } from '../util/postOrder.js';
import { pushTransforms } from './pushTransforms.js';
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
    const varying = (o: Operand): boolean => (o.kind === 'param' ? isLeaf(params[o.index]!) : o.kind === 'temp' ? instrs[o.id]!.varying : false);

    const visitOne = (n: TNode, kids: Operand[]): Operand => {
      switch (n.kind) {
        case 'const':
          return { kind: 'const', value: n.value, dtype: n.dtype };
        case 'input': {
          const info = bound.inputs[n.index]!;
          if (info.kind === 'array') {
            const p = param(`a${n.index}${transformsKey(n.transforms)}`, { kind: 'array', input: n.index, dtype: info.dtype, storage: info.storage, rank: info.rank, transforms: n.transforms, ...(info.part && { part: info.part }) });
            if (info.dtype !== 'bool') return p;
            // bool data is bytes a user may have filled (asBool(alpha), a BoolArray's map()): any nonzero
            // byte is true, as NumPy reads bool; every op then sees 0/1 (~2 would be 253, 2 & 1 zero)
            const id = instrs.length;
            instrs.push({ id, op: 'not_equal', operandDtype: 'bool', args: [p, { kind: 'const', value: 0, dtype: 'bool' }], dtype: 'bool', varying: true, hoisted: false });
            return { kind: 'temp', id };
          }
          return param(`s${n.index}:${n.dtype}`, { kind: 'scalar', input: n.index, dtype: n.dtype });
        }
        case 'ones':
          return param(`o${n.rank}${transformsKey(n.transforms)}`, { kind: 'ones', dtype: 'bool', rank: n.rank, transforms: n.transforms });
        case 'reduce': {
          const stage = stageFor(n);
          return param(`r${stage}${transformsKey(n.transforms)}`, { kind: 'stage', stage, dtype: n.dtype, rank: n.rank, transforms: n.transforms });
        }
        case 'transform':
          throw new Error('internal: transforms are pushed to the leaves before lowering');
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
    const transformed = params.some((q) => q.kind !== 'scalar' && (q.transforms?.length ?? 0) > 0);
    return { kind, params, instrs, result, resultDtype: body.dtype, rank, transformed, ...extra };
  }

  function stageFor(n: TNode & { kind: 'reduce' }): number {
    const key = nodeKey(n, interned);
    const existing = reduceStage.get(key);
    if (existing !== undefined) return existing;
    // a complex product's other part: its own operand program (built first: its reductions are earlier stages)
    const pair = n.pair && { other: program('map', pushTransforms(n.pair.other), n.arg.rank, { outputDtype: n.pair.other.dtype }), take: n.pair.take };
    const p = program('reduce', n.arg, n.rank, { reduce: n.op, argRank: n.arg.rank, axes: n.axes, keepdims: n.keepdims, complexPart: n.complexPart, pair, outputDtype: n.dtype });
    stages.push(p);
    reduceStage.set(key, stages.length - 1);
    return stages.length - 1;
  }

  if (root.kind === 'reduce' && !root.transforms?.length) {
    stageFor(root);
  } else {
    stages.push(program('map', root, rank, { outputDtype: root.dtype }));
  }
  return { stages, inputs: bound.inputs, rank: stages[stages.length - 1]!.rank, dtype: root.dtype, weak: root.weak && rank === 0 };
}
