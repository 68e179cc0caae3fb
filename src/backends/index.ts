// The backend registry: every backend, in the 'auto' order. Adding a backend is a folder under
// backends/ and one line here; the runtime and the workers find kernels only through this file.

import type { Backend, BackendName, Kernel, KernelRecipe, KernelSpec } from '../kernel/abi.js';
import { jsBackend } from './js/index.js';
import { closuresBackend } from './closures/index.js';
import { wasmBackend } from './wasm/index.js';

export const BACKENDS: readonly Backend[] = [wasmBackend, jsBackend, closuresBackend];

export const BACKEND_NAMES = BACKENDS.map((b) => b.name) as readonly BackendName[];

export function backendByName(name: BackendName): Backend {
  const b = BACKENDS.find((x) => x.name === name);
  if (!b) throw new Error(`internal: no backend ${name}`);
  return b;
}

/** The first available backend of `preferred` then the 'auto' order that supports the spec. */
export function prepareKernel(spec: KernelSpec, preferred: BackendName): Kernel {
  const first = backendByName(preferred);
  if (first.available() && first.supports(spec)) return first.prepare(spec);
  for (const b of BACKENDS) if (b !== first && !b.arenaOnly && b.available() && b.supports(spec)) return b.prepare(spec);
  throw new Error(`internal: no backend supports ${spec.program.kind} kernels in the ${spec.variant.kind} variant`);
}

/** On a worker: rebuild a kernel from its recipe. */
export function reviveKernel(recipe: KernelRecipe, id: number): Kernel {
  return backendByName(recipe.backend).revive(recipe, id);
}
