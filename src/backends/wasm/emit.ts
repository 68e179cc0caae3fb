// emit: a flat KernelSpec → one Wasm module whose export `run(params…, out, n)` computes elements
// [0, n) of the stage: array params and out are byte addresses in the arena, scalars f64 or i32. A
// vector loop of W elements (each input read once per element, the fused body in SIMD), then a tail
// loop running the same body one element at a time. Reduce programs store the reduced operand (the
// backend reduces it through ops/reductions.ts). Unsupported programs throw Decline with the reason.

import type { DType } from '../../types/dtypes.js';
import { ARRAY_CLASS, DTYPE_INFO } from '../../types/dtypes.js';
import { isLeaf, type Operand, type Program } from '../../plan/program.js';
import type { KernelSpec } from '../../kernel/abi.js';
import type { BinaryOp, ScalarFn, V } from './math/asm.js';
import { Body } from './body.js';
import { encodeModule, uleb, type ValType } from './encode.js';
import { Decline, emitOp, splatConst, type Ctx } from './ops.js';

export const BYTES = (d: DType): number => DTYPE_INFO[d].bits / 8;
/** The dtypes Wasm kernels compute in; the others (int64, narrow and unsigned ints, complex) run on JS. */
const LANE_DTYPES = new Set<DType>(['bool', 'int32', 'float32', 'float64']);
/** Vectors per iteration of the main loop, and the largest body unrolled (bench/wasm.ts, unroll sweep). */
export let UNROLL = 4;
const UNROLL_MAX_INSTRS = 48;
const MAX_INSTRS = 4000;
/** Whether unrolled copies are interleaved statement by statement (see interleave). */
export let INTERLEAVE = true;
/** For the unroll sweep only. */
export function setWasmUnroll(u: number, interleaved = true): void {
  UNROLL = u;
  INTERLEAVE = interleaved;
}
const REDUCTIONS = new Set(['sum', 'mean', 'prod', 'min', 'max', 'any', 'all']);

export interface WasmModule {
  readonly bytes: Uint8Array;
  /** Scalar functions the module imports (env.f0 …), for slow paths. */
  readonly imports: readonly ScalarFn[];
  /** Per program param: 'ptr' (array address), 'f64' or 'i32' (a scalar), in the export's order. */
  readonly params: readonly ('ptr' | 'f64' | 'i32')[];
  /** Elements per vector iteration. */
  readonly W: 2 | 4;
}

/** The dtypes a program touches. */
function dtypesOf(p: Program): Set<DType> {
  const s = new Set<DType>([p.resultDtype]);
  for (const q of p.params) s.add(q.dtype);
  for (const i of p.instrs) {
    s.add(i.dtype);
    s.add(i.operandDtype);
    for (const a of i.args) if (a.kind === 'const') s.add(a.dtype);
  }
  return s;
}

/** Why the backend declines a spec, or undefined when it can build it (checked cheaply, then by emitting). */
export function precheck(spec: KernelSpec): string | undefined {
  const p = spec.program;
  if (spec.variant.kind !== 'flat') return 'strided and stencil loops run on JS';
  if (p.transformed) return 'roll/shift stencils run on JS';
  if (p.kind === 'map' && p.rank === 0) return 'scalar-only stages run on JS';
  if (p.kind === 'reduce' && !REDUCTIONS.has(p.reduce!)) return `${p.reduce} reductions run on JS`;
  // one v128 local per value and per copy of the body: engines cap a function's locals (V8: 50,000)
  if (p.instrs.length > MAX_INSTRS) return `stages over ${MAX_INSTRS} instructions run on JS`;
  for (const d of dtypesOf(p)) if (!LANE_DTYPES.has(d)) return `${d} has no Wasm lanes here (runs on JS)`;
  for (const q of p.params) {
    if (q.kind === 'ones') return 'shift masks run on JS';
    // a Uint8Array said to be bool by a view's dtype holds bool's bytes as they are
    const same = q.kind === 'array' && (q.storage === ARRAY_CLASS[q.dtype].name || (q.dtype === 'bool' && q.storage === 'Uint8Array'));
    if (q.kind === 'array' && !same) return `${q.storage} data computed as ${q.dtype} runs on JS`;
  }
  return undefined;
}

