// Planning: reductions become stages, CSE shares subterms, invariants are hoisted, unfuse makes one
// stage per op with temporaries.

import { describe, it, expect } from 'vitest';
import { lower } from '../../src/plan/lower.js';
import { eliminateCommonSubexpressions } from '../../src/plan/eliminateCommonSubexpressions.js';
import { hoistInvariants } from '../../src/plan/hoistInvariants.js';
import { unfuse } from '../../src/plan/unfuse.js';
import { optimize } from '../../src/optimize/index.js';
import { bindWith } from '../helpers/typed.js';

const TYPES = { x: 'float64', y: 'float64', D: 'weak_float', dt: 'weak_float' } as const;
const planOf = (expr: string) => {
  const b = bindWith(expr, TYPES);
  return lower(b, optimize(b.root, 'aggressive').root, b.root.rank);
};

describe('lower', () => {
  it('one fused stage for an elementwise expression', () => {
    const p = planOf('x*y + sin(x)');
    expect(p.stages.map((s) => s.kind)).toEqual(['map']);
    expect(p.stages[0]!.params.map((q) => q.kind)).toEqual(['array', 'array']);
  });
  it('reductions run first, as their own stages, and identical ones once', () => {
    const p = planOf('x - mean(x) + mean(x) * sum(y)');
    expect(p.stages.map((s) => s.kind + (s.reduce ?? ''))).toEqual(['reducemean', 'reducesum', 'map']);
  });
  it('a full reduction is the last stage and the plan is scalar', () => {
    const p = planOf('sum(x*y)');
    expect(p.rank).toBe(0);
    expect(p.stages.length).toBe(1);
  });
});

describe('eliminateCommonSubexpressions', () => {
  it('computes sin(x) once in sin(x)**2 + sin(x)*y', () => {
    const p = planOf('sin(x)**2 + sin(x)*y').stages[0]!;
    // x**2 expands to sin(x)*sin(x) over one shared node (lowered once); sin(x)*y has its own sin(x)
    expect(p.instrs.filter((i) => i.op === 'sin').length).toBe(2);
    const q = eliminateCommonSubexpressions(p);
    expect(q.instrs.filter((i) => i.op === 'sin').length).toBe(1);
    expect(q.instrs.length).toBe(p.instrs.length - 1);
  });
  it('shares the squares of a power chain', () => {
    const q = eliminateCommonSubexpressions(planOf('x**10').stages[0]!);
    expect(q.instrs.map((i) => i.op)).toEqual(['multiply', 'multiply', 'multiply', 'multiply']); // x2, x4, x8, x2*x8
  });
});

describe('hoistInvariants', () => {
  it('moves scalar-only work before the loop', () => {
    const q = hoistInvariants(eliminateCommonSubexpressions(planOf('x*D*dt + y*(D*dt)').stages[0]!));
    const hoisted = q.instrs.filter((i) => i.hoisted).map((i) => i.op);
    expect(hoisted).toEqual(['multiply']); // D*dt, once
  });
});

describe('unfuse', () => {
  it('one stage per op, each a full-size temporary', () => {
    const p = unfuse(planOf('x*y + x'));
    expect(p.stages.length).toBe(2);
    expect(p.stages.every((s) => s.instrs.length === 1)).toBe(true);
    expect(p.stages[1]!.params.some((q) => q.kind === 'stage')).toBe(true);
  });
  it('copies when the result is an input', () => {
    const p = unfuse(planOf('x'));
    expect(p.stages.length).toBe(1);
    expect(p.stages[0]!.instrs.length).toBe(0);
  });
});
