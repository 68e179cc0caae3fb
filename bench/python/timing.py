"""Timing for the Python peers of fusexpr's benchmarks (peers.py, wasm_peers.py, complex_peers.py)."""
import time


def times_ms(f, min_runs=5, budget=1.0, max_runs=200):
    """Sorted ms per call of f after one warm-up call: at least min_runs calls, more while within budget seconds."""
    f()
    times = []
    start = time.perf_counter()
    while len(times) < min_runs or (time.perf_counter() - start < budget and len(times) < max_runs):
        t = time.perf_counter()
        f()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return times


def median_ms(f, min_runs=5, budget=1.0, max_runs=200):
    times = times_ms(f, min_runs, budget, max_runs)
    return times[len(times) // 2]
