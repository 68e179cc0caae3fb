// Which backend runs each stage of a call, and why: what explain() reports. Mirrors the choice
// schedule.ts makes per job (flat kernels for contiguous operands, Wasm only there and only over
// fusexpr's memory); must not run, compile for a layout, or allocate anything.

import type { CompiledPlan } from '../pipeline.js';
import type { ResolvedOptions } from '../options.js';
import type { Param } from '../plan/program.js';
import { FLAT } from '../kernel/abi.js';
import { interleaved, leavesFlat } from '../kernel/variants.js';
import { backendByName } from '../backends/index.js';
import { wasmDeclines } from '../backends/wasm/index.js';
import { cStrides, type View } from '../types/shapes.js';
import { inferShapes, inputValues } from './prepare.js';
import { inMemory, isShared } from './shared.js';

export interface StageBackend {
  readonly stage: number;
  readonly backend: string;
  readonly why: string;
}

/** Each stage's backend for these vars (a real plan; complex parts are described by the caller). */
export function stageBackends(c: CompiledPlan, vars: Readonly<Record<string, unknown>>, opts: ResolvedOptions): StageBackend[] {
  const other = opts.backend;
  const { plan } = c;
  const values = inputValues(plan, vars);
  const { shapes, loopShapes } = inferShapes(plan, values);
  const arrays = plan.inputs.flatMap((info, i) => (info.kind === 'array' ? [{ name: info.name, data: (values[i] as View).data }] : []));
  const outside = arrays.filter((a) => !inMemory(a.data));
  const inArenaMemory = arrays.length > 0 && outside.length === 0;
  // a stage's inputs as the runtime sees them: the vars' views, and earlier stages' contiguous results
  const leafView = (p: Param): View | undefined =>
    p.kind === 'array' ? (values[p.input] as View) : p.kind === 'stage' && p.rank > 0 ? { data: undefined as never, shape: shapes[p.stage]!, stride: cStrides(shapes[p.stage]!), offset: 0 } : undefined;
  return plan.stages.map((s, stage) => {
    if (!opts.wasm) return { stage, backend: other, why: backendByName('wasm').available() ? `options chose ${other}` : 'WebAssembly SIMD or shared memory is unavailable here' };
    if (interleaved(s)) return { stage, backend: other, why: 'the stage reads complex vars in place (every other element), which Wasm kernels do not' };
    const flat = !s.transformed && leavesFlat(s, leafView, loopShapes[stage]!);
    if (!inArenaMemory) {
      if (flat && s.kind === 'map' && c.kernels.staged(stage)) return { stage, backend: 'wasm', why: 'the arrays are not in fusexpr memory, but the kernel is heavy enough to pay for staging its blocks through Wasm scratch' };
      return { stage, backend: other, why: notInMemory(outside) };
    }
    if (!flat && !s.transformed) {
      const reduced = s.kind === 'reduce' ? ' (it writes the operand to a contiguous temporary, reduced after)' : '';
      return { stage, backend: other, why: `wasm declines: strided, broadcast or reversed operands (Wasm runs contiguous ones only): the ${other} backend's strided kernel runs${reduced}` };
    }
    const part = s.transformed && s.kind === 'reduce' ? 'operand' : 'stage';
    const why = wasmDeclines(c.kernels.spec(stage, part, FLAT));
    return why ? { stage, backend: other, why: `wasm declines: ${why}` } : { stage, backend: 'wasm', why: 'arrays in fusexpr memory and the stage is supported' };
  });
}

/**
 * Why Wasm cannot address the call's arrays, and how to move them: toShared copies a plain array
 * into fusexpr's memory, but returns a SharedArrayBuffer-backed one as it is.
 */
function notInMemory(outside: readonly { name: string; data: ArrayBufferView }[]): string {
  const q = (a: { name: string }) => `'${a.name}'`;
  const sab = outside.filter((a) => isShared(a.data));
  const plain = outside.filter((a) => !isShared(a.data));
  const parts = [];
  if (plain.length) parts.push(`copy ${plain.map(q).join(', ')} in with toShared(${plain[0]!.name}), or allocate ${plain.length === 1 ? 'it' : 'them'} with empty/zeros/full`);
  if (sab.length) parts.push(`${sab.map(q).join(', ')} ${sab.length === 1 ? 'is' : 'are'} in a SharedArrayBuffer of its own, which toShared() returns as it is: copy into fusexpr memory with const c = empty(dtype, ${sab[0]!.name}.length); c.set(${sab[0]!.name})`);
  const names = outside.map(q).join(', ');
  return outside.length ? `${names} ${outside.length === 1 ? 'is' : 'are'} not in fusexpr memory: Wasm cannot address ${outside.length === 1 ? 'it' : 'them'} (${parts.join('; ')})` : 'no array input: Wasm kernels run over arrays in fusexpr memory';
}
