"""The 'complex' fixture family for generate.py: complex64/complex128 functions, every complex x real
dtype pair for the arithmetic operators and comparisons, weak Python scalars (NEP 50), reductions at
pairwise-relevant lengths, N-D views, stencils, where, complex(), out= and casting, each answered by
NumPy. Self-contained: values are drawn here and expected answers computed with NumPy directly.

Tolerances (per float of the interleaved answer, see README.md in this folder):
  + - and conversions: 0 (the same IEEE operations on each part);
  * : 2 eps (|ar br| + |ai bi|) for re and 2 eps (|ar bi| + |ai br|) for im (NumPy may fuse);
  / : 8 eps |w| (Smith's algorithm, both sides);
  functions: K eps |w| with K = 8 (16 for trig and hyperbolic ones), relative to the result's
  magnitude |w| = hypot(re, im), plus K eps for the log family (log, log10, log1p, the inverse
  functions), whose real part is an absolute, not relative, quantity near |z| = 1;
  ** : 8 eps |w| (1 + |b log a|) (exp(b log a) carries the error of b log a);
  prod: 4 (n + 1) eps |w| (in order from 1 + 0j, as NumPy);
  sum/mean: 0 for contiguous full reductions (bit-identical: NumPy's complex pairwise blocks), else
  (n + 1) eps sum|part| per part (axis reductions).
eps is float32's for complex64 results, float64's for complex128. Non-finite expected parts must
match exactly (nan is nan, inf has its sign); a 0 tolerance also checks the sign of zero.
"""

from __future__ import annotations

import math
import warnings

import numpy as np

from encoding import enc_float

warnings.simplefilter('ignore')

CTYPES = {'complex64': np.complex64, 'complex128': np.complex128}
RTYPES = {'bool': np.bool_, 'int8': np.int8, 'uint8': np.uint8, 'int16': np.int16, 'uint16': np.uint16, 'int32': np.int32,
          'uint32': np.uint32, 'int64': np.int64, 'uint64': np.uint64, 'float32': np.float32, 'float64': np.float64}
STORAGE = {'complex64': 'Float32Array', 'complex128': 'Float64Array', 'float32': 'Float32Array', 'float64': 'Float64Array',
           'int8': 'Int8Array', 'uint8': 'Uint8Array', 'int16': 'Int16Array', 'uint16': 'Uint16Array', 'int32': 'Int32Array',
           'uint32': 'Uint32Array', 'int64': 'BigInt64Array', 'uint64': 'BigUint64Array', 'bool': 'bool'}
BIG = ('int64', 'uint64')
EPS = {'complex64': float(np.finfo(np.float32).eps), 'complex128': float(np.finfo(np.float64).eps)}
FUNCS = ['exp', 'log', 'log10', 'sqrt', 'expm1', 'log1p', 'sin', 'cos', 'tan', 'sinh', 'cosh', 'tanh',
         'arcsin', 'arccos', 'arctan', 'arcsinh', 'arccosh', 'arctanh']
LOGS = {'log', 'log10', 'log1p', 'arcsin', 'arccos', 'arctan', 'arcsinh', 'arccosh', 'arctanh'}
TRIG = {'sin', 'cos', 'tan', 'sinh', 'cosh', 'tanh'}
SPECIAL = [0.0, -0.0, 1.0, -1.0, math.inf, -math.inf, math.nan, 0.5, 2.0]
INF = math.inf


def enc(x):
    v = enc_float(x)
    return v if isinstance(v, str) else repr(v)


def enc_tol(t):
    return None if t == INF else float(t)


