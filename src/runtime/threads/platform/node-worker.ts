// The worker entry piscina loads on Node: one resident loop per task, messages read synchronously
// from the slot's port.

import { receiveMessageOnPort } from 'node:worker_threads';
import { resident } from '../worker.js';
import type { ToWorker } from '../protocol.js';
import type { ResidentTask } from './node.js';

export default function nodeResident(task: ResidentTask): number {
  return resident(task.control, task.index, {
    receive: () => receiveMessageOnPort(task.port)?.message as ToWorker | undefined,
    send: (m) => task.port.postMessage(m),
    exit: () => process.exit(1),
  });
}
