// User options: the loose type users pass, validated once into a filled, defaulted type. Errors name
// the option and the rule.

import { closest, fail } from './errors.js';
import { OPTIMIZE_LEVELS, OptimizeLevel } from './optimize/index.js';
import { CASTINGS, Casting } from './types/dtypes.js';
import { DEFAULT_BLOCK_SIZE } from './runtime/drivers.js';
import { backendByName } from './backends/index.js';
import type { BackendName } from './kernel/abi.js';

const jitAvailable = () => backendByName('js').available();
const wasmAvailable = () => backendByName('wasm').available();

/**
 * Options of evaluate, evaluateAsync, compile, validate and explain. Unknown keys are an `OPTION`
 * error (with a hint: `optimization` → "did you mean 'optimize'?").
 *
 * @example
 * ```ts
 * evaluate('a*b + c', { a, b, c }, undefined, { optimize: 'moderate', fusion: true, singleThread: true });
 * ```
 */
export interface EvaluateOptions {
  /** Tree and program passes: 'none' | 'moderate' | 'aggressive' (default 'aggressive', as numexpr). */
  optimize?: OptimizeLevel;
  /** false: evaluate op by op with full-size temporaries (the numpy-style baseline). Default true. */
  fusion?: boolean;
  /** Which result → out dtype conversions are allowed, as numpy's casting. Default 'same_kind'. */
  casting?: Casting;
  /** Elements per kernel call. Default DEFAULT_BLOCK_SIZE. */
  blockSize?: number;
  /** Copy inputs (and out) that are not SharedArrayBuffer-backed into shared memory, so threads can run. Default false. */
  copyToShared?: boolean;
  /** Run in the calling thread only, whatever the thread count. Default false. */
  singleThread?: boolean;
  /**
   * 'jit' compiles each expression to JavaScript with `new Function`; 'closures' runs precompiled
   * per-op functions (slower, single-threaded) for environments that ban code generation. Default:
   * 'jit' where `new Function` works, else 'closures'.
   */
  codegen?: 'jit' | 'closures';
  /**
   * Which backend builds the kernels. 'auto' (default): Wasm SIMD for calls whose arrays all live in
   * fusexpr's memory (`empty`, `zeros`, `full`, `toShared` and results computed from them) where the
   * Wasm backend supports the stage, else the JS JIT, else closures. 'wasm': the same, but an error where
   * WebAssembly SIMD is unavailable. 'js': the JIT only. 'closures': no code generation.
   */
  backend?: 'auto' | 'wasm' | 'js' | 'closures';
}

export interface ResolvedOptions {
  readonly optimize: OptimizeLevel;
  readonly fusion: boolean;
  readonly casting: Casting;
  readonly blockSize: number;
  readonly copyToShared: boolean;
  readonly singleThread: boolean;
  readonly codegen: 'jit' | 'closures';
  /** The backend for arrays outside the arena (js or closures). */
  readonly backend: BackendName;
  /** Arena calls use Wasm kernels where supported ('auto' with Wasm available, or 'wasm'). */
  readonly wasm: boolean;
  /** backend 'wasm' was asked for: plain arrays also stage transcendental kernels through Wasm. */
  readonly wasmMath: boolean;
  /** Part of the plan cache key (blockSize is not: it does not change the kernels). */
  readonly key: string;
}

const BACKEND_OPTIONS = ['auto', 'wasm', 'js', 'closures'] as const;

export const DEFAULT_OPTIONS: ResolvedOptions = resolveOptions({});

const KNOWN: readonly (keyof EvaluateOptions)[] = ['optimize', 'fusion', 'casting', 'blockSize', 'copyToShared', 'singleThread', 'codegen', 'backend'];
const KNOWN_SET = new Set<string>(KNOWN);

/** Names users bring from numexpr and elsewhere that edit distance alone would not match. */
const SYNONYMS: Readonly<Record<string, keyof EvaluateOptions>> = { optimization: 'optimize', block_size: 'blockSize', threads: 'singleThread' };

function checkKeys(o: object, own: readonly string[]): void {
  for (const key of Object.keys(o)) {
    if (KNOWN_SET.has(key)) continue;
    const all = [...KNOWN, ...own];
    const near = Object.prototype.hasOwnProperty.call(SYNONYMS, key) ? SYNONYMS[key] : closest(key, all);
    fail('OPTION', `unknown option ${JSON.stringify(key)}; the options are ${all.join(', ')}`, near ? `did you mean '${near}'?` : undefined);
  }
}

