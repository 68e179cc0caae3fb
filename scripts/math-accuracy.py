#!/usr/bin/env python3
"""Reference values for the Wasm vector math library (src/backends/wasm/math/).

  python3 scripts/math-accuracy.py fixture          # writes test/backends/wasm/math/fixtures/*.txt
  python3 scripts/math-accuracy.py measure DIR [N]  # N random points per function and precision (2e5)

`fixture`: ~1,000 random points per function and precision over the whole domain plus special values,
with the correctly rounded result (mpmath at 160 bits, rounded once to binary64/binary32 with
subnormals and overflow), as hex bit patterns; zero, infinite and NaN results and non-finite or zero
inputs take NumPy's value (C99 Annex F). Replayed by test/backends/wasm/math/accuracy.test.ts.
`measure`: N points per function and precision with an np.longdouble reference (x87 80-bit: 11 more
bits than binary64), written as raw float64 files (inputs, reference hi, reference lo, NumPy's own
result) for scripts/math-accuracy.ts, which runs the library and writes the README table, and
scripts/js-accuracy.ts, which does the same for the JS backend (Math.*) and NumPy.
"""
import os
import sys

import mpmath as mp
import numpy as np

mp.mp.prec = 160
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
FIXTURES = os.path.join(ROOT, 'test', 'backends', 'wasm', 'math', 'fixtures')

FMT = {
    'f64': dict(np=np.float64, uint=np.uint64, p=53, emin=-1022, emax=1023, hexw=16),
    'f32': dict(np=np.float32, uint=np.uint32, p=24, emin=-126, emax=127, hexw=8),
}

# name: (arity, mpmath function, numpy function)
FUNCS = {
    'exp': (1, mp.exp, np.exp),
    'expm1': (1, mp.expm1, np.expm1),
    'exp2': (1, lambda x: mp.power(2, x), np.exp2),
    'log': (1, mp.log, np.log),
    'log1p': (1, mp.log1p, np.log1p),
    'log2': (1, lambda x: mp.log(x, 2), np.log2),
    'log10': (1, mp.log10, np.log10),
    'sin': (1, mp.sin, np.sin),
    'cos': (1, mp.cos, np.cos),
    'tan': (1, mp.tan, np.tan),
    'sinh': (1, mp.sinh, np.sinh),
    'cosh': (1, mp.cosh, np.cosh),
    'tanh': (1, mp.tanh, np.tanh),
    'arcsin': (1, mp.asin, np.arcsin),
    'arccos': (1, mp.acos, np.arccos),
    'arctan': (1, mp.atan, np.arctan),
    'arctan2': (2, mp.atan2, np.arctan2),
    'power': (2, mp.power, np.power),
    'cbrt': (1, lambda x: mp.sign(x) * mp.cbrt(abs(x)), np.cbrt),  # the real root
}


def round_to(v, fmt):
    """v (a nonzero finite mpf) rounded once to the format, with subnormals and overflow."""
    f = FMT[fmt]
    p, emin, emax = f['p'], f['emin'], f['emax']
    if v == 0:
        return f['np'](0.0)
    sign = -1 if v < 0 else 1
    a = abs(v)
    e = int(mp.frexp(a)[1]) - 1  # 2^e <= a < 2^(e+1), exactly
    if e > emax + 1:
        return f['np'](sign * np.inf)
    q = max(e, emin) - (p - 1)  # the quantum of the result
    n = mp.nint(mp.ldexp(a, -q))  # ties to even
    r = mp.ldexp(n, q)
    if r >= mp.ldexp(1, emax + 1):
        return f['np'](sign * np.inf)
    return f['np'](sign * float(r))


def reference(name, fmt, args):
    """The correctly rounded result for float inputs (numpy scalars of the format)."""
    arity, mpf, npf = FUNCS[name]
    with np.errstate(all='ignore'):
        # arrays, not scalars: NumPy's power takes a sqrt path for a scalar 0.5 exponent (fusexpr's power_scalar)
        nres = npf(*[np.array([a]) for a in args])[0]
    if any(not np.isfinite(a) or a == 0 for a in args):
        return nres
    try:
        v = mpf(*[mp.mpf(float(a)) for a in args])
    except (ValueError, ZeroDivisionError):
        return nres
    if isinstance(v, mp.mpc):  # outside the real domain: NaN
        if v.imag != 0:
            assert np.isnan(nres), (name, args, nres)
            return nres
        v = v.real
    if not mp.isfinite(v):  # a pole (log1p(-1)): NumPy's infinity
        return nres
    if name == 'power' and args[0] < 0 and float(args[1]) != np.floor(float(args[1])):
        return nres
    r = round_to(v, fmt)
    if r == 0:
        r = FMT[fmt]['np'](np.copysign(0.0, float(v)) if v != 0 else float(nres))
    return r


