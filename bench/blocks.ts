// Block-size sweep: elements per kernel call, for a memory-bound and a compute-bound workload at 1e7,
// one thread. Chose DEFAULT_BLOCK_SIZE (src/runtime/drivers.ts).

import { evaluate } from '../src/index.js';
import { WORKLOADS, inputsFor, sharedOut } from './workloads.js';
import { measure, table, ratio, save, QUICK } from './lib.js';

export async function blocksSuite(): Promise<void> {
  const n = QUICK ? 1e6 : 1e7;
  const rows: Record<string, unknown>[] = [];
  const printed: (string | number)[][] = [];
  for (const w of WORKLOADS.filter((x) => x.name === 'a*b+c' || x.name === 'polynomial')) {
    const vars = inputsFor(w, n);
    const out = sharedOut(n);
    const sizes = [256, 1024, 4096, 16384, 65536, n];
    const m = await measure(`blocks ${w.name}`, [
      { name: 'hand loop', fn: () => w.hand(vars, out) },
      ...sizes.map((bs) => ({ name: `block ${bs}`, fn: () => evaluate(w.expr, vars, out, { singleThread: true, blockSize: bs }) })),
    ]);
    const hand = m.get('hand loop')!.ms;
    for (const bs of sizes) {
      const t = m.get(`block ${bs}`)!.ms;
      rows.push({ workload: w.name, size: n, blockSize: bs, ms: t, handMs: hand });
      printed.push([w.name, bs === n ? `${bs} (one call)` : bs, t, ratio(t / hand)]);
    }
  }
  console.log(`\nblock size sweep @ ${n} elements, 1 thread (ratio to the hand loop)\n`);
  console.log(table(['workload', 'block size', 'ms', '÷ hand'], printed));
  save('blocks', rows);
}
