// The book's 2-D diffusion (periodic boundaries, D = 1, dt = 0.1, a square block of dye) written four
// ways, plus a hand-written single-loop stencil. Shared by examples/diffusion.ts and bench/diffusion.ts.


import { evaluate, empty } from 'fusexpr';

export const D = 1;
export const DT = 0.1;
export const STENCIL = 'grid + D*dt*(roll(grid,1,0) + roll(grid,-1,0) + roll(grid,1,1) + roll(grid,-1,1) - 4*grid)';

/** The book's initial condition: a block of 0.005 from 40% to 50% of each side. Shared memory, so threads can use it. */
export function initialGrid(n: number): Float64Array {
  const g = empty('float64', n * n);
  const lo = Math.floor(n * 0.4);
  const hi = Math.floor(n * 0.5);
  for (let i = lo; i < hi; i++) for (let j = lo; j < hi; j++) g[i * n + j] = 0.005;
  return g;
}

/** np.roll(g, shift, axis) into a new array. */
function rollNew(g: Float64Array, n: number, shift: number, axis: 0 | 1): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const si = axis === 0 ? (i - shift + n) % n : i;
      const sj = axis === 1 ? (j - shift + n) % n : j;
      out[i * n + j] = g[si * n + sj]!;
    }
  }
  return out;
}
const add = (a: Float64Array, b: Float64Array) => a.map((v, i) => v + b[i]!);
const scale = (a: Float64Array, s: number) => a.map((v) => v * s);

/** 1. naive: every operation a new full-size array, as numpy code written plainly. */
export function stepNaive(grid: Float64Array, n: number): Float64Array {
  const lap = add(add(add(rollNew(grid, n, 1, 0), rollNew(grid, n, -1, 0)), add(rollNew(grid, n, 1, 1), rollNew(grid, n, -1, 1))), scale(grid, -4));
  return add(grid, scale(lap, D * DT));
}

/** The book's roll_add: out += roll(rollee, shift, axis), in place, no temporary. */
function rollAdd(rollee: Float64Array, n: number, shift: number, axis: 0 | 1, out: Float64Array): void {
  if (axis === 0) {
    for (let i = 0; i < n; i++) {
      const src = ((i - shift) % n + n) % n;
      for (let j = 0; j < n; j++) out[i * n + j] += rollee[src * n + j]!;
    }
  } else {
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i * n + j] += rollee[i * n + (((j - shift) % n) + n) % n]!;
  }
}

function laplacianInPlace(grid: Float64Array, n: number, out: Float64Array): void {
  for (let i = 0; i < n * n; i++) out[i] = -4 * grid[i]!;
  rollAdd(grid, n, 1, 0, out);
  rollAdd(grid, n, -1, 0, out);
  rollAdd(grid, n, 1, 1, out);
  rollAdd(grid, n, -1, 1, out);
}

/** 2. book-style: laplacian by in-place roll_adds, then in-place scale and add. */
export function stepInPlace(grid: Float64Array, n: number, next: Float64Array): void {
  laplacianInPlace(grid, n, next);
  for (let i = 0; i < n * n; i++) next[i] = next[i]! * D * DT + grid[i]!;
}

/** 3. numexpr-style: laplacian by rolls, then the update fused by fusexpr (numexpr cannot index neighbours). */
export function stepNumexprStyle(grid: Float64Array, n: number, next: Float64Array): void {
  laplacianInPlace(grid, n, next);
  evaluate('next_grid*D*dt + grid', { next_grid: next, grid, D, dt: DT }, next);
}

/** 4. fusexpr: the whole step, one fused stencil kernel (threads when there are several). */
export function stepFused(grid: Float64Array, n: number, next: Float64Array, options?: { singleThread?: boolean }): void {
  evaluate(STENCIL, { grid: { data: grid, shape: [n, n] }, D, dt: DT }, { data: next, shape: [n, n] }, options);
}

/** A hand-written single-loop stencil: the speed of light for one thread. */
export function stepHand(g: Float64Array, n: number, out: Float64Array): void {
  const k = D * DT;
  for (let i = 0; i < n; i++) {
    const up = (i === 0 ? n - 1 : i - 1) * n;
    const dn = (i === n - 1 ? 0 : i + 1) * n;
    const row = i * n;
    for (let j = 0; j < n; j++) {
      const l = j === 0 ? n - 1 : j - 1;
      const r = j === n - 1 ? 0 : j + 1;
      const c = g[row + j]!;
      out[row + j] = c + k * (g[up + j]! + g[dn + j]! + g[row + l]! + g[row + r]! - 4 * c);
    }
  }
}

/** Largest relative difference between two grids. */
export function maxRelativeDifference(a: Float64Array, b: Float64Array): number {
  let worst = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) scale = Math.max(scale, Math.abs(b[i]!));
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return scale === 0 ? worst : worst / scale;
}
