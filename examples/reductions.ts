// Reductions anywhere in an expression, with or without an axis.
import { evaluate } from '../src/index.js';

const n = Number(process.argv[2] ?? 1000);
const a = new Float64Array(n).map((_, i) => Math.sin(i));
const b = new Float64Array(n).map((_, i) => Math.cos(i));
console.log('dot product:', evaluate('sum(a*b)', { a, b }));
console.log('centered mean:', evaluate('mean(a - mean(a))', { a }));
console.log('count positive (int64 → bigint):', evaluate('sum(a > 0)', { a }));
const m = { data: a.slice(0, 12), shape: [3, 4] };
console.log('column sums:', evaluate('sum(m, axis=0)', { m }).data, 'row max:', evaluate('max(m, axis=-1)', { m }).data);
