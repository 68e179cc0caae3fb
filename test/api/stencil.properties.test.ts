// Property: random trees of roll/shift/arithmetic over 2-D views (contiguous, transposed, reversed,
// strided) and a broadcast row, against a whole-array reference that applies numpy semantics step by
// step (roll permutes indices, shift reads its fill outside the axis). Exact comparison: the fused
// kernel computes the same operations per element in the same order.

import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { evaluate } from '../helpers/untyped.js';

type Grid = { shape: number[]; get: (i: number, j: number) => number };

const R = 5;
const C = 6;

type Node =
  | { k: 'g' }
  | { k: 'row' }
  | { k: 'lit'; v: number }
  | { k: 'bin'; op: '+' | '-' | '*'; a: Node; b: Node }
  | { k: 'roll'; s: number; axis: 0 | 1; a: Node }
  | { k: 'shift'; s: number; axis: 0 | 1; fill: number; a: Node };

const nodeArb: fc.Arbitrary<Node> = fc.letrec((tie) => ({
  n: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    fc.constant<Node>({ k: 'g' }),
    fc.constant<Node>({ k: 'row' }),
    fc.integer({ min: -3, max: 3 }).map((v): Node => ({ k: 'lit', v })),
    fc.tuple(fc.constantFrom('+', '-', '*') as fc.Arbitrary<'+' | '-' | '*'>, tie('n') as fc.Arbitrary<Node>, tie('n') as fc.Arbitrary<Node>).map(([op, a, b]): Node => ({ k: 'bin', op, a, b })),
    fc.tuple(fc.integer({ min: -13, max: 13 }), fc.constantFrom(0, 1) as fc.Arbitrary<0 | 1>, tie('n') as fc.Arbitrary<Node>).map(([s, axis, a]): Node => ({ k: 'roll', s, axis, a })),
    fc.tuple(fc.integer({ min: -7, max: 7 }), fc.constantFrom(0, 1) as fc.Arbitrary<0 | 1>, fc.integer({ min: -2, max: 9 }), tie('n') as fc.Arbitrary<Node>).map(([s, axis, fill, a]): Node => ({ k: 'shift', s, axis, fill, a })),
  ),
})).n as fc.Arbitrary<Node>;

function print(n: Node): string {
  switch (n.k) {
    case 'g': return 'g';
    case 'row': return 'row';
    case 'lit': return `${n.v}.0`;
    case 'bin': return `(${print(n.a)} ${n.op} ${print(n.b)})`;
    case 'roll': return `roll(${print(n.a)}, ${n.s}, ${n.axis})`;
    case 'shift': return `shift(${print(n.a)}, ${n.s}, ${n.axis}, ${n.fill}.0)`;
  }
}

/** A node's rank: row is 1-D [C], g is [R, C]; literals are scalars. */
const rankOf = (n: Node): number => (n.k === 'g' ? 2 : n.k === 'row' ? 1 : n.k === 'lit' ? 0 : n.k === 'bin' ? Math.max(rankOf(n.a), rankOf(n.b)) : rankOf(n.a));
const valid = (n: Node): boolean => {
  switch (n.k) {
    case 'bin': return valid(n.a) && valid(n.b);
    case 'roll':
    case 'shift': {
      const r = rankOf(n.a);
      // axis must exist on the operand; 1-D operands only have axis 0 (their columns)
      return valid(n.a) && r > 0 && n.axis < r && !(n.k === 'shift' && r === 1 && rankOf(n) < 2);
    }
    default: return true;
  }
};

