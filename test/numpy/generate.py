#!/usr/bin/env python3
"""NumPy 2 as the judge of fusexpr: a seeded generator of random, well-typed fusexpr cases with
NumPy's answers, written as JSON fixtures that test/numpy/replay.test.ts replays without Python.

    python3 test/numpy/generate.py --seed 1 --cases 2400 --out test/numpy/fixtures   # npm run fixtures:numpy
    python3 test/numpy/generate.py --seed 12345 --cases 3000 --out /tmp/x            # fresh cases (fuzz)

Each case's expected answer is what NumPy computes for the expression written in Python over the
same values (ufunc by ufunc, NEP 50 weak Python scalars), except where fusexpr documents a
different rule: there the generator computes fusexpr's rule with NumPy and tags the case with a
named deliberate difference (see the README, "Where fusexpr differs from NumPy"). Each float element carries a tolerance derived
from the ops that produced it (forward error propagation; see README.md in this folder).
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import random
import re
import sys
import warnings

import numpy as np

from encoding import enc_float

warnings.simplefilter('ignore')
np.seterr(all='ignore')

DTYPES = ['bool', 'int32', 'int64', 'float32', 'float64']
NPT = {'bool': np.bool_, 'int32': np.int32, 'int64': np.int64, 'float32': np.float32, 'float64': np.float64,
       'int8': np.int8, 'uint8': np.uint8, 'int16': np.int16, 'uint16': np.uint16, 'uint32': np.uint32, 'uint64': np.uint64}
INTS = ('int32', 'int64', 'int8', 'uint8', 'int16', 'uint16', 'uint32', 'uint64')
FLOATS = ('float32', 'float64')
EPS = {'float32': float(np.finfo(np.float32).eps), 'float64': float(np.finfo(np.float64).eps)}
STORAGE = {'bool': 'bool', 'int32': 'Int32Array', 'int64': 'BigInt64Array', 'float32': 'Float32Array', 'float64': 'Float64Array',
           'int8': 'Int8Array', 'uint8': 'Uint8Array', 'int16': 'Int16Array', 'uint16': 'Uint16Array', 'uint32': 'Uint32Array', 'uint64': 'BigUint64Array'}
INF = math.inf

# Rounding allowance (in ulps of the result) for ops whose implementations may differ between NumPy
# (libm / SIMD) and V8. Correctly rounded ops (+ - * / sqrt, casts, fmod, rounding) get 0: with
# the same inputs both must give the same bits.
TRANSCENDENTAL_ULPS = 4


class NumpyError(Exception):
    pass


class Err:
    """The value of a subexpression NumPy raised on: the whole expression is expected to raise."""

    dtype = 'error'
    ndim = 0
    shape = ()

    def __init__(self, msg):
        self.msg = msg


class Skip(Exception):
    """An ambiguous construction (e.g. a scalar-only int division by zero): draw again."""


def dname(v):
    """dtype name of a node value; weak Python scalars are 'weak-bool' / 'weak-int' / 'weak-float'."""
    if isinstance(v, Err):
        return 'error'
    if isinstance(v, (np.generic, np.ndarray)):
        return str(v.dtype)  # before the Python types: np.float64 is a subclass of float
    if isinstance(v, bool):
        return 'weak-bool'
    if isinstance(v, int):
        return 'weak-int'
    if isinstance(v, float):
        return 'weak-float'
    return str(v.dtype)


def is_weak(v):
    return isinstance(v, (bool, int, float)) and not isinstance(v, np.generic)


def is_array(v):
    return isinstance(v, np.ndarray) and v.ndim > 0


def kind(d):
    return 0 if d.endswith('bool') else 1 if d.endswith('int') or d in INTS else 2


class Node:
    __slots__ = ('s', 'v', 'E')

    def __init__(self, s, v, E):
        self.s = s
        self.v = v
        self.E = E  # absolute error bound, float or float64 array shaped like v; inf = unstable

    @property
    def d(self):
        return dname(self.v)


def f64(x):
    if is_weak(x):
        return np.float64(float(x))
    return np.asarray(x).astype(np.float64)


def ulp(v, d):
    """ulp of each value in dtype d (float64 array), 0 where not finite."""
    if d not in FLOATS:
        return np.zeros(np.shape(v))
    a = np.abs(np.asarray(v, dtype=NPT[d]))
    s = np.spacing(a).astype(np.float64)
    return np.where(np.isfinite(s), s, 0.0)


def zeros_like_shape(shape):
    return np.zeros(shape) if shape else 0.0


def res_shape(*vs):
    return np.broadcast_shapes(*[np.shape(v) for v in vs])


def bE(E, shape):
    return np.broadcast_to(np.asarray(E, dtype=np.float64), shape)


# ----------------------------------------------------------------------------------------------
# values

F64_SPECIALS = [math.nan, math.inf, -math.inf, -0.0, 0.0, 5e-324, -1e-310, 1e308, -1.7e308, 0.5, -2.5, 1.0]
F32_SPECIALS = [math.nan, math.inf, -math.inf, -0.0, 0.0, 1e-45, -1e-40, 3.4e38, -3.4e38, 0.5, -2.5, 1.0]


def rand_values(R, d, n, special=0.12, style=None):
    if d == 'bool':
        return R.random(n) < 0.5
    if d in INTS:
        info = np.iinfo(NPT[d])
        v = R.integers(-10, 11, n).astype(object)
        for i in range(n):
            r = R.random()
            if r < special:
                v[i] = int(R.choice([info.min, info.max, info.min + 1, info.max - 1, 0, -1, 1]))
            elif r < special + 0.08:
                v[i] = int(R.integers(info.min, info.max, dtype=np.int64, endpoint=True))
        return np.array(v.tolist(), dtype=NPT[d])
    style = style or R.choice(['normal', 'unit', 'ints', 'halves', 'pos', 'wide'])
    if style == 'normal':
        v = R.normal(0, float(R.choice([1e-3, 1.0, 10.0, 1e3])), n)
    elif style == 'unit':
        v = R.uniform(-1, 1, n)
    elif style == 'ints':
        v = R.integers(-6, 7, n).astype(np.float64)
    elif style == 'halves':
        v = R.integers(-12, 13, n) / 2.0
    elif style == 'pos':
        v = R.uniform(0, 10, n)
    else:
        v = np.exp(R.uniform(-30, 30, n)) * R.choice([-1.0, 1.0], n)
    specials = F32_SPECIALS if d == 'float32' else F64_SPECIALS
    for i in range(n):
        if R.random() < special:
            v[i] = specials[int(R.integers(len(specials)))]
    return v.astype(NPT[d])


def enc(d, x):
    if d in FLOATS or d == 'weak-float':
        return enc_float(x)
    if d in ('int64', 'weak-int', 'uint64') or d == 'uint32':
        return str(int(x))
    if d in ('bool', 'weak-bool'):
        return bool(x)
    return int(x)


def enc_tol(t):
    t = float(t)
    if math.isnan(t) or math.isinf(t):
        return None
    if t == 0:
        return 0
    # three significant digits, rounded up: a bound written shorter must never shrink (π is 3.15, not 3.14)
    v = float('%.3g' % t)
    while v < t:
        v = float('%.3g' % (v + 10 ** (math.floor(math.log10(t)) - 2)))
    return v


# ----------------------------------------------------------------------------------------------
# cases


class Case:
    def __init__(self, R, ctx):
        self.R = R
        self.ctx = ctx  # the context shape: (n,) or (r, c) or (p, r, c)
        self.special = 0.1  # chance of a special value per element, in arrays that have them
        self.vars = {}  # name -> json spec
        self.values = {}  # name -> Node value (numpy / python)
        self.layouts = {}  # name -> (buffer np array, shape, stride, offset) for arrays
        self.tags = set()
        self.float16 = False  # a subexpression NumPy computed in float16 (fusexpr has none here): the case is redrawn
        self.names = iter('abcdfghjkmnpqrstuvwxyzABCDFGHJKMNPQRSTUVWXYZ')

    def name(self):
        return next(self.names)

    # --- arrays -------------------------------------------------------------------------------
    def array(self, d, shape=None, layout=None, name=None, storage=None):
        """A new array var of dtype d over the context shape (or `shape`), in a random layout."""
        R = self.R
        shape = tuple(self.ctx if shape is None else shape)
        rank = len(shape)
        size = int(np.prod(shape)) if shape else 1
        if storage is None:
            storage = STORAGE[d]
            # (draws kept so the stream of cases stays the same: narrow storage is its own dtype now,
            # covered by the 'dtypes' family)
            if d == 'int32' and R.random() < 0.08:
                R.choice(['Int8Array', 'Int16Array', 'Uint16Array', 'Uint8Array'])
            if d == 'int64' and R.random() < 0.1:
                pass
        if layout is None:
            if rank == 1:
                layout = R.choice(['plain', 'plain', 'plain', 'strided', 'reversed', 'offset'])
            else:
                layout = R.choice(['c', 'c', 'transposed', 'reversed', 'strided', 'broadcast', 'mixed'])
        # logical values
        if storage in ('Int8Array', 'Int16Array', 'Uint16Array', 'Uint8Array', 'Uint32Array'):
            lo, hi = {'Int8Array': (-128, 127), 'Int16Array': (-32768, 32767), 'Uint16Array': (0, 65535),
                      'Uint8Array': (0, 255), 'Uint32Array': (0, 2**32 - 1)}[storage]
            small = R.integers(max(lo, -10), min(hi, 10) + 1, size)
            big = R.integers(lo, hi, size, endpoint=True)
            vals = np.where(R.random(size) < 0.3, big, small).astype(NPT[d])
        else:
            vals = rand_values(R, d, size, special=self.special if R.random() < 0.5 else 0.0)
        logical = vals.reshape(shape)
        # layout: a buffer, strides (elements) and offset that read `logical`
        if layout == 'plain':
            buf, stride, offset, view = vals, None, 0, False
        else:
            view = True
            bax = int(R.integers(rank))
            if layout == 'broadcast' and rank >= 2:
                logical = np.broadcast_to(np.take(logical, [0], axis=bax), shape)
            dims = list(range(rank))
            if layout in ('transposed',) or (layout == 'mixed' and rank >= 2):
                dims = dims[::-1]
            steps = [1] * rank
            if layout in ('strided', 'mixed'):
                steps = [int(R.choice([1, 2, 3])) for _ in range(rank)]
            flips = [False] * rank
            if layout in ('reversed', 'mixed'):
                flips = [bool(R.random() < 0.6) for _ in range(rank)]
                if not any(flips):
                    flips[int(R.integers(rank))] = True
            # memory order: dims in `dims` order, outermost first
            stride = [0] * rank
            acc = 1
            for ax in reversed(dims):
                stride[ax] = acc * steps[ax]
                acc *= shape[ax] * steps[ax] if shape[ax] > 0 else 1
            if layout == 'broadcast' and rank >= 2:
                stride[bax] = 0
            pad = int(R.integers(0, 3)) if layout in ('offset', 'strided', 'mixed') else 0
            offset = pad
            for ax in range(rank):
                if flips[ax] and shape[ax] > 0:
                    offset += (shape[ax] - 1) * stride[ax]
                    stride[ax] = -stride[ax]
            span = pad + sum(abs(stride[ax]) * max(shape[ax] - 1, 0) for ax in range(rank)) + 1 + int(R.integers(0, 2))
            filler = rand_values(R, d, span, special=0.0) if storage == STORAGE[d] and not d.startswith('uint') else np.zeros(span, NPT[d])
            buf = filler.copy()
            for idx in itertools.product(*[range(s) for s in shape]):
                pos = offset + sum(i * st for i, st in zip(idx, stride))
                buf[pos] = logical[idx]
            if layout == 'broadcast':
                self.tags.add('stride-0')
            if any(s < 0 for s in stride):
                self.tags.add('negative-stride')
        name = name or self.name()
        spec = {'t': 'array', 'dtype': d, 'storage': storage, 'data': [enc('uint32' if storage == 'Uint32Array' else d, x) for x in buf]}
        if view:
            spec.update({'shape': list(shape), 'stride': stride, 'offset': offset})
        self.vars[name] = spec
        self.layouts[name] = (buf, shape, stride, offset, view, d, storage)
        v = np.array(logical, dtype=NPT[d])
        self.values[name] = v
        return Node(name, v, np.zeros(v.shape))

    def set(self, name, logical):
        """Give an array var new logical values (its buffer is rewritten; stride-0 views re-read)."""
        buf, shape, stride, offset, view, d, storage = self.layouts[name]
        logical = np.asarray(logical).astype(NPT[d]).reshape(shape)
        if not view:
            buf = logical.reshape(-1).copy()
        else:
            buf = buf.copy()
            for idx in itertools.product(*[range(s) for s in shape]):
                buf[offset + sum(i * st for i, st in zip(idx, stride))] = logical[idx]
            logical = gather(buf, shape, stride, offset)
        self.layouts[name] = (buf, shape, stride, offset, view, d, storage)
        self.vars[name]['data'] = [enc('uint32' if storage == 'Uint32Array' else d, x) for x in buf]
        self.values[name] = logical
        return logical

    def scalar_var(self, what=None):
        R = self.R
        what = what or R.choice(['int', 'float', 'bigint', 'boolean'])
        name = self.name()
        if what == 'int':
            x = int(R.choice([0, 1, 2, 3, -1, -2, 7, 100, -100, 2**31 - 1, -2**31, 2**40, 3000000000]))
            self.vars[name] = {'t': 'number', 'v': x}
            v = x
        elif what == 'float':
            x = float(R.choice([0.5, -2.5, 0.1, 1.5, 3.75, -0.0, math.nan, math.inf, -math.inf, 1e300, 1e-300, 2.0**60 + 0.0, 1e20]))
            js_int = x.is_integer() and abs(x) <= 2**53 - 1 and not (x == 0 and math.copysign(1, x) < 0)
            v = int(x) if js_int else x
            self.vars[name] = {'t': 'number', 'v': enc_float(x)}
        elif what == 'bigint':
            x = int(R.choice([0, 1, 5, -3, 2**62, -2**63, 2**63 - 1, 123456789012345]))
            self.vars[name] = {'t': 'bigint', 'v': str(x)}
            v = np.int64(x)
        else:
            x = bool(R.random() < 0.5)
            self.vars[name] = {'t': 'boolean', 'v': x}
            v = x  # fusexpr: a JS boolean is a weak Python bool (NumPy would make it np.bool_)
        self.values[name] = v
        return Node(name, v, 0.0)


# ----------------------------------------------------------------------------------------------
# op semantics (NumPy, with fusexpr's documented rules where they differ)

BINOPS = {
    '+': np.add, '-': np.subtract, '*': np.multiply, '/': np.true_divide, '//': np.floor_divide,
    '%': np.remainder, '**': np.power, '<': np.less, '<=': np.less_equal, '==': np.equal,
    '!=': np.not_equal, '>=': np.greater_equal, '>': np.greater, '&': np.bitwise_and,
    '|': np.bitwise_or, '^': np.bitwise_xor, '<<': np.left_shift, '>>': np.right_shift,
}
UNARY_FLOAT = ['sin', 'cos', 'tan', 'arcsin', 'arccos', 'arctan', 'sinh', 'cosh', 'tanh', 'arcsinh', 'arccosh',
               'arctanh', 'exp', 'expm1', 'exp2', 'log', 'log10', 'log1p', 'log2', 'sqrt', 'cbrt']
ALIASES = {'asin': 'arcsin', 'acos': 'arccos', 'atan': 'arctan', 'asinh': 'arcsinh', 'acosh': 'arccosh',
           'atanh': 'arctanh', 'atan2': 'arctan2', 'rint': 'round', 'min': 'minimum', 'max': 'maximum', 'pow': 'power'}
ROUNDING = ['floor', 'ceil', 'trunc', 'round']
PREDICATES = ['isnan', 'isinf', 'isfinite', 'signbit']
BINARY_FUNCS = ['arctan2', 'hypot', 'copysign', 'fmod', 'minimum', 'maximum', 'power']
CASTS = ['float64', 'float32', 'int32', 'int64', 'bool']
REDUCTIONS = ['sum', 'prod', 'mean', 'min', 'max', 'any', 'all']
NPFN = {n: getattr(np, n) for n in UNARY_FLOAT + ROUNDING + PREDICATES + BINARY_FUNCS + ['abs', 'sign']}
NPFN['round'] = np.round
NPFN['power'] = np.power
CONTINUOUS = {'+', '-', '*', '/', '**', 'power', 'neg', 'pos', 'abs', 'minimum', 'maximum', 'hypot', 'arctan2', 'clip', *UNARY_FLOAT}
EXACT_OPS = {'+', '-', '*', '/', 'neg', 'pos', 'abs', 'minimum', 'maximum', 'sqrt', 'clip', 'copysign', 'fmod', 'floor', 'ceil', 'trunc', 'round'}


def cast_to(v, d):
    if is_weak(v):
        return NPT[d](v) if not (d in INTS and isinstance(v, float)) else np.array(v).astype(NPT[d])[()]
    return np.asarray(v).astype(NPT[d]) if is_array(v) else NPT[d](v) if not isinstance(v, np.generic) else np.asarray(v).astype(NPT[d])[()]


def weak_result(x, k):
    """A scalar-only computation stays weak (fusexpr: as if Python had computed it first)."""
    if k == 0:
        return bool(x)
    if k == 1:
        return int(x)
    return float(x)


def corners(args, Es, fn):
    """max |fn(corner) - fn(center)| over the corners x ± E (float64), and whether a corner jumps."""
    xs = [f64(a) for a in args]
    center = np.asarray(fn(*xs), dtype=np.float64)
    active = [i for i, E in enumerate(Es) if np.any(np.asarray(E) > 0)]
    if not active:
        return np.zeros(np.shape(center)), np.zeros(np.shape(center), bool), center
    worst = np.zeros(np.shape(center))
    for signs in itertools.product([-1, 0, 1], repeat=len(active)):
        ys = list(xs)
        for s, i in zip(signs, active):
            E = np.where(np.isfinite(Es[i]), Es[i], 0.0)
            ys[i] = xs[i] + s * E
        c = np.asarray(fn(*ys), dtype=np.float64)
        with np.errstate(all='ignore'):
            diff = np.abs(c - center)
        same = (c == center) | (np.isnan(c) & np.isnan(center))
        diff = np.where(same, 0.0, np.where(np.isnan(diff), INF, diff))
        worst = np.maximum(worst, diff)
    for i in active:
        worst = np.where(np.isinf(np.broadcast_to(Es[i], np.shape(worst))), INF, worst)
    return worst, worst > 0, center


def combine_E(name, args, Es, out, d_out, ulps=0, discontinuous=False, fn64=None):
    """The error bound of `out` = op(args) from the args' bounds Es."""
    shape = np.shape(out)
    if all(not np.any(np.asarray(E) > 0) for E in Es):
        base = np.zeros(shape)
    elif (d_out not in FLOATS and not discontinuous) or all(kind(dname(a)) < 2 for a in args):
        base = np.where(np.any([bE(np.asarray(E) > 0, shape) for E in Es], axis=0), INF, 0.0)
    else:
        worst, moved, _ = corners(args, Es, fn64)
        worst = bE(worst, shape)
        if discontinuous or d_out not in FLOATS:
            base = np.where(bE(moved, shape), INF, 0.0)
        else:
            base = worst + np.where(worst > 0, ulp(out, d_out), 0.0)
    if ulps:
        base = base + ulps * ulp(out, d_out)
    if d_out in FLOATS and Es:
        # a zero computed from inexact inputs may carry either sign (a product that underflows, a
        # clip tie): its bound must let the next op see both (arctan2(0, ±0) is 0 or π)
        inexact = np.any([bE(np.asarray(E) > 0, shape) for E in Es], axis=0)
        base = np.where((np.asarray(out) == 0) & inexact, np.maximum(base, 5e-324), base)
    return base if shape else float(base)


