// Complex numbers through the public API: the literal grammar, the result form ({ data, shape, dtype },
// interleaved), out= views, casting rules, errors with carets, threads and the closures backend. The
// values are judged by NumPy in test/numpy (the 'complex' fixtures); this pins the API's shape.

import { describe, it, expect, afterAll } from 'vitest';
import { evaluate, evaluateAsync, validate, compile, explain, FusexprError, setNumThreads, setParallelThreshold, getParallelThreshold, shutdown, toShared } from '../../src/index.js';
import { parse } from '../../src/parse/index.js';
import { printExpr } from '../../src/ast/print.js';
import { fusexprError } from '../helpers/errors.js';

type C = { data: Float64Array | Float32Array; shape: number[]; dtype: string };
const z = { data: Float64Array.of(1, 2, -3, 0.5, 0, -1), dtype: 'complex128' as const };
const x = Float64Array.of(1, 2, 3);

const error = fusexprError;

describe('complex literals', () => {
  it('parse as Python imaginary literals', () => {
    for (const [text, im] of [['2j', 2], ['2.5j', 2.5], ['1e-3j', 1e-3], ['.5J', 0.5], ['0j', 0]] as const) {
      const e = parse(text);
      expect(e).toMatchObject({ kind: 'number', imag: true, value: im });
    }
    expect(printExpr(parse('x * 2.5j + 1'))).toBe('x * 2.5j + 1');
    expect(error(() => parse('2jj')).code).toBe('SYNTAX');
  });
  it('-2j is -(0+2j): a -0 real part, as in Python', () => {
    const r = evaluate('-2j') as unknown as C;
    expect(r.dtype).toBe('complex128');
    expect(r.shape).toEqual([]);
    expect(Object.is(r.data[0], -0)).toBe(true);
    expect(r.data[1]).toBe(-2);
  });
});

describe('complex results', () => {
  it('come back as { data, shape, dtype } with interleaved (re, im) data', () => {
    const r = evaluate('z * 1j + x', { z, x }) as unknown as C;
    expect(r.dtype).toBe('complex128');
    expect(r.shape).toEqual([3]);
    expect(r.data).toBeInstanceOf(Float64Array);
    expect(Array.from(r.data)).toEqual([-1, 1, 1.5, -3, 4, 0]);
    expect(validate('z * 1j + x', { z, x })).toEqual({ dtype: 'complex128', shape: [3] });
  });
  it('full reductions are 0-d complex views', () => {
    const s = evaluate('sum(z)', { z }) as unknown as C;
    expect([s.dtype, s.shape, Array.from(s.data)]).toEqual(['complex128', [], [-2, 1.5]]);
    // (1+2j)(-3+0.5j)(0-1j), in order from 1+0j as numpy's multiply.reduce
    const p = evaluate('prod(z)', { z }) as unknown as C;
    expect(Array.from(p.data)).toEqual([-5.5, 4]);
  });
  it('float32 parts make complex64 (NumPy 2 and NEP 50)', () => {
    const f = Float32Array.of(1, 2);
    expect(validate('f * 1j', { f }).dtype).toBe('complex64');
    expect(validate('complex(f, f)', { f }).dtype).toBe('complex64');
    expect(validate('f * 1j + s', { f, s: 1.5 }).dtype).toBe('complex64');
    expect(validate('f * 1j + g', { f, g: Float64Array.of(1, 2) }).dtype).toBe('complex128');
    expect(validate('i * 1j', { i: Int32Array.of(1) }).dtype).toBe('complex128');
    expect((evaluate('f * 1j', { f }) as unknown as C).data).toBeInstanceOf(Float32Array);
  });
  it('write into a complex out view, also one aliasing an input', () => {
    const out = { data: new Float64Array(6), dtype: 'complex128' as const };
    expect(evaluate('z * 2', { z }, out)).toBe(out);
    expect(Array.from(out.data)).toEqual([2, 4, -6, 1, 0, -2]);
    const w = { data: Float64Array.of(1, 2, 3, 4), dtype: 'complex128' as const };
    evaluate('w * 1j', { w }, w); // in place: the real part is written before the imaginary part is read
    expect(Array.from(w.data)).toEqual([-2, 1, -4, 3]);
  });
  it('a real result into a complex out gets +0 imaginary parts (a safe cast)', () => {
    const out = { data: new Float64Array(6), dtype: 'complex128' as const };
    expect(evaluate('x * 2', { x }, out)).toBe(out);
    expect(Array.from(out.data)).toEqual([2, 0, 4, 0, 6, 0]);
  });
  it('N-D complex views: strides and offsets count complex elements', () => {
    // a 2×2 transposed view over 4 complex numbers
    const m = { data: Float64Array.of(1, 1, 2, 2, 3, 3, 4, 4), shape: [2, 2], stride: [1, 2], offset: 0, dtype: 'complex128' as const };
    const r = evaluate('m + 0j', { m }) as unknown as C;
    expect(r.shape).toEqual([2, 2]);
    expect(Array.from(r.data)).toEqual([1, 1, 3, 3, 2, 2, 4, 4]);
    const col = evaluate('sum(m, axis=0)', { m }) as unknown as C;
    expect(Array.from(col.data)).toEqual([3, 3, 7, 7]);
  });
});

