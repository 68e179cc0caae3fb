// The plan's contract types: a Plan is an ordered list of stages, each one fused loop (a Program of
// SSA instructions). Reductions are stages of their own whose scalar feeds later stages; unfused
// plans have one stage per op with full-size temporaries between them.

import { DTYPE_INFO, type DType } from '../types/dtypes.js';
import type { ReductionName } from '../ops/registry.js';
import type { InputInfo, Transform } from '../bind/typed.js';

export type Operand =
  | { readonly kind: 'const'; readonly value: number | bigint; readonly dtype: DType }
  | { readonly kind: 'param'; readonly index: number }
  | { readonly kind: 'temp'; readonly id: number };

export interface Instr {
  readonly id: number;
  readonly op: string;
  /** The dtype the emitter is chosen by (the common operand dtype; for where, the branches'). */
  readonly operandDtype: DType;
  readonly args: readonly Operand[];
  readonly dtype: DType;
  /** True when the value differs per element (reads an array, directly or not). */
  readonly varying: boolean;
  /** Computed once per call, before the loop (set by hoistInvariants). */
  readonly hoisted: boolean;
}

export type Param =
  /**
   * `part`: the var is one plane of a complex var (splitComplex). Flat kernels get the interleaved
   * (re, im) data and read element i at 2i (re) or 2i + 1 (im); strided kernels read the plane's view.
   */
  | { readonly kind: 'array'; readonly input: number; readonly dtype: DType; readonly storage: string; readonly rank: number; readonly transforms?: readonly Transform[]; readonly part?: 're' | 'im' }
  | { readonly kind: 'scalar'; readonly input: number; readonly dtype: DType }
  | { readonly kind: 'stage'; readonly stage: number; readonly dtype: DType; readonly rank: number; readonly transforms?: readonly Transform[] }
  /** The shift mask: 1 where every transform is in bounds. Reads no memory. */
  | { readonly kind: 'ones'; readonly dtype: 'bool'; readonly rank: number; readonly transforms: readonly Transform[] };

/** Params read per element: arrays, array stage results and masks (the leaves of a strided layout). */
export const isLeaf = (p: Param): boolean => p.kind === 'array' || p.kind === 'ones' || (p.kind === 'stage' && p.rank > 0);

export interface Program {
  readonly kind: 'map' | 'reduce';
  readonly reduce?: ReductionName;
  /** Reduce stages: the rank of what is reduced (0: a scalar, reduced over one element). */
  readonly argRank?: number;
  /** Reduce stages: the axes reduced (sorted), or null for all. */
  readonly axes?: readonly number[] | null;
  /** Reduce stages: the reduced axes stay with length 1 (the stage's rank is its operand's). */
  readonly keepdims?: boolean;
  /** Reduce stages: the operand is one part of complex values (ops/reductions.ts's complex pairwise). */
  readonly complexPart?: boolean;
  /** Complex products: the other part's operand (a map program) and which part this stage keeps. */
  readonly pair?: { readonly other: Program; readonly take: 're' | 'im' };
  /** Some leaf has roll/shift transforms: only the strided kernel can run this program. */
  readonly transformed: boolean;
  readonly params: readonly Param[];
  readonly instrs: readonly Instr[];
  readonly result: Operand;
  /**
   * Map stages of a complex result (plan/joinComplex.ts): `result` is the real part and `im` the
   * imaginary part, stored interleaved (element i at out[2i], out[2i + 1]). Flat kernels only.
   */
  readonly im?: Operand;
  /** dtype of `result`: the stored element (map) or the reduced operand (reduce). */
  readonly resultDtype: DType;
  /** dtype of the stage's output: the array's (map) or the reduction's (reduce). */
  readonly outputDtype: DType;
  /** Rank of the stage's output: 0 for reductions and scalar-only maps. */
  readonly rank: number;
}

export interface Plan {
  readonly stages: readonly Program[];
  readonly inputs: readonly InputInfo[];
  /** The last stage's output is the answer. */
  readonly rank: number;
  readonly dtype: DType;
  /** Only weak scalars went in: the answer is returned as a plain JS number. */
  readonly weak: boolean;
}

/** numpy's short codes (b1, i4, u8, f8…), for kernel names. */
export const DTYPE_CODE: Record<DType, string> = Object.fromEntries((Object.keys(DTYPE_INFO) as DType[]).map((d) => [d, DTYPE_INFO[d].code])) as Record<DType, string>;