def zero_sign_free(v, E):
    """min/max of +0 and -0: either zero (IEEE leaves it open; numpy returns the second operand)."""
    E2 = np.where(np.asarray(v) == 0, np.maximum(E, 5e-324), E)
    return E2 if np.shape(v) else float(E2)


def numpy_call(f, *a):
    try:
        return f(*a)
    except (TypeError, ValueError, OverflowError, ZeroDivisionError, IndexError) as e:
        raise NumpyError(f'{type(e).__name__}: {e}') from None


def guarded(text_of):
    """Wrap an op: an Err operand or a NumPy exception makes an Err node with the op's text."""

    def deco(method):
        def run(self, *args, **kw):
            nodes = [a for a in args if isinstance(a, Node)]
            for n in nodes:
                if isinstance(n.v, Err):
                    return Node(text_of(*args, **kw), n.v, 0.0)
            try:
                return method(self, *args, **kw)
            except NumpyError as e:
                return Node(text_of(*args, **kw), Err(str(e)), 0.0)

        return run

    return deco


def _reduce_text(name, A, axis, keepdims):
    ax = '' if axis is None else f', axis={axis}' if not isinstance(axis, tuple) else f', axis=({", ".join(map(str, axis))}{"," if len(axis) == 1 else ""})'
    return f'{name}({A.s}{ax}{", keepdims=True" if keepdims else ""})'


