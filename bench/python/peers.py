"""Timings of NumPy and numexpr for fusexpr's benchmarks, printed as JSON (medians, ms).

Usage: python3 peers.py '<json request>' — {"workloads": [{"name", "expr", "inputs", "size"}], "threads": [1, 2],
"diffusion": [256, 512]}. Run by bench/peers.ts with Debian's python3-numexpr.
"""
import json
import sys

import numpy as np
import numexpr as ne

from timing import median_ms



NUMPY = {
    "polynomial": lambda x: 0.25 * x**3 + 0.75 * x**2 - 1.5 * x - 2,
    "a*b+c": lambda a, b, c: a * b + c,
    "sin²+cos²": lambda x: np.sin(x) ** 2 + np.cos(x) ** 2,
    "2*a+b**10": lambda a, b: 2 * a + b**10,
    "2*a+3*b": lambda a, b: 2 * a + 3 * b,
}


def roll_add(rollee, shift, axis, out):
    """The book's in-place roll and add (High Performance Python, ch. 6)."""
    if shift == 1 and axis == 0:
        out[1:, :] += rollee[:-1, :]
        out[0, :] += rollee[-1, :]
    elif shift == -1 and axis == 0:
        out[:-1, :] += rollee[1:, :]
        out[-1, :] += rollee[0, :]
    elif shift == 1 and axis == 1:
        out[:, 1:] += rollee[:, :-1]
        out[:, 0] += rollee[:, -1]
    elif shift == -1 and axis == 1:
        out[:, :-1] += rollee[:, 1:]
        out[:, -1] += rollee[:, 0]


def laplacian(grid, out):
    np.copyto(out, grid)
    out *= -4
    roll_add(grid, +1, 0, out)
    roll_add(grid, -1, 0, out)
    roll_add(grid, +1, 1, out)
    roll_add(grid, -1, 1, out)


def main():
    req = json.loads(sys.argv[1])
    result = {"numpy": np.__version__, "numexpr": ne.__version__, "workloads": [], "diffusion": []}
    for w in req.get("workloads", []):
        n = w["size"]
        rng = {name: (-1 + 2 * ((np.arange(n) * (k + 1)) % n) / n) for k, name in enumerate(w["inputs"])}
        row = {"name": w["name"], "size": n}
        f = NUMPY[w["name"]]
        row["numpy"] = median_ms(lambda: f(*[rng[i] for i in w["inputs"]]))
        out = np.empty(n)
        for t in req.get("threads", [1]):
            ne.set_num_threads(t)
            row[f"numexpr{t}"] = median_ms(lambda: ne.evaluate(w["expr"], local_dict=rng, out=out))
        result["workloads"].append(row)
    for n in req.get("diffusion", []):
        grid = np.zeros((n, n))
        lo, hi = int(n * 0.4), int(n * 0.5)
        grid[lo:hi, lo:hi] = 0.005
        nxt = np.zeros((n, n))
        D, dt = 1.0, 0.1

        def numpy_inplace_step():
            laplacian(grid, nxt)
            np.multiply(nxt, D * dt, out=nxt)
            np.add(nxt, grid, out=nxt)

        row = {"size": n, "numpy_inplace": median_ms(numpy_inplace_step)}
        for t in req.get("threads", [1]):
            ne.set_num_threads(t)

            def numexpr_step():
                laplacian(grid, nxt)
                ne.evaluate("next_grid * D * dt + grid", local_dict={"next_grid": nxt, "grid": grid, "D": D, "dt": dt}, out=nxt)

            row[f"numexpr{t}"] = median_ms(numexpr_step)
        result["diffusion"].append(row)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
