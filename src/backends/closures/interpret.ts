// The closures interpreter: a Program runs on the registry's function twins, one op at a time over
// pieces of up to CHUNK elements (a small vector VM, as numexpr's). Flat and strided variants share
// one loop: each piece says where each leaf's elements are (offset, step, in bounds) and where the
// results go. Reductions collect the block's values and reduce them through ops/reductions.ts.

import { opByName } from '../../ops/registry.js';
import { reductionState } from '../../ops/reductions.js';
import { isBig, type DType } from '../../types/dtypes.js';
import { isLeaf, type Operand, type Program } from '../../plan/program.js';
import { rowScratch, rowSegments, type Layout } from '../../kernel/layout.js';
import type { Kernel, KernelSpec } from '../../kernel/abi.js';

type Value = any; // number | bigint
type Vec = { [i: number]: Value; length: number };

/** Elements per piece: registers are this long. */
const CHUNK = 1024;

const newRegister = (dtype: DType): Vec => (isBig(dtype) ? (new Array(CHUNK).fill(0n) as Vec) : new Float64Array(CHUNK));

export function buildRun(spec: KernelSpec): Kernel['run'] {
  const p: Program = spec.program;
  const strided = spec.variant.kind === 'strided';
  const first = strided ? 1 : 0; // strided: args[0] is the layout
  const leafOf = new Map<number, number>();
  p.params.forEach((q, i) => {
    if (isLeaf(q)) leafOf.set(i, leafOf.size);
  });
  const NL = leafOf.size;
  const instrs = p.instrs.map((ins) => {
    const emit = opByName(ins.op).emit[ins.operandDtype];
    if (!emit) throw new Error(`internal: ${ins.op} has no implementation for ${ins.operandDtype}`);
    return { ins, fn: emit.fn, reg: newRegister(ins.dtype) };
  });
  const leafRegs = p.params.map((q) => newRegister(q.dtype));
  const hoisted: Value[] = new Array(p.instrs.length);
  const scalarReg = (v: Value, dtype: DType): Vec => {
    const r = newRegister(dtype);
    for (let j = 0; j < CHUNK; j++) r[j] = v;
    return r;
  };
  const constRegs = new Map<Operand, Vec>();
  const state = p.kind === 'reduce' ? reductionState(p.reduce!, p.resultDtype, p.complexPart) : undefined;
  // folds carry their accumulator from piece to piece; pairwise sums collect the block's values
  const fold = state?.block.kind === 'fold' ? state.block : undefined;
  let collected: Vec = isBig(p.resultDtype) ? [] : new Float64Array(0);

  // a piece: `len` elements; leaf k's j-th element at at[k] + j*step[k] (or 0 / the fill when !inb[k])
  const at = new Float64Array(NL);
  const step = new Float64Array(NL);
  const inb = new Uint8Array(NL);

  return function closures(args, out, start, end) {
    const scalarVecs: (Vec | undefined)[] = p.params.map((q, i) => (leafOf.has(i) ? undefined : scalarReg(args[i + first], q.dtype)));
    for (const { ins, fn } of instrs) if (ins.hoisted) hoisted[ins.id] = fn(...ins.args.map((o) => scalarValue(o, args)));
    const hoistedVecs = new Map<number, Vec>();
    for (const { ins } of instrs) if (ins.hoisted) hoistedVecs.set(ins.id, scalarReg(hoisted[ins.id], ins.dtype));
    const ref = (o: Operand): Vec => {
      switch (o.kind) {
        case 'const': {
          let v = constRegs.get(o);
          if (!v) constRegs.set(o, (v = scalarReg(o.value, o.dtype)));
          return v;
        }
        case 'param':
          return leafOf.has(o.index) ? leafRegs[o.index]! : scalarVecs[o.index]!;
        case 'temp':
          return instrs[o.id]!.ins.hoisted ? hoistedVecs.get(o.id)! : instrs[o.id]!.reg;
      }
    };
    const n = end - start;
    if (state && !fold && collected.length < n) collected = Array.isArray(collected) ? new Array(n) : new Float64Array(n);
    let done = 0; // elements of [start, end) computed so far
    let acc: Value = fold?.init;

    /** Compute one piece (len ≤ CHUNK) whose leaf positions are in at/step/inb; results to out or collected. */
    const piece = (len: number, outAt: number, outStep: number) => {
      for (const [i, k] of leafOf) {
        const q = p.params[i]!;
        const r = leafRegs[i]!;
        if (q.kind === 'ones') {
          const v = inb[k]!;
          for (let j = 0; j < len; j++) r[j] = v;
          continue;
        }
        if (!inb[k]) {
          const zero = isBig(q.dtype) ? 0n : 0;
          for (let j = 0; j < len; j++) r[j] = zero;
          continue;
        }
        const src = args[i + first] as unknown as Vec;
        const o = at[k]!, d = step[k]!;
        for (let j = 0; j < len; j++) r[j] = src[o + j * d];
      }
      for (const { ins, fn, reg } of instrs) {
        if (ins.hoisted) continue;
        const a = ins.args.map(ref);
        if (a.length === 1) {
          const x = a[0]!;
          for (let j = 0; j < len; j++) reg[j] = fn(x[j]);
        } else if (a.length === 2) {
          const x = a[0]!, y = a[1]!;
          for (let j = 0; j < len; j++) reg[j] = fn(x[j], y[j]);
        } else if (a.length === 3) {
          const x = a[0]!, y = a[1]!, z = a[2]!;
          for (let j = 0; j < len; j++) reg[j] = fn(x[j], y[j], z[j]);
        } else {
          // the complex parts' ops (c_mul_re(ar, ai, br, bi), …) take four
          const x = a[0]!, y = a[1]!, z = a[2]!, w = a[3]!;
          for (let j = 0; j < len; j++) reg[j] = fn(x[j], y[j], z[j], w[j]);
        }
      }
      const res = ref(p.result);
      if (p.im) {
        // a complex result (plan/joinComplex.ts, flat only): both parts, interleaved
        const o = out as unknown as Vec;
        const im = ref(p.im);
        for (let j = 0; j < len; j++) (o[2 * (outAt + j)] = res[j]), (o[2 * (outAt + j) + 1] = im[j]);
      } else if (fold) for (let j = 0; j < len; j++) acc = fold.step(acc, res[j]);
      else if (state) for (let j = 0; j < len; j++) collected[done + j] = res[j];
      else {
        const o = out as unknown as Vec;
        for (let j = 0; j < len; j++) o[outAt + j * outStep] = res[j];
      }
      done += len;
    };

    if (!strided) {
      for (let s0 = start; s0 < end; s0 += CHUNK) {
        for (const [i, k] of leafOf) {
          // a complex var's plane: the interleaved data, every other element
          const part = (p.params[i] as { part?: 're' | 'im' }).part;
          at[k] = part ? 2 * s0 + (part === 'im' ? 1 : 0) : s0;
          step[k] = part ? 2 : 1;
          inb[k] = 1;
        }
        piece(Math.min(CHUNK, end - s0), s0, 1);
      }
    } else {
      if (p.im) throw new Error('internal: complex results are stored by flat kernels only');
      const L = args[0] as Layout;
      const S = rowScratch(L);
      for (let i = start; i < end; ) {
        const g = rowSegments(L, S, i, end);
        for (let q = 0; q < g; q++) {
          const len = S.segLen[q]!;
          for (let c = 0; c < len; c += CHUNK) {
            for (let k = 0; k < NL; k++) {
              step[k] = S.step[k]!;
              at[k] = S.at[q * NL + k]! + c * step[k]!;
              inb[k] = S.inb[q * NL + k]!;
            }
            piece(Math.min(CHUNK, len - c), S.outAt[q]! + c * S.outStep, S.outStep);
          }
          i += len;
        }
      }
    }
    return fold ? acc : state ? state.reduceBlock(collected, 0, n) : undefined;
  };

  function scalarValue(o: Operand, args: readonly unknown[]): Value {
    if (o.kind === 'const') return o.value;
    if (o.kind === 'param') return args[o.index + first];
    return hoisted[o.id];
  }
}
