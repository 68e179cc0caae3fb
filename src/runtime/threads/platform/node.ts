// Node's threads: piscina owns the worker_threads (start, errors, shutdown); each slot's resident
// loop gets a MessageChannel read synchronously with receiveMessageOnPort. The worker entry is
// node-worker.ts from source (through tsx) and dist/worker.js next to the bundle.

import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { FromWorker } from '../protocol.js';
import type { Platform, Threads, WorkerLink } from './platform.js';

/** The task piscina runs on a worker: one resident loop for `index`. */
export interface ResidentTask {
  readonly control: SharedArrayBuffer;
  readonly port: MessagePort;
  readonly index: number;
}

const here = import.meta.url;
const fromSource = here.endsWith('.ts');
// Under tsx/vitest this module is TypeScript: the worker then loads node-worker.ts through tsx.
const workerFile = new URL(fromSource ? './node-worker.ts' : './worker.js', here);
const workerExecArgv = fromSource ? ['--import', 'tsx'] : [];

function startThreads(workers: number): Threads {
  const piscina = new Piscina({
    filename: workerFile.href,
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: Infinity,
    execArgv: workerExecArgv,
    atomics: 'disabled',
  });
  return {
    start(slot, control) {
      // a port can be transferred once: each start gets a fresh channel for its slot
      const { port1, port2: port } = new MessageChannel();
      port1.unref();
      const task: ResidentTask = { control, port, index: slot };
      const link: WorkerLink = {
        post: (m) => port1.postMessage(m),
        receive: () => receiveMessageOnPort(port1)?.message as FromWorker | undefined,
        close: () => port1.close(),
      };
      return { link, done: piscina.run(task, { transferList: [port] as never }) };
    },
    onDeath: (listener) => void piscina.on('error', listener),
    destroy: () => piscina.destroy(),
  };
}

export const nodePlatform: Platform = {
  name: 'node',
  cores: () => availableParallelism(),
  env: (name) => process.env[name],
  threadsUnavailable() {
    // a bundler that inlined fusexpr into another file leaves the worker entry behind
    if (workerFile.protocol === 'file:' && !existsSync(fileURLToPath(workerFile))) {
      return `the worker entry ${fileURLToPath(workerFile)} is missing (copy fusexpr's dist/worker.js next to the bundle); running single-threaded`;
    }
    return undefined;
  },
  startThreads,
  wait: (a, index, value, ms) => void Atomics.wait(a, index, value, ms),
  yieldNow: () => new Promise((resolve) => setImmediate(resolve)),
  every(ms, f) {
    const t = setInterval(f, ms);
    t.unref();
    return () => clearInterval(t);
  },
};