def _roll_text(A, k, axis, kindname='roll', fill=None):
    ax_text = '' if axis is None else f', {axis}'
    if kindname == 'roll':
        return f'roll({A.s}, {k}{ax_text})'
    return f'shift({A.s}, {k}{ax_text if axis is not None else ", 0"}, {fill[0]})'


class Gen:
    def __init__(self, R, case):
        self.R = R
        self.c = case

    # --- scalar-only (weak) arithmetic, Python semantics -----------------------------------------
    def weak_binop(self, op, a, b):
        ka, kb = kind(dname(a)), kind(dname(b))
        k = max(ka, kb)
        if op in ('<', '<=', '==', '!=', '>=', '>'):
            return bool(BINOPS[op](np.float64(a) if k == 2 else int(a), np.float64(b) if k == 2 else int(b)))
        if k == 0 and op in ('+', '*', '&', '|', '^'):
            self.c.tags.add('weak-bool-logical')
            return bool(BINOPS[op](np.bool_(a), np.bool_(b)))
        if k == 0 and op == '-':
            raise NumpyError('TypeError: numpy boolean subtract')
        if k == 0 and op in ('//', '%', '**', '<<', '>>'):
            # NumPy's bool loops give a sized int8: strong, as np.True_ // np.True_
            return numpy_call(BINOPS[op], np.bool_(a), np.bool_(b))
        if isinstance(a, bool) != isinstance(b, bool) or k == 0:
            # fusexpr: True and False are weak Python bools, so `true + 1` is a Python int (numpy: np.bool_ + 1 is int64)
            self.c.tags.add('weak-bool-scalars')
        if k <= 1:
            a, b = int(a), int(b)
            if op in ('//', '%') and b == 0:
                self.c.tags.add('weak-int-div-zero')
                return 0
            if op == '**' and b < 0:
                self.c.tags.add('weak-int-negative-power')
                raise NumpyError('ValueError: Integers to negative integer powers are not allowed.')
            if op in ('<<', '>>') and not 0 <= b < 64:
                raise Skip()
            if op == '**' and b > 64:
                raise Skip()
            if op == '/':
                return float(np.float64(a) / np.float64(b))
            r = {'+': lambda: a + b, '-': lambda: a - b, '*': lambda: a * b, '//': lambda: a // b, '%': lambda: a % b,
                 '**': lambda: a ** b, '&': lambda: a & b, '|': lambda: a | b, '^': lambda: a ^ b,
                 '<<': lambda: a << b, '>>': lambda: a >> b}[op]()
            if abs(r) > 2**63:
                self.c.tags.add('weak-int-beyond-int64')
            return r
        if op in ('&', '|', '^', '<<', '>>'):
            raise NumpyError('TypeError: bitwise op on float')
        r = BINOPS[op](np.float64(a), np.float64(b))
        return float(r)

    # --- ops ----------------------------------------------------------------------------------
    @guarded(lambda op, A, B: f'({A.s} {op} {B.s})')
    def binop(self, op, A: Node, B: Node) -> Node:
        a, b = A.v, B.v
        s = f'({A.s} {op} {B.s})'
        if is_weak(a) and is_weak(b):
            v = self.weak_binop(op, a, b)
            if isinstance(v, np.generic):
                return Node(s, v, combine_E(op, [a, b], [A.E, B.E], v, dname(v), discontinuous=True, fn64=lambda x, y: BINOPS[op](x, y)))
            fn = {'+': np.add, '-': np.subtract, '*': np.multiply, '/': np.true_divide, '**': np.power}.get(op)
            E = 0.0
            if (A.E or B.E):
                if fn is None or not isinstance(v, float):
                    E = INF
                else:
                    E = float(combine_E(op, [a, b], [A.E, B.E], np.float64(v), 'float64', fn64=fn))
            if op == '**' and isinstance(v, float):
                E = E + TRANSCENDENTAL_ULPS * float(ulp(v, 'float64'))
            return Node(s, v, E)
        f = BINOPS[op]
        v = numpy_call(f, a, b)
        if isinstance(v, np.ndarray) and v.ndim == 0:
            v = v[()]
        d = dname(v)
        ulps = 0
        if op == '**':
            ulps = TRANSCENDENTAL_ULPS + (min(abs(int(b)), 32) if is_weak(b) and float(b).is_integer() else 4)
        elif op == '%':
            ulps = 1
        disc = op in ('//', '%', '<', '<=', '==', '!=', '>=', '>', '&', '|', '^', '<<', '>>')
        if op in ('//', '%') and d in FLOATS and (np.any(np.asarray(A.E) > 0) or np.any(np.asarray(B.E) > 0)):
            # continuous between jumps of floor(a/b): unstable where the quotient's floor moves
            Ej = combine_E(op, [a, b], [A.E, B.E], v, d, discontinuous=True, fn64=np.floor_divide)
            Ec = combine_E(op, [a, b], [A.E, B.E], v, d, ulps=ulps, fn64=np.remainder) if op == '%' else np.zeros(np.shape(v))
            E = np.where(np.isinf(Ej), INF, Ec) if np.shape(v) else float(INF if Ej else Ec)
            return Node(s, v, E)
        E = combine_E(op, [a, b], [A.E, B.E], v, d, ulps=ulps, discontinuous=disc, fn64=lambda x, y: BINOPS[op](x, y))
        return Node(s, v, E)

    @staticmethod
    def all_bool_strong(*vs):
        strong = [v for v in vs if not is_weak(v)]
        return bool(strong) and all(dname(v) == 'bool' for v in strong) and all(isinstance(v, bool) for v in vs if is_weak(v))

    @staticmethod
    def bool_to_int32(v):
        if is_weak(v):
            return v
        return np.asarray(v).astype(np.int32) if is_array(v) else np.int32(v)

    @guarded(lambda op, A: f'({op}{A.s})')
    def unary(self, op, A: Node) -> Node:
        a = A.v
        s = f'({op}{A.s})'
        if is_weak(a):
            if op == '-':
                if isinstance(a, bool):
                    raise NumpyError('TypeError: boolean negative')
                v = -a
            elif op == '+':
                v = a
            else:
                if isinstance(a, float):
                    raise NumpyError('TypeError: ~ on float')
                v = (not a) if isinstance(a, bool) else ~a
            return Node(s, v, A.E)
        f = {'-': np.negative, '+': np.positive, '~': np.invert}[op]
        v = numpy_call(f, a)
        E = A.E if op != '~' else combine_E('~', [a], [A.E], v, dname(v))
        return Node(s, v, E)

    def func(self, name, args: list[Node], alias=None) -> Node:
        text = f"{alias or name}({', '.join(x.s for x in args)})"
        for n in args:
            if isinstance(n.v, Err):
                return Node(text, n.v, 0.0)
        try:
            return self._func(name, args, alias)
        except NumpyError as e:
            return Node(text, Err(str(e)), 0.0)

    def _func(self, name, args: list[Node], alias=None) -> Node:
        fname = ALIASES.get(name, name)
        text = f"{alias or name}({', '.join(x.s for x in args)})"
        vals = [x.v for x in args]
        Es = [x.E for x in args]
        weak = all(is_weak(v) for v in vals)
        if weak:
            # fusexpr: scalar-only subexpressions stay weak (numpy would make np.sin(2) a strong float64)
            self.c.tags.add('weak-scalar-functions')
        if fname in CASTS:
            return self.cast(fname, args[0], text)
        if weak and any(isinstance(v, bool) for v in vals):
            if fname == 'sign':
                numpy_call(np.sign, np.bool_(vals[0]))  # raises, as for an np.bool_
            self.c.tags.add('weak-bool-scalars')
        if fname in ('round',) and alias == 'rint' and not weak and kind(dname(vals[0])) < 2:
            self.c.tags.add('rint-of-int-keeps-dtype')
        if fname == 'round' and dname(vals[0]) in ('bool', 'weak-bool'):
            # fusexpr: round of bool is the identity, like floor/ceil/trunc (numpy: float16)
            self.c.tags.add('round-of-bool-keeps-bool')
            return Node(text, vals[0], Es[0])
        bool_f64 = fname in UNARY_FLOAT or fname in ('arctan2', 'hypot', 'copysign')
        if bool_f64 and self.all_bool_strong(*vals):
            # fusexpr: float functions of bool compute in float64 (numpy: float16)
            self.c.tags.add('bool-float-functions-as-float64')
            vals = [np.asarray(v).astype(np.float64) if is_array(v) else np.float64(v) for v in vals]
        if weak:
            float_fn = fname in UNARY_FLOAT or fname in ('arctan2', 'hypot', 'copysign')
            int_fn = fname in ('sign', 'fmod', 'power')
            if any(isinstance(v, int) and not isinstance(v, bool) and abs(v) >= 2**63 for v in vals):
                raise Skip()
            npv = [np.float64(v) if kind(dname(v)) == 2 or float_fn else (np.int64(int(v)) if int_fn or not isinstance(v, bool) else np.bool_(v))
                   for v in vals]
        else:
            npv = vals
        if fname == 'clip' and not is_weak(npv[0]) and np.asarray(npv[0]).dtype.kind in 'iu':
            # np.clip of an int array: a Python-int bound beyond its range on its own side is no bound
            v = numpy_call(np.clip, *npv)
        elif fname == 'clip':
            # the clip ufunc: NEP 50 for all three operands (np.clip(0, lo, hi) would make a Python
            # scalar x a strong int64 array first)
            v = numpy_call(np._core.umath.clip, *npv)
        else:
            v = numpy_call(NPFN[fname], *npv)
        if isinstance(v, np.ndarray) and v.ndim == 0:
            v = v[()]
        d = dname(v)
        if d == 'float16':
            self.c.float16 = True
        if weak:
            v = weak_result(v, kind(d))
            d = dname(v)
            dd = 'float64' if d == 'weak-float' else d
        else:
            dd = d
        ulps = 0 if (fname in EXACT_OPS or fname in ROUNDING or fname in PREDICATES or fname == 'sign') else TRANSCENDENTAL_ULPS
        disc = fname in ROUNDING or fname in PREDICATES or fname in ('sign', 'copysign', 'fmod')
        fn64 = np._core.umath.clip if fname == 'clip' else NPFN[fname]
        if fname == 'fmod' and dd in FLOATS:
            Ej = combine_E('fmod', npv, Es, v, dd, discontinuous=True, fn64=lambda x, y: np.trunc(x / y))
            Ec = combine_E('fmod', npv, Es, v, dd, fn64=np.fmod)
            E = np.where(np.isinf(Ej), INF, Ec) if np.shape(v) else float(INF if Ej else Ec)
        elif fname == 'copysign' and dd in FLOATS:
            Ej = combine_E('copysign', npv, [0.0 * np.asarray(Es[0]), Es[1]], v, dd, discontinuous=True, fn64=lambda x, y: np.signbit(y))
            Ec = combine_E('copysign', npv, [Es[0], 0.0], v, dd, fn64=np.copysign)
            E = np.where(np.isinf(Ej), INF, Ec) if np.shape(v) else float(INF if Ej else Ec)
        elif fname in ROUNDING and dd in FLOATS:
            E = combine_E(fname, npv, Es, v, dd, discontinuous=True, fn64=fn64)
        elif fname in ('minimum', 'maximum', 'clip') and dd in FLOATS:
            E = zero_sign_free(v, combine_E(fname, npv, Es, v, dd, fn64=fn64))
        else:
            E = combine_E(fname, npv, Es, v if not weak else np.float64(v) if dd in FLOATS else v, dd, ulps=ulps, discontinuous=disc, fn64=fn64)
        if fname in ('signbit', 'copysign'):
            # the sign bit of a NaN is not portable (x86 libm makes -nan, V8 +nan): not compared
            src = f64(npv[0] if fname == 'signbit' else npv[1])
            E = np.where(np.broadcast_to(np.isnan(src), np.shape(v)), INF, E) if np.shape(v) else (INF if np.isnan(src) else E)
        if fname in ('sin', 'cos', 'tan') and np.any(np.asarray(Es[0]) > 0):
            # periodic: corners can alias over a period; bound by the derivative instead
            x = f64(npv[0])
            Ein = np.asarray(Es[0], dtype=np.float64)
            if fname == 'tan':
                c = np.abs(np.cos(x))
                prop = np.where(Ein < 0.25 * c, 4 * Ein * (1 + np.tan(x) ** 2), INF)
            else:
                prop = np.minimum(Ein, 2.0)
            E2 = np.where(Ein > 0, prop + ulp(v, dd), 0.0) + np.asarray(E) * 0 + TRANSCENDENTAL_ULPS * ulp(v, dd)
            E = np.maximum(E, E2) if np.shape(v) else float(np.maximum(E, E2))
        return Node(text, v, E)

    def cast(self, to, A: Node, text) -> Node:
        a = A.v
        # a cast is strong even of a weak scalar (fusexpr: casts make typed values)
        v = numpy_call(cast_to, a, to)
        if not is_array(v):
            v = NPT[to](v) if not isinstance(v, np.generic) else v
        da = 'float64' if dname(a) == 'weak-float' else dname(a)
        if to in FLOATS:
            E = combine_E('cast', [a], [A.E], v, to, fn64=lambda x: x) if da in FLOATS else combine_E('cast', [a], [A.E], v, to)
        else:
            E = combine_E('cast', [a], [A.E], v, to, discontinuous=True, fn64=lambda x: cast_to(x, to).astype(np.float64) if da in FLOATS else x)
        return Node(text, v, E)

    @guarded(lambda C, A, B: f'where({C.s}, {A.s}, {B.s})')
    def where(self, C: Node, A: Node, B: Node) -> Node:
        text = f'where({C.s}, {A.s}, {B.s})'
        if all(is_weak(x.v) for x in (C, A, B)):
            self.c.tags.add('weak-scalar-functions')
            k = max(kind(A.d), kind(B.d))
            v = weak_result(A.v if C.v else B.v, k)
            return Node(text, v, INF if C.E else (A.E if C.v else B.E))
        v = numpy_call(np.where, C.v, A.v, B.v)
        # what fusexpr knows fits int32 when it plans: a literal (or literal arithmetic, folded), a JS number var; any bool
        simple = lambda n: isinstance(n.v, bool) or re.fullmatch(r'[A-Za-z_]\w*', n.s) is not None or re.search(r'[A-Za-z_.]', n.s) is None
        if (not is_weak(C.v) and all(isinstance(x.v, int) and -2**31 <= x.v < 2**31 and simple(x) for x in (A, B))
                and str(np.asarray(v).dtype) == 'int64'):
            # fusexpr: where(m, 1, 0) with two Python ints (or an int and a bool) that fit is int32, as numexpr (numpy: int64)
            self.c.tags.add('where-python-ints-as-int32')
            v = np.asarray(v).astype(np.int32)
        for x in (A.v, B.v):
            if isinstance(x, int) and not isinstance(x, bool) and str(np.asarray(v).dtype) in INTS:
                info = np.iinfo(np.asarray(v).dtype)
                if not info.min <= x <= info.max:
                    # numpy's where wraps an out-of-range Python int silently; fusexpr raises, as
                    # numpy's ufuncs do
                    self.c.tags.add('where-weak-int-out-of-range')
                    raise NumpyError(f'OverflowError: Python integer {x} out of bounds for {np.asarray(v).dtype} (fusexpr rule)')
        if isinstance(v, np.ndarray) and v.ndim == 0:
            v = v[()]
        shape = np.shape(v)
        cond = np.broadcast_to(np.asarray(C.v).astype(bool), shape)
        E = np.where(cond, bE(A.E, shape), bE(B.E, shape))
        E = np.where(bE(np.asarray(C.E) > 0, shape), INF, E)
        return Node(text, v, E if shape else float(E))

    @guarded(lambda name, A, axis=None, keepdims=False, text=None: text or _reduce_text(name, A, axis, keepdims))
    def reduce(self, name, A: Node, axis=None, keepdims=False, text=None) -> Node:
        a = A.v
        text = text or _reduce_text(name, A, axis, keepdims)
        if not is_array(a):
            raise Skip()
        if isinstance(axis, tuple):
            numpy_call(lambda: np.sum(np.zeros(a.shape), axis=axis))  # numpy's errors for bad tuples
            axis = tuple(sorted(x % a.ndim for x in axis))
            if len(axis) == a.ndim:
                axis = None
        ax = None if (axis is None or a.ndim == 1) else axis
        f = {'sum': np.sum, 'prod': np.prod, 'mean': np.mean, 'min': np.min, 'max': np.max, 'any': np.any, 'all': np.all}[name]
        v = numpy_call(lambda: f(a, axis=ax))
        if name in ('sum', 'prod') and str(a.dtype) not in FLOATS and str(a.dtype) not in ('int64', 'uint64'):
            # fusexpr: sums and products of bool and <= 32-bit ints are exact JS numbers (float64), an
            # error beyond 2**53 (numpy: int64, wrapping)
            self.c.tags.add('int-sum-as-exact-number')
            ex = f(a.astype(object), axis=ax)
            if any(abs(int(x)) > 2**53 for x in np.ravel(np.asarray(ex, dtype=object))):
                raise NumpyError('VALUE: an integer sum or product beyond 2**53 (fusexpr rule)')
            v = np.asarray(ex, dtype=object).astype(np.float64)
        if isinstance(v, np.ndarray) and v.ndim == 0:
            v = v[()]
        d = dname(v)
        E_in = np.asarray(A.E, dtype=np.float64) * np.ones(a.shape)
        n = a.size if ax is None else int(np.prod([a.shape[x] for x in np.atleast_1d(ax)]))
        unstable = np.any(np.isinf(E_in), axis=ax)
        shape = np.shape(v)
        if name in ('sum', 'mean', 'prod') and d in FLOATS:
            x = a.astype(np.float64)
            finite = np.all(np.isfinite(x), axis=ax)
            absx = np.sum(np.abs(x), axis=ax)
            eps = EPS[d] if str(a.dtype) in FLOATS else EPS['float64']
            if name == 'prod':
                nz = x != 0
                rel = np.sum(np.where(nz, E_in / np.where(nz, np.abs(x), 1), np.where(E_in > 0, INF, 0)), axis=ax)
                E = np.abs(v.astype(np.float64)) * (rel + 2 * n * eps)
            else:
                E = np.sum(E_in, axis=ax) + (n + 1) * eps * absx
                if name == 'mean':
                    E = E / max(n, 1)
            E = np.where(finite, E, np.where(np.any(E_in > 0, axis=ax), INF, 0.0))
            E = E + ulp(v, d)
            E = np.where(unstable, INF, E)
            if name in ('sum', 'mean') and d == 'float32' and str(a.dtype) == 'float32' and n <= 3 and not np.any(E_in > 0):
                # up to 3 elements every order is index order: NumPy's pairwise base case and fusexpr's
                # blocks (>= 3) both add in float32 from the left, so the answer is exact
                E = np.zeros(np.shape(v))
        elif name in ('min', 'max') and d in FLOATS:
            E = zero_sign_free(v, np.max(E_in, axis=ax) if a.size else np.zeros(shape))
        elif name in ('any', 'all'):
            b = a.astype(bool)
            stable = ~np.isinf(E_in) & ~(E_in > 0)
            if name == 'any':
                decided = np.any(b & stable, axis=ax)
            else:
                decided = np.any(~b & stable, axis=ax)
            E = np.where(decided | ~np.any(~stable, axis=ax), 0.0, INF)
        else:
            E = np.where(np.any(E_in > 0, axis=ax), INF, 0.0)
        if keepdims and a.ndim > 0:
            # numpy's keepdims: the same values with the reduced axes as 1s
            kept = tuple(range(a.ndim)) if ax is None else tuple(np.atleast_1d(ax) % a.ndim)
            v = np.expand_dims(np.asarray(v), kept)
            E = np.expand_dims(np.broadcast_to(np.asarray(E, dtype=np.float64), np.shape(np.squeeze(v, kept))), kept)
            return Node(text, v, E)
        if shape == ():
            E = float(E)
        return Node(text, v, E)

    @guarded(_roll_text)
    def roll(self, A: Node, k, axis, kindname='roll', fill=None):
        a = A.v
        if not is_array(a):
            raise Skip()
        E = np.asarray(A.E, dtype=np.float64) * np.ones(a.shape)
        ax_text = '' if (axis is None) else f', {axis}'
        ax = 0 if axis is None else axis
        if kindname == 'roll':
            text = f'roll({A.s}, {k}{ax_text})'
            v = numpy_call(np.roll, a, k, ax)
            E = np.roll(E, k, axis=ax)
        else:
            ftext, fval = fill
            text = f'shift({A.s}, {k}{ax_text if axis is not None else ", 0"}, {ftext})'
            v = np.full_like(a, cast_to(fval, dname(a)) if not isinstance(fval, np.generic) else fval.astype(a.dtype))
            E2 = np.zeros_like(E)
            n = a.shape[ax]
            src = [slice(None)] * a.ndim
            dst = [slice(None)] * a.ndim
            if k >= 0:
                src[ax] = slice(0, max(n - k, 0))
                dst[ax] = slice(min(k, n), n)
            else:
                src[ax] = slice(min(-k, n), n)
                dst[ax] = slice(0, max(n + k, 0))
            v[tuple(dst)] = a[tuple(src)]
            E2[tuple(dst)] = E[tuple(src)]
            E = E2
        return Node(text, v, E)


