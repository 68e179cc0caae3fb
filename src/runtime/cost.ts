// The cost model: estimated work per element relative to a memory-bound a*b+c (≈1), from the op
// table's `cost` field. The parallel threshold is divided by it, so heavier kernels go parallel sooner.

import type { Plan } from '../plan/program.js';
import { opCost } from '../ops/registry.js';
import { isBig } from '../types/dtypes.js';

const costCache = new WeakMap<Plan, number>();

export function costOf(plan: Plan): number {
  let cost = costCache.get(plan);
  if (cost === undefined) {
    cost = 1;
    for (const stage of plan.stages) {
      for (const ins of stage.instrs) {
        if (ins.hoisted) continue;
        cost += opCost(ins.op, isBig(ins.dtype) || isBig(ins.operandDtype));
      }
    }
    costCache.set(plan, cost);
  }
  return cost;
}
