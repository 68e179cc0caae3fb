// Each optimizer pass alone: expectOptimized(input, output) on typed trees, and the level table.

import { describe, it, expect } from 'vitest';
import { foldConstants } from '../../src/optimize/foldConstants.js';
import { expandPowers } from '../../src/optimize/expandPowers.js';
import { simplify } from '../../src/optimize/simplify.js';
import { optimize, treePasses } from '../../src/optimize/index.js';
import type { TNode } from '../../src/bind/typed.js';
import { bindWith, show } from '../helpers/typed.js';

const TYPES = { x: 'float64', y: 'float64', f: 'float32', i: 'int32', D: 'weak_float', n: 'weak_int' } as const;

function expectPass(pass: (n: TNode) => TNode, input: string, output: string) {
  const b = bindWith(input, TYPES);
  expect(show(pass(b.root), b)).toBe(output);
}

describe('foldConstants', () => {
  const fold = (i: string, o: string) => expectPass(foldConstants, i, o);
  it('folds scalar-only subtrees, keeping the dtype', () => {
    fold('2*3 + x', '(6.0 + x)');
    fold('sqrt(4.0) * x', '(2.0 * x)');
    fold('2*pi', '6.283185307179586');
    fold('i + 2*3', '(i + 6)'); // int32 constant stays int
    fold('7 // 2 + i', '(3 + i)');
    fold('-7 % 3 + i', '(2 + i)');
  });
  it('float32 constants are rounded as float32 arithmetic would', () => {
    // 0.1 meets a float32 array: it becomes float32(0.1) before the op, then the sum rounds to float32
    const b = bindWith('f + 0.1', TYPES);
    const n = foldConstants(b.root);
    expect(n.kind === 'op' && n.args[1]!.kind === 'const' && n.args[1]!.value).toBe(Math.fround(0.1));
  });
  it('int32 wraparound is preserved', () => {
    fold('i + 2147483647 * 1', '(i + 2147483647)');
    const b = bindWith('int32(2147483647) + int32(1) + i', TYPES);
    expect(show(foldConstants(b.root), b)).toBe('(-2147483648 + i)');
  });
  it('does not fold reductions or ops that raise', () => {
    fold('sum(x) + 1', '(sum(x) + 1.0)');
    const b = bindWith('int32(2) ** (int32(0) - int32(1)) + i', TYPES); // int32(-1) alone raises in bind, as numpy
    expect(show(foldConstants(b.root), b)).toContain('**');
  });
  it('folds scalar inputs never (their value is per call)', () => {
    fold('D * 2.0 + x', '((D * 2.0) + x)');
  });
});

describe('expandPowers', () => {
  const expand = (i: string, o: string) => expectPass((n) => expandPowers(n, true), i, o);
  it('small integer exponents become multiplication chains', () => {
    expand('x**2', '(x * x)');
    expand('x**3', '(x * (x * x))');
    expand('x**4', '((x * x) * (x * x))');
    expand('x**10', '((x * x) * (((x * x) * (x * x)) * ((x * x) * (x * x))))');
    expand('x**1', 'x');
    expand('x**0', '(x ** 0.0)'); // an array x keeps its shape: sum(x**0) is n
    expand('D**0', '1.0');
    expand('x**-2', '(1.0 / (x * x))');
    expand('i**3', '(i * (i * i))');
  });
  it('the chain for n multiplies O(log n) distinct subterms', () => {
    const b = bindWith('x**64', TYPES);
    const keys = new Set<string>();
    const walk = (n: TNode): void => {
      keys.add(show(n, b));
      if (n.kind === 'op') n.args.forEach(walk);
    };
    walk(expandPowers(b.root));
    expect(keys.size).toBe(7); // x, x2, x4, …, x64
  });
  it('leaves large, fractional and negative-int-on-int exponents', () => {
    expand('x**65', '(x ** 65.0)');
    expand('x**2.5', '(x ** 2.5)');
    expand('x**y', '(x ** y)');
  });
  it('fractional exponents only at aggressive', () => {
    expand('pow(x, 0.5)', 'sqrt(x)'); // bind: numpy's power fast path for a scalar 0.5, at every level
    expand('x**0.5', 'sqrt(x)');
    expand('x**-0.5', '(1.0 / pow_half(x))');
    expand('x**1.5', 'pow_three_halves(x)');
    expand('x**(1/3)', 'power_scalar(x, (1.0 / 3.0))'); // a run-time scalar exponent: numpy's 0.5 check happens then
    expectPass((n) => expandPowers(n, false), 'x**-0.5', '(x ** (-0.5))');
  });
});

describe('simplify', () => {
  const s = (i: string, o: string) => expectPass(simplify, i, o);
  it('exact identities', () => {
    s('x*1', 'x');
    s('1*x', 'x');
    s('x - 0', 'x');
    s('x + -0.0', 'x');
    s('--x', 'x');
    s('+x', 'x');
    s('i + 0', 'i');
    s('x/2', '(x * 0.5)');
    s('x/0.25', '(x * 4.0)');
    s('where(true, x, 2.0)', 'x');
    s('where(false, 2.0, y)', 'y');
  });
  it('leaves what is not exact', () => {
    s('x + 0', '(x + 0.0)'); // -0 + 0 is +0
    s('x/3', '(x / 3.0)');
    s('x - -0.0', '(x - -0.0)');
  });
  it('keeps the result an array when the kept operand is a scalar', () => {
    s('where(true, 1.0, x)', 'where(true, 1.0, x)');
    // y is never read but its shape is part of the result's (and a mismatch must still raise)
    s('where(true, x, y)', 'where(true, x, y)');
  });
});

describe('levels', () => {
  it('none runs no tree pass, moderate and aggressive run all four', () => {
    expect(treePasses('none')).toEqual([]);
    expect(treePasses('moderate').map((p) => p.name)).toEqual(['foldConstants', 'expandPowers', 'simplify', 'foldConstants']);
    const b = bindWith('x**-0.5', TYPES);
    expect(show(optimize(b.root, 'moderate').root, b)).toBe('(x ** (-0.5))');
    expect(show(optimize(b.root, 'aggressive').root, b)).toBe('(1.0 / pow_half(x))');
  });
  it('passes are pure: the input tree is unchanged', () => {
    const b = bindWith('2*3 + x**3/2', TYPES);
    const before = show(b.root, b);
    optimize(b.root, 'aggressive');
    expect(show(b.root, b)).toBe(before);
  });
});