# ----------------------------------------------------------------------------------------------
# random expressions

def lit_node(R, k=None):
    k = k or R.choice(['int', 'int', 'float', 'float', 'const'])
    if k == 'int':
        x = int(R.choice([0, 1, 2, 3, 5, 10, 7, 255, 100000]))
        return Node(str(x), x, 0.0)
    if k == 'float':
        x = float(R.choice([0.5, 2.5, 1.5, 0.1, 1e-9, 3.25, 1e10, 0.0, 2.0, 1e300]))
        return Node(repr(x), x, 0.0)
    c = R.choice(['pi', 'e', 'inf', 'nan', 'true', 'false', 'True'])
    val = {'pi': math.pi, 'e': math.e, 'inf': math.inf, 'nan': math.nan}.get(c)
    if val is None:
        return Node(c, c.lower() == 'true', 0.0)  # weak, as a JS boolean
    return Node(c, val, 0.0)


class ExprGen(Gen):
    def __init__(self, R, case, allow_reduce=True, allow_roll=True):
        super().__init__(R, case)
        self.allow_reduce = allow_reduce
        self.allow_roll = allow_roll
        self.pool = []  # array vars to reuse

    def leaf(self, want_array=False, dtype=None):
        R = self.R
        r = R.random()
        if want_array or r < 0.62:
            if self.pool and R.random() < 0.3 and dtype is None:
                return self.pool[int(R.integers(len(self.pool)))]
            d = dtype or str(R.choice(DTYPES, p=[0.12, 0.2, 0.16, 0.22, 0.3]))
            shape = None
            if len(self.c.ctx) >= 2 and R.random() < 0.2:
                # a lower-rank or size-1 operand that broadcasts
                shape = list(self.c.ctx)
                if R.random() < 0.5:
                    shape = shape[1:]
                else:
                    shape[int(R.integers(len(shape)))] = 1
            elif len(self.c.ctx) == 1 and R.random() < 0.03:
                shape = [1]
            n = self.c.array(d, shape)
            self.pool.append(n)
            return n
        if r < 0.8:
            return lit_node(R)
        return self.c.scalar_var()

    def expr(self, depth):
        R = self.R
        if depth <= 0:
            return self.leaf()
        r = R.random()
        if r < 0.34:
            return self.binary(depth)
        if r < 0.58:
            return self.function(depth)
        if r < 0.64:
            A = self.expr(depth - 1)
            ops = ['-', '+'] if kind(A.d) > 0 else ['~']
            if kind(A.d) == 1:
                ops.append('~')
            return self.unary(str(R.choice(ops)), A)
        if r < 0.68:
            return self.where(self.cond(depth - 1), self.expr(depth - 1), self.expr(depth - 1))
        if r < 0.84 and self.allow_reduce:
            return self.reduction(depth)
        if r < 0.95 and self.allow_roll:
            return self.rollshift(depth)
        return self.binary(depth)

    def cond(self, depth):
        R = self.R
        if R.random() < 0.8:
            A, B = self.expr(depth), self.expr(max(depth - 1, 0))
            if not self.comparable(A, B):
                return self.binop('>', A, lit_node(R, 'float'))
            return self.binop(str(R.choice(['<', '<=', '==', '!=', '>=', '>'])), A, B)
        return self.expr(depth)

    @staticmethod
    def comparable(A, B):
        return True

    def binary(self, depth):
        R = self.R
        A = self.expr(depth - 1)
        op = str(R.choice(['+', '-', '*', '/', '//', '%', '**', '<', '==', '>=', '&', '|', '^', '<<', '>>'],
                          p=[0.14, 0.12, 0.14, 0.1, 0.06, 0.06, 0.08, 0.05, 0.03, 0.03, 0.05, 0.04, 0.04, 0.03, 0.03]))
        ka = kind(A.d)
        if op in ('&', '|', '^') and ka == 2:
            op = '*'
        if op in ('<<', '>>'):
            if ka != 1:
                op = '+'
            else:
                bits = 64 if A.d in ('int64', 'weak-int') else 32
                if R.random() < 0.5:
                    B = lit_node(R, 'int')
                    x = int(R.choice([0, 1, 3, bits - 1, bits, bits + 1, 7]))
                    B = Node(str(x), x, 0.0)
                else:
                    B = self.c.array(str(R.choice(['int32', 'int64'])))
                    B.v = (np.abs(B.v.astype(np.int64)) % (bits + 2)).astype(B.v.dtype)
                    self.c.values[B.s] = B.v
                    self.rewrite_array(B)
                return self.binop(op, A, B)
        if op == '**':
            if ka <= 1:
                if R.random() < 0.6:
                    x = int(R.choice([0, 1, 2, 3, 4, 5]))
                    B = Node(str(x), x, 0.0)
                else:
                    B = self.c.array(str(R.choice(['int32', 'int64', 'bool'])))
                    if B.d != 'bool':
                        B.v = (np.abs(B.v.astype(np.int64)) % 5).astype(B.v.dtype)
                        self.c.values[B.s] = B.v
                        self.rewrite_array(B)
                return self.binop(op, A, B)
            if R.random() < 0.6:
                x = R.choice(['2', '3', '0.5', '-1', '-0.5', '1.5', '0', '10', '-2', '2.5', '0.0', '1', '-3'])
                B = Node(str(x), float(x) if '.' in x else int(x), 0.0)
                if B.s.startswith('-'):
                    B = Node(f'({x})', B.v, 0.0)
                return self.binop(op, A, B)
        B = self.expr(depth - 1)
        kb = kind(B.d)
        if op in ('&', '|', '^') and kb == 2:
            op = '+'
        if op == '-' and ka == 0 and kb == 0:
            op = '^'
        return self.binop(op, A, B)

    def rewrite_array(self, node):
        node.v = self.c.set(node.s, node.v)

    def function(self, depth):
        R = self.R
        r = R.random()
        if r < 0.45:
            name = str(R.choice(UNARY_FLOAT + ['asin', 'acos', 'atan', 'asinh', 'acosh', 'atanh']))
            return self.func(name, [self.expr(depth - 1)], alias=name if name in ALIASES else None)
        if r < 0.6:
            name = str(R.choice(ROUNDING + ['rint', 'abs', 'sign']))
            A = self.expr(depth - 1)
            if name == 'sign' and A.d == 'weak-bool' and not re.fullmatch(r'\w+', A.s):
                name = 'abs'  # (a bool var or constant keeps sign: NumPy has no bool loop, as for np.bool_)
            return self.func(name, [A], alias=name if name in ALIASES else None)
        if r < 0.68:
            return self.func(str(R.choice(PREDICATES)), [self.expr(depth - 1)])
        if r < 0.8:
            name = str(R.choice(['arctan2', 'atan2', 'hypot', 'copysign', 'fmod', 'minimum', 'maximum', 'min', 'max', 'pow']))
            A, B = self.expr(depth - 1), self.expr(depth - 1)
            if name == 'pow' and kind(A.d) <= 1 and kind(B.d) <= 1:
                B = Node('2', 2, 0.0)
            return self.func(name, [A, B], alias=name if name in ALIASES else None)
        if r < 0.86:
            return self.func('clip', [self.expr(depth - 1), self.expr(max(depth - 2, 0)), self.expr(max(depth - 2, 0))])
        name = str(R.choice(CASTS))
        return self.func(name, [self.expr(depth - 1)])

    def array_expr(self, depth):
        for _ in range(4):
            A = self.expr(depth)
            if is_array(A.v):
                return A
        return self.leaf(want_array=True)

    def reduction(self, depth):
        R = self.R
        A = self.array_expr(depth - 1)
        name = str(R.choice(REDUCTIONS))
        axis = None
        if A.v.ndim >= 2 and R.random() < 0.6:
            axis = int(R.integers(-A.v.ndim, A.v.ndim))
        if name in ('min', 'max') and axis is None and len(self.c.ctx) >= 1 and R.random() < 0.5:
            pass
        return self.reduce(name, A, axis)

    def rollshift(self, depth):
        R = self.R
        A = self.array_expr(depth - 1)
        nd = A.v.ndim
        axis = int(R.integers(-nd, nd)) if nd > 1 or R.random() < 0.5 else None
        ax = 0 if axis is None else axis % nd
        if A.v.shape[ax] == 1:
            # roll/shift along a size-1 (broadcast) axis follow the broadcast extent in fusexpr; not generated
            raise Skip()
        k = int(R.integers(-5, 6))
        if R.random() < 0.6:
            return self.roll(A, k, axis)
        d = A.d
        if d == 'bool':
            fill = ('true', np.bool_(True)) if R.random() < 0.5 else ('0', 0)
        elif d in INTS:
            x = int(R.choice([0, 1, -1, 7]))
            fill = (str(x), x)
        else:
            fill = [('0.0', 0.0), ('1.5', 1.5), ('-2.5', -2.5), ('nan', math.nan), ('inf', math.inf), ('0', 0)][int(R.integers(6))]
        return self.roll(A, k, axis, 'shift', fill)