def bits(x, fmt):
    f = FMT[fmt]
    return format(int(np.asarray(x, dtype=f['np']).view(f['uint'])), '0%dx' % f['hexw'])


# ---- sampling ------------------------------------------------------------------------------------

def lim(fmt):
    fi = np.finfo(FMT[fmt]['np'])
    return float(fi.max), float(fi.smallest_subnormal), float(fi.smallest_normal)


def loguniform(rng, n, lo, hi, fmt, signed=True):
    """Magnitudes uniform in log between lo and hi (> 0), random signs if signed."""
    t = np.exp(rng.uniform(np.log(lo), np.log(hi), n))
    if signed:
        t = t * rng.choice([-1.0, 1.0], n)
    return t.astype(FMT[fmt]['np'])


def anybits(rng, n, fmt, positive=False):
    """Uniform over finite bit patterns (every binade equally likely)."""
    f = FMT[fmt]
    top = (0x7ff << 52) if fmt == 'f64' else (0xff << 23)
    u = rng.integers(0, top, n, dtype=np.uint64).astype(f['uint'])
    x = u.view(f['np']).copy()
    if not positive:
        x = np.where(rng.random(n) < 0.5, -x, x)
    return x


def uniform(rng, n, a, b, fmt):
    return rng.uniform(a, b, n).astype(FMT[fmt]['np'])


def samples(name, fmt, n, rng):
    """n inputs (a list of arrays, one per argument) spread over the function's domain."""
    big, tiny, _ = lim(fmt)
    q = n // 4
    f32 = fmt == 'f32'
    ovf = 88.8 if f32 else 709.8
    und = -103.98 if f32 else -745.2
    if name in ('exp', 'expm1'):
        lo = -20 if name == 'expm1' else und
        parts = [uniform(rng, q, -5, 5, fmt), uniform(rng, q, lo, ovf, fmt), loguniform(rng, q, tiny, 1, fmt),
                 uniform(rng, n - 3 * q, und - 50, ovf + 10, fmt)]
    elif name == 'exp2':
        top = 128.5 if f32 else 1024.5
        bot = -150.5 if f32 else -1075.5
        parts = [uniform(rng, q, -5, 5, fmt), uniform(rng, q, bot, top, fmt), loguniform(rng, q, tiny, 1, fmt),
                 uniform(rng, n - 3 * q, bot - 20, top + 20, fmt)]
    elif name in ('log', 'log2', 'log10'):
        parts = [anybits(rng, 2 * q, fmt, positive=True), uniform(rng, q, 0.5, 2, fmt), uniform(rng, n - 3 * q, 1 - 1e-3, 1 + 1e-3, fmt)]
    elif name == 'log1p':
        parts = [anybits(rng, q, fmt, positive=True), uniform(rng, q, -1, 1, fmt), loguniform(rng, q, tiny, 1, fmt),
                 (loguniform(rng, n - 3 * q, 2 ** -60, 1, fmt, signed=False) - 1).astype(FMT[fmt]['np'])]
    elif name in ('sin', 'cos', 'tan'):
        k = rng.integers(-200000, 200000, q)
        near = (k * (np.pi / 2) + rng.uniform(-1e-6, 1e-6, q)).astype(FMT[fmt]['np'])
        parts = [uniform(rng, q, -10, 10, fmt), uniform(rng, q, -1e6, 1e6, fmt), near, anybits(rng, n - 3 * q, fmt)]
    elif name in ('sinh', 'cosh'):
        top = 89.5 if f32 else 710.6
        parts = [uniform(rng, q, -5, 5, fmt), uniform(rng, q, -top, top, fmt), loguniform(rng, q, tiny, 1, fmt),
                 loguniform(rng, n - 3 * q, 1e-3, 2 * top, fmt)]
    elif name == 'tanh':
        parts = [uniform(rng, q, -5, 5, fmt), uniform(rng, q, -25, 25, fmt), loguniform(rng, q, tiny, 1, fmt), anybits(rng, n - 3 * q, fmt)]
    elif name in ('arcsin', 'arccos'):
        one = FMT[fmt]['np'](1)
        nearone = (one - loguniform(rng, q, 2 ** -54, 0.5, fmt, signed=False)) * rng.choice([-1, 1], q)
        parts = [uniform(rng, 2 * q, -1, 1, fmt), loguniform(rng, q, tiny, 1, fmt), nearone.astype(FMT[fmt]['np']),
                 uniform(rng, n - 4 * q, -1.5, 1.5, fmt)]
    elif name == 'arctan':
        parts = [uniform(rng, q, -10, 10, fmt), anybits(rng, 2 * q, fmt), loguniform(rng, n - 3 * q, 1e-3, 1e3, fmt)]
    elif name == 'cbrt':
        parts = [uniform(rng, q, -10, 10, fmt), anybits(rng, n - q, fmt)]
    elif name == 'arctan2':
        h = n // 2
        ys = [uniform(rng, h, -10, 10, fmt), anybits(rng, n - h, fmt)]
        xs = [uniform(rng, h, -10, 10, fmt), anybits(rng, n - h, fmt)]
        return [np.concatenate(ys), np.concatenate(xs)]
    elif name == 'power':
        return power_samples(fmt, n, rng)
    else:
        raise KeyError(name)
    x = np.concatenate(parts)
    rng.shuffle(x)
    return [x]


