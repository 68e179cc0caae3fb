"""NumPy and numexpr timings for bench/wasm.ts, printed as JSON (medians, ms, one thread).

Usage: python3 wasm_peers.py '<json request>' — {"cases": ["abc", "exp", "sincos"], "sizes": {...}}.
NumPy cases write into preallocated outputs (np.add(np.multiply(a, b, out=o), c, out=o), np.exp(x, out=y));
run with pyenv's python3 for NumPy 2 and with Debian's /usr/bin/python3 for numexpr.
"""
import json
import os
import sys

import numpy as np

from timing import times_ms


def median_ms(f):
    times = times_ms(f, min_runs=7, budget=1.5, max_runs=500)
    BEST.append(times[0])
    return times[len(times) // 2]


BEST = []


def main():
    req = json.loads(sys.argv[1])
    rng = np.random.default_rng(1)
    out = {"numpy": np.__version__}
    for case, n in req["cases"].items():
        n = int(n)
        a, b, c = (rng.random(n) * 4 - 2 for _ in range(3))
        o = np.empty(n)
        if case == "abc":
            out[case] = median_ms(lambda: np.add(np.multiply(a, b, out=o), c, out=o))
            out[case + "_best"] = BEST[-1]
        elif case == "exp":
            out[case] = median_ms(lambda: np.exp(a, out=o))
            out[case + "_best"] = BEST[-1]
        elif case == "sincos":
            out[case] = median_ms(lambda: np.sin(a) ** 2 + np.cos(a) ** 2)
            out[case + "_best"] = BEST[-1]
        elif case == "numexpr_sincos":
            import numexpr as ne
            ne.set_num_threads(1)
            out["numexpr"] = ne.__version__
            out[case] = median_ms(lambda: ne.evaluate("sin(a)**2 + cos(a)**2", local_dict={"a": a}, out=o))
            out[case + "_best"] = BEST[-1]
        elif case == "numexpr_abc":
            import numexpr as ne
            ne.set_num_threads(1)
            out[case] = median_ms(lambda: ne.evaluate("a*b+c", local_dict={"a": a, "b": b, "c": c}, out=o))
        out[case + "_best"] = BEST[-1]
    print(json.dumps(out))


if __name__ == "__main__":
    main()
