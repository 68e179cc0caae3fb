// Random expressions and inputs for property tests and `npm run fuzz`: trees over mixed dtypes
// (float64, float32, int32 arrays; weak int and float scalars) with special values in the data.

import fc from 'fast-check';
import type { RefVars } from './reference.js';

const N = 7;

export const floatArrayArb = fc.array(fc.oneof(fc.double({ min: -4, max: 4, noNaN: true }), fc.constantFrom(0, -0, 1, -1, 0.5, NaN, Infinity, -Infinity)), { minLength: N, maxLength: N });
export const intArrayArb = fc.array(fc.oneof(fc.integer({ min: -20, max: 20 }), fc.constantFrom(2147483647, -2147483648)), { minLength: N, maxLength: N });

/** A random expression over a, b (float64), f (float32), i, j (int32), s (weak float scalar), k (weak int scalar). */
export const expressionArb: fc.Arbitrary<string> = fc.letrec((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true, maxDepth: 5 },
    fc.constantFrom('a', 'b', 'f', 'i', 'j', 's', 'k', '2', '0.5', '3.0', 'pi'),
    fc.tuple(tie('expr'), fc.constantFrom('+', '-', '*', '/', '//', '%'), tie('expr')).map(([x, op, y]) => `(${x} ${op} ${y})`),
    fc.tuple(tie('expr'), fc.constantFrom('2', '3', '4', '0.5', '-2.0', '1.5')).map(([x, e]) => `(${x}) ** ${e}`),
    fc.tuple(fc.constantFrom('sin', 'cos', 'exp', 'sqrt', 'abs', 'floor', 'tanh', 'log1p', 'round', 'sign', 'float32', 'int32'), tie('expr')).map(([fn, x]) => `${fn}(${x})`),
    fc.tuple(fc.constantFrom('minimum', 'maximum', 'hypot', 'arctan2', 'fmod', 'copysign'), tie('expr'), tie('expr')).map(([fn, x, y]) => `${fn}(${x}, ${y})`),
    fc.tuple(tie('expr'), fc.constantFrom('<', '>=', '==', '!='), tie('expr'), tie('expr'), tie('expr')).map(([x, op, y, p, q]) => `where(${x} ${op} ${y}, ${p}, ${q})`),
    fc.tuple(fc.constantFrom('-', '+'), tie('expr')).map(([op, x]) => `${op}(${x})`),
    fc.tuple(fc.constantFrom('sum', 'max', 'mean'), tie('expr')).map(([fn, x]) => `${fn}(${x})`),
  ),
})).expr;

export const varsArb: fc.Arbitrary<RefVars> = fc
  .record({ a: floatArrayArb, b: floatArrayArb, f: floatArrayArb, i: intArrayArb, j: intArrayArb, s: fc.double({ min: -3, max: 3, noNaN: true }), k: fc.integer({ min: -5, max: 5 }) })
  .map((r) => ({ a: new Float64Array(r.a), b: new Float64Array(r.b), f: new Float32Array(r.f), i: new Int32Array(r.i), j: new Int32Array(r.j), s: Number.isInteger(r.s) ? r.s + 0.25 : r.s, k: r.k }));
