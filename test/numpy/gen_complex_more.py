"""The 'complex_more' fixture family for generate.py: what came after the first complex fixtures —
NumPy 2's lexicographic order of complex numbers (< <= > >=, minimum, maximum, clip, the min and max
reductions, nan parts included), sign/log2/exp2/round of complex values, `z ** k` for NumPy's
Python-scalar fast paths (int 2 and -1, float 0.5) and cpow, and complex scalar vars
(a weak Python complex as {re, im}, a strong 0-d complex array). Values from NumPy directly; the
shared helpers (layouts, encodings, tolerances) are gen_complex.py's.

Tolerances: orderings, minimum/maximum/clip, min/max, round, + - and conversions: 0 (they select or
round parts, no arithmetic); sign: 4 eps (|w| is 1); log2 and exp2: gen_complex's function bounds
(8 eps |w|, plus 8 eps absolute for log2); * and / as gen_complex's binary cases.
"""

from __future__ import annotations

import math

import numpy as np

from gen_complex import EPS, CTYPES, Gen, enc, expect_complex, expect_real, func_tol, mag

NAN, INF = math.nan, math.inf
# few distinct parts, so equal real parts (where the imaginary parts decide) are common
PARTS = [-1.0, 0.0, -0.0, 1.0, 2.0, 0.5]


def order_values(R, n, nan=0.15):
    re = R.choice(PARTS, n)
    im = R.choice(PARTS, n)
    for a in (re, im):
        m = R.random(n) < nan
        a[m] = R.choice([NAN, NAN, INF, -INF], int(m.sum()))
    z = np.empty(n, dtype=np.complex128)
    z.real = re
    z.imag = im
    return z


ORDER_OPS = {'<': np.less, '<=': np.less_equal, '>': np.greater, '>=': np.greater_equal, 'minimum': np.minimum, 'maximum': np.maximum}
ORDER_OTHERS = ['complex64', 'complex128', 'float64', 'float32', 'int32', 'weak-int', 'weak-float', 'weak-complex']


def other_operand(g: Gen, kind, shape):
    R = g.R
    if kind.startswith('complex'):
        return g.complex_array(kind, shape, values=order_values(R, int(np.prod(shape))))
    if kind == 'weak-int':
        v = int(R.choice([0, 1, 2, -1]))
        return (f'({v})' if v < 0 else str(v)), v
    if kind == 'weak-float':
        v = float(R.choice([0.5, 1.0, -0.0, NAN]))
        return ('nan' if v != v else f'({v!r})' if math.copysign(1, v) < 0 else repr(v)), v
    if kind == 'weak-complex':
        re, im = float(R.choice([0.0, 1.0, 2.0])), float(R.choice([0.0, 1.0, -1.0]))
        return f'({re!r}{"+" if im >= 0 else "-"}{abs(im)!r}j)', complex(re, im)
    name, a = g.real_array(kind, shape)
    if kind.startswith('float'):
        # few distinct values (ties with the complex real parts), a nan now and then
        a = np.asarray(R.choice(PARTS + [NAN], a.size)).astype(a.dtype).reshape(a.shape)
        g.vars[name]['data'] = [enc(x) for x in a.reshape(-1)]
    return name, a


