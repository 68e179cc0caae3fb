// Which kernel a stage needs, and the per-plan cache of them. A stage runs flat when every array
// operand is contiguous over its loop, else strided (views, broadcasting, roll/shift) with a Layout
// built here from the operands' views; a reduce stage whose operand is not flat first materializes
// its operand (operandProgram), then reduces that contiguous array (contiguousReduction).

import type { DType } from '../types/dtypes.js';
import { broadcastStrides, isContiguousOver, type View } from '../types/shapes.js';
import { isLeaf, type Param, type Program } from '../plan/program.js';
import type { ReductionName } from '../ops/registry.js';
import { prepareKernel } from '../backends/index.js';
import { prepareStaged, wasmBackend } from '../backends/wasm/index.js';
import { FLAT, variantKey, type BackendName, type Kernel, type KernelSpec, type Variant } from './abi.js';
import type { Layout, LeafLayout } from './layout.js';

/** A reduce stage's operand as a map program (to materialize it before an axis or strided reduction). */
export function operandProgram(p: Program): Program {
  return { ...p, kind: 'map', reduce: undefined, axes: undefined, keepdims: undefined, outputDtype: p.resultDtype, rank: p.argRank ?? 0 };
}

/** The kernels of one compiled plan: per stage, per part (the stage, or a reduce stage's operand), per variant. */
export class PlanKernels {
  private readonly cache = new Map<string, Kernel>();
  constructor(
    private readonly stages: readonly Program[],
    private readonly header: string,
    /** The backend for operands outside the arena (js or closures). */
    readonly backend: BackendName,
    /** Whether calls whose operands all live in the arena use the Wasm backend (where it supports the stage). */
    readonly wasm = false,
    /** Plain arrays may stage kernels with vector-math functions (results within 2 ulp, not Math.*'s bits). */
    readonly wasmMath = false,
  ) {}

  /** Per stage, its flat kernel: the small-call hot path reads it without building a key. */
  private readonly flats: Kernel[] = [];
  /** Per stage, its Wasm flat kernel, or null where Wasm declines it (the plain kernel serves). */
  private readonly wasmFlats: (Kernel | null)[] = [];

  /** The kernel for a stage part; `arena`: every operand and out are arena arrays (then Wasm where enabled). */
  get(stage: number, part: 'stage' | 'operand' | 'pair', variant: Variant = FLAT, arena = false): Kernel {
    if (arena && this.wasm && variant.kind === 'flat' && part !== 'pair') {
      if (part === 'stage') {
        let w = this.wasmFlats[stage];
        if (w === undefined) this.wasmFlats[stage] = w = this.wasmKernel(stage, part);
        if (w) return w;
      } else {
        const key = `${stage}:${part}:wasm`;
        let w = this.cache.get(key);
        if (!w && !this.cache.has(`${key}:declined`)) {
          const k = this.wasmKernel(stage, part);
          if (k) this.cache.set(key, (w = k));
          else this.cache.set(`${key}:declined`, undefined as unknown as Kernel);
        }
        if (w) return w;
      }
    }
    if (part === 'stage' && variant.kind === 'flat') return (this.flats[stage] ??= this.build(stage, part, variant, this.backend));
    const key = `${stage}:${part}:${variantKey(variant)}`;
    let k = this.cache.get(key);
    if (!k) this.cache.set(key, (k = this.build(stage, part, variant, this.backend)));
    return k;
  }

  /** The Wasm kernel of a stage part, or null where the backend declines it (no second JS kernel is built). */
  private wasmKernel(stage: number, part: 'stage' | 'operand'): Kernel | null {
    const spec = this.spec(stage, part, FLAT);
    if (interleaved(spec.program)) return null;
    return wasmBackend.available() && wasmBackend.supports(spec) ? wasmBackend.prepare(spec) : null;
  }

  private readonly stagedFlats: (Kernel | null)[] = [];
  /**
   * For plain arrays when Wasm is on: the stage's Wasm map kernel staging blocks through scratch
   * (worth it for heavy kernels only: the runtime asks when the cost model says so), or undefined.
   */
  staged(stage: number): Kernel | undefined {
    if (!this.wasm) return undefined;
    let k = this.stagedFlats[stage];
    if (k === undefined) this.stagedFlats[stage] = k = (!interleaved(this.stages[stage]!) && prepareStaged(this.spec(stage, 'stage', FLAT), this.wasmMath)) || null;
    return k ?? undefined;
  }

