// One Wasm function body under construction, and the emitter's implementation of the math library's
// `Asm` contract (math/asm.ts): every SSA value is a v128 local; constants are materialized once in
// the prologue (hoisted out of the loops). Knows opcodes, not Programs: emit.ts drives it.

import type { Asm, BinaryOp, Lanes, ScalarFn, ShiftOp, UnaryOp, V, Var } from './math/asm.js';
import type { Table } from './math/tables.js';
import { tableOffset } from './math/tables.js';
import { MATH_TABLES_AT } from './arena.js';
import { OP, SIMD, SIMD_LANE, SIMD_MEM, SIMD_MEM_LANE, simdAlign, sleb, uleb, type ValType } from './encode.js';

interface Local {
  readonly local: number;
}
const asLocal = (v: V | Var): number => (v as unknown as Local).local;
const mk = (local: number) => ({ local }) as unknown as V & Var;

const f64Bytes = (x: number): number[] => Array.from(new Uint8Array(Float64Array.of(x).buffer));
const f32Bytes = (x: number): number[] => Array.from(new Uint8Array(Float32Array.of(x).buffer));
const i64Bytes = (x: bigint): number[] => Array.from(new Uint8Array(BigInt64Array.of(BigInt.asIntN(64, x)).buffer));
const i32Bytes = (x: number): number[] => Array.from(new Uint8Array(Int32Array.of(x | 0).buffer));

export class Body implements Asm {
  readonly params: ValType[];
  readonly locals: ValType[] = [];
  /** Constants and splats, run once before the loops. */
  readonly prologue: number[] = [];
  /** Where instructions go now (the prologue, a loop body, a slow path). */
  code: number[] = [];
  /** Scalar functions the slow paths call (imported as env.f0, env.f1 …). */
  readonly imports: ScalarFn[] = [];
  private readonly consts = new Map<string, V>();
  /**
   * Where top-level statements end in `code` (the operand stack empty, outside any block), recorded
   * while set: emit.ts interleaves unrolled copies of a loop body statement by statement.
   */
  cuts: number[] | undefined;
  private depth = 0;

  constructor(
    readonly lanes: Lanes,
    params: readonly ValType[],
  ) {
    this.params = [...params];
  }

  /** A fresh local of type t (its index). */
  newLocal(t: ValType): number {
    this.locals.push(t);
    return this.params.length + this.locals.length - 1;
  }

  op(name: keyof typeof OP, ...imm: number[]): void {
    this.code.push(OP[name], ...imm);
  }
  i32const(n: number): void {
    this.code.push(OP['i32.const']);
    sleb(n | 0, this.code);
  }
  localGet(l: number): void {
    this.code.push(OP['local.get']);
    uleb(l, this.code);
  }
  localSet(l: number): void {
    this.code.push(OP['local.set']);
    uleb(l, this.code);
  }
  /** A SIMD instruction; memory ops take (offset[, lane]), lane ops (lane). */
  simd(name: string, ...imm: number[]): void {
    const code = SIMD[name];
    if (code === undefined) throw new Error(`internal: no SIMD opcode ${name}`);
    this.code.push(0xfd);
    uleb(code, this.code);
    if (SIMD_MEM.has(name) || SIMD_MEM_LANE.has(name)) {
      uleb(simdAlign(name), this.code);
      uleb(imm[0] ?? 0, this.code);
      if (SIMD_MEM_LANE.has(name)) this.code.push(imm[1] ?? 0);
    } else if (SIMD_LANE.has(name)) {
      this.code.push(imm[0]!);
    }
  }
  /** Marks the end of a statement (see `cuts`): nothing on the operand stack, no block open. */
  endStatement(): void {
    if (this.cuts && this.depth === 0 && this.code !== this.prologue) this.cuts.push(this.code.length);
  }
  /** Pop the v128 on the stack into a fresh value. */
  push(): V {
    const l = this.newLocal('v128');
    this.localSet(l);
    this.endStatement();
    return mk(l);
  }
  use(v: V | Var): void {
    this.localGet(asLocal(v));
  }

  // ---- Asm ----------------------------------------------------------------------------------------
  /**
   * This body as an Asm of other lanes (float32 math inside a float64 loop runs on f32x4 values whose
   * low two lanes are elements): constants and slow paths follow `lanes`, code goes to this body.
   */
  view(lanes: Lanes): Asm {
    if (lanes === this.lanes) return this;
    const self = this;
    return {
      lanes,
      f: (c) => self.constFor(lanes, 'f', c),
      i: (c) => self.constFor(lanes, 'i', c),
      i32: (c) => self.i32(c),
      bits: (lo, hi) => self.bits(lo, hi),
      un: (op, a) => self.un(op, a),
      bin: (op, a, b) => self.bin(op, a, b),
      shift: (op, a, n) => self.shift(op, a, n),
      select: (m, a, b) => self.select(m, a, b),
      shuffle: (a, b, s) => self.shuffle(a, b, s),
      gather: (t, i) => self.gather(t, i),
      local: (v) => self.local(v),
      get: (x) => self.get(x),
      set: (x, v) => self.set(x, v),
      ifAny: (m, body) => self.ifAny(m, body),
      scalarLanes: (fn, mask, args, into) => self.lanesCall(lanes, fn, mask, args, into),
    };
  }
  private constFor(lanes: Lanes, kind: 'f' | 'i', c: number | bigint): V {
    if (lanes === 'f64x2') return this.constBytes(kind === 'f' ? [...f64Bytes(Number(c)), ...f64Bytes(Number(c))] : [0, 1].flatMap(() => i64Bytes(BigInt(c))));
    return this.constBytes(kind === 'f' ? [0, 1, 2, 3].flatMap(() => f32Bytes(Number(c))) : [0, 1, 2, 3].flatMap(() => i32Bytes(Number(c))));
  }

