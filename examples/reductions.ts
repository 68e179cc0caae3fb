// Reductions anywhere in an expression, with or without an axis.
import { evaluate, type NdArray } from 'fusexpr';

const n = Number(process.argv[2] ?? 1000);
const a = new Float64Array(n).map((_, i) => Math.sin(i));
const b = new Float64Array(n).map((_, i) => Math.cos(i));
console.log('dot product:', evaluate('sum(a*b)', { a, b }));
console.log('centered mean:', evaluate('mean(a - mean(a))', { a }));
const count = evaluate('sum(a > 0)', { a }) as number; // an exact number, so plain arithmetic works
console.log('count positive:', count, 'fraction:', count / n);
const m = { data: a.slice(0, 12), shape: [3, 4] };
// an axis reduction of a view is a view (a full reduction would be a number)
const columns = evaluate('sum(m, axis=0)', { m }) as NdArray<Float64Array>;
const rowMax = evaluate('max(m, axis=-1)', { m }) as NdArray<Float64Array>;
console.log('column sums:', columns.data, 'row max:', rowMax.data);
