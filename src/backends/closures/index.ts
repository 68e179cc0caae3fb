// The closures backend, for environments that ban `new Function` (CSP, --disallow-code-generation-
// from-strings): the same Program runs in interpret.ts. Slower than the JIT, same results; its
// recipe is the KernelSpec itself, so workers rebuild it without code generation.

import { newKernelId, type Backend, type Kernel, type KernelRecipe, type KernelSpec } from '../../kernel/abi.js';
import { kernelName } from '../js/emit.js';
import { buildRun } from './interpret.js';

function make(id: number, spec: KernelSpec): Kernel {
  const name = `closures_${spec.variant.kind === 'strided' ? 'strided_' : ''}${kernelName(spec.program)}`;
  return { id, name, backend: 'closures', source: `// ${name}: interpreted (closures backend), no generated source`, recipe: { backend: 'closures', spec }, run: buildRun(spec) };
}

export const closuresBackend: Backend = {
  name: 'closures',
  available: () => true,
  supports: () => true,
  prepare: (spec) => make(newKernelId(), spec),
  revive(recipe: KernelRecipe, id: number): Kernel {
    if (recipe.backend !== 'closures') throw new Error(`internal: the closures backend cannot revive a ${recipe.backend} kernel`);
    return make(id, recipe.spec);
  },
};
