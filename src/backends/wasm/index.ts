// The Wasm SIMD backend: a flat Program becomes a module (emit.ts) instantiated against the arena's
// shared memory, once per thread (workers revive it from the bytes and the memory in its recipe). Its
// kernels read and write arena addresses only: the runtime picks them when every operand is in the
// arena (arena.ts). Reduce kernels store the block's values in a per-thread scratch, and the block
// partial comes from ops/reductions.ts exactly as for the JS kernels (bit-identical).

import { newKernelId, type WasmMemory, type Arg, type Backend, type Kernel, type KernelRecipe, type KernelSpec } from '../../kernel/abi.js';
import { ARRAY_CLASS } from '../../types/dtypes.js';
import { reductionState } from '../../ops/reductions.js';
import { opCost } from '../../ops/registry.js';
import { isLeaf } from '../../plan/program.js';
import { kernelName } from '../js/emit.js';
import { jsBackend } from '../js/index.js';
import { closuresBackend } from '../closures/index.js';
import { arenaMemory, MATH_TABLES_AT, MATH_TABLES_BYTES, SCRATCH_BYTES, threadScratch } from './arena.js';
import { tableImage } from './math/tables.js';
import { BYTES, emitModule, precheck, type WasmModule } from './emit.js';
import { Decline } from './ops.js';
import { SCALAR_ARITY } from './body.js';
import { disassemble } from './disasm.js';
import { MATH } from './math/index.js';
import { wasmApi } from './api.js';

let simd: boolean | undefined;
/** WebAssembly with SIMD and a shared memory (validated once on a tiny SIMD module). */
function wasmAvailable(): boolean {
  if (simd === undefined) {
    try {
      // (func (result v128) v128.const 0 ... ) — validates only where SIMD is implemented
      const probe = Uint8Array.of(0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 22, 1, 20, 0, 253, 12, ...new Array<number>(16).fill(0), 11);
      const api = wasmApi();
      simd = api !== undefined && typeof SharedArrayBuffer !== 'undefined' && api.validate(probe) && new api.Memory({ initial: 1, maximum: 1, shared: true }).buffer instanceof SharedArrayBuffer;
    } catch {
      simd = false;
    }
  }
  return simd!;
}

/** A module emitted and compiled for this thread, with the instance compiled to check it (used by the first kernel). */
interface Built extends WasmModule {
  readonly module: object;
  instance?: Instance;
}
type Instance = { readonly exports: Record<string, unknown> };

/** Built modules (or why not), per spec: supports() emits and compiles once and prepare() reuses it. */
const built = new WeakMap<KernelSpec, Built | string>();

function build(spec: KernelSpec): Built | string {
  let m = built.get(spec);
  if (m === undefined) {
    try {
      const why = precheck(spec);
      if (why) m = why;
      else {
        const mod = emitModule(spec);
        // compiled and instantiated here, so an engine that refuses (a browser's main thread limits
        // synchronous compiles to 4 KB) makes supports() false instead of prepare() throwing
        const api = wasmApi()!;
        try {
          const module = new api.Module(mod.bytes);
          m = { ...mod, module, instance: new api.Instance(module, envOf(mod, arenaMemory()!)) };
        } catch (e) {
          m = `this engine would not compile the module synchronously here (${e instanceof Error ? e.message : String(e)})`;
        }
      }
    } catch (e) {
      if (!(e instanceof Decline)) throw e;
      m = e.message;
    }
    built.set(spec, m);
  }
  return m;
}

/** Memories whose header page holds the math tables (every thread writes the same bytes once per Memory object). */
const tablesWritten = new WeakSet<object>();

function envOf(mod: WasmModule, memory: WasmMemory): Record<string, Record<string, unknown>> {
  if (!tablesWritten.has(memory)) {
    const image = tableImage();
    if (image.length > MATH_TABLES_BYTES) throw new Error('internal: the math tables outgrew their space');
    new Uint8Array(memory.buffer, MATH_TABLES_AT, image.length).set(image);
    tablesWritten.add(memory);
  }
  const env: Record<string, unknown> = { memory };
  mod.imports.forEach((f, k) => {
    if (SCALAR_ARITY[f] === undefined) throw new Error(`internal: unknown scalar import ${f}`);
    env[`f${k}`] = SCALAR[f];
  });
  return { env };
}

