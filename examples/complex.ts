// Complex numbers: a discrete Fourier coefficient, a phasor sum and a Mandelbrot step, with results as
// interleaved { data, shape, dtype } views; and tuple axes with keepdims on an image-like cube.
import { evaluate } from 'fusexpr';

type Complex = { data: Float64Array; shape: number[]; dtype: 'complex128' };
const n = Number(process.argv[2] ?? 64);
const t = Float64Array.from({ length: n }, (_, i) => i / n);
const x = t.map((v) => Math.cos(2 * Math.PI * 3 * v) + 0.5 * Math.sin(2 * Math.PI * 5 * v));

// X[k] = sum(x · e^(-2πi k t)): the 3rd and 5th harmonics carry the signal
for (const k of [3, 4, 5]) {
  const Xk = evaluate('sum(x * exp(-2j * pi * k * t))', { x, t, k }) as unknown as Complex;
  console.log(`X[${k}] = ${Xk.data[0]!.toFixed(3)} ${Xk.data[1]! < 0 ? '-' : '+'} ${Math.abs(Xk.data[1]!).toFixed(3)}j`);
}

// one Mandelbrot iteration over a grid of c values; |z| and the escaped points
const c = { data: Float64Array.from({ length: 2 * n }, (_, i) => (i % 2 ? 0.3 : (i / (2 * n)) * 3 - 2)), dtype: 'complex128' as const };
let z: Complex = evaluate('c * 0', { c }) as unknown as Complex;
for (let it = 0; it < 20; it++) z = evaluate('z * z + c', { z, c }) as unknown as Complex;
const escaped = evaluate('sum(abs(z) > 2)', { z });
console.log(`after 20 steps, ${escaped} of ${n} points escaped (|z| > 2)`);

// per-channel means of an [h, w, 3] cube, kept as [1, 1, 3] so they broadcast back
const cube = { data: Float64Array.from({ length: 4 * 4 * 3 }, (_, i) => i % 3), shape: [4, 4, 3] };
const centered = evaluate('cube - mean(cube, axis=(0, 1), keepdims=True)', { cube }) as { shape: number[] };
console.log('centered cube shape:', centered.shape, 'channel means:', Array.from((evaluate('mean(cube, axis=(0, 1))', { cube }) as { data: Float64Array }).data));