def case_order(g: Gen, i):
    R = g.R
    ops = list(ORDER_OPS)
    op = ops[i % len(ops)]
    other = ORDER_OTHERS[(i // len(ops)) % len(ORDER_OTHERS)]
    d = 'complex64' if R.random() < 0.4 else 'complex128'
    shape = (int(R.integers(1, 10)),) if R.random() < 0.75 else (int(R.integers(1, 4)), int(R.integers(1, 4)))
    z, zv = g.complex_array(d, shape, values=order_values(R, int(np.prod(shape))))
    text, ov = other_operand(g, other, shape)
    left = R.random() < 0.5
    a, b = (z, text) if left else (text, z)
    av, bv = (zv, ov) if left else (ov, zv)
    expr = f'{op}({a}, {b})' if op in ('minimum', 'maximum') else f'{a} {op} {b}'
    w = ORDER_OPS[op](av, bv)
    return expr, expect_complex(w, 0.0, 0.0) if np.iscomplexobj(w) else expect_real(w)


def case_clip(g: Gen, i):
    R = g.R
    d = 'complex64' if i % 3 == 0 else 'complex128'
    shape = (int(R.integers(1, 10)),)
    z, zv = g.complex_array(d, shape, values=order_values(R, shape[0]))
    bounds = []
    for _ in range(2):
        kind = ['complex128', 'weak-complex', 'weak-float', 'complex64'][int(R.integers(0, 4))]
        bounds.append(other_operand(g, kind, shape))
    (lo, lov), (hi, hiv) = bounds
    w = np.clip(zv, lov, hiv)
    return f'clip({z}, {lo}, {hi})', expect_complex(w, 0.0, 0.0)


def case_minmax(g: Gen, i):
    R = g.R
    name = 'min' if i % 2 == 0 else 'max'
    d = 'complex64' if i % 3 == 0 else 'complex128'
    if i % 11 == 10:
        # an empty complex array: NumPy's reductions without identity raise
        z, zv = g.complex_array(d, (0,), layout='plain', values=np.zeros(0))
        try:
            getattr(np, name)(zv)
        except ValueError as e:
            return f'{name}({z})', {'error': f'ValueError: {e}'}
        raise RuntimeError('numpy reduced an empty array')
    nan = 0.0 if i % 4 == 1 else 0.1
    shape = (int(R.integers(1, 14)),) if i % 3 else (int(R.integers(1, 4)), int(R.integers(1, 5)))
    z, zv = g.complex_array(d, shape, values=order_values(R, int(np.prod(shape)), nan))
    if len(shape) == 2 and R.random() < 0.7:
        ax = int(R.integers(-2, 2))
        return f'{name}({z}, axis={ax})', expect_complex(getattr(np, name)(zv, axis=ax), 0.0, 0.0)
    return f'{name}({z})', expect_complex(getattr(np, name)(zv), 0.0, 0.0)


FUNCS = ['sign', 'log2', 'exp2', 'round']


def case_function(g: Gen, i):
    R = g.R
    f = FUNCS[i % len(FUNCS)]
    d = 'complex64' if R.random() < 0.4 else 'complex128'
    shape = (int(R.integers(1, 13)),)
    if f == 'sign' and i % 8 == 0:
        # magnitudes past float32's max, for complex64: NumPy's |z| is inf there
        big = [complex(3e38, 3e38), complex(-3e38, 2e38), complex(1e-40, 0), complex(INF, NAN), complex(NAN, INF), complex(-0.0, -0.0), complex(0, -INF), complex(2e38, -3e38)]
        z, zv = g.complex_array(d, (len(big),), values=big, layout='plain')
    else:
        z, zv = g.complex_array(d, shape, scale=(1.0 if f == 'exp2' else None))
    if f == 'round':
        return f'round({z} * 2.5)', expect_complex(np.rint(zv * 2.5), 0.0, 0.0)
    w = getattr(np, f)(zv)
    t = 4 * EPS[d] * np.ones(w.shape) if f == 'sign' else func_tol('log' if f == 'log2' else 'exp', w, EPS[d])
    return f'{f}({z})', expect_complex(w, t, t)


SCALAR_PARTNERS = ['float32', 'float64', 'int8', 'int32', 'bool', 'complex64', 'complex128', 'none']


def case_scalar_var(g: Gen, i):
    """A complex scalar var: {re, im} is a Python complex (weak, NEP 50); a 0-d complex view is strong."""
    R = g.R
    strong = i % 3 == 2
    cd = 'complex64' if strong and i % 2 else 'complex128'
    c = complex(float(R.choice([1.5, -2.0, 0.0, 0.25])), float(R.choice([1.0, -0.5, 0.0, 3.0])))
    cname = 'c'
    if strong:
        cv = np.array(c, dtype=CTYPES[cd])
        g.vars[cname] = {'t': 'array', 'dtype': cd, 'storage': 'Float32Array' if cd == 'complex64' else 'Float64Array', 'shape': [], 'stride': [], 'offset': 0,
                         'data': [enc(cv.real), enc(cv.imag)]}
    else:
        cv = c
        g.vars[cname] = {'t': 'complex', 're': enc(c.real), 'im': enc(c.imag)}
    partner = SCALAR_PARTNERS[(i // 3) % len(SCALAR_PARTNERS)]
    op = ['+', '-', '*', '/'][i % 4]
    fn = {'+': np.add, '-': np.subtract, '*': np.multiply, '/': np.true_divide}[op]
    if partner == 'none':
        # a scalar-only expression: a 0-d complex view (a Python complex is complex128)
        w = np.asarray(fn(cv, 2))
        return f'{cname} {op} 2', expect_complex(w, 4 * EPS[str(w.dtype)] * mag(w), 4 * EPS[str(w.dtype)] * mag(w))
    shape = (int(R.integers(1, 8)),)
    if partner.startswith('complex'):
        x, xv = g.complex_array(partner, shape, special=0.0)
    else:
        x, xv = g.real_array(partner, shape)
    left = R.random() < 0.5
    expr = f'{x} {op} {cname}' if left else f'{cname} {op} {x}'
    w = fn(xv, cv) if left else fn(cv, xv)
    eps = EPS[str(w.dtype)]
    if op in ('+', '-'):
        return expr, expect_complex(w, 0.0, 0.0)
    t = 8 * eps * (mag(w) + mag(np.asarray(xv).astype(np.complex128)) * abs(c))
    return expr, expect_complex(w, t, t)


POWERS = ['2', '(-1)', '(-1.0)', '2.0', '0.5', '3', '(-2)']


def case_power(g: Gen, i):
    """`z ** k`: NumPy's Python-scalar fast paths (int 2: square, int -1: reciprocal, float 0.5: sqrt), else cpow."""
    R = g.R
    text = POWERS[i % len(POWERS)]
    d = 'complex64' if R.random() < 0.35 else 'complex128'
    # magnitudes far from overflow: NumPy's square and multiply fuse (FMA), which shows only there
    z, zv = g.complex_array(d, (int(R.integers(1, 12)),), special=0.3, scale=float(R.choice([0.5, 1.0, 3.0])))
    k = eval(text)
    w = zv ** k
    with np.errstate(all='ignore'):
        bl = np.abs(k * np.log(np.where(zv == 0, 1, zv).astype(np.complex128)))
    t = 8 * EPS[d] * mag(w) * (1 + np.where(np.isfinite(bl), bl, 0))
    return f'{z} ** {text}', expect_complex(w, t, t)


VAR_POWERS = [2, -1, 0.5, 3, -2, 1.5, -0.5]


def case_power_var(g: Gen, i):
    """`z ** k`, k a JS number var (a Python int when a safe integer, else a float): the fast paths per call."""
    R = g.R
    k = VAR_POWERS[i % len(VAR_POWERS)]
    d = 'complex64' if R.random() < 0.35 else 'complex128'
    z, zv = g.complex_array(d, (int(R.integers(1, 12)),), special=0.3, scale=float(R.choice([0.5, 1.0, 3.0])))
    g.vars['k'] = {'t': 'number', 'v': enc(float(k))}
    w = zv ** k
    with np.errstate(all='ignore'):
        bl = np.abs(k * np.log(np.where(zv == 0, 1, zv).astype(np.complex128)))
    t = 8 * EPS[d] * mag(w) * (1 + np.where(np.isfinite(bl), bl, 0))
    tr, ti = t, t
    if k != int(k):
        # cpow of an inf/nan base: a zero's sign comes from the sign of an x86 default nan (README: departures)
        odd = ~np.isfinite(zv)
        tr, ti = np.where(odd & (w.real == 0), 5e-324, t), np.where(odd & (w.imag == 0), 5e-324, t)
    return f'{z} ** k', expect_complex(w, tr, ti)


KINDS = [(case_order, 0.4), (case_clip, 0.1), (case_minmax, 0.15), (case_function, 0.15), (case_scalar_var, 0.2)]
# kinds added later: a fixed count each, drawn after the others (their cases stay as they were)
LATER = [(case_power, 70), (case_power_var, 42)]


def complex_more_cases(seed, count):
    R = np.random.default_rng(seed)
    cases = []
    counts = [int(w * count) for _, w in KINDS]
    counts[0] += count - sum(counts)
    for (fn, _), k in zip(KINDS, counts):
        for i in range(k):
            g = Gen(R)
            expr, exp = fn(g, i)
            cases.append({'id': f'complex_more-{seed}-{len(cases)}', 'expr': expr, 'vars': g.vars, 'expect': exp})
    for fn, k in LATER:
        for i in range(k):
            g = Gen(R)
            expr, exp = fn(g, i)
            cases.append({'id': f'complex_more-{seed}-{len(cases)}', 'expr': expr, 'vars': g.vars, 'expect': exp})
    return cases
