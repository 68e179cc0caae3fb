# Writes a Zarr v2 group with x (sin of a ramp) and an empty y, for bench/chunked.ts:
#   /usr/bin/python3 bench/python/make_zarr.py PATH N CHUNK blosc|raw   (Debian python3-zarr)
import sys, zarr, numpy as np, time
path, n, chunk, compress = sys.argv[1], int(float(sys.argv[2])), int(float(sys.argv[3])), sys.argv[4] == 'blosc'
g = zarr.open_group(path, mode='w')
kw = {} if compress else {'compressor': None}
x = g.create_dataset('x', shape=(n,), chunks=(chunk,), dtype='f8', **kw)
g.create_dataset('y', shape=(n,), chunks=(chunk,), dtype='f8', **kw)
t = time.time()
total = 0.0
for k in range(0, n, chunk):
    v = np.sin(np.arange(k, min(n, k + chunk), dtype='f8') * 1e-3)
    x[k:k + len(v)] = v
print('wrote', n, 'in', round(time.time() - t, 1), 's', flush=True)
