// Fused vs unfused vs optimize 'none' vs a hand-written loop, for the seed workloads at 1e3…1e7
// (one thread, so the hand loop is a fair baseline). Also 2*a + b**10 with Math.pow, the cost that
// power expansion removes. Every figure is a ratio to the hand loop measured in the same run.

import { evaluate } from '../src/index.js';
import { WORKLOADS, inputsFor, sharedOut } from './workloads.js';
import { measure, table, ratio, save, sizeLabel, QUICK } from './lib.js';

export async function fusionSuite(): Promise<void> {
  const sizes = QUICK ? [1e3, 1e5, 1e6] : [1e3, 1e5, 1e6, 1e7];
  const rows: Record<string, unknown>[] = [];
  const printed: (string | number)[][] = [];
  for (const w of WORKLOADS) {
    for (const n of sizes) {
      const vars = inputsFor(w, n);
      const out = sharedOut(n);
      const one = { singleThread: true };
      const cases = [
        { name: 'hand loop', fn: () => w.hand(vars, out) },
        { name: 'fused', fn: () => evaluate(w.expr, vars, out, one) },
        { name: 'unfused', fn: () => evaluate(w.expr, vars, out, { ...one, fusion: false }) },
        { name: "optimize 'none'", fn: () => evaluate(w.expr, vars, out, { ...one, optimize: 'none' }) },
      ];
      if (w.name === '2*a+b**10') {
        cases.push({
          name: 'hand loop, Math.pow',
          fn: () => {
            const { a, b } = vars;
            for (let i = 0; i < n; i++) out[i] = 2 * a![i]! + Math.pow(b![i]!, 10);
          },
        });
      }
      const m = await measure(`${w.name} @ ${sizeLabel(n)}`, cases);
      const hand = m.get('hand loop')!.ms;
      const fused = m.get('fused')!.ms;
      const unfused = m.get('unfused')!.ms;
      const none = m.get("optimize 'none'")!.ms;
      const pow = m.get('hand loop, Math.pow')?.ms;
      rows.push({ workload: w.name, size: n, handMs: hand, fusedMs: fused, unfusedMs: unfused, noneMs: none, powMs: pow ?? null });
      printed.push([w.name, sizeLabel(n), hand, ratio(fused / hand), ratio(unfused / hand), ratio(none / hand), ratio(unfused / fused), pow ? ratio(pow / fused) : '']);
    }
  }
  console.log('\nfused vs unfused vs optimize none, as time ÷ hand-written loop (lower is better), 1 thread\n');
  console.log(table(['workload', 'size', 'hand ms', 'fused', 'unfused', "opt 'none'", 'unfused÷fused', 'Math.pow÷fused'], printed));
  save('fusion', rows);
}
