// Evaluate an expression over typed arrays. 
import { evaluate } from 'fusexpr';

const n = Number(process.argv[2] ?? 1_000_000);
const x = new Float64Array(n).map((_, i) => -1 + (2 * i) / (n - 1));
const y = evaluate('0.25*x**3 + 0.75*x**2 - 1.5*x - 2', { x }) as Float64Array;
console.log(`y[0] = ${y[0]}, y[${n - 1}] = ${y[n - 1]}`);
// scalars are weak: a float32 array times a JS number stays float32
const f = new Float32Array([1.5, 2.5]);
console.log(evaluate('f * 2.5 + 1', { f }));
