// The closures backend, for environments that ban `new Function` (CSP, --disallow-code-generation-
// from-strings): the same Program runs on the registry's function twins, one op at a time over
// chunks of the block (a small vector VM, as numexpr's). Slower than the JIT, same results; single-
// threaded (workers compile kernels from source).

import { opByName } from '../ops/registry.js';
import { accumulatorOf, accumulateRange } from '../ops/accumulators.js';
import type { DType } from '../types/dtypes.js';
import { isLeaf, type Operand, type Program } from '../plan/program.js';

type Value = any; // number | bigint
type Vec = { [i: number]: Value; length: number };

/** Elements per chunk: registers are this long. */
const CHUNK = 1024;

export interface ClosureKernel {
  readonly kernel: (...args: unknown[]) => unknown;
  readonly blocks: (...args: unknown[]) => void;
  readonly claim?: undefined;
}

const newRegister = (dtype: DType): Vec => (dtype === 'int64' ? (new Array(CHUNK).fill(0n) as Vec) : new Float64Array(CHUNK));

export function buildClosureKernel(p: Program): ClosureKernel {
  const nParams = p.params.length;
  const isArray = p.params.map(isLeaf);
  const needsBigInt = p.params.map((q) => q.kind === 'array' && q.dtype === 'int64' && q.storage !== 'BigInt64Array');
  const instrs = p.instrs.map((ins) => {
    const emit = opByName(ins.op).emit[ins.operandDtype];
    if (!emit) throw new Error(`internal: ${ins.op} has no implementation for ${ins.operandDtype}`);
    return { ins, fn: emit.fn, reg: newRegister(ins.dtype) };
  });
  const paramRegs = p.params.map((q) => newRegister(q.dtype));
  const hoisted: Value[] = new Array(p.instrs.length);

  /** An operand as (vector, offset): array params read in place, scalars from a register filled once. */
  interface Ref {
    vec: Vec;
    off: number;
  }
  const constRegs = new Map<Operand, Vec>();
  const scalarReg = (v: Value, dtype: DType): Vec => {
    const r = newRegister(dtype);
    for (let j = 0; j < CHUNK; j++) r[j] = v;
    return r;
  };

  function kernel(...args: unknown[]): unknown {
    const map = p.kind === 'map';
    const start = args[nParams + (map ? 1 : 0)] as number;
    const end = args[nParams + (map ? 2 : 1)] as number;
    const out = map ? (args[nParams] as Vec) : undefined;
    // scalars and hoisted values are the same for every element of this call
    const scalarVecs: (Vec | undefined)[] = p.params.map((q, i) => (isArray[i] ? undefined : scalarReg(args[i], q.dtype)));
    for (const { ins, fn } of instrs) {
      if (!ins.hoisted) continue;
      hoisted[ins.id] = fn(...ins.args.map((o) => scalarValue(o, args)));
    }
    const hoistedVecs = new Map<number, Vec>();
    for (const { ins } of instrs) if (ins.hoisted) hoistedVecs.set(ins.id, scalarReg(hoisted[ins.id], ins.dtype));

    const ref = (o: Operand, s0: number, len: number): Ref => {
      switch (o.kind) {
        case 'const': {
          let v = constRegs.get(o);
          if (!v) constRegs.set(o, (v = scalarReg(o.value, o.dtype)));
          return { vec: v, off: 0 };
        }
        case 'param': {
          if (!isArray[o.index]) return { vec: scalarVecs[o.index]!, off: 0 };
          const src = args[o.index] as Vec;
          if (!needsBigInt[o.index]) return { vec: src, off: s0 };
          const r = paramRegs[o.index]!;
          for (let j = 0; j < len; j++) r[j] = BigInt(src[s0 + j]);
          return { vec: r, off: 0 };
        }
        case 'temp':
          return instrs[o.id]!.ins.hoisted ? { vec: hoistedVecs.get(o.id)!, off: 0 } : { vec: instrs[o.id]!.reg, off: 0 };
      }
    };

    const accumulator = map ? undefined : accumulatorOf(p.reduce!, p.resultDtype);
    let acc: Value = accumulator?.init;
    for (let s0 = start; s0 < end; s0 += CHUNK) {
      const len = Math.min(CHUNK, end - s0);
      for (const { ins, fn, reg } of instrs) {
        if (ins.hoisted) continue;
        const r = ins.args.map((o) => ref(o, s0, len));
        if (r.length === 1) {
          const a = r[0]!.vec, ao = r[0]!.off;
          for (let j = 0; j < len; j++) reg[j] = fn(a[ao + j]);
        } else if (r.length === 2) {
          const a = r[0]!.vec, ao = r[0]!.off, b = r[1]!.vec, bo = r[1]!.off;
          for (let j = 0; j < len; j++) reg[j] = fn(a[ao + j], b[bo + j]);
        } else {
          const a = r[0]!.vec, ao = r[0]!.off, b = r[1]!.vec, bo = r[1]!.off, c = r[2]!.vec, co = r[2]!.off;
          for (let j = 0; j < len; j++) reg[j] = fn(a[ao + j], b[bo + j], c[co + j]);
        }
      }
      const res = ref(p.result, s0, len);
      if (out) {
        for (let j = 0; j < len; j++) out[s0 + j] = res.vec[res.off + j];
      } else {
        const step = accumulateRange(accumulator!, acc, res.vec as ArrayLike<Value>, res.off, len);
        acc = step.acc;
        if (step.done) return acc;
      }
    }
    return acc;
  }

  function scalarValue(o: Operand, args: unknown[]): Value {
    if (o.kind === 'const') return o.value;
    if (o.kind === 'param') return args[o.index];
    return hoisted[o.id];
  }

  function blocks(...args: unknown[]): void {
    const dest = args[nParams] as Vec;
    const start = args[nParams + 1] as number;
    const end = args[nParams + 2] as number;
    const B = args[nParams + 3] as number;
    const params = args.slice(0, nParams);
    for (let s = start; s < end; s += B) {
      const e = s + B < end ? s + B : end;
      if (p.kind === 'map') kernel(...params, dest, s, e);
      else dest[(s / B) | 0] = kernel(...params, s, e);
    }
  }

  return { kernel, blocks };
}
