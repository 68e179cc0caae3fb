// The diffusion step at 256²…2048²: naive, book-style in-place, numexpr-style, fused (1 and N
// threads) and a hand-written stencil, plus NumPy's in-place roll_add step and the book's numexpr
// update when python3-numexpr is installed. Ratios to the book-style in-place step and the hand loop.

import { getNumThreads, startThreads } from '../src/index.js';
import { initialGrid, stepNaive, stepInPlace, stepNumexprStyle, stepFused, stepHand } from '../examples/diffusion-lib.js';
import { measure, table, ratio, save, QUICK } from './lib.js';
import { python } from './peers.js';

export async function diffusionSuite(): Promise<void> {
  await startThreads();
  const threads = getNumThreads();
  const sizes = QUICK ? [256, 512] : [256, 512, 1024, 2048];
  const rows: Record<string, unknown>[] = [];
  const py = python({ diffusion: sizes, threads: [1, threads] });
  const printed: (string | number)[][] = [];
  for (const n of sizes) {
    const grid = initialGrid(n);
    const next = initialGrid(n).fill(0);
    const cases = [
      { name: 'in-place', fn: () => stepInPlace(grid, n, next) },
      { name: 'numexpr-style', fn: () => stepNumexprStyle(grid, n, next) },
      { name: 'fused 1T', fn: () => stepFused(grid, n, next, { singleThread: true }) },
      { name: `fused ${threads}T`, fn: () => stepFused(grid, n, next) },
      { name: 'hand loop', fn: () => stepHand(grid, n, next) },
    ];
    if (n <= 1024) cases.push({ name: 'naive', fn: () => void stepNaive(grid, n) });
    const m = await measure(`diffusion ${n}²`, cases, QUICK ? 0.25 : 0.75);
    const t = (k: string) => m.get(k)?.ms ?? NaN;
    const p = py?.diffusion.find((r: any) => r.size === n);
    rows.push({ size: n, threads, naiveMs: t('naive'), inPlaceMs: t('in-place'), numexprStyleMs: t('numexpr-style'), fused1Ms: t('fused 1T'), fusedNMs: t(`fused ${threads}T`), handMs: t('hand loop'), numpyInPlaceMs: p?.numpy_inplace ?? null, numpyNumexprMs: p?.[`numexpr${threads}`] ?? null });
    printed.push([`${n}²`, t('naive'), t('in-place'), t('numexpr-style'), t('fused 1T'), t(`fused ${threads}T`), t('hand loop'), p ? p.numpy_inplace : '—', p ? p[`numexpr${threads}`] : '—',
      ratio(t('in-place') / t('fused 1T')), ratio(t('fused 1T') / t('hand loop')), p ? ratio(p.numpy_inplace / t('fused 1T')) : '—']);
  }
  console.log(`\ndiffusion step, ms (medians); ${threads} threads\n`);
  console.log(table(['grid', 'naive', 'in-place', 'numexpr-style', 'fused 1T', `fused ${threads}T`, 'hand loop', 'numpy in-place', `numpy+numexpr ${threads}T`, 'in-place÷fused', 'fused÷hand', 'numpy÷fused'], printed));
  save('diffusion', rows);
}