def gather(buf, shape, stride, offset):
    out = np.empty(shape, dtype=buf.dtype)
    for idx in itertools.product(*[range(s) for s in shape]):
        out[idx] = buf[offset + sum(i * st for i, st in zip(idx, stride))]
    return out


# ----------------------------------------------------------------------------------------------
# expected answers


def expect_of(node: Node):
    v = node.v
    d = dname(v)
    if not is_array(v):
        if isinstance(v, np.ndarray):
            v = v[()]
        E = float(np.asarray(node.E))
        exp = {'scalar': d, 'value': enc(d if not d.startswith('weak') else d, v)}
        tol = enc_tol(E) if d in FLOATS or d == 'weak-float' else (None if E > 0 else 0)
        if tol != 0:
            exp['tol'] = tol
        return exp
    flat = np.ascontiguousarray(v).reshape(-1)
    E = np.broadcast_to(np.asarray(node.E, dtype=np.float64), v.shape).reshape(-1)
    exp = {'dtype': d, 'shape': list(v.shape), 'values': [enc(d, x) for x in flat]}
    tol = [enc_tol(e) if d in FLOATS else (None if e > 0 else 0) for e in E]
    if any(t != 0 for t in tol):
        exp['tol'] = tol
    return exp


CAN_CAST = {'no': 'no', 'equiv': 'equiv', 'safe': 'safe', 'same_kind': 'same_kind', 'unsafe': 'unsafe'}