  bits(lo: bigint, hi: bigint): V {
    return this.constBytes([...i64Bytes(lo), ...i64Bytes(hi)]);
  }
  f(c: number): V {
    return this.constFor(this.lanes, 'f', c);
  }
  i(c: bigint | number): V {
    return this.constFor(this.lanes, 'i', c);
  }
  i32(c: number): V {
    return this.constBytes([0, 1, 2, 3].flatMap(() => i32Bytes(c)));
  }
  /** A v128 constant given as 16 bytes: materialized once, in the prologue. */
  constBytes(bytes: readonly number[]): V {
    const key = bytes.join(',');
    let v = this.consts.get(key);
    if (!v) {
      const saved = this.code;
      this.code = this.prologue;
      this.simd('v128.const');
      this.code.push(...bytes);
      v = this.push();
      this.code = saved;
      this.consts.set(key, v);
    }
    return v;
  }
  un(op: UnaryOp, a: V): V {
    this.use(a);
    this.simd(op);
    return this.push();
  }
  bin(op: BinaryOp, a: V, b: V): V {
    this.use(a);
    this.use(b);
    this.simd(op);
    return this.push();
  }
  shift(op: ShiftOp, a: V, count: number): V {
    this.use(a);
    this.i32const(count);
    this.simd(op);
    return this.push();
  }
  select(mask: V, a: V, b: V): V {
    this.use(a);
    this.use(b);
    this.use(mask);
    this.simd('v128.bitselect');
    return this.push();
  }
  shuffle(a: V, b: V, bytes: readonly number[]): V {
    if (bytes.length !== 16 || bytes.some((x) => !(x >= 0 && x < 32))) throw new Error('internal: a shuffle takes 16 lane indices below 32');
    this.use(a);
    this.use(b);
    this.simd('i8x16.shuffle');
    this.code.push(...bytes);
    return this.push();
  }
  gather(table: Table, index: V): V {
    const at = MATH_TABLES_AT + tableOffset(table);
    const address = (lane: number) => {
      this.use(index);
      this.simd('i32x4.extract_lane', 2 * lane); // the low half of i64 lane `lane`
      this.i32const(table.rows - 1);
      this.op('i32.and');
      this.i32const(3);
      this.op('i32.shl');
    };
    address(0);
    this.simd('v128.load64_zero', at);
    const low = this.push();
    address(1);
    this.use(low);
    this.simd('v128.load64_lane', at, 1);
    return this.push();
  }
  local(v: V): Var {
    const l = this.newLocal('v128');
    this.use(v);
    this.localSet(l);
    this.endStatement();
    return mk(l);
  }
  get(x: Var): V {
    this.use(x); // a snapshot: x may be set again later
    return this.push();
  }
  set(x: Var, v: V): void {
    this.use(v);
    this.localSet(asLocal(x));
    this.endStatement();
  }
  ifAny(mask: V, body: () => void): void {
    this.use(mask);
    // i8x16.bitmask (pmovmskb, test, jnz) rather than v128.any_true (five instructions in V8): the
    // contract's masks have lanes all ones or all zeros. exp at 1e6: 3–5% faster
    this.simd('i8x16.bitmask');
    this.op('if', 0x40);
    this.depth++;
    body();
    this.depth--;
    this.op('end');
    this.endStatement();
  }
  scalarLanes(fn: ScalarFn, mask: V, args: readonly V[], into: Var): void {
    this.lanesCall(this.lanes, fn, mask, args, into);
  }
  private lanesCall(lanes: Lanes, fn: ScalarFn, mask: V, args: readonly V[], into: Var): void {
    let k = this.imports.indexOf(fn);
    if (k < 0) k = this.imports.push(fn) - 1;
    const f64 = lanes === 'f64x2';
    const n = f64 ? 2 : 4;
    for (let lane = 0; lane < n; lane++) {
      this.use(mask);
      this.simd('i32x4.extract_lane', f64 ? lane * 2 : lane);
      this.op('if', 0x40);
      this.use(into);
      for (const a of args) {
        this.use(a);
        if (f64) this.simd('f64x2.extract_lane', lane);
        else {
          this.simd('f32x4.extract_lane', lane);
          this.op('f64.promote_f32');
        }
      }
      this.op('call');
      uleb(k, this.code);
      if (!f64) this.op('f32.demote_f64');
      this.simd(f64 ? 'f64x2.replace_lane' : 'f32x4.replace_lane', lane);
      this.localSet(asLocal(into));
      this.op('end');
    }
  }
}

/** Arity of each scalar function a slow path may import. */
export const SCALAR_ARITY: Readonly<Record<ScalarFn, number>> = {
  sin: 1, cos: 1, tan: 1, pow: 2, atan2: 2, exp: 1, log: 1, expm1: 1, log1p: 1, cbrt: 1, sinh: 1, cosh: 1, tanh: 1, asin: 1, acos: 1, atan: 1,
};
