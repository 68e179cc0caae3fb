// The browser worker entry: a 'start' message makes it a resident (counted in RESIDENTS), jobs run
// as their messages arrive (a late job finds no blocks left), and SHUTDOWN on the control block,
// watched with Atomics.waitAsync, makes it say 'stopped' and close.

import { workerCore } from '../worker.js';
import { CTL, SLOT, type FromWorker, type ToWorker } from '../protocol.js';

interface WorkerScope {
  postMessage(message: unknown): void;
  close(): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}
const scope = globalThis as unknown as WorkerScope;

let ctl: Int32Array | undefined;
let who = 0;
let core: ReturnType<typeof workerCore> | undefined;

async function watchShutdown(c: Int32Array): Promise<void> {
  for (;;) {
    if (Atomics.load(c, CTL.SHUTDOWN)) break;
    const g = Atomics.load(c, CTL.GEN);
    const r = Atomics.waitAsync(c, CTL.GEN, g);
    if (r.async) await r.value;
  }
  Atomics.sub(c, CTL.RESIDENTS, 1);
  scope.postMessage({ type: 'stopped' });
  scope.close();
}

scope.addEventListener('message', (e) => {
  const m = e.data as ToWorker | { type: 'start'; control: SharedArrayBuffer; index: number };
  if (m.type === 'start') {
    ctl = new Int32Array(m.control);
    who = m.index + 1;
    core = workerCore(m.index, {
      receive: () => undefined,
      send: (message: FromWorker) => scope.postMessage(message),
      exit: () => {
        scope.close();
        throw new Error('worker exit (injected fault)');
      },
    });
    Atomics.store(ctl, CTL.SLOTS + m.index, SLOT.RUNNING);
    Atomics.add(ctl, CTL.RESIDENTS, 1);
    void watchShutdown(ctl);
    return;
  }
  const job = core?.accept(m);
  if (job && ctl && !Atomics.load(ctl, CTL.SHUTDOWN)) core!.run(job, who, ctl);
});