describe('complex errors', () => {
  it('ops without a complex meaning are TYPE errors with a caret', () => {
    const cases: [string, string, number][] = [
      ['z % 1', "'%': not supported for complex operands", 3],
      ['z // 2', "'//': not supported for complex operands", 3],
      ['floor(z)', 'floor(): not supported for complex operands', 1],
      ['cbrt(z)', 'cbrt(): not supported for complex operands', 1],
      ['float64(z)', 'float64(): cannot cast complex to float64 (NumPy warns and drops the imaginary part)', 1],
      ['complex(z, x)', 'complex(): takes real parts, not complex ones', 1],
    ];
    for (const [expr, reason, column] of cases) {
      const e = error(() => evaluate(expr, { z, x }));
      expect([expr, e.code, e.reason, e.column]).toEqual([expr, 'TYPE', reason, column]);
      expect(e.message).toContain('^');
    }
  });
  it("a complex result into a real out needs casting: 'unsafe' (then it is the real part)", () => {
    const out = new Float64Array(3);
    expect(error(() => evaluate('z + x', { z, x }, out)).code).toBe('BAD_OUT');
    evaluate('z + x', { z, x }, out, { casting: 'unsafe' });
    expect(Array.from(out)).toEqual([2, -1, 3]);
  });
  it('bad complex vars and outs are BAD_VAR / BAD_OUT', () => {
    expect(error(() => evaluate('w', { w: { data: new Float32Array(4), dtype: 'complex128' } as never })).code).toBe('BAD_VAR');
    expect(error(() => evaluate('w', { w: { data: new Float64Array(3), dtype: 'complex128' } as never })).code).toBe('BAD_VAR');
    expect(error(() => evaluate('z * 2', { z }, { data: new Float64Array(4), dtype: 'complex128' } as never)).code).toBe('BAD_OUT');
    expect(error(() => evaluate('z * 2', { z }, { data: new Float64Array(6), dtype: 'complex64' } as never)).code).toBe('BAD_OUT');
    // complex128 → complex64 is 'same_kind' (NumPy rounds each part)
    const o64 = { data: new Float32Array(6), dtype: 'complex64' as const };
    evaluate('z * 2', { z }, o64);
    expect(Array.from(o64.data)).toEqual([2, 4, -6, 1, 0, -2]);
  });
});

describe('complex in explain and evaluateChunked', () => {
  it('explain shows both parts over the var planes, run as one pass for flat arrays', async () => {
    const text = String(explain('exp(z) * 2', { z }));
    expect(text).toContain('signature:  {"z":"complex128[3]"}');
    expect(text).toContain('re: foldConstants c_mul_re(c_exp_re(z.re, z.im), c_exp_im(z.re, z.im), 2.0, 0.0)');
    expect(text).toContain('re+im: stage 0: map → complex128[3]');
  });
});

describe('complex on every path', () => {
  const saved = getParallelThreshold();
  afterAll(async () => {
    setParallelThreshold(saved);
    await shutdown();
  });
  it('the closures backend, threads over shared memory, evaluateAsync and compile agree', async () => {
    const n = 5000;
    const data = toShared(Float64Array.from({ length: 2 * n }, (_, i) => Math.sin(i) * 3));
    const big = { data, dtype: 'complex128' as const };
    const expr = 'exp(big) * conj(big) + sqrt(big) / (1 + 2j)';
    const one = evaluate(expr, { big }, undefined, { singleThread: true }) as unknown as C;
    const closures = evaluate(expr, { big }, undefined, { codegen: 'closures', singleThread: true }) as unknown as C;
    setNumThreads(2);
    setParallelThreshold(0);
    const threads = evaluate(expr, { big }, undefined, { blockSize: 64 }) as unknown as C;
    const later = (await evaluateAsync(expr, { big })) as unknown as C;
    const k = compile(expr).run({ big }) as unknown as C;
    for (const r of [closures, threads, later, k]) expect(Array.from(r.data)).toEqual(Array.from(one.data));
    expect(Array.from((evaluate('sum(big)', { big }) as unknown as C).data)).toEqual(Array.from((evaluate('sum(big)', { big }, undefined, { singleThread: true }) as unknown as C).data));
  });
});