/** Why the Wasm backend does not run this spec, or undefined when it does. */
export function wasmDeclines(spec: KernelSpec): string | undefined {
  if (!wasmAvailable()) return 'WebAssembly SIMD or shared memory is unavailable here';
  const m = build(spec);
  return typeof m === 'string' ? m : undefined;
}

const SCALAR: Record<string, (...a: number[]) => number> = { sin: Math.sin, cos: Math.cos, tan: Math.tan, pow: Math.pow, atan2: Math.atan2, exp: Math.exp, log: Math.log, expm1: Math.expm1, log1p: Math.log1p, cbrt: Math.cbrt, sinh: Math.sinh, cosh: Math.cosh, tanh: Math.tanh, asin: Math.asin, acos: Math.acos, atan: Math.atan };

function make(id: number, spec: KernelSpec, mod: WasmModule, bytes: Uint8Array, memory: WasmMemory, staged = false): Kernel {
  const name = `${staged ? 'staged_' : ''}${kernelName(spec.program)}`;
  const api = wasmApi()!;
  const b = mod as Partial<Built>;
  let instance = b.instance;
  if (instance) b.instance = undefined; // the check instance serves the first kernel only
  else instance = new api.Instance(b.module ?? new api.Module(bytes), envOf(mod, memory));
  const fn = instance.exports.run as (...a: number[]) => void;
  const p = spec.program;
  const kinds = mod.params;
  const size = p.params.map((q) => BYTES(q.dtype));
  const P = kinds.length;
  const outBytes = BYTES(p.resultDtype);
  const argv = new Array<number>(P + 2).fill(0);
  const setArgs = (args: readonly Arg[], start: number) => {
    for (let k = 0; k < P; k++) {
      const a = args[k];
      argv[k] = kinds[k] === 'ptr' ? (a as ArrayBufferView).byteOffset + start * size[k]! : Number(a as number);
    }
  };
  const call = caller(fn, argv);
  let run: Kernel['run'];
  if (staged) run = stagedRun(spec, mod, memory, fn, argv);
  else if (p.kind === 'map') {
    run = (args, out, start, end) => {
      setArgs(args, start);
      argv[P] = out!.byteOffset + start * outBytes;
      // at most CALL_ELEMENTS per call: a long call never leaves V8's baseline code (see CALL_ELEMENTS)
      for (let s = start; s < end; s += CALL_ELEMENTS) {
        if (s > start) {
          for (let k = 0; k < P; k++) if (kinds[k] === 'ptr') argv[k] += CALL_ELEMENTS * size[k]!;
          argv[P] += CALL_ELEMENTS * outBytes;
        }
        argv[P + 1] = Math.min(CALL_ELEMENTS, end - s);
        call();
      }
      return undefined;
    };
  } else {
    const state = reductionState(p.reduce!, p.resultDtype);
    const C = ARRAY_CLASS[p.resultDtype] as unknown as new (b: ArrayBufferLike, o: number, n: number) => ArrayLike<number>;
    const capacity = SCRATCH_BYTES / outBytes;
    let scratch = 0;
    let view: ArrayLike<number> | undefined;
    let fallback: Kernel | undefined;
    run = (args, out, start, end) => {
      const len = end - start;
      if (!scratch) scratch = threadScratch(memory);
      if (!scratch || len > capacity) {
        // no scratch slot left, or a block larger than it: the JS kernel gives the same partial
        fallback ??= (jsBackend.available() ? jsBackend : closuresBackend).prepare(spec);
        return fallback.run(args, out, start, end);
      }
      view ??= new C(memory.buffer, scratch, capacity);
      setArgs(args, start);
      argv[P] = scratch;
      argv[P + 1] = len;
      call();
      return state.reduceBlock(view, 0, len);
    };
  }
  const source = disassemble(bytes, name, [`fusexpr wasm kernel ${name} (${mod.W} elements per vector)`, ...spec.header.split('\n')]);
  return { id, name, backend: 'wasm', source, recipe: { backend: 'wasm', name, spec, bytes, memory, staged }, run };
}