def with_out(R, case: Case, node: Node, gen: Gen):
    """Attach an out= to an array result; returns (out spec, options, expected)."""
    v = node.v
    d = dname(v)
    shape = v.shape
    casting = str(R.choice(['same_kind', 'same_kind', 'same_kind', 'unsafe', 'safe', 'no']))
    mode = str(R.choice(['fresh', 'view', 'alias']))
    candidates = [n for n, (buf, sh, st, off, view, dd, storage) in case.layouts.items()
                  if tuple(sh) == tuple(shape) and storage == STORAGE[dd] and (not view or 0 not in st)]
    if mode == 'alias' and candidates:
        name = candidates[int(R.integers(len(candidates)))]
        buf, sh, st, off, view, od, storage = case.layouts[name]
        out_spec = {'alias': name}
        case.tags.add('out-alias')
    else:
        od = d if R.random() < 0.6 else str(R.choice(DTYPES))
        if mode == 'view' or len(shape) > 1 or (len(case.ctx) > 1):
            # a strided / reversed / transposed out view
            tmp = Case(R, shape)
            tmp.names = iter(['out'])
            n = tmp.array(od, shape, layout=str(R.choice(['reversed', 'strided', 'transposed', 'mixed', 'c'])) if len(shape) > 1 else str(R.choice(['reversed', 'strided', 'offset'])))
            buf, sh, st, off, view, od, storage = tmp.layouts['out']
            if storage != STORAGE[od]:
                raise Skip()
            out_spec = {k: tmp.vars['out'][k] for k in ('dtype', 'storage', 'data', 'shape', 'stride', 'offset')}
            case.tags.add('out-view')
        else:
            buf = rand_values(R, od, int(np.prod(shape)), special=0.0)
            st, off, view, storage = [1], 0, False, STORAGE[od]
            out_spec = {'dtype': od, 'storage': storage, 'data': [enc(od, x) for x in buf]}
            case.tags.add('out-fresh')
    options = {} if casting == 'same_kind' else {'casting': casting}
    if not np.can_cast(v.dtype, NPT[od], casting=casting):
        return out_spec, options, {'error': f'TypeError: cannot cast {d} to {od} under {casting}'}
    conv = v.astype(NPT[od])
    if od in FLOATS:
        Eo = combine_E('cast', [v], [node.E], conv, od, fn64=lambda x: x)
    else:
        Eo = combine_E('cast', [v], [node.E], conv, od, discontinuous=True, fn64=lambda x: cast_to(x, od).astype(np.float64) if d in FLOATS else x)
    Eo = np.broadcast_to(np.asarray(Eo, dtype=np.float64), shape)
    newbuf = buf.copy()
    Ebuf = np.zeros(len(buf))
    for idx in itertools.product(*[range(s) for s in shape]):
        pos = off + sum(i * s for i, s in zip(idx, st)) if view else int(np.ravel_multi_index(idx, shape))
        newbuf[pos] = conv[idx]
        Ebuf[pos] = Eo[idx]
    exp = {'out': od, 'shape': list(shape), 'buffer': [enc(od, x) for x in newbuf]}
    tol = [enc_tol(e) if od in FLOATS else (None if e > 0 else 0) for e in Ebuf]
    if any(t != 0 for t in tol):
        exp['tol'] = tol
    return out_spec, options, exp


# ----------------------------------------------------------------------------------------------
# case families

def random_ctx(R):
    r = R.random()
    if r < 0.5:
        return (int(R.integers(1, 41)),)
    if r < 0.55:
        return (int(R.integers(0, 3)),)
    if r < 0.95:
        return (int(R.integers(1, 7)), int(R.integers(1, 7)))
    return (int(R.integers(1, 4)), int(R.integers(2, 4)), int(R.integers(1, 4)))


def family_random(R, idx):
    case = Case(R, random_ctx(R))
    g = ExprGen(R, case)
    node = g.expr(int(R.integers(1, 5)))
    return case, g, node


def family_scalars(R, idx):
    """Scalar-only expressions and scalar vars (weak numbers, bigint, boolean) with tiny arrays."""
    case = Case(R, (int(R.integers(1, 6)),))
    g = ExprGen(R, case, allow_reduce=False, allow_roll=False)
    g.leaf = lambda want_array=False, dtype=None: (case.array(dtype or str(R.choice(DTYPES))) if want_array or R.random() < 0.15
                                                    else lit_node(R) if R.random() < 0.5 else case.scalar_var())
    node = g.expr(int(R.integers(1, 4)))
    return case, g, node