export function emitModule(spec: KernelSpec): WasmModule {
  const why = precheck(spec);
  if (why) throw new Decline(why);
  const p = spec.program;
  const W: 2 | 4 = dtypesOf(p).has('float64') ? 2 : 4;
  const kinds = p.params.map((q): 'ptr' | 'f64' | 'i32' => (isLeaf(q) ? 'ptr' : q.dtype === 'float64' || q.dtype === 'float32' ? 'f64' : 'i32'));
  const wasmParams: ValType[] = [...kinds.map((k): ValType => (k === 'f64' ? 'f64' : 'i32')), 'i32', 'i32'];
  const b = new Body(W === 2 ? 'f64x2' : 'f32x4', wasmParams);
  const c: Ctx = { b, W };
  const OUT = p.params.length;
  const N = OUT + 1;

  // prologue: scalars splatted once, hoisted instructions computed once
  b.code = b.prologue;
  const scalar = new Map<number, V>();
  p.params.forEach((q, i) => {
    if (kinds[i] === 'ptr') return;
    b.localGet(i);
    if (q.dtype === 'float64') b.simd('f64x2.splat');
    else if (q.dtype === 'float32') {
      b.op('f32.demote_f64');
      b.simd('f32x4.splat');
    } else if (q.dtype === 'int32') b.simd('i32x4.splat');
    else {
      // bool: nonzero → all ones
      b.i32const(0);
      b.op('i32.ne');
      const t = b.newLocal('i32');
      b.localSet(t);
      b.i32const(0);
      b.localGet(t);
      b.op('i32.sub');
      b.simd('i32x4.splat');
    }
    scalar.set(i, b.push());
  });
  const hoisted = new Map<number, V>();
  const operand = (o: Operand, temps: Map<number, V>, loaded: Map<number, V>): V => {
    switch (o.kind) {
      case 'const':
        return splatConst(c, o.dtype, o.value);
      case 'param':
        return scalar.get(o.index) ?? loaded.get(o.index)!;
      case 'temp':
        return hoisted.get(o.id) ?? temps.get(o.id)!;
    }
  };
  for (const ins of p.instrs) {
    if (!ins.hoisted) continue;
    hoisted.set(ins.id, emitOp(c, ins.op, ins.operandDtype, ins.dtype, ins.args.map((a) => operand(a, hoisted, scalar))));
  }

  // the loop body, for `m` elements per iteration (W, or 1 in the tail)
  const used = new Set<number>();
  const collect = (o: Operand) => o.kind === 'param' && kinds[o.index] === 'ptr' && used.add(o.index);
  for (const ins of p.instrs) if (!ins.hoisted) ins.args.forEach(collect);
  collect(p.result);
  const body = (m: number, copy: number) => {
    const loaded = new Map<number, V>();
    for (const i of [...used].sort((x, y) => x - y)) loaded.set(i, load(c, p.params[i]!.dtype, i, m, copy * m * BYTES(p.params[i]!.dtype)));
    const temps = new Map<number, V>();
    for (const ins of p.instrs) {
      if (ins.hoisted) continue;
      temps.set(ins.id, emitOp(c, ins.op, ins.operandDtype, ins.dtype, ins.args.map((a) => operand(a, temps, loaded))));
    }
    store(c, p.resultDtype, OUT, m, operand(p.result, temps, loaded), copy * m * BYTES(p.resultDtype));
  };
  const loopCode: number[] = [];
  b.code = loopCode;
  const i = b.newLocal('i32');
  const nv = b.newLocal('i32');
  const nu = b.newLocal('i32');
  const U = p.instrs.length <= UNROLL_MAX_INSTRS ? UNROLL : 1;
  b.localGet(N);
  b.i32const(~(W - 1));
  b.op('i32.and');
  b.localSet(nv);
  b.localGet(N);
  b.i32const(~(W * U - 1));
  b.op('i32.and');
  b.localSet(nu);
  // U vectors per iteration (loads at constant offsets), then single vectors, then single elements
  for (const [m, u, limit] of [[W, U, nu], [W, 1, nv], [1, 1, N]] as const) {
    if (u === 1 && m === W && U === 1) continue;
    b.op('block', 0x40);
    b.op('loop', 0x40);
    b.localGet(i);
    b.localGet(limit);
    b.op('i32.ge_u');
    b.op('br_if', 1);
    if (u === 1 || !INTERLEAVE) for (let copy = 0; copy < u; copy++) body(m, copy);
    else b.code.push(...interleave(b, u, (copy) => body(m, copy)));
    for (const k of [...used, OUT]) {
      b.localGet(k);
      b.i32const(u * m * BYTES(k === OUT ? p.resultDtype : p.params[k]!.dtype));
      b.op('i32.add');
      b.localSet(k);
    }
    b.localGet(i);
    b.i32const(u * m);
    b.op('i32.add');
    b.localSet(i);
    b.op('br', 0);
    b.op('end');
    b.op('end');
  }
  const code = [...b.prologue, ...loopCode];
  const bytes = encodeModule({ params: wasmParams, results: [], locals: b.locals, code }, 65536, b.imports.map((f) => ({ arity: f === 'pow' || f === 'atan2' ? 2 : 1 })));
  return { bytes, imports: [...b.imports], params: kinds, W };
}