/** Whole-array reference: returns value(i, j) over the broadcast [R, C] grid, numpy semantics. */
function ref(n: Node, g: Grid, row: Float64Array): (i: number, j: number) => number {
  switch (n.k) {
    case 'g': return (i, j) => g.get(i, j);
    case 'row': return (_i, j) => row[j]!;
    case 'lit': return () => n.v;
    case 'bin': {
      const a = ref(n.a, g, row);
      const b = ref(n.b, g, row);
      return n.op === '+' ? (i, j) => a(i, j) + b(i, j) : n.op === '-' ? (i, j) => a(i, j) - b(i, j) : (i, j) => a(i, j) * b(i, j);
    }
    case 'roll': {
      const a = ref(n.a, g, row);
      const r = rankOf(n.a);
      const ax = n.axis + (2 - r); // the operand's axis in the [R, C] grid
      const len = ax === 0 ? R : C;
      const m = (x: number) => (((x - n.s) % len) + len) % len;
      return ax === 0 ? (i, j) => a(m(i), j) : (i, j) => a(i, m(j));
    }
    case 'shift': {
      const a = ref(n.a, g, row);
      const r = rankOf(n.a);
      const ax = n.axis + (2 - r);
      const len = ax === 0 ? R : C;
      return (i, j) => {
        const src = (ax === 0 ? i : j) - n.s;
        if (src < 0 || src >= len) return n.fill;
        return ax === 0 ? a(src, j) : a(i, src);
      };
    }
  }
}

const layouts = ['contiguous', 'transposed', 'reversed', 'strided'] as const;
function makeGrid(values: number[], layout: (typeof layouts)[number]) {
  // values fills an R×C logical grid; build a view with that logical content and the requested layout
  const logical = (i: number, j: number) => values[(i * C + j) % values.length]!;
  let view: { data: Float64Array; shape: number[]; stride: number[]; offset: number };
  if (layout === 'contiguous') {
    const d = new Float64Array(R * C);
    for (let i = 0; i < R; i++) for (let j = 0; j < C; j++) d[i * C + j] = logical(i, j);
    view = { data: d, shape: [R, C], stride: [C, 1], offset: 0 };
  } else if (layout === 'transposed') {
    const d = new Float64Array(R * C); // stored column-major
    for (let i = 0; i < R; i++) for (let j = 0; j < C; j++) d[j * R + i] = logical(i, j);
    view = { data: d, shape: [R, C], stride: [1, R], offset: 0 };
  } else if (layout === 'reversed') {
    const d = new Float64Array(R * C);
    for (let i = 0; i < R; i++) for (let j = 0; j < C; j++) d[(R - 1 - i) * C + (C - 1 - j)] = logical(i, j);
    view = { data: d, shape: [R, C], stride: [-C, -1], offset: R * C - 1 };
  } else {
    const d = new Float64Array(R * C * 2); // every other element
    for (let i = 0; i < R; i++) for (let j = 0; j < C; j++) d[2 * (i * C + j)] = logical(i, j);
    view = { data: d, shape: [R, C], stride: [2 * C, 2], offset: 0 };
  }
  return { view, grid: { shape: [R, C], get: logical } as Grid };
}

describe('stencil properties', () => {
  it('random roll/shift trees over views agree exactly with whole-array numpy semantics', () => {
    fc.assert(
      fc.property(
        nodeArb.filter((n) => valid(n) && rankOf(n) === 2 && /roll|shift/.test(print(n))),
        fc.array(fc.integer({ min: -50, max: 50 }).map((x) => x / 4), { minLength: 7, maxLength: 30 }),
        fc.constantFrom(...layouts),
        fc.integer({ min: 1, max: 7 }),
        fc.constantFrom('jit', 'closures') as fc.Arbitrary<'jit' | 'closures'>,
        (node, values, layout, blockSize, codegen) => {
          const { view, grid } = makeGrid(values, layout);
          const row = new Float64Array(C).map((_, j) => values[j % values.length]! - 1);
          const want = ref(node, grid, row);
          const expr = print(node);
          const got = evaluate(expr, { g: view, row }, undefined, { blockSize, codegen });
          expect(got.shape).toEqual([R, C]);
          for (let i = 0; i < R; i++) {
            for (let j = 0; j < C; j++) {
              const v = got.data[got.offset + i * got.stride[0] + j * got.stride[1]];
              expect(Object.is(v, want(i, j)) || v === want(i, j), `${expr} [${layout}] at (${i}, ${j}): ${v} vs ${want(i, j)}`).toBe(true);
            }
          }
        },
      ),
      { numRuns: 300, seed: 99 },
    );
  });
});
