"""Timings of complex expressions in NumPy or numexpr for bench/complex.ts, printed as JSON (medians, ms).

Usage: python3 complex_peers.py numexpr|numpy '<json request>' — {"cases": [{"expr", "dtype", "size"}]}.
One thread (numexpr.set_num_threads(1); NumPy's ufuncs are single-threaded). Inputs as bench/complex.ts's:
z = 2 sin(k) + 2i sin(k+1)… (interleaved sin(i)·2), w from cos(0.7 i).
"""
import json
import sys

import numpy as np

from timing import median_ms



NUMPY = {
    "z*w + 1": lambda z, w, out: np.add(np.multiply(z, w, out=out), 1, out=out),
    "exp(z)": lambda z, w, out: np.exp(z, out=out),
    "abs(z)": lambda z, w, out: np.abs(z),
    "z*conj(z)": lambda z, w, out: np.multiply(z, np.conj(z), out=out),
    "sum(z)": lambda z, w, out: np.sum(z),
    "z - mean(z)": lambda z, w, out: np.subtract(z, z.mean(), out=out),
}


def main():
    engine, request = sys.argv[1], json.loads(sys.argv[2])
    if engine == "numexpr":
        import numexpr as ne

        ne.set_num_threads(1)
    results = []
    for case in request["cases"]:
        n, dtype = case["size"], np.dtype(case["dtype"])
        i = np.arange(2 * n, dtype=np.float64)
        real = np.float32 if dtype == np.complex64 else np.float64
        z = (np.sin(i) * 2).astype(real).view(dtype)
        w = np.cos(i * 0.7).astype(real).view(dtype)
        out = np.empty(n, dtype=dtype)
        expr = case["expr"]
        if engine == "numexpr" and expr == "z - mean(z)":
            continue  # numexpr has no mean (and no reduction inside an expression)
        if engine == "numexpr":
            # numexpr 2.8's abs(z) is complex (0 imaginary parts); a reduction takes no out; complex64
            # is computed in complex128 (numexpr has no complex64 kernels) and cast into the out
            own = expr in ("sum(z)", "abs(z)")
            f = (lambda: ne.evaluate(expr, local_dict={"z": z})) if own else (lambda: ne.evaluate(expr, local_dict={"z": z, "w": w}, out=out, casting="same_kind"))
        else:
            g = NUMPY[expr]
            f = lambda: g(z, w, out)
        results.append({**case, "ms": median_ms(f, min_runs=11, budget=0)})
    print(json.dumps({"engine": engine, "version": (ne if engine == "numexpr" else np).__version__, "results": results}))


if __name__ == "__main__":
    main()
