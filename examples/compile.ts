// Compile once, run many times: the expression is parsed and the kernel built once per signature.
import { compile } from 'fusexpr';

const n = Number(process.argv[2] ?? 100_000);
const kernel = compile('2*a + 3*b', { a: new Float64Array(0), b: new Float64Array(0) });
console.log(kernel.source.split('\n').slice(0, 12).join('\n'));
const a = new Float64Array(n).fill(1);
const b = new Float64Array(n).fill(2);
const out = new Float64Array(n);
for (let step = 0; step < 100; step++) kernel.run({ a, b }, out);
console.log(`out[0] = ${out[0]} after 100 runs over ${n} elements`);
