// Browser threads: one module Web Worker per slot (browser-worker.ts), messages through postMessage.
// SharedArrayBuffer exists only on cross-origin isolated pages; elsewhere threadsUnavailable says so
// and evaluation runs single-threaded. A page's main thread may not Atomics.wait: wait() spins.

import type { FromWorker } from '../protocol.js';
import type { Platform, Threads, WorkerLink } from './platform.js';
import { WORKER_SOURCE } from './browser-worker-source.js';

/** What this module needs of the DOM's Worker (the package's types must not require lib "dom"). */
interface WebWorker {
  postMessage(message: unknown): void;
  terminate(): void;
  addEventListener(type: 'message' | 'error', listener: (event: { data?: unknown }) => void): void;
}
type WorkerConstructor = new (url: string | URL, options: { type: 'module'; name?: string }) => WebWorker;
const host = globalThis as unknown as {
  Worker?: WorkerConstructor;
  crossOriginIsolated?: boolean;
  navigator?: { hardwareConcurrency?: number };
  document?: unknown;
  URL: { createObjectURL(blob: unknown): string };
  Blob: new (parts: string[], options: { type: string }) => unknown;
};

let workerUrl: string | URL | undefined;
function workerScript(): string | URL {
  workerUrl ??= WORKER_SOURCE !== undefined
    ? host.URL.createObjectURL(new host.Blob([WORKER_SOURCE], { type: 'text/javascript' }))
    : new URL('./browser-worker.js', import.meta.url);
  return workerUrl;
}

/** Messages a browser worker sends besides FromWorker: its resident loop stopped. */
export interface StoppedMessage {
  readonly type: 'stopped';
}

function startThreads(workers: number): Threads {
  const deathListeners: (() => void)[] = [];
  const slots = Array.from({ length: workers }, (_, slot) => {
    const worker = new host.Worker!(workerScript(), { type: 'module', name: `fusexpr-${slot}` });
    const inbox: FromWorker[] = [];
    let stopped: (() => void) | undefined;
    let died: ((e: unknown) => void) | undefined;
    worker.addEventListener('message', (e) => {
      const m = e.data as FromWorker | StoppedMessage;
      if (m.type === 'stopped') stopped?.();
      else inbox.push(m);
    });
    worker.addEventListener('error', (e) => {
      died?.(e);
      for (const l of deathListeners) l();
    });
    const link: WorkerLink = { post: (m) => worker.postMessage(m), receive: () => inbox.shift(), close: () => undefined };
    const done = () => new Promise((resolve, reject) => ((stopped = () => resolve(undefined)), (died = reject)));
    return { worker, link, done };
  });
  return {
    start(slot, control) {
      const s = slots[slot]!;
      const done = s.done();
      s.worker.postMessage({ type: 'start', control, index: slot });
      return { link: s.link, done };
    },
    onDeath: (listener) => void deathListeners.push(listener),
    async destroy() {
      for (const s of slots) s.worker.terminate();
    },
  };
}

const onMainThread = () => host.document !== undefined;

export const browserPlatform: Platform = {
  name: 'browser',
  cores: () => host.navigator?.hardwareConcurrency ?? 1,
  env: () => undefined,
  threadsUnavailable() {
    if (typeof SharedArrayBuffer === 'undefined' || host.crossOriginIsolated === false) {
      return 'SharedArrayBuffer is unavailable: the page is not cross-origin isolated (serve it with Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp); running single-threaded';
    }
    if (host.Worker === undefined) return 'Web Workers are unavailable here; running single-threaded';
    return undefined;
  },
  startThreads,
  wait(a, index, value, ms) {
    if (!onMainThread()) {
      Atomics.wait(a, index, value, ms);
      return;
    }
    const until = performance.now() + ms;
    while (Atomics.load(a, index) === value && performance.now() < until);
  },
  yieldNow: () => new Promise((resolve) => setTimeout(resolve, 0)),
  every(ms, f) {
    const t = setInterval(f, ms);
    return () => clearInterval(t);
  },
};