/**
 * Elements per call into a Wasm map kernel. V8 runs a new module in its baseline compiler (Liftoff)
 * and swaps in optimized code in the background, but only for calls that start afterwards (Wasm has
 * no on-stack replacement): one call over a whole 1e7 array would run all of it in baseline code.
 */
export let CALL_ELEMENTS = 1 << 16;
/** For the warm-up sweep only (bench/warmup.ts). */
export function setCallElements(n: number): void {
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`internal: elements per Wasm call must be a positive integer, got ${n}`);
  CALL_ELEMENTS = n;
}

/** fn applied to argv's current values: a call of fixed arity for up to 8 (a spread call costs more). */
function caller(fn: (...a: number[]) => void, a: number[]): () => void {
  switch (a.length) {
    case 2: return () => fn(a[0]!, a[1]!);
    case 3: return () => fn(a[0]!, a[1]!, a[2]!);
    case 4: return () => fn(a[0]!, a[1]!, a[2]!, a[3]!);
    case 5: return () => fn(a[0]!, a[1]!, a[2]!, a[3]!, a[4]!);
    case 6: return () => fn(a[0]!, a[1]!, a[2]!, a[3]!, a[4]!, a[5]!);
    case 7: return () => fn(a[0]!, a[1]!, a[2]!, a[3]!, a[4]!, a[5]!, a[6]!);
    case 8: return () => fn(a[0]!, a[1]!, a[2]!, a[3]!, a[4]!, a[5]!, a[6]!, a[7]!);
    default: return () => fn(...a);
  }
}

type View = ArrayBufferView & { set(a: ArrayLike<number | bigint>, offset?: number): void; subarray(b: number, e: number): View };

/**
 * A map kernel for arrays outside the arena: each block goes through this thread's scratch in
 * chunks (inputs copied in, the kernel run there, the result copied out). Pays only for heavy
 * kernels: see STAGE_MIN_COST.
 */
function stagedRun(spec: KernelSpec, mod: WasmModule, memory: WasmMemory, fn: (...a: number[]) => void, argv: number[]): Kernel['run'] {
  const p = spec.program;
  const P = mod.params.length;
  const arrays = mod.params.flatMap((k, i) => (k === 'ptr' ? [i] : []));
  const chunk = stageChunk(p);
  const C = (d: keyof typeof ARRAY_CLASS) => ARRAY_CLASS[d] as unknown as new (b: ArrayBufferLike, o: number, n: number) => View;
  let scratch = 0;
  let views: View[] | undefined;
  let outView: View | undefined;
  let fallback: Kernel | undefined;
  let part: (View & { length: number }) | undefined;
  const call = caller(fn, argv);
  return (args, out, start, end) => {
    if (!scratch) scratch = threadScratch(memory);
    if (!scratch) return (fallback ??= (jsBackend.available() ? jsBackend : closuresBackend).prepare(spec)).run(args, out, start, end);
    if (!views) {
      let at = scratch;
      views = [];
      for (const i of arrays) {
        views[i] = new (C(p.params[i]!.dtype))(memory.buffer, at, chunk);
        argv[i] = at;
        at += chunk * BYTES(p.params[i]!.dtype);
      }
      outView = new (C(p.resultDtype))(memory.buffer, at, chunk);
      argv[P] = at;
    }
    for (let k = 0; k < P; k++) if (mod.params[k] !== 'ptr') argv[k] = Number(args[k] as number);
    const dest = out as View;
    for (let s = start; s < end; s += chunk) {
      const e = Math.min(end, s + chunk);
      // a whole small array copies as it is, and the result's part is reused while its length repeats:
      // a subarray per array per call cost more than the kernel at 16 elements
      for (const i of arrays) {
        const a = args[i] as View & { length: number };
        views[i]!.set((s === 0 && e === a.length ? a : a.subarray(s, e)) as unknown as ArrayLike<number>);
      }
      argv[P + 1] = e - s;
      call();
      if (!part || part.length !== e - s) part = outView!.subarray(0, e - s) as View & { length: number };
      dest.set(part as unknown as ArrayLike<number>, s);
    }
    return undefined;
  };
}

