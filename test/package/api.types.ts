// Type tests (tsd-style): every line that must not compile carries @ts-expect-error, so tsc fails
// if it ever compiles. Checked by `npm run typecheck` and by types.test.ts; never executed.
import { evaluate, evaluateAsync, compile, FusexprError, type ErrorCode, type Result, type ResultArray, type ScalarResult, type NdArray, type EvaluateOptions } from 'fusexpr';

declare const a: Float64Array;
declare const i: Int32Array;
declare const view: NdArray<Float64Array>;

// results are typed from the call: never any
const r = evaluate('a + 1', { a });
const r1: ResultArray | ScalarResult = r;
// @ts-expect-error a result is not a string
const s: string = evaluate('a + 1', { a });
// @ts-expect-error nor an object of any shape
const o: { foo: number } = evaluate('a + 1', { a });
// with typed arrays only, no view comes back
// @ts-expect-error NdArray is not part of this result
const v0: NdArray = evaluate('a + i', { a, i });
// a view among the vars: views, not typed arrays
const v1: NdArray<ResultArray> | ScalarResult = evaluate('x * 2', { x: view });
// scalars only: a number, bigint or boolean
const n1: ScalarResult = evaluate('2 * k', { k: 3 });
// @ts-expect-error scalar-only expressions return no array
const n2: Float64Array = evaluate('2 * k', { k: 3 });
// out: the result is out's own type
const out = new Float32Array(3);
const w: Float32Array = evaluate('a * 2', { a }, out);
const wv: NdArray<Float64Array> = evaluate('a * 2', { a: view }, view);
// async: the same, in a promise
const p: Promise<Result<{ a: Float64Array }>> = evaluateAsync('a * 2', { a });
const pw: Promise<Float32Array> = evaluateAsync('a * 2', { a }, out);
// @ts-expect-error a promise of a string is not a result
const ps: Promise<string> = evaluateAsync('a * 2', { a });
// compiled kernels: the same overloads
const k = compile('a * 2');
const kr: ResultArray | ScalarResult = k.run({ a });
// @ts-expect-error run's result is not a string
const ks: string = k.run({ a });
const kw: Float32Array = k.run({ a }, out);

// vars are typed
// @ts-expect-error a string is not a var
evaluate('a + 1', { a: 'x' });
// @ts-expect-error nor an array of numbers
evaluate('a + 1', { a: [1, 2, 3] });
// options are typed
// @ts-expect-error optimize levels are named
evaluate('a', { a }, undefined, { optimize: 'max' });
// @ts-expect-error unknown keys do not compile (and are an OPTION error at run time)
evaluate('a', { a }, undefined, { optimization: 'none' });
const opts: EvaluateOptions = { optimize: 'moderate', fusion: false, casting: 'unsafe', codegen: 'closures' };

// error codes are a union
const code: ErrorCode = 'OPTION';
// @ts-expect-error not a code
const bad: ErrorCode = 'NOPE';
function handle(e: unknown): string {
  if (e instanceof FusexprError) {
    // @ts-expect-error codes are compared against the union
    if (e.code === 'SYNTAXX') return '';
    return e.code;
  }
  return '';
}

export { r1, s, o, v0, v1, n1, n2, w, wv, p, pw, ps, kr, ks, kw, opts, code, bad, handle };
