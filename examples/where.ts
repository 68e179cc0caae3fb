// Conditions: comparisons give bool arrays (Uint8Array), where() selects, & | ~ combine.
import { evaluate } from 'fusexpr';

const n = Number(process.argv[2] ?? 8);
const a = new Float64Array(n).map((_, i) => i - n / 2);
const b = new Float64Array(n).fill(-1);
console.log(evaluate('where(a > 0, sqrt(a), -b)', { a, b }));
const mask = evaluate('(a > -2) & ~(a == 1)', { a });
console.log('mask:', mask, '→ where(mask, a, nan):', evaluate('where(mask, a, nan)', { mask, a }));
console.log('clip:', evaluate('clip(a, -1, 1)', { a }));
