#!/usr/bin/env python3
"""NumPy 2's promotion and casting tables for every pair involving a complex dtype, and NEP 50's weak
Python scalars (int, float, complex) against every array dtype: test/types/complex-tables.json, which
test/types/complex.test.ts checks fusexpr's promoteStrong / promote / canCast against.

    python3 test/numpy/complex_tables.py   # part of npm run fixtures:numpy
"""

import json
import os

import numpy as np

DTYPES = ['bool', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64', 'float32', 'float64', 'complex64', 'complex128']
COMPLEX = ['complex64', 'complex128']


def main():
    promote = {a: {b: str(np.result_type(a, b)) for b in DTYPES} for a in DTYPES if a in COMPLEX or True}
    promote = {a: {b: r for b, r in row.items() if a in COMPLEX or b in COMPLEX} for a, row in promote.items()}
    weak = {}
    for d in DTYPES:
        arr = np.zeros(1, dtype=d)
        weak[d] = {'int': str((arr + 1).dtype) if d != 'bool' else None, 'float': str((arr + 1.5).dtype), 'complex': str((arr + 1j).dtype)}
    casts = {c: {a: {b: bool(np.can_cast(a, b, casting=c)) for b in DTYPES if a in COMPLEX or b in COMPLEX} for a in DTYPES} for c in ('safe', 'same_kind')}
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'types', 'complex-tables.json')
    with open(out, 'w') as fh:
        json.dump({'generator': 'test/numpy/complex_tables.py', 'numpy': np.__version__, 'promote': promote, 'weak': weak, 'can_cast': casts}, fh, indent=1)
        fh.write('\n')
    print(out)


if __name__ == '__main__':
    main()