def power_samples(fmt, n, rng):
    t = FMT[fmt]['np']
    q = n // 4
    emax = 128 if fmt == 'f32' else 1024
    # (a) small bases and exponents
    x1, y1 = uniform(rng, q, 0, 10, fmt), uniform(rng, q, -10, 10, fmt)
    # (b) any positive base, exponent keeping |y·log2 x| within the range (results near over/underflow)
    x2 = anybits(rng, q, fmt, positive=True)
    l2 = np.abs(np.log2(x2.astype(np.float64)))
    l2[l2 < 1e-9] = 1e-9
    y2 = (rng.uniform(-1.1, 1.1, q) * emax / l2).astype(t)
    # (c) bases near 1 with large exponents, up to results near over/underflow (|y| up to ~2^60)
    h = q // 2
    x3a = (1 + rng.uniform(-1e-3, 1e-3, h)).astype(t)
    y3a = uniform(rng, h, -1e5, 1e5, fmt)
    eps = np.finfo(t).eps
    x3b = (1 + rng.choice([-0.5, 1.0], q - h) * eps * np.exp(rng.uniform(0, np.log(1e6), q - h))).astype(t)
    l3 = np.abs(np.log(x3b.astype(np.float64)))
    l3[l3 == 0] = 1.0
    y3b = (rng.uniform(-1, 1, q - h) * (0.69 * emax) / l3).astype(t)
    x3, y3 = np.concatenate([x3a, x3b]), np.concatenate([y3a, y3b])
    # (d) negative bases: integer exponents (signed results) and others (NaN)
    m = n - 3 * q
    x4 = -uniform(rng, m, 0, 20, fmt)
    y4 = np.where(rng.random(m) < 0.7, rng.integers(-40, 40, m), rng.uniform(-40, 40, m)).astype(t)
    return [np.concatenate([x1, x2, x3, x4]), np.concatenate([y1, y2, y3, y4])]


def specials(name, fmt):
    t = FMT[fmt]['np']
    big, tiny, normal = lim(fmt)
    base = [0.0, -0.0, np.inf, -np.inf, np.nan, tiny, -tiny, normal, -normal, normal - tiny, big, -big, 1.0, -1.0, 0.5, -0.5, 2.0, -2.0]
    extra = {
        'exp': [709.782712893384, 709.7827128933841, -745.1332191019411, -745.1332191019412, -708.3964185322641, 88.72283, 88.72284, -103.97208, -87.33655],
        'expm1': [709.782712893384, -38.0, -45.0, 1e-300, -1e-300, 88.72283, 0.34657359, -0.34657359],
        'exp2': [1023.0, 1024.0, 1023.9999999999999, -1022.0, -1074.0, -1075.0, -1074.5, 127.99999, 128.0, -149.0, -150.0, 3.0, -3.0, 0.5],
        'log': [1 + 2 ** -52, 1 - 2 ** -53, np.sqrt(2), np.sqrt(0.5), np.e],
        'log2': [1 + 2 ** -52, 1 - 2 ** -53, 8.0, 2.0 ** -1074, 2.0 ** 1023, np.sqrt(2)],
        'log10': [10.0, 100.0, 1e22, 1e-300, 1 + 2 ** -52],
        'log1p': [-1.0, -1 + 2 ** -53, -1.5, 1e-300, -1e-300, 2 ** -54, np.sqrt(2) - 1, 1e300],
        'sin': [np.pi, -np.pi, np.pi / 2, 2 * np.pi, 1e22, 1e300, 1048576.0, 1048577.0, 2 ** 20 + 0.5, 6381956970095103.0 * 2 ** 797, 1e-300],
        'cos': [np.pi, np.pi / 2, -np.pi / 2, 2 * np.pi, 1e22, 1e300, 1048576.0, 1048577.0, 5 * np.pi / 2, 1e-300],
        'tan': [np.pi, np.pi / 2, -np.pi / 2, np.pi / 4, 1e22, 1e300, 1048576.0, 1048577.0, 0.6744, 0.7853981633974483, 1e-300],
        'sinh': [710.4758600739439, 710.475860073944, -710.4758600739439, 89.41598, 1e-300, 22.0, 0.5],
        'cosh': [710.4758600739439, 710.475860073944, -710.475860073944, 89.41599, 1e-300, 22.0, 0.5],
        'tanh': [22.0, 19.06, -19.06, 1e-300, 0.55, 9.0],
        'arcsin': [1.0, -1.0, 1 + 2 ** -52, 0.5, -0.5, 1e-300, 0.9999999999999999],
        'arccos': [1.0, -1.0, 1 + 2 ** -52, 0.5, -0.5, 1e-300, 0.9999999999999999],
        'arctan': [1e300, -1e300, 1e-300, 7 / 16, 11 / 16, 19 / 16, 39 / 16, 2 ** 66],
        'cbrt': [8.0, -27.0, 1e-310, 1e300, 1e-300, 3.0],
    }.get(name, [])
    if name == 'arctan2':
        vals = [0.0, -0.0, np.inf, -np.inf, np.nan, 1.0, -1.0, tiny, -tiny, big, -big, 1e-300]
        pairs = [(y, x) for y in vals for x in vals]
        return [np.array([p[0] for p in pairs], dtype=t), np.array([p[1] for p in pairs], dtype=t)]
    if name == 'power':
        vals = [0.0, -0.0, np.inf, -np.inf, np.nan, 1.0, -1.0, 2.0, -2.0, 0.5, -0.5, 3.0, -3.0, 2.5, tiny, big, -big]
        pairs = [(x, y) for x in vals for y in vals]
        pairs += [(2.0, 1024.0), (2.0, -1074.0), (2.0, -1075.0), (10.0, 308.0), (10.0, -323.0), (1 + 2 ** -52, 2 ** 60),
                  (2.0, 128.0), (2.0, -149.0), (2.0, -150.0), (10.0, 38.0), (10.0, -45.0)]
        return [np.array([p[0] for p in pairs], dtype=t), np.array([p[1] for p in pairs], dtype=t)]
    with np.errstate(over='ignore'):
        return [np.array(base + extra, dtype=t)]


