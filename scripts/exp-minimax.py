#!/usr/bin/env python3
"""Minimax coefficients for the Wasm math library's exp polynomials (src/backends/wasm/math/exp.ts).

  python3 scripts/exp-minimax.py A DEG   # exp(r) ~ 1 + r + r^2*Q(r) on [-A, A], Q of degree DEG

Remez exchange in mpmath (50 digits) minimizing the relative error of exp; prints Q's coefficients
(rounded to binary64) and the maximum relative error. Used: A = ln2/2, DEG = 9 (expCore: 2^-57.9);
A = 0.000169226 (just above ln2/4096), DEG = 1 (the 2048-row table: 2^-57.2).
"""
import sys

import mpmath as mp

mp.mp.dps = 50


def remez(a, deg, iters=40, grid=3000):
    n = deg + 1
    m = n + 1
    # start from Chebyshev-like nodes that avoid 0 (the error has a double zero there)
    xs = sorted(a * mp.cos(mp.pi * (i + mp.mpf('0.3')) / m) for i in range(m))

    def err(c, x):
        return (1 + x + x ** 2 * mp.polyval(c[::-1], x) - mp.exp(x)) / mp.exp(x)

    c, worst = None, None
    for _ in range(iters):
        A = mp.matrix(m, m)
        b = mp.matrix(m, 1)
        for i, x in enumerate(xs):
            for j in range(n):
                A[i, j] = x ** (j + 2)
            A[i, n] = (-1) ** i * mp.exp(x)
            b[i] = mp.exp(x) - 1 - x
        sol = mp.lu_solve(A, b)
        c = [sol[j] for j in range(n)]
        pts = [a * (2 * mp.mpf(k) / grid - 1) for k in range(grid + 1)]
        vals = [err(c, x) for x in pts]
        worst = max(abs(v) for v in vals)
        ext = [(pts[k], v) for k, v in enumerate(vals)
               if v != 0 and (k == 0 or abs(v) >= abs(vals[k - 1])) and (k == grid or abs(v) >= abs(vals[k + 1]))]
        alt = []
        for x, v in ext:
            if alt and mp.sign(alt[-1][1]) == mp.sign(v):
                if abs(v) > abs(alt[-1][1]):
                    alt[-1] = (x, v)
            else:
                alt.append((x, v))
        while len(alt) > m:
            alt.pop(0 if abs(alt[0][1]) < abs(alt[-1][1]) else -1)
        if len(alt) < m:
            break
        xs = [x for x, _ in alt]
    return c, worst


if __name__ == '__main__':
    a = mp.mpf(sys.argv[1]) if len(sys.argv) > 1 else mp.log(2) / 2
    deg = int(sys.argv[2]) if len(sys.argv) > 2 else 9
    c, worst = remez(a, deg)
    print([float(x) for x in c])
    print(f'max relative error {mp.nstr(worst, 5)} (2^{mp.nstr(mp.log(worst, 2), 4)})')
