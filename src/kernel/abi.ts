// The kernel contract between plan, backends and runtime. A backend turns a stage's Program (one
// fused loop) into a Kernel; the runtime only ever calls `run` over element ranges, on the calling
// thread or on workers, which rebuild kernels from their transferable recipe. Must not import the
// runtime: this file is what the runtime depends on, not the other way round.

import type { Program } from '../plan/program.js';
import type { Layout } from './layout.js';

/** A kernel argument: an array's data, a scalar value, or (strided kernels, first) the layout. */
export type Arg = number | bigint | ArrayBufferView | Layout;

/**
 * Which loop a stage needs. 'flat': every array operand is contiguous over the loop (args are the
 * params' data, element i at index i). 'strided': args[0] is a Layout and the others the params'
 * whole buffers; `steps` names each leaf's and the output's stride class along rows ('1' unit,
 * '0' broadcast, 's' any), so unit-stride rows index like a hand loop.
 */
export type Variant = { readonly kind: 'flat' } | { readonly kind: 'strided'; readonly steps: string };

export const FLAT: Variant = { kind: 'flat' };

export const variantKey = (v: Variant): string => (v.kind === 'flat' ? 'flat' : `strided:${v.steps}`);

/** What a backend is asked to build. Plain data: it also travels to workers inside recipes. */
export interface KernelSpec {
  readonly program: Program;
  readonly variant: Variant;
  /** The expression with vars renamed $0, $1… and the signature (a comment in generated code). */
  readonly header: string;
}

/** Enough to rebuild a kernel elsewhere (a worker): structured-cloneable. */
export type KernelRecipe =
  | { readonly backend: 'js'; readonly name: string; readonly source: string }
  | { readonly backend: 'closures'; readonly spec: KernelSpec }
  /** A Wasm module's bytes, instantiated against the same shared memory (which travels with it). */
  | { readonly backend: 'wasm'; readonly name: string; readonly spec: KernelSpec; readonly bytes: Uint8Array; readonly memory: WasmMemory; readonly staged?: boolean };

export type BackendName = KernelRecipe['backend'];

/** A shared WebAssembly.Memory, as much of it as fusexpr uses (the Node typings lack the Wasm JS API). */
export interface WasmMemory {
  readonly buffer: SharedArrayBuffer;
  grow(pages: number): number;
}

export interface Kernel {
  /** Process-wide id: workers cache revived kernels by it. */
  readonly id: number;
  /** Named after the signature (map_f8a_f8a__f8): profiles and stack traces say which kernel ran. */
  readonly name: string;
  readonly backend: BackendName;
  /** What explain() and the golden files show. */
  readonly source: string;
  readonly recipe: KernelRecipe;
  /**
   * Elements [start, end) of the loop. Map kernels write `out` (flat: at the element's index;
   * strided: where the layout says) and return undefined; reduce kernels ignore `out` and return
   * the range's partial (see ops/reductions.ts).
   */
  readonly run: (args: readonly Arg[], out: ArrayBufferView | null, start: number, end: number) => number | bigint | undefined;
}

export interface Backend {
  readonly name: BackendName;
  /** Usable in this environment (the JIT needs `new Function`). */
  available(): boolean;
  /** Its kernels address only the Wasm arena: the runtime picks it per call, never as a fallback. */
  readonly arenaOnly?: boolean;
  /** Whether it can build this program in this variant; the registry falls back to the next backend. */
  supports(spec: KernelSpec): boolean;
  prepare(spec: KernelSpec): Kernel;
  /** On a worker: the kernel a recipe describes, under the caller's id. */
  revive(recipe: KernelRecipe, id: number): Kernel;
}

let nextId = 1;
/** A fresh process-wide kernel id. */
export const newKernelId = (): number => nextId++;
