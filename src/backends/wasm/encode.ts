// The Wasm binary encoder: LEB128, value types, opcodes (core and the 0xFD SIMD prefix, numbers as in
// the WebAssembly SIMD spec) and the module layout fusexpr kernels need: one function type, one
// imported shared memory, one exported function. Knows nothing about Programs or dtypes.

/** Unsigned LEB128. */
export function uleb(n: number, out: number[]): void {
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
}

/** Signed LEB128 (i32 and i64 immediates; bigints for the full i64 range). */
export function sleb(v: number | bigint, out: number[]): void {
  let n = BigInt(v);
  for (;;) {
    const b = Number(n & 0x7fn);
    n >>= 7n;
    if ((n === 0n && (b & 0x40) === 0) || (n === -1n && (b & 0x40) !== 0)) {
      out.push(b);
      return;
    }
    out.push(b | 0x80);
  }
}

export const T = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c, v128: 0x7b } as const;
export type ValType = keyof typeof T;

/** Core opcodes used by the emitter (one byte each). */
export const OP = {
  block: 0x02, loop: 0x03, if: 0x04, else: 0x05, end: 0x0b, br: 0x0c, br_if: 0x0d, return: 0x0f, call: 0x10,
  'local.get': 0x20, 'local.set': 0x21, 'local.tee': 0x22,
  'i32.load': 0x28, 'i32.load8_u': 0x2d, 'i32.load16_u': 0x2f, 'i32.store': 0x36, 'i32.store8': 0x3a, 'i32.store16': 0x3b,
  'i32.const': 0x41, 'f64.const': 0x44,
  'i32.eqz': 0x45, 'i32.ne': 0x47, 'i32.lt_u': 0x49, 'i32.ge_u': 0x4f,
  'i32.add': 0x6a, 'i32.sub': 0x6b, 'i32.mul': 0x6c, 'i32.and': 0x71, 'i32.shl': 0x74,
  'f32.demote_f64': 0xb6, 'f64.promote_f32': 0xbb,
} as const;

/**
 * SIMD opcodes after the 0xFD prefix (LEB128-encoded), from the SIMD proposal's final opcode table.
 * Memory ops take a memarg; lane ops a lane byte; shuffle 16 lane bytes; v128.const 16 bytes.
 */
export const SIMD: Readonly<Record<string, number>> = {
  'v128.load': 0x00, 'v128.load32_splat': 0x09, 'v128.load64_splat': 0x0a, 'v128.store': 0x0b, 'v128.const': 0x0c, 'i8x16.shuffle': 0x0d,
  'i8x16.splat': 0x0f, 'i32x4.splat': 0x11, 'i64x2.splat': 0x12, 'f32x4.splat': 0x13, 'f64x2.splat': 0x14,
  'i32x4.extract_lane': 0x1b, 'i64x2.extract_lane': 0x1d, 'f32x4.extract_lane': 0x1f, 'f64x2.extract_lane': 0x21, 'f64x2.replace_lane': 0x22, 'f32x4.replace_lane': 0x20,
  'i8x16.eq': 0x23, 'i8x16.ne': 0x24,
  'i32x4.eq': 0x37, 'i32x4.ne': 0x38, 'i32x4.lt_s': 0x39, 'i32x4.lt_u': 0x3a, 'i32x4.gt_s': 0x3b, 'i32x4.gt_u': 0x3c, 'i32x4.le_s': 0x3d, 'i32x4.le_u': 0x3e, 'i32x4.ge_s': 0x3f, 'i32x4.ge_u': 0x40,
  'f32x4.eq': 0x41, 'f32x4.ne': 0x42, 'f32x4.lt': 0x43, 'f32x4.gt': 0x44, 'f32x4.le': 0x45, 'f32x4.ge': 0x46,
  'f64x2.eq': 0x47, 'f64x2.ne': 0x48, 'f64x2.lt': 0x49, 'f64x2.gt': 0x4a, 'f64x2.le': 0x4b, 'f64x2.ge': 0x4c,
  'v128.not': 0x4d, 'v128.and': 0x4e, 'v128.andnot': 0x4f, 'v128.or': 0x50, 'v128.xor': 0x51, 'v128.bitselect': 0x52, 'v128.any_true': 0x53,
  'v128.load16_lane': 0x55, 'v128.load32_lane': 0x56, 'v128.load64_lane': 0x57,
  'v128.store8_lane': 0x58, 'v128.store16_lane': 0x59, 'v128.store32_lane': 0x5a, 'v128.store64_lane': 0x5b, 'v128.load32_zero': 0x5c, 'v128.load64_zero': 0x5d,
  'f32x4.demote_f64x2_zero': 0x5e, 'f64x2.promote_low_f32x4': 0x5f,
  'i8x16.bitmask': 0x64,
  'f32x4.ceil': 0x67, 'f32x4.floor': 0x68, 'f32x4.trunc': 0x69, 'f32x4.nearest': 0x6a,
  'f64x2.ceil': 0x74, 'f64x2.floor': 0x75, 'f64x2.trunc': 0x7a, 'f64x2.nearest': 0x94,
  'i32x4.abs': 0xa0, 'i32x4.neg': 0xa1, 'i32x4.all_true': 0xa3, 'i32x4.bitmask': 0xa4,
  'i32x4.shl': 0xab, 'i32x4.shr_s': 0xac, 'i32x4.shr_u': 0xad, 'i32x4.add': 0xae, 'i32x4.sub': 0xb1, 'i32x4.mul': 0xb5,
  'i32x4.min_s': 0xb6, 'i32x4.min_u': 0xb7, 'i32x4.max_s': 0xb8, 'i32x4.max_u': 0xb9,
  'i64x2.abs': 0xc0, 'i64x2.neg': 0xc1, 'i64x2.extend_low_i32x4_s': 0xc7, 'i64x2.extend_high_i32x4_s': 0xc8,
  'i64x2.shl': 0xcb, 'i64x2.shr_s': 0xcc, 'i64x2.shr_u': 0xcd, 'i64x2.add': 0xce, 'i64x2.sub': 0xd1, 'i64x2.mul': 0xd5,
  'i64x2.eq': 0xd6, 'i64x2.ne': 0xd7, 'i64x2.lt_s': 0xd8, 'i64x2.gt_s': 0xd9, 'i64x2.le_s': 0xda, 'i64x2.ge_s': 0xdb,
  'f32x4.abs': 0xe0, 'f32x4.neg': 0xe1, 'f32x4.sqrt': 0xe3, 'f32x4.add': 0xe4, 'f32x4.sub': 0xe5, 'f32x4.mul': 0xe6, 'f32x4.div': 0xe7,
  'f32x4.min': 0xe8, 'f32x4.max': 0xe9, 'f32x4.pmin': 0xea, 'f32x4.pmax': 0xeb,
  'f64x2.abs': 0xec, 'f64x2.neg': 0xed, 'f64x2.sqrt': 0xef, 'f64x2.add': 0xf0, 'f64x2.sub': 0xf1, 'f64x2.mul': 0xf2, 'f64x2.div': 0xf3,
  'f64x2.min': 0xf4, 'f64x2.max': 0xf5, 'f64x2.pmin': 0xf6, 'f64x2.pmax': 0xf7,
  'i32x4.trunc_sat_f32x4_s': 0xf8, 'f32x4.convert_i32x4_s': 0xfa, 'i32x4.trunc_sat_f64x2_s_zero': 0xfc, 'f64x2.convert_low_i32x4_s': 0xfe,
};