def fixture(n=1000):
    os.makedirs(FIXTURES, exist_ok=True)
    for name, (arity, _, _) in FUNCS.items():
        for fmt in ('f64', 'f32'):
            rng = np.random.default_rng([ord(c) for c in name + fmt])
            lines = [f'# {name} {fmt}: inputs then the correctly rounded result, hex bits; scripts/math-accuracy.py']
            for kind, args in (('special', specials(name, fmt)), ('random', samples(name, fmt, n, rng))):
                for i in range(len(args[0])):
                    a = [FMT[fmt]['np'](arr[i]) for arr in args]
                    r = reference(name, fmt, a)
                    lines.append(' '.join([kind[0]] + [bits(v, fmt) for v in a] + [bits(r, fmt)]))
            path = os.path.normpath(os.path.join(FIXTURES, f'{name}.{fmt}.txt'))
            with open(path, 'w') as fh:
                fh.write('\n'.join(lines) + '\n')
            print(path, len(lines) - 1)


def measure(out, n):
    os.makedirs(out, exist_ok=True)
    for name, (arity, _, npf) in FUNCS.items():
        for fmt in ('f64', 'f32'):
            rng = np.random.default_rng([ord(c) for c in 'measure' + name + fmt])
            args = samples(name, fmt, n, rng)
            with np.errstate(all='ignore'):
                ref = npf(*[a.astype(np.longdouble) for a in args])
            hi = ref.astype(np.float64)
            with np.errstate(all='ignore'):
                lo = (ref - hi.astype(np.longdouble)).astype(np.float64)
            lo[~np.isfinite(hi)] = 0
            for k, a in enumerate(args):
                a.astype(np.float64).tofile(os.path.join(out, f'{name}.{fmt}.in{k}'))
            hi.tofile(os.path.join(out, f'{name}.{fmt}.hi'))
            lo.tofile(os.path.join(out, f'{name}.{fmt}.lo'))
            # NumPy's own answer in the format (scripts/js-accuracy.ts compares the JS backend with it)
            with np.errstate(all='ignore'):
                npf(*args).astype(np.float64).tofile(os.path.join(out, f'{name}.{fmt}.np'))
            print(name, fmt, len(hi))


if __name__ == '__main__':
    if sys.argv[1:2] == ['fixture']:
        only = sys.argv[2:]
        if only:
            FUNCS = {k: v for k, v in FUNCS.items() if k in only}
        fixture()
    elif sys.argv[1:2] == ['measure']:
        measure(sys.argv[2], int(float(sys.argv[3])) if len(sys.argv) > 3 else 200000)
    else:
        print(__doc__)
        sys.exit(2)