/** `own`: the caller's own option names (evaluateAsync's signal, onProgress), taken out of `o` already; an unknown key's error lists them too. */
export function resolveOptions(o: EvaluateOptions | undefined, own: readonly string[] = []): ResolvedOptions {
  if (o === undefined) return DEFAULT_OPTIONS;
  if (typeof o !== 'object' || o === null) fail('OPTION', `options must be an object, got ${o === null ? 'null' : typeof o}`);
  checkKeys(o, own);
  const optimize = o.optimize ?? 'aggressive';
  if (!OPTIMIZE_LEVELS.includes(optimize)) fail('OPTION', `options.optimize must be one of ${OPTIMIZE_LEVELS.map((l) => `'${l}'`).join(', ')}, got ${JSON.stringify(optimize)}`);
  const fusion = o.fusion ?? true;
  if (typeof fusion !== 'boolean') fail('OPTION', `options.fusion must be a boolean, got ${typeof fusion}`);
  const casting = o.casting ?? 'same_kind';
  if (!CASTINGS.includes(casting)) fail('OPTION', `options.casting must be one of ${CASTINGS.map((l) => `'${l}'`).join(', ')}, got ${JSON.stringify(casting)}`);
  const blockSize = o.blockSize ?? DEFAULT_BLOCK_SIZE;
  if (!Number.isSafeInteger(blockSize) || blockSize < 1 || blockSize > 2 ** 30) {
    fail('OPTION', `options.blockSize must be an integer from 1 to ${2 ** 30}, got ${String(blockSize)}`);
  }
  const copyToShared = o.copyToShared ?? false;
  if (typeof copyToShared !== 'boolean') fail('OPTION', `options.copyToShared must be a boolean, got ${typeof copyToShared}`);
  const singleThread = o.singleThread ?? false;
  if (typeof singleThread !== 'boolean') fail('OPTION', `options.singleThread must be a boolean, got ${typeof singleThread}`);
  if (o.codegen !== undefined && o.codegen !== 'jit' && o.codegen !== 'closures') fail('OPTION', `options.codegen must be 'jit' or 'closures', got ${JSON.stringify(o.codegen)}`);
  const chosen = o.backend ?? (o.codegen === 'closures' ? 'closures' : o.codegen === 'jit' ? 'js' : 'auto');
  if (!BACKEND_OPTIONS.includes(chosen)) fail('OPTION', `options.backend must be one of ${BACKEND_OPTIONS.map((b) => `'${b}'`).join(', ')}, got ${JSON.stringify(chosen)}`);
  // 'jit' is the js backend ('auto' may still pick it), 'closures' the closures backend
  if (o.codegen !== undefined && o.backend !== undefined && ((o.codegen === 'closures') !== (chosen === 'closures') || (o.codegen === 'jit' && chosen === 'wasm'))) {
    fail('OPTION', `options.codegen '${o.codegen}' contradicts options.backend '${chosen}'`, 'pass only backend');
  }
  if (chosen === 'wasm' && !wasmAvailable()) fail('OPTION', "options.backend 'wasm' needs WebAssembly SIMD and shared memory, which this environment lacks; use 'auto'");
  const wantJit = chosen === 'js' || o.codegen === 'jit';
  if (wantJit && !jitAvailable()) fail('OPTION', `options.${o.codegen === 'jit' ? "codegen 'jit'" : "backend 'js'"} needs \`new Function\`, which this environment forbids; use 'closures'`);
  const codegen = chosen === 'closures' || !jitAvailable() ? 'closures' : 'jit';
  const wasm = (chosen === 'auto' || chosen === 'wasm') && wasmAvailable();
  const backend: BackendName = codegen === 'jit' ? 'js' : 'closures';
  const wasmMath = wasm && chosen === 'wasm';
  return { optimize, fusion, casting, blockSize, copyToShared, singleThread, codegen, backend, wasm, wasmMath, key: `${optimize}|${fusion ? 'f' : 'u'}|${casting}|${codegen}|${wasmMath ? 'W' : wasm ? 'w' : ''}` };
}
