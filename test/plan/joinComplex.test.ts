// joinComplex: a complex result's re and im plans become one map program storing (re, im) pairs,
// with work shared between the parts (CSE, and a complex helper's Im part reading what its Re twin's
// call left); what cannot join (reductions, stencils) stays split. Values: test/api/complexFused.test.ts.

import { describe, it, expect } from 'vitest';
import { lower } from '../../src/plan/lower.js';
import { eliminateCommonSubexpressions } from '../../src/plan/eliminateCommonSubexpressions.js';
import { joinComplex, pairTwins } from '../../src/plan/joinComplex.js';
import { splitComplex } from '../../src/plan/splitComplex.js';
import { optimize } from '../../src/optimize/index.js';
import { emit } from '../../src/backends/js/emit.js';
import { FLAT } from '../../src/kernel/abi.js';
import type { Plan, Program } from '../../src/plan/program.js';
import { bindWith } from '../helpers/typed.js';

const TYPES = { z: 'complex128', w: 'complex128', x: 'float64' } as const;
/** The re and im plans of a complex expression, as the pipeline makes them (each CSE'd), then joined. */
function joined(expr: string, cse = true): Plan | undefined {
  const b = bindWith(expr, TYPES);
  const split = splitComplex(b, b.root);
  const [re, im] = split.roots.map((r) => {
    const p = lower({ ...b, inputs: split.inputs, root: r }, optimize(r, 'aggressive').root, r.rank);
    return { ...p, stages: p.stages.map(eliminateCommonSubexpressions) };
  });
  return joinComplex(re!, im!, cse);
}
const ops = (p: Program) => p.instrs.map((i) => i.op);

describe('joinComplex', () => {
  it('z*w + 1: one map stage over both planes of z and w, its result the re part and im the im part', () => {
    const p = joined('z*w + 1')!;
    expect(p.stages.length).toBe(1);
    const s = p.stages[0]!;
    expect(s.kind).toBe('map');
    expect(s.params.map((q) => (q.kind === 'array' ? `${q.input}${q.part}` : q.kind))).toEqual(['0re', '1im', '2re', '3im']);
    // 1 is 1+0j: the im part adds 0 (NumPy's -0 + 0 is +0)
    expect(ops(s)).toEqual(['c_mul_re', 'add', 'c_mul_im', 'add']);
    expect(s.result).toEqual({ kind: 'temp', id: 1 });
    expect(s.im).toEqual({ kind: 'temp', id: 3 });
  });
  it('z*conj(z): -Im z is computed once for both parts (CSE across them)', () => {
    const s = joined('z*conj(z)')!.stages[0]!;
    expect(ops(s).filter((o) => o === 'negative').length).toBe(1);
    expect(ops(joined('z*conj(z)', false)!.stages[0]!).filter((o) => o === 'negative').length).toBe(2);
  });
  it('exp(z): the Im part comes right after its Re twin, and the kernel calls cexp once per element', () => {
    const s = joined('exp(z)')!.stages[0]!;
    expect(ops(s)).toEqual(['c_exp_re', 'c_exp_im']);
    const source = emit({ program: s, variant: FLAT, header: 'exp($0)' });
    // one loop: a kernel calling complex helpers is not unrolled (the registry's `bulky`)
    expect(source.match(/H\.cexpRe\(/g)!.length).toBe(1);
    expect(source).not.toContain('H.cexpIm(');
    expect(source.match(/H\.cLastIm\(\)/g)!.length).toBe(1);
    expect(emit({ program: joined('z*w + 1')!.stages[0]!, variant: FLAT, header: '' })).toContain('k += 8'); // arithmetic is unrolled (four pairs)
  });
  it('reductions run first, once for both parts: z − mean(z) has two means (not four) and one pass', () => {
    const p = joined('z - mean(z)')!;
    expect(p.stages.map((s) => s.kind + (s.reduce ?? ''))).toEqual(['reducemean', 'reducemean', 'map']);
    const last = p.stages[2]!;
    expect(last.params.filter((q) => q.kind === 'stage').map((q) => (q as { stage: number }).stage).sort()).toEqual([0, 1]);
    expect(last.im).toBeDefined();
    expect(joined('z * sum(x)')!.stages.length).toBe(2);
  });
});

describe('pairTwins', () => {
  it('moves an Im part up to its Re twin over the same operands, keeping every operand defined before use', () => {
    // re: c_sqrt_re(z) + x ; im: c_sqrt_im(z) — in one program the Im part comes after the add
    const s = joined('sqrt(z) + x')!.stages[0]!;
    const at = ops(s);
    expect(at.indexOf('c_sqrt_im')).toBe(at.indexOf('c_sqrt_re') + 1);
    s.instrs.forEach((ins, i) => ins.args.forEach((a) => a.kind === 'temp' && expect(a.id).toBeLessThan(i)));
    // an Im part whose twin is not there stays a call of its own
    const alone = joined('imag(exp(z)) + 0j')!.stages[0]!;
    expect(pairTwins(alone)).toBe(alone);
  });
  it('operands that differ only in the sign of a zero are not the same: cexp(x, -0) is not cexp(x, 0)', () => {
    const c = (value: number) => ({ kind: 'const' as const, value, dtype: 'float64' as const });
    const x = { kind: 'param' as const, index: 0 };
    const ins = (id: number, op: string, im: number) => ({ id, op, operandDtype: 'float64' as const, args: [x, c(im)], dtype: 'float64' as const, varying: true, hoisted: false });
    const p: Program = {
      kind: 'map', transformed: false, params: [{ kind: 'array', input: 0, dtype: 'float64', storage: 'Float64Array', rank: 1 }],
      instrs: [ins(0, 'c_exp_re', 0), ins(1, 'c_exp_im', -0)], result: { kind: 'temp', id: 0 }, im: { kind: 'temp', id: 1 },
      resultDtype: 'float64', outputDtype: 'float64', rank: 1,
    };
    expect(pairTwins(p)).toBe(p);
    const source = emit({ program: p, variant: FLAT, header: '' });
    expect(source).toContain('H.cexpIm(');
    expect(source).not.toContain('H.cLastIm()');
  });
});
