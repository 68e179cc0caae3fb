// Conditions: comparisons give bool arrays (BoolArray, a Uint8Array that stays bool when copied),
// where() selects, & | ~ combine.
import { evaluate, type BoolArray } from 'fusexpr';

const n = Number(process.argv[2] ?? 8);
const a = new Float64Array(n).map((_, i) => i - n / 2);
const b = new Float64Array(n).fill(-1);
console.log(evaluate('where(a > 0, sqrt(a), -b)', { a, b }));
const mask = evaluate('(a > -2) & ~(a == 1)', { a }) as BoolArray;
console.log('mask:', mask, '→ where(mask, a, nan):', evaluate('where(mask, a, nan)', { mask, a }));
console.log('clip:', evaluate('clip(a, -1, 1)', { a }));
console.log('~mask.slice():', evaluate('~m', { m: mask.slice() }), 'as 0/1 (int32):', evaluate('where(mask, 1, 0)', { mask }));