/** Elements per staged chunk: every array's chunk and the result's fit in the scratch; 0 when not even 16 do. */
function stageChunk(p: KernelSpec['program']): number {
  const perElement = p.params.reduce((s, q) => s + (isLeaf(q) ? BYTES(q.dtype) : 0), BYTES(p.resultDtype));
  return Math.floor(SCRATCH_BYTES / perElement / 16) * 16;
}

/**
 * Staging plain float64 arrays through Wasm pays from this much work per array copied (simple ops
 * count 1, transcendentals 32, as the cost model's weights): bench/wasm.ts's staging sweep at 1e6
 * measured, in two runs, the polynomial (4.5 per array) 0.94× and 1.24× staged, `2*a + b**10` and a
 * 3-input `where` (2 per array) 0.4–0.65×, `a*b+c` (0.5) 0.57–0.92×: float64 arithmetic stays on JS,
 * math functions (32 each) stage. Float32 kernels always pay (the JS backend rounds every op with
 * Math.fround): `a*b+c` 1.40–1.55×, the polynomial 5.5–10.7×.
 */
export let STAGE_MIN_WORK = 8;
/** For the staging sweep only (Infinity: never stage; 0: always). */
export function setStageMinWork(w: number): void {
  STAGE_MIN_WORK = w;
}

/**
 * Whether staging plain arrays through Wasm pays for this map program (see STAGE_MIN_WORK). Kernels
 * using the vector math library stage only when `math` (backend 'wasm'): under 'auto', plain arrays
 * keep the JS backend's bits (Wasm arithmetic is IEEE-exact like JS; the math library is within 2 ulp).
 */
export function stagingPays(p: KernelSpec['program'], math = false): boolean {
  // hundreds of arrays leave no room in the scratch for even one chunk (a loop that never advanced)
  if (p.kind !== 'map' || STAGE_MIN_WORK === Infinity || stageChunk(p) === 0) return false;
  let work = 0;
  let f32 = p.resultDtype === 'float32';
  for (const ins of p.instrs) {
    if (ins.hoisted) continue;
    if (!math && MATH[ins.op]) return false;
    work += opCost(ins.op, false) / opCost('add', false);
    if (ins.dtype === 'float32' || ins.operandDtype === 'float32') f32 = true;
  }
  const copied = p.params.filter(isLeaf).length + 1;
  return f32 || work / copied >= STAGE_MIN_WORK;
}

/** The staged twin of a spec's Wasm map kernel, or undefined where Wasm declines it or staging does not pay. */
export function prepareStaged(spec: KernelSpec, math = false): Kernel | undefined {
  if (!stagingPays(spec.program, math) || wasmDeclines(spec)) return undefined;
  const m = build(spec) as Built;
  return make(newKernelId(), spec, m, m.bytes, arenaMemory()!, true);
}

export const wasmBackend: Backend = {
  name: 'wasm',
  arenaOnly: true,
  available: wasmAvailable,
  supports: (spec) => wasmDeclines(spec) === undefined,
  prepare(spec: KernelSpec): Kernel {
    const m = build(spec);
    if (typeof m === 'string') throw new Error(`internal: the wasm backend declines this spec (${m})`);
    return make(newKernelId(), spec, m, m.bytes, arenaMemory()!);
  },
  revive(recipe: KernelRecipe, id: number): Kernel {
    if (recipe.backend !== 'wasm') throw new Error(`internal: the wasm backend cannot revive a ${recipe.backend} kernel`);
    const m = emitModule(recipe.spec); // the same bytes; the module's shape (params, imports) comes with it
    return make(id, recipe.spec, m, recipe.bytes, recipe.memory, recipe.staged);
  },
};
