// scijs ndarray views straight into fusexpr: strides and offsets are read in place, no copies.
import ndarray from 'ndarray';
import { evaluate } from 'fusexpr';

const n = Number(process.argv[2] ?? 4);
const a = ndarray(Float64Array.from({ length: n * 3 }, (_, i) => i), [n, 3]);
// column-centred: the axis reduction broadcasts back over the rows
// with a view among the vars the result is a view too (here a scijs ndarray: .get works)
const centred = evaluate('a - mean(a, axis=0)', { a }) as ndarray.NdArray<Float64Array>;
console.log(`a - mean(a, axis=0), first row: ${[0, 1, 2].map((j) => centred.get(0, j)).join(', ')}`);
// a transposed view (strides swapped) and every other row (a step): both read in place
const t = a.transpose(1, 0);
console.log(`sum of the transpose = ${evaluate('sum(t)', { t })}`);
const everyOther = a.step(2);
console.log(`rows 0, 2, …: ${everyOther.shape.join('×')}, max = ${evaluate('max(x)', { x: everyOther })}`);
// writing into an ndarray: out is the view itself
const out = ndarray(new Float64Array(n * 3), [n, 3]);
evaluate('a * 2', { a }, out);
console.log(`out.get(1, 2) = ${out.get(1, 2)}`);
