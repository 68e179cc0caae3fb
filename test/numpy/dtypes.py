"""The dtype matrix, judged by NumPy 2: every pair of storage dtypes through every arithmetic,
comparison, bitwise and shift operator; weak Python scalars meeting each dtype; casting into an
`out` of every dtype under every `casting` rule (np.can_cast decides, astype gives the values);
Uint8ClampedArray outs. Also the promotion and can_cast tables (tables.json) that the unit tests
pin src/types/dtypes.ts against. Called by generate.py; deterministic for a seed.
"""

from __future__ import annotations

import json
import math
import os

import numpy as np

from encoding import enc_float

DTYPES = ['bool', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64', 'float32', 'float64']
NPT = {d: np.dtype(d) for d in DTYPES}
STORAGE = {'bool': 'bool', 'int8': 'Int8Array', 'uint8': 'Uint8Array', 'int16': 'Int16Array', 'uint16': 'Uint16Array',
           'int32': 'Int32Array', 'uint32': 'Uint32Array', 'int64': 'BigInt64Array', 'uint64': 'BigUint64Array',
           'float32': 'Float32Array', 'float64': 'Float64Array'}
OPS = ['+', '-', '*', '/', '//', '%', '**', '==', '!=', '<', '<=', '>', '>=', '&', '|', '^', '<<', '>>']
UFUNC = {'+': np.add, '-': np.subtract, '*': np.multiply, '/': np.true_divide, '//': np.floor_divide, '%': np.remainder,
         '**': np.power, '==': np.equal, '!=': np.not_equal, '<': np.less, '<=': np.less_equal, '>': np.greater,
         '>=': np.greater_equal, '&': np.bitwise_and, '|': np.bitwise_or, '^': np.bitwise_xor, '<<': np.left_shift,
         '>>': np.right_shift}
CASTINGS = ['no', 'equiv', 'safe', 'same_kind', 'unsafe']
N = 12
POW_ULPS = 4  # ** on floats: libm pow vs V8's, as generate.py's TRANSCENDENTAL_ULPS


def is_int(d):
    return d not in ('bool', 'float32', 'float64')


def enc(d, x):
    if d in ('float32', 'float64'):
        return enc_float(x)
    if d == 'bool':
        return bool(x)
    if d in ('int64', 'uint64', 'uint32'):
        return str(int(x))
    return int(x)


def values(R, d, role):
    """N values of dtype d: the type's extremes, small numbers, and random ones. role: 'a' (left),
    'b' (right of arithmetic), 'pow' (small non-negative exponents), 'shift' (counts 0 … width + 1)."""
    if d == 'bool':
        return R.random(N) < 0.5
    if is_int(d):
        info = np.iinfo(NPT[d])
        if role == 'pow':
            return R.integers(0, 5, N).astype(NPT[d])
        if role == 'shift':
            return R.integers(0, info.bits + 2, N).astype(NPT[d])
        base = [info.min, info.max, 0, 1, 2, 7, 100 % (info.max + 1)] + ([-1, -7] if info.min < 0 else [3, 5])
        rnd = [int(R.integers(int(info.min), int(info.max), endpoint=True, dtype=np.uint64 if d == 'uint64' else np.int64)) for _ in range(N)]
        pick = [base[i] if i < len(base) and R.random() < 0.7 else rnd[i] for i in range(N)]
        R.shuffle(pick)
        return np.array(pick, dtype=NPT[d])
    if role == 'pow':
        return R.choice([0.0, 0.5, 1.0, 2.0, 3.0, -1.0, 2.5], N).astype(NPT[d])
    if role == 'shift':
        return R.integers(0, 4, N).astype(NPT[d])
    v = R.choice([0.0, -0.0, 1.0, -1.5, 2.5, 100.25, -7.0, 3.0e9, 1e-3, 255.5, math.inf, math.nan], N)
    return np.where(R.random(N) < 0.5, v, R.normal(0, 50, N)).astype(NPT[d])


def arr(d, v, reversed_view=False):
    """An array var; reversed_view stores the values backwards and reads them through a view with
    stride -1 (the strided kernels then read every dtype too)."""
    if not reversed_view:
        return {'t': 'array', 'dtype': d, 'storage': STORAGE[d], 'data': [enc(d, x) for x in v]}
    return {'t': 'array', 'dtype': d, 'storage': STORAGE[d], 'data': [enc(d, x) for x in v[::-1]], 'shape': [len(v)], 'stride': [-1], 'offset': len(v) - 1}


def ulps(v, d, k):
    if d not in ('float32', 'float64'):
        return None
    s = np.spacing(np.abs(np.asarray(v, dtype=NPT[d]))).astype(np.float64) * k
    return [None if not np.isfinite(x) else float('%.3g' % (x * 1.01)) if x else 0 for x in s]


def run(fn):
    with np.errstate(all='ignore'):
        try:
            return fn(), None
        except Exception as e:  # NumPy raises ⇒ fusexpr must raise
            return None, f'{type(e).__name__}: {e}'


def expect_array(r, tol=None):
    d = str(r.dtype)
    e = {'dtype': d, 'shape': list(r.shape), 'values': [enc(d, x) for x in r]}
    if tol is not None:
        e['tol'] = tol
    return e


def pair_cases(R):
    cases = []
    for op in OPS:
        for da in DTYPES:
            for db in DTYPES:
                role = 'pow' if op == '**' else 'shift' if op in ('<<', '>>') else 'b'
                a = values(R, da, 'a' if role != 'pow' else 'b')
                b = values(R, db, role)
                if op == '**' and is_int(da) and is_int(db) and np.iinfo(NPT[db]).min < 0:
                    b = np.abs(b.astype(np.int64)).astype(NPT[db]) % 5
                r, err = run(lambda: UFUNC[op](a, b))
                if err is None and op == '**' and r.dtype.kind == 'f':
                    exp = expect_array(r, ulps(r, str(r.dtype), POW_ULPS))
                elif err is None:
                    exp = expect_array(r)
                else:
                    exp = {'error': err}
                view = (DTYPES.index(da) + DTYPES.index(db)) % 3 == 0
                cases.append({'expr': f'a {op} b', 'vars': {'a': arr(da, a, view), 'b': arr(db, b)}, 'expect': exp})
    for fn in ('minimum', 'maximum', 'fmod', 'where(a > b, a, b)'):
        for da in DTYPES:
            for db in DTYPES:
                a, b = values(R, da, 'a'), values(R, db, 'b')
                f = (lambda x, y: np.where(x > y, x, y)) if fn.startswith('where') else getattr(np, fn)
                r, err = run(lambda: f(a, b))
                text = fn if fn.startswith('where') else f'{fn}(a, b)'
                exp = expect_array(r) if err is None else {'error': err}
                if err is None and fn in ('minimum', 'maximum') and r.dtype.kind == 'f':
                    # the sign of a zero tie is unspecified (README: not compared bit for bit)
                    exp['tol'] = [None if x == 0 else 0 for x in r]
                cases.append({'expr': text, 'vars': {'a': arr(da, a), 'b': arr(db, b, True)}, 'expect': exp})
    return cases


SCALARS = ['a + 3', 'a * -1', 'a + 300', 'a - 70000', 'a < 300', 'a == -1', 'a >= -129', 'a // 7', 'a % -3', 'a ** 2',
           'a & 5', 'a << 2', 'a + 2.5', 'a * 2**40', '-a', '~a', 'abs(a)', 'sign(a)', 'a != 2**63']


def scalar_cases(R):
    cases = []
    for d in DTYPES:
        a = values(R, d, 'a')
        for text in SCALARS:
            py = text.replace('2**40', str(2**40)).replace('2**63', str(2**63))
            env = {'a': a, 'abs': np.absolute, 'sign': np.sign}
            r, err = run(lambda: eval(py, {}, env))
            if err is None and not isinstance(r, np.ndarray):
                continue
            if d == 'bool' and text in ('a ** 2', 'a != 2**63'):
                # NumPy quirks left out (README, departures): bool ** 2 is int8 there (its scalar-power
                # fast path; bool ** 300 is int64), and bool != 2**63 raises where int64 != 2**63 works
                continue
            if err is None and r.dtype.kind == 'f' and '**' in text:
                exp = expect_array(r, ulps(r, str(r.dtype), POW_ULPS))
            else:
                exp = expect_array(r) if err is None else {'error': err}
            cases.append({'expr': text, 'vars': {'a': arr(d, a)}, 'expect': exp, 'tags': ['weak-scalar']})
    return cases


def function_cases(R):
    """Float functions of every dtype: NumPy computes int8/uint8 (and bool) in float16, int16/uint16 in
    float32; fusexpr has no float16 and uses float32 for int8/uint8, float64 for bool (tagged)."""
    cases = []
    for d in DTYPES:
        a = values(R, d, 'a')
        for fn in ('sqrt', 'sin', 'arctan2'):
            f = {'sqrt': np.sqrt, 'sin': np.sin, 'arctan2': lambda x: np.arctan2(x, x)}[fn]
            r, err = run(lambda: f(a))
            tags = []
            if err is None and r.dtype == np.float16:
                tags = ['small-int-float-functions-as-float32' if d != 'bool' else 'bool-float-functions-as-float64']
                r, err = run(lambda: f(a.astype(np.float32 if d != 'bool' else np.float64)))
            ulp = 0 if fn == 'sqrt' else 4
            exp = expect_array(r, ulps(r, str(r.dtype), ulp) if ulp else None) if err is None else {'error': err}
            text = 'arctan2(a, a)' if fn == 'arctan2' else f'{fn}(a)'
            cases.append({'expr': text, 'vars': {'a': arr(d, a)}, 'expect': exp, 'tags': tags})
    return cases


def reduction_cases(R):
    """Full reductions of every dtype. sum/prod of bool and <= 32-bit ints are exact numbers in
    fusexpr (an error beyond 2**53; tagged); NumPy's int64/uint64 otherwise."""
    cases = []
    for d in DTYPES:
        for name in ('sum', 'prod', 'mean', 'min', 'max', 'any', 'all'):
            a = values(R, d, 'a')
            if name == 'prod' and is_int(d):
                a = (a.astype(object) % 7).astype(NPT[d]) if np.iinfo(NPT[d]).min == 0 else (a.astype(np.int64) % 7 - 3).astype(NPT[d])
            f = getattr(np, name)
            r, err = run(lambda: f(a))
            tags = []
            if err is None and name in ('sum', 'prod') and (d == 'bool' or (is_int(d) and np.iinfo(NPT[d]).bits <= 32)):
                tags = ['int-sum-as-exact-number']
                exact = int(f(a.astype(object)))
                r = np.float64(exact) if abs(exact) <= 2**53 else None
                err = None if r is not None else 'VALUE: beyond 2**53 (fusexpr rule)'
            if err is not None:
                exp = {'error': err}
            else:
                sd = str(np.asarray(r).dtype)
                exp = {'scalar': sd, 'value': enc(sd, r)}
                if sd in ('float32', 'float64') and name in ('sum', 'mean', 'prod') and not tags and np.isfinite(r):
                    x = a.astype(np.float64)
                    bound = (len(a) + 1) * float(np.finfo(NPT[sd]).eps) * float(np.sum(np.abs(x))) * (len(a) if name == 'prod' else 1)
                    exp['tol'] = None if not np.isfinite(bound) else float('%.3g' % (bound * 1.01 + float(np.spacing(np.abs(np.asarray(r, NPT[sd]))))))
            cases.append({'expr': f'{name}(a)', 'vars': {'a': arr(d, a, name in ('min', 'max'))}, 'expect': exp, 'tags': tags})
    return cases


def cast_values(R, frm, to):
    """Values whose cast to `to` NumPy defines: floats inside the target's range (float → int of nan,
    inf or out-of-range values is undefined in C; negative floats into unsigned ints too)."""
    v = values(R, frm, 'a')
    if frm in ('float32', 'float64') and is_int(to):
        info = np.iinfo(NPT[to])
        lo, hi = (0 if info.min == 0 else max(float(info.min), -1e9)), min(float(info.max), 1e9)
        v = np.where(np.isfinite(v) & (v > lo - 1) & (v < hi + 1) & ((v >= 0) | (info.min < 0)), v, np.float64(2.75)).astype(NPT[frm])
        v = np.where(v < lo, lo, v).astype(NPT[frm])
    return v


def cast_cases(R):
    cases = []
    for frm in DTYPES:
        for to in DTYPES:
            a = cast_values(R, frm, to)
            for casting in CASTINGS:
                if np.can_cast(NPT[frm], NPT[to], casting):
                    with np.errstate(all='ignore'):
                        r = a.astype(NPT[to])
                    exp = {'out': to, 'shape': [N], 'buffer': [enc(to, x) for x in r]}
                else:
                    exp = {'error': f'np.can_cast({frm}, {to}, {casting!r}) is False'}
                out = {'dtype': to, 'storage': STORAGE[to], 'data': [enc(to, 0)] * N}
                cases.append({'expr': 'a', 'vars': {'a': arr(frm, a)}, 'out': out, 'options': {'casting': casting}, 'expect': exp, 'tags': ['casting']})
    # a Uint8ClampedArray out (canvas ImageData): rint (half to even), saturate, nan → 0; any real dtype under same_kind
    for frm in DTYPES:
        a = values(R, frm, 'a')
        with np.errstate(all='ignore'):
            f = a.astype(np.float64)
            r = np.where(np.isnan(f), 0, np.clip(np.rint(f), 0, 255)).astype(np.uint8)
        out = {'dtype': 'uint8', 'storage': 'Uint8ClampedArray', 'data': [0] * N}
        cases.append({'expr': 'a', 'vars': {'a': arr(frm, a)}, 'out': out, 'expect': {'out': 'uint8', 'shape': [N], 'buffer': [int(x) for x in r]}, 'tags': ['uint8-clamped-out']})
    return cases


def tables():
    return {
        'numpy': np.__version__,
        'dtypes': DTYPES,
        'result_type': {a: {b: str(np.result_type(NPT[a], NPT[b])) for b in DTYPES} for a in DTYPES},
        'can_cast': {c: {a: {b: bool(np.can_cast(NPT[a], NPT[b], c)) for b in DTYPES} for a in DTYPES} for c in CASTINGS},
    }


# np.clip's bounds (NumPy 2.4's np.clip, not the clip ufunc: a Python-int bound beyond an int array's
# range on its own side is no bound; beyond on the other side it raises), as literals and as JS number vars
CLIP_BOUNDS = [('-129', '5'), ('-5', '300'), ('-1', '5'), ('-10', '-1'), ('3', '1000'), ('-1', '300'), ('-2**40', '2**40'),
               ('0', '2**63'), ('-2**63 - 1', '2**64'), ('2', '1'), ('5', '-129'), ('nan', '1'), ('0', 'nan'), ('-1.5', '2.5'),
               ('-1', '5.0'), ('-1e300', '1e300')]


def clip_cases(R):
    cases = []
    for d in DTYPES:
        a = values(R, d, 'a')
        for lo, hi in CLIP_BOUNDS:
            bounds = [eval(x, {'nan': math.nan}) for x in (lo, hi)]
            r, err = run(lambda: np.clip(a, *bounds))
            exp = expect_array(r) if err is None else {'error': err}
            cases.append({'expr': f'clip(a, {lo}, {hi})', 'vars': {'a': arr(d, a)}, 'expect': exp})
            if all(isinstance(b, int) and abs(b) < 2**53 for b in bounds):
                num = {'lo': {'t': 'number', 'v': bounds[0]}, 'hi': {'t': 'number', 'v': bounds[1]}}
                cases.append({'expr': 'clip(a, lo, hi)', 'vars': {'a': arr(d, a), **num}, 'expect': exp})
    return cases


# float → int casts C leaves undefined (nan, ±inf, out of range, negative into unsigned): x86-64 NumPy's
# cast loops give fixed answers, which fusexpr reproduces. uint32 is the exception: NumPy's contiguous
# (SIMD) loop and its strided/scalar loop disagree; fusexpr follows the strided one (through int64).
UNDEFINED_CAST_VALUES = [math.nan, math.inf, -math.inf, 1e20, -1e20, 3e9, -3e9, -1.5, 255.9, 256.7, -129.5, 2.0**31, 2.0**32 + 5,
                         -2.0**31 - 1, 2.0**63, -2.0**63, 2.0**64, 70000.5, -70000.5, 5e9, -5e9, 1.8e19, -0.0]


def undefined_cast_cases():
    cases = []
    for frm in ('float32', 'float64'):
        a = np.array(UNDEFINED_CAST_VALUES, dtype=NPT[frm])
        for to in DTYPES:
            if not is_int(to):
                continue
            with np.errstate(all='ignore'):
                r = np.repeat(a, 2)[::2].astype(NPT[to]) if to == 'uint32' else a.astype(NPT[to])
            tags = ['float-to-uint32-through-int64'] if to == 'uint32' else []
            cases.append({'expr': f'{to}(a)', 'vars': {'a': arr(frm, a)}, 'expect': expect_array(r), 'tags': tags})
    return cases


def write(seed, fixtures_dir, with_tables=True):
    R = np.random.default_rng(seed + 1000)
    cases = pair_cases(R) + scalar_cases(R) + cast_cases(R) + function_cases(R) + reduction_cases(R)
    cases += clip_cases(R) + undefined_cast_cases()  # last: the cases before keep their draws
    for i, c in enumerate(cases):
        c['id'] = f'dtypes-{seed}-{i}'
    doc = {'generator': 'test/numpy/dtypes.py', 'numpy': np.__version__, 'seed': seed, 'family': 'dtypes', 'cases': cases}
    path = os.path.join(fixtures_dir, 'dtypes.json')
    with open(path, 'w') as fh:
        json.dump(doc, fh, separators=(',', ':'))
        fh.write('\n')
    if with_tables:
        tpath = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'tables.json')
        with open(tpath, 'w') as fh:
            json.dump(tables(), fh, indent=1)
            fh.write('\n')
    return path, len(cases)