class Gen:
    def __init__(self, R):
        self.R = R
        self.vars = {}
        self.names = iter('zwuvpqrs')

    def complex_values(self, n, special=0.25, scale=None, spread=0.0):
        R = self.R
        s = scale if scale is not None else float(R.choice([0.1, 1.0, 3.0, 20.0]))
        re = R.normal(size=n) * s * 10 ** R.uniform(-spread, spread, n)
        im = R.normal(size=n) * s * 10 ** R.uniform(-spread, spread, n)
        for a in (re, im):
            mask = R.random(n) < special
            a[mask] = R.choice(SPECIAL, size=int(mask.sum()))
        z = np.empty(n, dtype=np.complex128)  # set, not computed: re + 1j*im would make -nan from 0*inf
        z.real = re
        z.imag = im
        return z

    def complex_array(self, d, shape, special=0.25, scale=None, layout=None, spread=0.0, values=None):
        """A complex var over `shape` in a random layout (`values`: these, else drawn); returns (name, logical numpy array)."""
        R = self.R
        name = next(self.names)
        n = int(np.prod(shape))
        drawn = self.complex_values(n, special, scale, spread) if values is None else np.asarray(values, dtype=np.complex128)
        logical = drawn.astype(CTYPES[d]).reshape(shape)
        layout = layout or (str(R.choice(['plain', 'plain', 'strided', 'reversed'])) if len(shape) == 1 else str(R.choice(['c', 'transposed', 'strided'])))
        spec = {'t': 'array', 'dtype': d, 'storage': STORAGE[d]}
        if layout == 'plain':
            buf = logical.reshape(-1)
        else:
            rank = len(shape)
            dims = list(range(rank))[::-1] if layout == 'transposed' else list(range(rank))
            step = 2 if layout == 'strided' else 1
            stride = [0] * rank
            acc = 1
            for ax in reversed(dims):
                stride[ax] = acc * step
                acc *= shape[ax] * step
            offset = 0
            if layout == 'reversed':
                offset = (shape[0] - 1) * stride[0]
                stride[0] = -stride[0]
            size = sum(abs(st) * (sh - 1) for st, sh in zip(stride, shape)) + 1
            buf = np.full(size, complex(7, 7), dtype=CTYPES[d])
            for idx in np.ndindex(*shape):
                buf[offset + sum(i * st for i, st in zip(idx, stride))] = logical[idx]
            spec.update({'shape': list(shape), 'stride': stride, 'offset': offset})
        spec['data'] = [enc(v) for x in buf for v in (x.real, x.imag)]
        self.vars[name] = spec
        return name, logical

    def real_array(self, d, shape):
        R = self.R
        name = next(self.names)
        n = int(np.prod(shape))
        if d == 'bool':
            vals = R.random(n) < 0.5
        elif d.startswith('uint'):
            vals = R.integers(0, 11, n)
        elif d.startswith('int'):
            vals = R.integers(-5, 6, n)
        else:
            vals = R.normal(size=n) * 2
        a = np.asarray(vals).astype(RTYPES[d]).reshape(shape)
        spec = {'t': 'array', 'dtype': d, 'storage': STORAGE[d],
                'data': [bool(x) if d == 'bool' else str(int(x)) if d in BIG else int(x) if 'int' in d else enc(x) for x in a.reshape(-1)]}
        if len(shape) > 1:
            spec['shape'] = list(shape)
        self.vars[name] = spec
        return name, a


def expect_complex(w, tol_re, tol_im):
    w = np.asarray(w)
    flat = w.reshape(-1)
    tre = np.broadcast_to(tol_re, w.shape).reshape(-1)
    tim = np.broadcast_to(tol_im, w.shape).reshape(-1)
    exp = {'dtype': str(w.dtype), 'shape': list(w.shape), 'values': [enc(v) for x in flat for v in (x.real, x.imag)]}
    tol = [enc_tol(t) for a, b in zip(tre, tim) for t in (a, b)]
    if any(t != 0 for t in tol):
        exp['tol'] = tol
    return exp


def expect_real(w, tol=0.0):
    w = np.asarray(w)
    d = str(w.dtype)
    if w.ndim == 0 and d == 'bool':
        return {'scalar': 'bool', 'value': bool(w)}
    flat = w.reshape(-1)
    vals = [bool(x) if d == 'bool' else enc(x) for x in flat]
    exp = {'dtype': d, 'shape': list(w.shape), 'values': vals}
    t = np.broadcast_to(tol, w.shape).reshape(-1)
    if d not in ('bool',) and any(x != 0 for x in t):
        exp['tol'] = [enc_tol(x) for x in t]
    return exp


def mag(w):
    w = np.asarray(w).astype(np.complex128)
    m = np.hypot(w.real, w.imag)
    return np.where(np.isfinite(m), m, 0.0)


def func_tol(f, w, eps):
    K = 16 if f in TRIG else 8
    return K * eps * (mag(w) + (1.0 if f in LOGS or f in ('expm1', 'angle') else 0.0))


# ---- the case kinds ------------------------------------------------------------------------------