  /** The spec of a stage part (explain() asks the Wasm backend why it declines one). 'pair': a complex product's other part, materialized beside the operand. */
  spec(stage: number, part: 'stage' | 'operand' | 'pair', variant: Variant = FLAT): KernelSpec {
    const base = this.stages[stage]!;
    const program = part === 'operand' ? operandProgram(base) : part === 'pair' ? base.pair!.other : base;
    return { program, variant, header: this.header };
  }

  private build(stage: number, part: 'stage' | 'operand' | 'pair', variant: Variant, backend: BackendName): Kernel {
    return prepareKernel(this.spec(stage, part, variant), backend);
  }
}

/** The reduction of one contiguous array (a materialized operand), cached per type and backend. */
const contiguous = new Map<string, Kernel>();
export function contiguousReduction(op: ReductionName, operand: DType, output: DType, storage: string, backend: BackendName, complexPart = false): Kernel {
  const key = `${op}:${operand}:${output}:${storage}:${backend}${complexPart ? ':c' : ''}`;
  let k = contiguous.get(key);
  if (!k) {
    const program: Program = {
      kind: 'reduce', reduce: op, argRank: 1, axes: null, complexPart, transformed: false,
      params: [{ kind: 'array', input: -1, dtype: operand, storage, rank: 1 }],
      instrs: [], result: { kind: 'param', index: 0 }, resultDtype: operand, outputDtype: output, rank: 0,
    };
    k = prepareKernel({ program, variant: FLAT, header: `${op}($0)` }, backend);
    contiguous.set(key, k);
  }
  return k;
}

/** The flat kernel reads interleaved complex data or stores it (Wasm kernels read neither). */
export const interleaved = (p: Program): boolean => p.im !== undefined || p.params.some((q) => q.kind === 'array' && q.part !== undefined);

/**
 * Every array operand is contiguous over the loop shape (no broadcasting, no strides, no transforms);
 * a complex var's plane is flat when the var is (its (re, im) pairs contiguous).
 */
export function leavesFlat(program: Program, leafView: (p: Param) => View | undefined, loop: readonly number[]): boolean {
  for (const p of program.params) {
    if (p.kind === 'ones') return false;
    if (p.kind === 'scalar' || !isLeaf(p)) continue;
    if (p.transforms?.length) return false;
    const v = leafView(p)!;
    if (v.shape.length !== loop.length || v.shape.some((x, d) => x !== loop[d])) return false;
    if (!(p.kind === 'array' && p.part ? pairsContiguous(v, loop) : isContiguousOver(v.stride, loop))) return false;
  }
  return true;
}

/** A plane view (plan/splitComplex.ts: strides doubled) whose complex elements are contiguous over the loop. */
export const pairsContiguous = (v: View, loop: readonly number[]): boolean => isContiguousOver(v.stride.map((s) => s / 2), loop);

/** Where each leaf's elements live for the loop shape, and where results go. */
export function layoutOf(program: Program, leafView: (p: Param) => View | undefined, loop: readonly number[], dest: View): Layout {
  const rank = loop.length;
  const leaves: LeafLayout[] = [];
  for (const p of program.params) {
    if (p.kind === 'scalar' || !isLeaf(p)) continue;
    const v = leafView(p);
    const leafRank = v ? v.shape.length : p.rank;
    const transforms = (p.transforms ?? []).map((x) => ({ ...x, axis: x.axis + (rank - leafRank) }));
    if (!v) leaves.push({ offset: 0, strides: new Array<number>(rank).fill(0), transforms });
    else leaves.push({ offset: v.offset, strides: broadcastStrides(v, loop), transforms });
  }
  const outStrides = dest.shape.length === 0 ? new Array<number>(rank).fill(0) : dest.stride;
  return { shape: loop, leaves, outOffset: dest.offset, outStrides };
}

/** The strided variant for a layout: each leaf's and the output's stride class along rows. */
export function stridedVariant(layout: Layout): Variant {
  const last = layout.shape.length - 1;
  const cls = (st: number) => (st === 1 ? '1' : st === 0 ? '0' : 's');
  const steps = last < 0 ? '' : layout.leaves.map((l) => cls(l.strides[last]!)).join('') + cls(layout.outStrides[last]!);
  return { kind: 'strided', steps };
}