TEMPLATES = [
    # reductions feeding maps over views, roll/shift of reductions and of subexpressions with them
    ('roll(x - mean(x), 1)', 'x1'), ('roll(x, 1) - sum(x)', 'x1'), ('x / sum(x)', 'x1'), ('x - mean(x)', 'x1'),
    ('a - mean(a)', 'a2'), ('a - mean(a, axis=0)', 'a2'), ('a - mean(a, axis=-1)', 'a2'), ('g / sum(g)', 'g2'), ('g - mean(g)', 'g2'),
    ('shift(sum(a, axis=0), 1)', 'a2'), ('shift(sum(a, axis=1), -1, 0, 2.5)', 'a2'), ('roll(a, 1, 0) - max(a)', 'a2'),
    ('roll(a - mean(a, axis=0), 1, 1)', 'a2'), ('sum(a - mean(a))', 'a2'), ('a * sum(a, axis=0)', 'a2'),
    ('roll(a * b, 1, 0) + shift(a, -1, 1, 0.5)', 'ab2'), ('mean(a, axis=1) - roll(mean(a, axis=1), 2)', 'a2'),
    ('x ** 0', 'x1'), ('a ** 0', 'a2'), ('x ** 0 + 1', 'x1'), ('x ** 1', 'x1'), ('x ** 2', 'x1'), ('x ** -1', 'x1'),
    ('x ** 0.5', 'x1'), ('x ** -0.5', 'x1'), ('x ** 1.5', 'x1'),
    ('mean(k)', 'kbig'), ('sum(k) / 2', 'k1'), ('float32(k)', 'kbig'), ('mean(k) - k', 'kbig'), ('float32(k) + f', 'kf1'), ('k + f', 'kf1'),
    ('sum(f)', 'f1'), ('sum(f)', 'f32cancel'), ('mean(f)', 'f32cancel'), ('sum(f, axis=0)', 'f32cancel2'), ('sum(f * f)', 'f1'), ('mean(f)', 'f1'), ('prod(f)', 'f1'), ('sum(f, axis=0)', 'f2'),
    ('x // -3.0', 'x1'), ('x % -3.0', 'x1'), ('0.0 // -3.0 + x * 0', 'x1'), ('-x // 3.0', 'x1'),
    ('clip(i, 0.5, 2)', 'i1'), ('clip(f, 0, x)', 'fx1'), ('clip(i, lo, hi)', 'ilohi'), ('clip(f, 0.0, 1.0)', 'f1'),
    ('where(true, x, 2)', 'x1'), ('where(1 > 0, x, 2.5)', 'x1'), ('where(false, f, i)', 'fi1'), ('where(true, a, 0)', 'a2'),
    ('u + 1', 'u1'), ('u * 2 - u', 'u1'), ('u + k', 'uk1'), ('sum(u)', 'u1'),
    ('u2 + 1', 'u2'), ('roll(u2, 1, 1) - u2', 'u2'),
    ('i << 33', 'i1'), ('i >> 40', 'i1'), ('k << 64', 'k1'), ('i << 31', 'i1'), ('k >> 63', 'k1'),
    ('i // -1', 'imin'), ('k // -1', 'kmin'), ('i % -1', 'imin'), ('abs(i)', 'imin'), ('-i', 'imin'),
    ('2**62 * 4 + x * 0', 'x1'), ('9223372036854775807 + 1 + x * 0', 'x1'), ('(2**62 * 4) // 8', 'none'),
    ('3000000000 * 4 + k', 'k1'), ('2**40 * 2**30', 'none'),
    ('i * 3000000000', 'i1'), ('i + 2147483648', 'i1'), ('f * 1e300', 'f1'), ('f + f32max', 'f1'),
    ('int32(x)', 'x1'), ('int64(x)', 'x1'), ('int32(f)', 'f1'), ('bool(x)', 'x1'), ('float32(x)', 'x1'),
    ('round(x)', 'x1'), ('rint(i)', 'i1'), ('sign(x)', 'x1'), ('floor(-x)', 'x1'), ('trunc(x)', 'x1'),
    ('x - x', 'x1'), ('-(x - x)', 'x1'), ('0 * x', 'x1'), ('x * 0 - 0', 'x1'), ('x + 0', 'x1'), ('x - 0.0', 'x1'),
    ('min(x)', 'x1'), ('max(a, axis=0)', 'a2'), ('any(a > 0, axis=1)', 'a2'), ('all(b)', 'b1'), ('prod(b + 1)', 'b1'),
    ('sum(b)', 'b1'), ('mean(b)', 'b1'), ('min(i) + max(k)', 'ik1'), ('sum(i) * i', 'i1'),
]


def template_env(case: Case, spec, R):
    """The vars a template names, by spec."""
    n = int(R.integers(2, 25))
    r, c = int(R.integers(2, 6)), int(R.integers(2, 6))
    case.ctx = (n,)
    env = {}

    def put(name, d, layout=None, shape=None, storage=None, values=None):
        node = case.array(d, shape, layout, name=name, storage=storage or STORAGE[d])
        if values is not None:
            case.set(name, np.asarray(values, dtype=NPT[d]).reshape(node.v.shape))
            node = Node(name, case.values[name], np.zeros(node.v.shape))
        env[name] = node

    big = [2**62, 2**62 + 5, 2**63 - 1, -2**63, 3, -2**62, 2**60 + 2**36 + 1, -(2**59 + 2**35 + 1), 2**53 + 1]
    if spec == 'x1':
        put('x', 'float64', str(R.choice(['plain', 'reversed', 'strided'])))
    elif spec in ('a2', 'g2', 'ab2', 'f2', 'u2'):
        case.ctx = (r, c)
        if spec == 'a2':
            put('a', 'float64', str(R.choice(['transposed', 'c', 'reversed', 'strided', 'mixed'])))
        elif spec == 'g2':
            put('g', 'float64', str(R.choice(['transposed', 'reversed', 'mixed', 'broadcast'])))
        elif spec == 'ab2':
            put('a', 'float64', 'transposed')
            put('b', 'float64', str(R.choice(['c', 'reversed'])))
        elif spec == 'f2':
            put('f', 'float32', 'transposed')
        else:
            put('u2', 'uint32', str(R.choice(['transposed', 'reversed', 'strided', 'mixed'])), storage='Uint32Array')
    elif spec in ('k1', 'kf1', 'kbig'):
        put('k', 'int64', 'plain', values=(big * 5)[:n] if spec == 'kbig' or R.random() < 0.6 else None)
        if spec == 'kf1':
            put('f', 'float32', 'plain')
    elif spec == 'f32cancel':
        # float32 from the left: 2**24 + 1 rounds to 2**24, so the sum is 0 (float64 accumulation: 1)
        case.ctx = (3,)
        put('f', 'float32', str(R.choice(['plain', 'reversed'])), values=[16777216.0, 1.0, -16777216.0] if R.random() < 0.5 else [-16777216.0, -1.0, 16777216.0])
    elif spec == 'f32cancel2':
        case.ctx = (3, int(R.integers(1, 4)))
        put('f', 'float32', str(R.choice(['c', 'transposed'])), values=np.repeat([[16777216.0], [1.0], [-16777216.0]], case.ctx[1], axis=1))
    elif spec in ('f1', 'fx1', 'fi1'):
        put('f', 'float32', 'plain')
        if spec == 'fx1':
            put('x', 'float64', 'plain')
        if spec == 'fi1':
            put('i', 'int32', 'plain')
    elif spec in ('i1', 'imin', 'ik1', 'ilohi'):
        put('i', 'int32', 'plain')
        if spec == 'imin':
            v = case.values['i'].copy()
            v[0] = -2**31
            case.set('i', v)
            env['i'] = Node('i', case.values['i'], np.zeros(n))
        if spec == 'ik1':
            put('k', 'int64', 'plain')
        if spec == 'ilohi':
            case.vars['lo'] = {'t': 'bigint', 'v': '-3'}
            case.vars['hi'] = {'t': 'number', 'v': 2.5}
            env['lo'] = Node('lo', np.int64(-3), 0.0)
            env['hi'] = Node('hi', 2.5, 0.0)
    elif spec in ('kmin',):
        put('k', 'int64', 'plain', values=([-2**63, 2**63 - 1, -1, 7] * 10)[:n])
    elif spec in ('u1', 'uk1'):
        vals = R.integers(0, 2**32, n, dtype=np.int64)
        vals[0] = 2**32 - 1
        put('u', 'uint32', 'plain', storage='Uint32Array', values=vals)
        if spec == 'uk1':
            put('k', 'int64', 'plain')
    elif spec == 'b1':
        put('b', 'bool', 'plain')
    elif spec == 'xa':
        put('x', 'float64', 'plain')
        put('a', 'float64', 'plain', shape=(n + 1,))
    elif spec == 'a23':
        case.ctx = (2, 3)
        put('a', 'float64', 'c')
    elif spec in ('a3', 'f3', 'i3', 'b3', 'k3', 'ab3'):
        # N-D operands for the axes family: any layout, sizes 1..4 per axis (size-1 axes included)
        case.ctx = tuple(int(R.integers(1, 5)) for _ in range(3))
        d = {'a3': 'float64', 'f3': 'float32', 'i3': 'int32', 'b3': 'bool', 'k3': 'int64', 'ab3': 'float64'}[spec]
        put(spec[0], d, str(R.choice(['c', 'transposed', 'reversed', 'strided', 'mixed', 'broadcast'])))
        if spec == 'ab3':
            put('b', 'float64', str(R.choice(['c', 'transposed'])), shape=case.ctx[1:])
    elif spec == 'ineg':
        put('i', 'int32', 'plain')
        put('k', 'int32', 'plain', values=np.arange(n) - 1)
    if 'f32max' in spec:
        pass
    return env


def family_template(R, idx):
    expr, spec = TEMPLATES[idx % len(TEMPLATES)]
    case = Case(R, (1,))
    case.special = 0.05
    g = ExprGen(R, case)
    env = template_env(case, spec, R)
    if 'f32max' in expr:
        case.vars['f32max'] = {'t': 'number', 'v': 3.4028234663852886e38}
        env['f32max'] = Node('f32max', 3.4028234663852886e38, 0.0)
    node = evaluate_text(g, expr, env)
    return case, g, node