def case_function(g: Gen, i):
    R = g.R
    d = 'complex64' if R.random() < 0.35 else 'complex128'
    f = (FUNCS + ['real', 'imag', 'conj', 'abs', 'angle', 'negative'])[i % (len(FUNCS) + 6)]
    shape = (int(R.integers(1, 13)),) if R.random() < 0.7 else (int(R.integers(1, 4)), int(R.integers(1, 5)))
    z, zv = g.complex_array(d, shape)
    eps = EPS[d]
    if f == 'negative':
        return f'-{z}', expect_complex(-zv, 0.0, 0.0)
    if f in ('real', 'imag', 'abs', 'angle'):
        w = getattr(np, f)(zv)
        tol = 0.0 if f in ('real', 'imag') else func_tol(f, w, eps) if f == 'angle' else 2 * eps * np.where(np.isfinite(w), np.abs(w), 0)
        return f'{f}({z})', expect_real(w, tol)
    w = getattr(np, f if f != 'conj' else 'conjugate')(zv)
    if f == 'conj':
        return f'conj({z})', expect_complex(w, 0.0, 0.0)
    t = func_tol(f, w, eps)
    return f'{f}({z})', expect_complex(w, t, t)


OPS = ['+', '-', '*', '/', '**', '==', '!=']
OPERANDS = ['complex64', 'complex128', 'bool', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64', 'float32', 'float64',
            'weak-int', 'weak-float', 'weak-complex']


def weak_literal(R, kind, op):
    if kind == 'weak-int':
        v = int(R.choice([2, 3, -1, 0, 5] if op != '**' else [2, 3, -2, 0, 1]))
        return (f'({v})' if v < 0 else str(v)), v
    if kind == 'weak-float':
        v = float(R.choice([1.5, -0.25, 2.0, 0.0, 3.75] if op != '**' else [0.5, 2.0, 1.5, -0.5]))
        return (f'({v!r})' if v < 0 or math.copysign(1, v) < 0 else repr(v)), v
    re, im = float(R.choice([0.0, 1.5, -2.0])), float(R.choice([1.0, -0.5, 2.5]))
    return f'({re!r}{"+" if im >= 0 else "-"}{abs(im)!r}j)', complex(re, im)