/** Which SIMD opcodes take a memarg (align, offset) and which a lane index after it. */
export const SIMD_MEM = new Set(['v128.load', 'v128.load32_splat', 'v128.load64_splat', 'v128.store', 'v128.load32_zero', 'v128.load64_zero']);
export const SIMD_MEM_LANE = new Set(['v128.load16_lane', 'v128.load32_lane', 'v128.load64_lane', 'v128.store8_lane', 'v128.store16_lane', 'v128.store32_lane', 'v128.store64_lane']);
export const SIMD_LANE = new Set(['i32x4.extract_lane', 'i64x2.extract_lane', 'f32x4.extract_lane', 'f64x2.extract_lane', 'f64x2.replace_lane', 'f32x4.replace_lane']);

/** log2 of the natural alignment of a SIMD memory op (the memarg's align hint). */
export function simdAlign(op: string): number {
  if (op.includes('16_lane')) return 1;
  if (op.includes('32')) return 2;
  if (op.includes('64')) return 3;
  if (op.includes('8_lane')) return 0;
  return 4;
}

function section(id: number, body: number[], out: number[]): void {
  out.push(id);
  uleb(body.length, out);
  for (const b of body) out.push(b);
}

const name = (s: string, out: number[]) => {
  const bytes = new TextEncoder().encode(s);
  uleb(bytes.length, out);
  for (const b of bytes) out.push(b);
};

export interface FunctionDef {
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
  /** Declared locals in order (after the params). */
  readonly locals: readonly ValType[];
  /** The body's instructions, without the final `end`. */
  readonly code: readonly number[];
}

/**
 * A module importing `env.memory` (shared, up to `maxPages`) and `env.f{k}` scalar functions
 * (f64 … → f64), exporting function `run`.
 */
export function encodeModule(fn: FunctionDef, maxPages: number, imports: readonly { readonly arity: number }[] = []): Uint8Array {
  const out: number[] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  // types: 0 = run, 1.. = one per imported function
  const types: number[] = [];
  uleb(1 + imports.length, types);
  const fnType = (params: readonly ValType[], results: readonly ValType[]) => {
    types.push(0x60);
    uleb(params.length, types);
    for (const p of params) types.push(T[p]);
    uleb(results.length, types);
    for (const r of results) types.push(T[r]);
  };
  fnType(fn.params, fn.results);
  for (const im of imports) fnType(new Array<ValType>(im.arity).fill('f64'), ['f64']);
  section(1, types, out);
  // imports: the shared memory, then the scalar functions
  const imp: number[] = [];
  uleb(1 + imports.length, imp);
  name('env', imp);
  name('memory', imp);
  imp.push(0x02, 0x03); // memory, limits: min + max, shared
  uleb(1, imp);
  uleb(maxPages, imp);
  imports.forEach((_, k) => {
    name('env', imp);
    name(`f${k}`, imp);
    imp.push(0x00);
    uleb(1 + k, imp);
  });
  section(2, imp, out);
  // function section: one function of type 0 (index = imports.length)
  section(3, [1, 0], out);
  const exp: number[] = [1];
  name('run', exp);
  exp.push(0x00);
  uleb(imports.length, exp);
  section(7, exp, out);
  // code: locals run-length encoded
  const body: number[] = [];
  const groups: [ValType, number][] = [];
  for (const l of fn.locals) {
    const g = groups[groups.length - 1];
    if (g && g[0] === l) g[1]++;
    else groups.push([l, 1]);
  }
  uleb(groups.length, body);
  for (const [t, n] of groups) {
    uleb(n, body);
    body.push(T[t]);
  }
  for (const b of fn.code) body.push(b);
  body.push(OP.end);
  const code: number[] = [1];
  uleb(body.length, code);
  for (const b of body) code.push(b);
  section(10, code, out);
  return Uint8Array.from(out);
}