/**
 * The code of u copies of a loop body, statement by statement in turn (copy 0's first, copy 1's
 * first, …): each copy's order is kept and the copies are independent (distinct elements; an out
 * array aliasing an input does so at the same offset, drivers.ts), so this only gives the CPU
 * independent work side by side. V8 does not reorder Wasm instructions, and an out-of-order core
 * fills its scheduler in program order: one copy's long dependency chain (a math function's
 * polynomial) would otherwise stall it. Measured (8192 elements in cache, ns/element, float64):
 * log 3.75 → 2.89, cbrt 6.95 → 4.63, expm1 8.0 → 6.5, power 21.3 → 12.7, sin unchanged.
 */
function interleave(b: Body, u: number, body: (copy: number) => void): number[] {
  const saved = b.code;
  const parts = [];
  for (let copy = 0; copy < u; copy++) {
    b.code = [];
    b.cuts = [];
    body(copy);
    parts.push({ code: b.code, cuts: b.cuts, at: 0, next: 0 });
  }
  b.code = saved;
  b.cuts = undefined;
  const out: number[] = [];
  for (let more = true; more; ) {
    more = false;
    for (const p of parts) {
      if (p.next >= p.cuts.length) continue;
      const end = p.cuts[p.next++]!;
      for (let k = p.at; k < end; k++) out.push(p.code[k]!);
      p.at = end;
      more = true;
    }
  }
  for (const p of parts) for (let k = p.at; k < p.code.length; k++) out.push(p.code[k]!);
  return out;
}

/** m elements of param k (an address local) in dtype d's representation. */
function load(c: Ctx, d: DType, k: number, m: number, offset: number): V {
  const b = c.b;
  b.localGet(k);
  if (d === 'bool') {
    b.op(m === 1 ? 'i32.load8_u' : m === 2 ? 'i32.load16_u' : 'i32.load', m === 1 ? 0 : m === 2 ? 1 : 2);
    uleb(offset, b.code);
    b.simd('i32x4.splat');
    const v = b.push();
    // byte j → every byte of lane j, then nonzero → all ones
    const pattern = c.W === 2 ? [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1] : [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3];
    return b.un('v128.not', b.bin('i8x16.eq' as BinaryOp, b.shuffle(v, v, pattern), splatConst(c, 'bool', 0)));
  }
  const bytes = m * BYTES(d);
  b.simd(bytes === 16 ? 'v128.load' : bytes === 8 ? 'v128.load64_zero' : 'v128.load32_zero', offset);
  return b.push();
}

/** Store m elements of v (dtype d's representation) at the out address. */
function store(c: Ctx, d: DType, out: number, m: number, v: V, offset: number): void {
  const b = c.b;
  if (d === 'bool') {
    const pick = c.W === 2 ? [0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] : [0, 4, 8, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    const bytes = b.bin('v128.and', b.shuffle(v, v, pick), b.constBytes(new Array<number>(16).fill(1)));
    b.localGet(out);
    b.use(bytes);
    b.simd('i32x4.extract_lane', 0);
    b.op(m === 1 ? 'i32.store8' : m === 2 ? 'i32.store16' : 'i32.store', m === 1 ? 0 : m === 2 ? 1 : 2);
    uleb(offset, b.code);
    b.endStatement();
    return;
  }
  const bytes = m * BYTES(d);
  b.localGet(out);
  b.use(v);
  if (bytes === 16) b.simd('v128.store', offset);
  else b.simd(bytes === 8 ? 'v128.store64_lane' : 'v128.store32_lane', offset, 0);
  b.endStatement();
}