def case_binary(g: Gen, i):
    R = g.R
    op = OPS[i % len(OPS)]
    # every complex x other pair, complex on either side
    ci = (i // len(OPS)) % 2
    other = OPERANDS[(i // (2 * len(OPS))) % len(OPERANDS)]
    cd = ['complex64', 'complex128'][ci]
    shape = (int(R.integers(1, 10)),)
    finite = op == '**'
    zname, zv = g.complex_array(cd, shape, special=0.0 if finite else 0.2, scale=1.0 if finite else None)
    if other.startswith('weak'):
        text, ov = weak_literal(R, other, op)
    elif other.startswith('complex'):
        text, ov = g.complex_array(other, shape, special=0.0 if finite else 0.2, scale=1.0 if finite else None)
    else:
        text, ov = g.real_array(other, shape)
    left_complex = R.random() < 0.5 or op == '**' and other == 'bool'
    a, b = (zname, text) if left_complex else (text, zname)
    av, bv = (zv, ov) if left_complex else (ov, zv)
    expr = f'{a} {op} {b}'
    f = {'+': np.add, '-': np.subtract, '*': np.multiply, '/': np.true_divide, '**': np.power, '==': np.equal, '!=': np.not_equal}[op]
    with np.errstate(all='ignore'):
        try:
            w = f(av, bv)
        except TypeError as e:
            return expr, {'error': f'TypeError: {e}'}
    if op in ('==', '!='):
        return expr, expect_real(w)
    eps = EPS[str(w.dtype)]
    A = np.asarray(av).astype(np.complex128)
    B = np.asarray(bv).astype(np.complex128)
    if op in ('+', '-'):
        return expr, expect_complex(w, 0.0, 0.0)
    if op == '*':
        tr = 2 * eps * (np.abs(A.real * B.real) + np.abs(A.imag * B.imag)) + eps * mag(w) * 1e-3
        ti = 2 * eps * (np.abs(A.real * B.imag) + np.abs(A.imag * B.real)) + eps * mag(w) * 1e-3
        if str(w.dtype) == 'complex64':
            tr, ti = tr + eps * mag(w), ti + eps * mag(w)
        return expr, expect_complex(w, np.where(np.isfinite(tr), tr, INF), np.where(np.isfinite(ti), ti, INF))
    if op == '/':
        t = 8 * eps * mag(w)
        return expr, expect_complex(w, t, t)
    with np.errstate(all='ignore'):
        bl = np.abs(B * np.log(np.where(A == 0, 1, A)))
    t = 8 * eps * mag(w) * (1 + np.where(np.isfinite(bl), bl, 0))
    return expr, expect_complex(w, t, t)


REDUCE_LENGTHS = [1, 3, 4, 5, 7, 8, 9, 16, 63, 64, 65, 127, 128, 129, 200, 257, 1000, 4099]


def case_reduce(g: Gen, i):
    R = g.R
    d = 'complex64' if i % 3 == 0 else 'complex128'
    name = 'sum' if i % 2 == 0 else 'mean'
    eps = EPS[d]
    if i % 5 == 4:
        # prod: NumPy multiplies in order from 1 + 0j; 4 n eps |w| (each complex multiply errs ~2 eps |w|)
        shape = (int(R.integers(1, 12)),) if i % 2 else (int(R.integers(1, 4)), int(R.integers(1, 5)))
        z, zv = g.complex_array(d, shape, special=0.1, scale=1.0)
        ax = None if len(shape) == 1 or R.random() < 0.4 else int(R.integers(-2, 2))
        w = np.prod(zv, axis=ax)
        n = zv.size if ax is None else shape[ax]
        t = 4 * (n + 1) * eps * mag(w)
        return (f'prod({z})' if ax is None else f'prod({z}, axis={ax})'), expect_complex(w, t, t)
    if i % 4 < 3:
        n = REDUCE_LENGTHS[i % len(REDUCE_LENGTHS)]
        # magnitudes spread over 6 decades, so the order of additions shows: a contiguous complex
        # sum or mean is bit-identical to NumPy's (its complex pairwise blocks), tolerance 0
        z, zv = g.complex_array(d, (n,), special=0.0, scale=1.0, layout='plain', spread=3.0)
        w = getattr(np, name)(zv)
        return f'{name}({z})', expect_complex(w, 0.0, 0.0)
    shape = (int(R.integers(1, 5)), int(R.integers(1, 6)))
    z, zv = g.complex_array(d, shape, special=0.0)
    ax = int(R.integers(-2, 2))
    w = getattr(np, name)(zv, axis=ax)
    n = shape[ax]
    tr = (n + 1) * eps * np.sum(np.abs(zv.real.astype(np.float64)), axis=ax) / (1 if name == 'sum' else n)
    ti = (n + 1) * eps * np.sum(np.abs(zv.imag.astype(np.float64)), axis=ax) / (1 if name == 'sum' else n)
    return f'{name}({z}, axis={ax})', expect_complex(w, tr, ti)


def case_template(g: Gen, i):
    """Compositions: N-D views, stencils, where, complex(), literals; a magnitude-relative bound."""
    R = g.R
    d = 'complex128' if i % 3 else 'complex64'
    eps = EPS[d]
    kind = i % 10
    if kind in (0, 1):
        shape = (int(R.integers(2, 5)), int(R.integers(2, 5)))
        z, zv = g.complex_array(d, shape, special=0.0)
        if kind == 0:
            w = np.roll(zv, 1, axis=1) - zv
            return f'roll({z}, 1, 1) - {z}', expect_complex(w, 0.0, 0.0)
        w = np.full_like(zv, 1j)
        w[:-1, :] = zv[1:, :]
        return f'shift({z}, -1, 0, 1j)', expect_complex(w, 0.0, 0.0)
    if kind == 2:
        x, xv = g.real_array('float64' if d == 'complex128' else 'float32', (int(R.integers(1, 9)),))
        w = np.exp(1j * xv)
        return f'exp(1j * {x})', expect_complex(w, 8 * eps * (mag(w) + 1), 8 * eps * (mag(w) + 1))
    if kind == 3:
        n = int(R.integers(1, 9))
        x, xv = g.real_array('float64', (n,))
        y, yv = g.real_array('float64', (n,))
        w = xv + 1j * yv
        return f'complex({x}, {y})', expect_complex(w, 0.0, 0.0)
    if kind == 4:
        z, zv = g.complex_array(d, (int(R.integers(1, 9)),), special=0.0)
        w = np.where(zv.real > 0, zv, -zv)
        return f'where(real({z}) > 0, {z}, -{z})', expect_complex(w, 0.0, 0.0)
    if kind == 5:
        z, zv = g.complex_array(d, (int(R.integers(1, 9)),), special=0.0, scale=1.0)
        w = np.abs(zv) ** 2 - (zv * np.conjugate(zv)).real
        return f'abs({z}) ** 2 - real({z} * conj({z}))', expect_real(w, 8 * eps * (mag(zv) ** 2 + 1e-300))
    if kind == 6:
        z, zv = g.complex_array(d, (int(R.integers(1, 9)),), special=0.0, scale=1.0)
        w = np.sum(zv * np.conjugate(zv))
        return f'sum({z} * conj({z}))', expect_complex(w, 8 * eps * len(zv) * (np.sum(mag(zv) ** 2) + 1e-300), 8 * eps * len(zv) * (np.sum(mag(zv) ** 2) + 1e-300))
    if kind == 7:
        z, zv = g.complex_array(d, (int(R.integers(1, 9)),), special=0.0, scale=1.0)
        w = 2.5j * zv + 1
        return f'2.5j * {z} + 1', expect_complex(w, 4 * eps * (mag(w) + 3 * mag(zv)), 4 * eps * (mag(w) + 3 * mag(zv)))
    if kind == 8:
        shape = (int(R.integers(1, 4)), int(R.integers(1, 5)))
        z, zv = g.complex_array(d, shape, special=0.0)
        x, xv = g.real_array('float64', shape[1:])
        w = zv * xv
        t = 2 * eps * mag(w) + 2 * eps * mag(zv) * np.abs(xv)
        return f'{z} * {x}', expect_complex(w, t, t)
    z, zv = g.complex_array(d, (int(R.integers(1, 9)),), special=0.0)
    w = np.conjugate(zv) * 1e-3j
    t = 2 * eps * mag(w)
    return f'conj({z}) * 1e-3j', expect_complex(w, t, t)


ERRORS = [('{z} // 2', 'floor_divide'), ('{z} % 2', 'remainder'), ('{z} & 1', 'bitwise_and'), ('floor({z})', 'floor'),
          ('~{z}', 'invert'), ('{z} << 1', 'left_shift'), ('arctan2({z}, 1)', 'arctan2'), ('hypot({z}, 1)', 'hypot')]


def case_error(g: Gen, i):
    text, fn = ERRORS[i % len(ERRORS)]
    z, zv = g.complex_array('complex128', (3,), special=0.0)
    expr = text.format(z=z)
    try:
        with np.errstate(all='ignore'):
            {'floor_divide': lambda: zv // 2, 'remainder': lambda: zv % 2, 'bitwise_and': lambda: zv & 1, 'floor': lambda: np.floor(zv),
             'invert': lambda: ~zv, 'left_shift': lambda: zv << 1, 'arctan2': lambda: np.arctan2(zv, 1), 'hypot': lambda: np.hypot(zv, 1)}[fn]()
    except TypeError as e:
        return expr, {'error': f'TypeError: {e}'}
    raise RuntimeError(f'numpy accepted {expr}')


def case_out(g: Gen, i):
    """out=: a complex out view, or a real out with casting (NumPy: complex → real is not same_kind)."""
    R = g.R
    n = int(R.integers(1, 8))
    z, zv = g.complex_array('complex128', (n,), special=0.0)
    x, xv = g.real_array('float64', (n,))
    kind = i % 3
    if kind == 0:
        w = zv * 2 + xv
        t = 4 * EPS['complex128'] * mag(w)
        exp = expect_complex(w, t, t)
        out = {'dtype': 'complex128', 'storage': 'Float64Array', 'data': ['0.0'] * (2 * n)}
        return f'{z} * 2 + {x}', exp, out, None
    if kind == 1:
        w = (zv + xv).real
        out = {'dtype': 'float64', 'storage': 'Float64Array', 'data': ['0.0'] * n}
        return f'{z} + {x}', expect_real(w), out, {'casting': 'unsafe'}
    out = {'dtype': 'float64', 'storage': 'Float64Array', 'data': ['0.0'] * n}
    return f'{z} + {x}', {'error': "TypeError: Cannot cast ufunc 'add' output from dtype('complex128') to dtype('float64') with casting rule 'same_kind'"}, out, None


KINDS = [(case_function, 0.25), (case_binary, 0.45), (case_reduce, 0.1), (case_template, 0.12), (case_error, 0.03), (case_out, 0.05)]


def complex_cases(seed, count):
    R = np.random.default_rng(seed)
    cases = []
    counts = [int(w * count) for _, w in KINDS]
    counts[1] += count - sum(counts)
    for (fn, _), k in zip(KINDS, counts):
        for i in range(k):
            g = Gen(R)
            r = fn(g, i)
            expr, exp = r[0], r[1]
            c = {'id': f'complex-{seed}-{len(cases)}', 'expr': expr, 'vars': g.vars, 'expect': exp}
            if len(r) > 2:
                out, options = r[2], r[3]
                c['out'] = out
                if options:
                    c['options'] = options
                if 'error' not in exp and 'scalar' not in exp:
                    c['expect'] = {'out': exp['dtype'], 'shape': exp['shape'], 'buffer': exp['values'], **({'tol': exp['tol']} if 'tol' in exp else {})}
            cases.append(c)
    return cases
