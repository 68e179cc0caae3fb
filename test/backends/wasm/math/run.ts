// Helpers shared by the math tests and scripts/math-accuracy.ts: run a MathFn over many points with
// the emulator (batched), and measure distances between float bit patterns.
import type { Lanes, MathFn } from '../../../../src/backends/wasm/math/asm.js';
import { Emulator } from './emulate.js';

/** Evaluates fn at points given as bit patterns (one array of args per point); results as bits. */
export function runMath(fn: MathFn, lanes: Lanes, arity: number, points: readonly (readonly bigint[])[]): bigint[] {
  const per = lanes === 'f64x2' ? 2 : 4;
  const batch = Math.max(1, Math.ceil(points.length / per));
  const asm = new Emulator(lanes, batch);
  const args = [];
  for (let a = 0; a < arity; a++) {
    const buf = new ArrayBuffer(16 * batch);
    const view = lanes === 'f64x2' ? new BigUint64Array(buf) : new Uint32Array(buf);
    points.forEach((p, i) => {
      if (view instanceof BigUint64Array) view[i] = p[a]!;
      else view[i] = Number(p[a]!);
    });
    args.push(asm.fromBytes(new Uint8Array(buf)));
  }
  const out = asm.bytes(fn(asm, args));
  const res = lanes === 'f64x2' ? Array.from(new BigUint64Array(out.buffer, out.byteOffset, 2 * batch)) : Array.from(new Uint32Array(out.buffer, out.byteOffset, 4 * batch), BigInt);
  return res.slice(0, points.length);
}

const f64 = new Float64Array(1), u64 = new BigUint64Array(f64.buffer);
const f32 = new Float32Array(1), u32 = new Uint32Array(f32.buffer);

export function fromBits(b: bigint, fmt: 'f64' | 'f32'): number {
  if (fmt === 'f64') { u64[0] = b; return f64[0]!; }
  u32[0] = Number(b); return f32[0]!;
}
export function toBits(x: number, fmt: 'f64' | 'f32'): bigint {
  if (fmt === 'f64') { f64[0] = x; return u64[0]!; }
  f32[0] = x; return BigInt(u32[0]!);
}

/** Representable steps between two results; `same` treats all NaNs alike; wantSpecial: NaN, ±inf or ±0. */
export function ulpSteps(got: bigint, want: bigint, fmt: 'f64' | 'f32'): { steps: number; same: boolean; wantSpecial: boolean } {
  const g = fromBits(got, fmt), w = fromBits(want, fmt);
  const wantSpecial = w !== w || w === 0 || !Number.isFinite(w);
  if (w !== w || g !== g) return { steps: w !== w && g !== g ? 0 : Infinity, same: w !== w && g !== g, wantSpecial };
  const bitsW = fmt === 'f64' ? 64n : 32n;
  const sign = 1n << (bitsW - 1n);
  const ord = (b: bigint) => (b & sign ? -(b & (sign - 1n)) : b);
  return { steps: Number(ord(got) - ord(want) < 0n ? ord(want) - ord(got) : ord(got) - ord(want)), same: got === want, wantSpecial };
}
