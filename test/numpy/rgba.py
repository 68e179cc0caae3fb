#!/usr/bin/env python3
"""NumPy's answer for examples/rgba.ts's grading (examples/rgba-lib.ts GRADE) on its synthetic test
card, written to test/numpy/rgba.json for test/examples/rgba.test.ts.

    python3 test/numpy/rgba.py
"""

import json
import os

import numpy as np

W, H, GAMMA, CONTRAST = 32, 24, 0.8, 1.4

y, x = np.mgrid[0:H, 0:W]
img = np.zeros((H, W, 4), np.uint8)
img[..., 0] = (x * 255) // (W - 1)
img[..., 1] = (y * 255) // (H - 1)
img[..., 2] = ((x ^ y) * 7) & 255
img[..., 3] = np.where((x // 4 + y // 4) % 2 == 1, 128, 255)
v = img.reshape(-1, 4)
is_alpha = np.array([False, False, False, True])
# the expression, ufunc by ufunc as fusexpr computes it (uint8 / Python float is float64)
f = np.where(is_alpha, v, CONTRAST * (255 * (v / 255) ** GAMMA - 127.5) + 127.5)
# a Uint8ClampedArray's store: nan → 0, round half to even, saturate
out = np.where(np.isnan(f), 0, np.clip(np.rint(f), 0, 255)).astype(np.uint8)
# elements whose float value sits on a .5 tie (pow may differ by an ulp there): ±1 allowed
frac = np.abs(f - np.floor(f) - 0.5)
ties = np.flatnonzero(frac.ravel() < 1e-9)
doc = {'generator': 'test/numpy/rgba.py', 'numpy': np.__version__, 'width': W, 'height': H, 'gamma': GAMMA, 'contrast': CONTRAST,
       'input': img.ravel().tolist(), 'expected': out.ravel().tolist(), 'ties': ties.tolist()}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'rgba.json')
with open(path, 'w') as fh:
    json.dump(doc, fh, separators=(',', ':'))
    fh.write('\n')
print(f'{path}: {out.size} bytes, {len(ties)} ties')
