// The core issue's two figures: the seed polynomial at 1e7 vs a hand-written loop (one thread), and
// the cached call overhead of evaluate on 16 elements.

import { evaluate, clearCaches } from '../src/index.js';
import { WORKLOADS, inputsFor } from './workloads.js';
import { measure, ratio, save } from './lib.js';

export async function coreSuite(): Promise<void> {
  const poly = WORKLOADS[0]!;
  const vars = inputsFor(poly, 1e7, false); // plain Float64Arrays, as a user's
  const out = new Float64Array(1e7);
  const small = inputsFor(poly, 16, false);
  const smallOut = new Float64Array(16);
  const m = await measure('core', [
    { name: 'hand loop 1e7', fn: () => poly.hand(vars, out) },
    { name: 'evaluate 1e7', fn: () => evaluate(poly.expr, vars, out, { singleThread: true }) },
    { name: 'evaluate 16', fn: () => evaluate(poly.expr, small, smallOut) },
    { name: 'hand loop 16', fn: () => poly.hand(small, smallOut) },
    {
      name: 'evaluate 16, cold (parse + compile)',
      fn: () => {
        clearCaches();
        evaluate(poly.expr, small, smallOut);
      },
    },
  ]);
  const r = m.get('evaluate 1e7')!.ms / m.get('hand loop 1e7')!.ms;
  const callMicros = m.get('evaluate 16')!.ms * 1000;
  console.log(`\npolynomial @ 1e7: fused ${m.get('evaluate 1e7')!.ms.toFixed(2)} ms, hand loop ${m.get('hand loop 1e7')!.ms.toFixed(2)} ms: ${ratio(r)} the hand loop`);
  const coldMicros = m.get('evaluate 16, cold (parse + compile)')!.ms * 1000;
  console.log(`evaluate() on 16 elements (cached): ${callMicros.toFixed(2)} µs per call (hand loop ${(m.get('hand loop 16')!.ms * 1000).toFixed(3)} µs)`);
  console.log(`cold call (parse, bind, optimize, plan, generate, new Function): ${coldMicros.toFixed(0)} µs — ${(coldMicros / callMicros).toFixed(0)}× a cached call`);
  save('core', [{ polynomialRatio: r, callMicros, coldMicros, handMs: m.get('hand loop 1e7')!.ms, fusedMs: m.get('evaluate 1e7')!.ms }]);
}
