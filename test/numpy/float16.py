"""float16 judged by NumPy 2 (run with the pyenv python3): float16 arrays meeting every other dtype
through + - * / and comparisons, weak Python scalars, casts to and from float16, can_cast for every
pair and casting rule, float functions (also of int8/uint8/bool, which NumPy computes in float16),
and sum/mean/prod/min/max. Writes test/numpy/float16.json (beside fixtures/, whose cases replay.test.ts
runs in Node), replayed in headless Chromium (which has Float16Array) by test/browser/float16.test.ts.
Deterministic.
"""

from __future__ import annotations

import json
import os

import numpy as np

from encoding import enc_float

REAL = ['bool', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64', 'float16', 'float32', 'float64']
ALL = REAL + ['complex64', 'complex128']
CASTINGS = ['no', 'equiv', 'safe', 'same_kind', 'unsafe']
OPS = {'+': np.add, '-': np.subtract, '*': np.multiply, '/': np.true_divide, '<': np.less, '==': np.equal, '>=': np.greater_equal}
# float16 values: normal, subnormal (6e-5), the largest (65504), signed zeros, halves that round
A = np.array([0.0, -0.0, 1.0, -1.5, 2.5, 0.1, 3.140625, -7.75, 100.0, 65504.0, 6.0e-5, 1000.5, -0.333, 12.0, 0.5, -20.0], np.float16)
N = len(A)
rng = np.random.default_rng(16)


def enc(x):
    """A JSON value: finite floats as numbers, nan/inf as strings, big ints as strings."""
    if isinstance(x, (bool, np.bool_)):
        return int(x)
    if isinstance(x, (int, np.integer)):
        return str(int(x)) if abs(int(x)) > 2**53 else int(x)
    return enc_float(x)


def other(d: str) -> np.ndarray:
    """N values of dtype d that every operator takes (no zero divisors; ints of both signs)."""
    if d == 'bool':
        return np.array([i % 3 != 0 for i in range(N)])
    info = np.iinfo(d) if np.dtype(d).kind in 'iu' else None
    if info is not None:
        lo, hi = max(int(info.min), -300), min(int(info.max), 300)
        v = rng.integers(lo, hi + 1, N)
        v[v == 0] = 3
        return v.astype(d)
    return (rng.standard_normal(N) * 50).astype(d)


def ramp(n: int) -> np.ndarray:
    """A long float16 array the replay rebuilds from n (too long to store): each value rounds once."""
    i = np.arange(n)
    return (((i * 37) % 201 - 100) / 8 + (i % 7) / 1024).astype(np.float16)


def spikes(n: int) -> np.ndarray:
    """±30000 between small values: float32 partial sums drop some of the small ones, as numpy's do."""
    i = np.arange(n)
    return np.where(i % 4 == 0, 30000.0, np.where(i % 4 == 2, -30000.0, 0.001 * (i % 7 + 1))).astype(np.float16)


def arr(a: np.ndarray) -> dict:
    if a.ndim > 1:
        return {**arr(a.ravel()), 'shape': list(a.shape)}
    if len(a) > 64:
        gen = 'ramp' if np.array_equal(a, ramp(len(a))) else 'spikes'
        assert a.dtype == np.float16 and np.array_equal(a, spikes(len(a)) if gen == 'spikes' else ramp(len(a))), 'long arrays are generated'
        return {'dtype': 'float16', 'gen': gen, 'n': len(a)}
    return {'dtype': str(a.dtype), 'values': [enc(x) for x in a.tolist()]}


def case(expr: str, vars_: dict, res, tol: int = 0, out: str | None = None) -> dict:
    """One expression; with `out` ('float16', 'uint8clamped') the result is written into such an out."""
    res = np.asarray(res)
    if out == 'float16':
        res = res.astype(np.float16)
    elif out == 'uint8clamped':
        res = np.where(np.isnan(res), 0, np.clip(np.rint(res), 0, 255)).astype(np.uint8)
    return {'expr': expr, **({'out': out} if out else {}), 'vars': {k: arr(np.atleast_1d(v)) if isinstance(v, np.ndarray) else enc(v) for k, v in vars_.items()},
            'dtype': str(res.dtype), 'values': [enc(x) for x in np.atleast_1d(res).ravel().tolist()], 'ulps': tol}


def main() -> None:
    cases = []
    with np.errstate(all='ignore'):
        # promotion: result_type of float16 with every dtype (validate() checks these, complex included)
        promotion = {d: str(np.result_type(np.float16, np.dtype(d))) for d in ALL}
        promotion['weak float'] = str(np.result_type(np.float16, 1.0))
        promotion['weak int'] = str(np.result_type(np.float16, 1))
        promotion['weak complex'] = str(np.result_type(np.float16, 1j))
        can_cast = [[f, t, c, bool(np.can_cast(f, t, c))] for f in REAL for t in REAL if 'float16' in (f, t) for c in CASTINGS]
        # arithmetic and comparisons with every real dtype, float16 on either side
        for d in REAL:
            b = other(d)
            for sym, uf in OPS.items():
                if d == 'bool' and sym == '-':
                    pass  # float16 - bool is fine in numpy (bool is cast)
                cases.append(case(f'a {sym} b', {'a': A, 'b': b}, uf(A, b)))
                cases.append(case(f'b {sym} a', {'a': A, 'b': b}, uf(b, A)))
        # weak Python scalars
        for expr, f in [('a + 1.5', lambda a: a + 1.5), ('a * 3', lambda a: a * 3), ('2 - a', lambda a: 2 - a),
                        ('a / 7', lambda a: a / 7), ('a * 0.1', lambda a: a * 0.1), ('a > 2', lambda a: a > 2),
                        ('a * a + a', lambda a: a * a + a), ('(a + 1) / (a - 3)', lambda a: (a + 1) / (a - 3)),
                        ('-a', lambda a: -a), ('abs(a)', np.abs), ('a // 3', lambda a: a // np.float16(3)),
                        ('a % 3', lambda a: a % np.float16(3)), ('floor(a)', np.floor), ('round(a)', np.round),
                        ('where(a > 1, a, -a)', lambda a: np.where(a > 1, a, -a)), ('minimum(a, 2)', lambda a: np.minimum(a, 2)),
                        ('isnan(a / a)', lambda a: np.isnan(a / a))]:
            cases.append(case(expr, {'a': A}, f(A)))
        # casts to float16 from every real dtype, and from float16 to each (values in every range)
        for d in REAL:
            b = other(d)
            cases.append(case('float16(b)', {'b': b}, b.astype(np.float16)))
        big = np.array([1e5, -1e5, 65519.0, 65520.0, 1e-8, 3.0e-8, 0.1, 2049.0], np.float64)
        cases.append(case('float16(b)', {'b': big}, big.astype(np.float16)))
        cases.append(case('float16(b)', {'b': big.astype(np.float32)}, big.astype(np.float32).astype(np.float16)))
        small = np.array([0.0, 1.5, -2.5, 100.75, -120.25, 3.5, 7.0, -0.5], np.float16)
        for d in REAL:
            if d != 'float16':
                cases.append(case(f'{d}(a)', {'a': small}, small.astype(d)))
        cases.append(case('float16(3)', {}, np.float16(3)))
        # float functions: float16 in float16 out (1 ulp of float16: numpy's float32 libm vs V8's float64)
        pos = np.abs(A) + np.float16(0.25)
        unit = np.array([-0.9, -0.5, -0.1, 0.0, 0.2, 0.45, 0.7, 0.99], np.float16)
        for fn in ['sin', 'cos', 'tan', 'exp', 'expm1', 'tanh', 'arctan', 'sinh', 'cbrt', 'exp2']:
            x = unit * np.float16(3)
            cases.append(case(f'{fn}(a)', {'a': x}, getattr(np, fn)(x), 1))
        for fn in ['log', 'log10', 'log2', 'log1p', 'sqrt']:
            cases.append(case(f'{fn}(a)', {'a': pos}, getattr(np, fn)(pos), 0 if fn == 'sqrt' else 1))
        for fn in ['arcsin', 'arccos', 'arctanh']:
            cases.append(case(f'{fn}(a)', {'a': unit}, getattr(np, fn)(unit), 1))
        cases.append(case('arctan2(a, b)', {'a': A, 'b': A[::-1].copy()}, np.arctan2(A, A[::-1]), 1))
        cases.append(case('hypot(a, b)', {'a': unit, 'b': unit[::-1].copy()}, np.hypot(unit, unit[::-1]), 1))
        cases.append(case('a ** b', {'a': pos[:8], 'b': unit}, pos[:8] ** unit, 1))
        # float functions of int8/uint8/bool compute in float16 (numpy's loop choice)
        for d in ['int8', 'uint8', 'bool']:
            b = np.abs(other(d)) if d != 'bool' else other(d)
            cases.append(case('sin(b)', {'b': b}, np.sin(b), 1))
            cases.append(case('sqrt(b)', {'b': b}, np.sqrt(b)))
        # reductions: pairwise in float32, rounded once (sum); float32 buffers (mean)
        for x in [A[2:9], ramp(100), ramp(1000), ramp(20000), spikes(1000), spikes(20000)]:
            cases.append(case('sum(a)', {'a': x}, np.sum(x)))
            cases.append(case('mean(a)', {'a': x}, np.mean(x)))
            cases.append(case('min(a)', {'a': x}, np.min(x)))
            cases.append(case('max(a)', {'a': x}, np.max(x)))
            cases.append(case('sum(a * 2 + 1)', {'a': x}, np.sum(x * np.float16(2) + np.float16(1))))
        # reductions along the last axis of a C-contiguous array: each line pairwise in float32, as a
        # full sum (other axes: NumPy adds row by row in float16, a documented departure)
        for x in [ramp(2400).reshape(8, 300), spikes(2400).reshape(8, 300), ramp(24000).reshape(2, 3, 4000)]:
            cases.append(case('sum(a, axis=-1)', {'a': x}, np.sum(x, axis=-1)))
            cases.append(case('mean(a, axis=-1)', {'a': x}, np.mean(x, axis=-1)))
            cases.append(case('max(a, axis=-1)', {'a': x}, np.max(x, axis=-1)))
        # into a Float16Array out (one rounding from the result, as astype), and a float16 result into a
        # Uint8ClampedArray out (saturate, round half to even)
        f64 = np.array([0.1, 1e5, -3.3, 65519.0, 65520.0, 2.0**-25, 1.0 + 2.0**-11, -0.0], np.float64)
        cases.append(case('b * 3', {'b': f64}, f64 * 3, out='float16'))
        cases.append(case('b + 1', {'b': f64.astype(np.float32)}, f64.astype(np.float32) + np.float32(1), out='float16'))
        cases.append(case('b * 2', {'b': np.arange(-4, 4, dtype=np.int8)}, np.arange(-4, 4, dtype=np.int8) * 2, out='float16'))
        cases.append(case('a * 40', {'a': small}, small * np.float16(40), out='uint8clamped'))
        prod_x = np.array([1.5, 0.75, 2.0, 1.25, 0.9, 1.1, 3.0, 0.5, 1.125, 2.5], np.float16)
        cases.append(case('prod(a)', {'a': prod_x}, np.prod(prod_x)))
    out = os.path.join(os.path.dirname(__file__), 'float16.json')
    with open(out, 'w') as f:
        json.dump({'numpy': np.__version__, 'promotion': promotion, 'can_cast': can_cast, 'cases': cases}, f, separators=(',', ':'))
        f.write('\n')
    print(f'{out}: {len(cases)} cases, {len(can_cast)} can_cast rows')


if __name__ == '__main__':
    main()