def evaluate_text(g: Gen, text, env):
    """Evaluate a template expression (Python syntax) through the generator's op semantics."""
    import ast

    tree = ast.parse(text, mode='eval').body

    def ev(t):
        if isinstance(t, ast.Constant):
            v = t.value
            return Node(repr(v) if isinstance(v, float) else str(v), v, 0.0)
        if isinstance(t, ast.Name):
            if t.id in env:
                return env[t.id]
            val = {'pi': math.pi, 'e': math.e, 'inf': math.inf, 'nan': math.nan}.get(t.id)
            if val is not None:
                return Node(t.id, val, 0.0)
            return Node(t.id, t.id.lower() == 'true', 0.0)
        if isinstance(t, ast.BinOp):
            op = {ast.Add: '+', ast.Sub: '-', ast.Mult: '*', ast.Div: '/', ast.FloorDiv: '//', ast.Mod: '%', ast.Pow: '**',
                  ast.LShift: '<<', ast.RShift: '>>', ast.BitAnd: '&', ast.BitOr: '|', ast.BitXor: '^'}[type(t.op)]
            return g.binop(op, ev(t.left), ev(t.right))
        if isinstance(t, ast.UnaryOp):
            A = ev(t.operand)
            if isinstance(t.op, ast.USub) and isinstance(t.operand, ast.Constant):
                return Node(f'(-{A.s})', -A.v, 0.0)
            return g.unary({ast.USub: '-', ast.UAdd: '+', ast.Invert: '~'}[type(t.op)], A)
        if isinstance(t, ast.Compare):
            op = {ast.Lt: '<', ast.LtE: '<=', ast.Gt: '>', ast.GtE: '>=', ast.Eq: '==', ast.NotEq: '!='}[type(t.ops[0])]
            return g.binop(op, ev(t.left), ev(t.comparators[0]))
        if isinstance(t, ast.Call):
            fn = t.func.id
            kw = {k.arg: k.value for k in t.keywords}
            if fn in ('roll', 'shift'):
                A = ev(t.args[0])
                k = ast.literal_eval(t.args[1])
                axis = ast.literal_eval(t.args[2]) if len(t.args) > 2 else None
                if fn == 'roll':
                    return g.roll(A, k, axis)
                ftext = ast.unparse(t.args[3]) if len(t.args) > 3 else '0'
                fval = ast.literal_eval(t.args[3]) if len(t.args) > 3 else 0
                return g.roll(A, k, axis, 'shift', (ftext, fval))
            if fn in REDUCTIONS and (len(t.args) == 1):
                axis = ast.literal_eval(kw['axis']) if 'axis' in kw else None
                keepdims = ast.literal_eval(kw['keepdims']) if 'keepdims' in kw else False
                return g.reduce(fn, ev(t.args[0]), axis, keepdims, text=ast.unparse(t))
            if fn == 'where':
                return g.where(*[ev(a) for a in t.args])
            return g.func(fn, [ev(a) for a in t.args], alias=fn if fn in ALIASES else None)
        raise ValueError(ast.dump(t))

    node = ev(tree)
    node.s = text
    return node


ERROR_TEMPLATES = [
    ('f & 1', 'f1'), ('~f', 'f1'), ('b - b', 'b1'), ('-b', 'b1'), ('i ** -1', 'i1'), ('i + 3000000000', 'i1'),
    ('x + a', 'xa'), ('roll(a, 1, 2)', 'a23'), ('sum(a, axis=2)', 'a23'), ('x << 1', 'x1'), ('i ** k', 'ineg'),
    ('min(x[0:0])', 'skip'),
]


def family_errors(R, idx):
    expr, spec = ERROR_TEMPLATES[idx % (len(ERROR_TEMPLATES) - 1)]
    case = Case(R, (1,))
    g = ExprGen(R, case)
    env = template_env(case, spec, R)
    node = evaluate_text(g, expr, env)
    return case, g, node


AXES_TEMPLATES = [
    # axis=None, negative and tuple axes, keepdims, for every reduction and operand dtype
    ('sum(a + 2, axis=None)', 'a3'), ('sum(a, axis=(0, 2))', 'a3'), ('sum(a, axis=(2, 0))', 'a3'), ('sum(a, axis=(-1, -2))', 'a3'),
    ('sum(a, axis=(0, 1, 2))', 'a3'), ('sum(a, axis=(1,))', 'a3'), ('sum(a, axis=-3)', 'a3'),
    ('sum(a, keepdims=True)', 'a3'), ('sum(a, axis=1, keepdims=True)', 'a3'), ('mean(a, axis=(0, 2), keepdims=True)', 'a3'),
    ('a - mean(a, axis=-1, keepdims=True)', 'a3'), ('a / sum(a, axis=(0, 1), keepdims=True)', 'a3'),
    ('prod(a, axis=(0, 2))', 'a3'), ('min(a, axis=(1, 2), keepdims=True)', 'a3'), ('max(a, axis=None, keepdims=True)', 'a3'),
    ('max(a, axis=(0, -1))', 'a3'), ('any(a > 0, axis=(0, 2))', 'a3'), ('all(a > -1, axis=-2, keepdims=True)', 'a3'),
    ('sum(f, axis=(0, 2))', 'f3'), ('mean(f, axis=(1, 2))', 'f3'), ('sum(f, keepdims=True)', 'f3'), ('prod(f, axis=-1, keepdims=True)', 'f3'),
    ('sum(i, axis=(0, 2))', 'i3'), ('mean(i, axis=(0, 1), keepdims=True)', 'i3'), ('prod(i, axis=None)', 'i3'), ('min(i, axis=(0, 2))', 'i3'),
    ('max(k, axis=(1, 2), keepdims=True)', 'k3'), ('sum(k, axis=(-3, -1))', 'k3'),
    ('sum(b, axis=(0, 2))', 'b3'), ('any(b, axis=(1, 2))', 'b3'), ('all(b, keepdims=True)', 'b3'), ('mean(b, axis=(0, 1))', 'b3'),
    ('b - sum(a, axis=0)', 'ab3'), ('sum(a * b, axis=(1, 2), keepdims=True) + 1', 'ab3'), ('roll(sum(a, axis=1, keepdims=True), 1, 2)', 'a3'),
    ('shift(mean(a, axis=(0,), keepdims=True), 1, 1, 0.5)', 'a3'),
    # numpy raises: out of range, repeated
    ('sum(a, axis=(0, 3))', 'a3'), ('sum(a, axis=(1, -2))', 'a3'), ('sum(a, axis=-4)', 'a3'),
]


def family_axes(R, idx):
    expr, spec = AXES_TEMPLATES[idx % len(AXES_TEMPLATES)]
    case = Case(R, (1,))
    g = ExprGen(R, case)
    env = template_env(case, spec, R)
    node = evaluate_text(g, expr, env)
    return case, g, node


# Families drawn from their own seeded generators (seed + offset), so adding one leaves the others' cases as they were.
EXTRA_FAMILIES = [('axes', family_axes, 1000, 160)]
COMPLEX_CASES = 900  # the 'complex' family (gen_complex.py), seed + 2000
COMPLEX_MORE_CASES = 500  # the 'complex_more' family (gen_complex_more.py), seed + 2100

FAMILIES = [('random', family_random, 0.62), ('scalars', family_scalars, 0.12), ('templates', family_template, 0.2),
            ('errors', family_errors, 0.06)]


def make_case(R, family, fn, idx, want_out):
    case = None
    for attempt in range(50):
        try:
            case, g, node = fn(R, idx)
            if attempt == 49:
                break
        except Skip:
            continue
        if family == 'random' and node.s.count('(') > 60:
            continue
        if isinstance(node.v, Err):
            if family in ('random', 'scalars') and R.random() < 0.7:
                continue  # keep some, not a flood, of NumPy-raises cases
            return case_json(case, node, {'error': node.v.msg})
        out = options = None
        if (node.d not in NPT and not node.d.startswith('weak')) or case.float16:
            print(f'warning: {node.s} has dtype {node.d}{" (float16 inside)" if case.float16 else ""}, skipped', file=sys.stderr)
            continue
        if node.d == 'weak-int' and not -2**63 <= node.v < 2**63:
            # fusexpr returns scalar-only results as JS values: an int beyond int64 is VALUE, not a wrapped or rounded number
            case.tags.add('weak-int-result-beyond-int64')
            return case_json(case, node, {'error': 'VALUE: a scalar-only integer result beyond int64'})
        exp = expect_of(node)
        if want_out and is_array(node.v):
            try:
                out, options, exp = with_out(R, case, node, g)
            except Skip:
                pass
        return case_json(case, node, exp, out, options)
    raise RuntimeError('could not draw a case')


def case_json(case, node, exp, out=None, options=None):
    c = {'expr': node.s if node else None, 'vars': case.vars, 'expect': exp}
    if out is not None:
        c['out'] = out
    if options:
        c['options'] = options
    if case.tags:
        c['tags'] = sorted(case.tags)
    return c


def generate(seed, cases):
    R = np.random.default_rng(seed)
    random.seed(seed)
    groups = {}
    weights = np.array([w for *_, w in FAMILIES])
    counts = np.floor(weights / weights.sum() * cases).astype(int)
    counts[0] += cases - counts.sum()
    for k, ((family, fn, _), count) in enumerate(zip(FAMILIES, counts)):
        # each family draws from its own stream (the first from the seed's): a generator change that
        # alters one family's draws leaves the next families' cases as they were
        R = R if k == 0 else np.random.default_rng(seed + 100 * k)
        out = []
        for i in range(count):
            c = make_case(R, family, fn, i, want_out=family == 'random' and R.random() < 0.2)
            c = {'id': f'{family}-{seed}-{i}', **c}
            out.append(c)
        groups[family] = out
    for family, fn, offset, count in EXTRA_FAMILIES:
        R = np.random.default_rng(seed + offset)
        groups[family] = [{'id': f'{family}-{seed}-{i}', **make_case(R, family, fn, i, want_out=R.random() < 0.2)} for i in range(count)]
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from gen_complex import complex_cases
    groups['complex'] = complex_cases(seed + 2000, COMPLEX_CASES)
    from gen_complex_more import complex_more_cases
    groups['complex_more'] = complex_more_cases(seed + 2100, COMPLEX_MORE_CASES)
    return groups


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--cases', type=int, default=2400)
    ap.add_argument('--out', default=os.path.join(os.path.dirname(os.path.abspath(__file__)), 'fixtures'))
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    groups = generate(args.seed, args.cases)
    total = 0
    for family, cases in groups.items():
        path = os.path.join(args.out, f'{family}.json')
        doc = {'generator': 'test/numpy/generate.py', 'numpy': np.__version__, 'seed': args.seed, 'family': family, 'cases': cases}
        with open(path, 'w') as fh:
            json.dump(doc, fh, separators=(',', ':'))
            fh.write('\n')
        total += len(cases)
        print(f'{path}: {len(cases)} cases, {os.path.getsize(path)} bytes')
    # the dtype matrix (every dtype pair × operator, casting into every out dtype): test/numpy/dtypes.py
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import dtypes
    default_out = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'fixtures')
    path, n = dtypes.write(args.seed, args.out, with_tables=os.path.abspath(args.out) == default_out)
    print(f'{path}: {n} cases')
    total += n
    print(f'total: {total} cases (numpy {np.__version__}, seed {args.seed})')


if __name__ == '__main__':
    main()
