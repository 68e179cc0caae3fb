// Writing into `out`, in place, and into views: fusexpr detects overlaps that would corrupt results.
import { evaluate } from 'fusexpr';

const n = Number(process.argv[2] ?? 10);
const grid = new Float64Array(n).map((_, i) => i);
const next = new Float64Array(n).fill(1);
evaluate('next_grid*D*dt + grid', { next_grid: next, grid, D: 1, dt: 0.1 }, next); // out aliases an input
console.log('in place:', Array.from(next.slice(0, 4)));
// partial overlap: out is the same memory shifted by one element — handled with a scratch buffer
const buf = new Float64Array(n).map((_, i) => i);
evaluate('a * 10', { a: buf.subarray(0, n - 1) }, buf.subarray(1));
console.log('shifted overlap:', Array.from(buf.slice(0, 4)));
// out of another dtype, as casting allows
const i32 = new Int32Array(n);
evaluate('grid * 2.7', { grid }, i32, { casting: 'unsafe' });
console.log('into Int32Array (unsafe casting):', Array.from(i32.slice(0, 4)));
