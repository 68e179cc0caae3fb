// The JS backend: a Program becomes JavaScript source (emit.ts) compiled once with `new Function`
// (compile.ts) — a real JIT: V8 optimizes each fused loop like a hand-written one. Supports every
// program and variant; unavailable where code generation from strings is banned.

import { newKernelId, type Backend, type Kernel, type KernelRecipe, type KernelSpec } from '../../kernel/abi.js';
import { emit, kernelName } from './emit.js';
import { compileSource, jitAvailable } from './compile.js';

function make(id: number, name: string, source: string): Kernel {
  return { id, name, backend: 'js', source, recipe: { backend: 'js', name, source }, run: compileSource(source) };
}

export const jsBackend: Backend = {
  name: 'js',
  available: jitAvailable,
  supports: () => true,
  prepare(spec: KernelSpec): Kernel {
    const strided = spec.variant.kind === 'strided';
    return make(newKernelId(), `${strided ? 'strided_' : ''}${kernelName(spec.program)}`, emit(spec));
  },
  revive(recipe: KernelRecipe, id: number): Kernel {
    if (recipe.backend !== 'js') throw new Error(`internal: the js backend cannot revive a ${recipe.backend} kernel`);
    return make(id, recipe.name, recipe.source);
  },
};
