// A small disassembler for the modules emit.ts writes: the code section as WAT-like text (one
// instruction per line, nested blocks indented), for explain() and kernel.source. Reads only the
// opcodes encode.ts knows; anything else prints as a byte.

import { OP, SIMD, SIMD_LANE, SIMD_MEM, SIMD_MEM_LANE, T } from './encode.js';

const CORE = new Map<number, string>(Object.entries(OP).map(([k, v]) => [v, k]));
const VECTOR = new Map<number, string>(Object.entries(SIMD).map(([k, v]) => [v, k]));
const TYPE = new Map<number, string>(Object.entries(T).map(([k, v]) => [v, k]));
const MEM_CORE = new Set(['i32.load', 'i32.load8_u', 'i32.load16_u', 'i32.store', 'i32.store8', 'i32.store16']);

class Reader {
  at = 0;
  constructor(readonly b: Uint8Array) {}
  byte(): number {
    return this.b[this.at++]!;
  }
  u(): number {
    let r = 0;
    let s = 1;
    for (;;) {
      const x = this.byte();
      r += (x & 0x7f) * s;
      s *= 128;
      if (!(x & 0x80)) return r;
    }
  }
  s(): bigint {
    let r = 0n;
    let shift = 0n;
    let x: number;
    do {
      x = this.byte();
      r |= BigInt(x & 0x7f) << shift;
      shift += 7n;
    } while (x & 0x80);
    if (x & 0x40) r -= 1n << shift;
    return r;
  }
}

/** The function `name` of a module from encodeModule, as text. */
export function disassemble(bytes: Uint8Array, name: string, header: readonly string[] = []): string {
  const r = new Reader(bytes);
  r.at = 8;
  let code: { start: number; end: number } | undefined;
  let params: string[] = [];
  while (r.at < bytes.length) {
    const id = r.byte();
    const size = r.u();
    const start = r.at;
    if (id === 1) {
      r.u();
      r.byte(); // 0x60
      params = Array.from({ length: r.u() }, () => TYPE.get(r.byte()) ?? '?');
    }
    if (id === 10) code = { start, end: start + size };
    r.at = start + size;
  }
  const lines = header.map((h) => `;; ${h}`);
  lines.push(`(func $${name} ${params.map((p, i) => `(param $${i} ${p})`).join(' ')}`);
  if (!code) return lines.join('\n');
  r.at = code.start;
  r.u(); // one body
  r.u(); // body size
  const locals: string[] = [];
  for (let g = r.u(); g > 0; g--) {
    const n = r.u();
    const t = TYPE.get(r.byte()) ?? '?';
    for (let k = 0; k < n; k++) locals.push(t);
  }
  if (locals.length) lines.push(`  (local ${locals.join(' ')})`);
  let depth = 1;
  while (r.at < code.end) {
    const op = r.byte();
    let text: string;
    if (op === 0xfd) {
      const name = VECTOR.get(r.u()) ?? 'simd.?';
      text = name;
      if (SIMD_MEM.has(name) || SIMD_MEM_LANE.has(name)) {
        r.u();
        const off = r.u();
        text += off ? ` offset=${off}` : '';
        if (SIMD_MEM_LANE.has(name)) text += ` ${r.byte()}`;
      } else if (SIMD_LANE.has(name)) text += ` ${r.byte()}`;
      else if (name === 'v128.const') text += ` i32x4 ${Array.from(new Int32Array(bytes.slice(r.at, (r.at += 16)).buffer)).map((x) => `0x${(x >>> 0).toString(16)}`).join(' ')}`;
      else if (name === 'i8x16.shuffle') text += ` ${Array.from(bytes.slice(r.at, (r.at += 16))).join(' ')}`;
    } else {
      const name = CORE.get(op) ?? `byte 0x${op.toString(16)}`;
      text = name;
      if (name === 'end') {
        depth--;
        if (depth === 0) break;
      }
      if (name === 'block' || name === 'loop' || name === 'if') r.byte();
      else if (name.startsWith('local.') || name === 'br' || name === 'br_if' || name === 'call') text += ` ${r.u()}`;
      else if (name === 'i32.const') text += ` ${r.s()}`;
      else if (MEM_CORE.has(name)) {
        r.u();
        r.u();
      }
    }
    if (text === 'end' || text === 'else') depth = Math.max(1, depth);
    lines.push(`${'  '.repeat(Math.max(1, text === 'else' ? depth - 1 : depth))}${text}`);
    if (text === 'block' || text === 'loop' || text === 'if') depth++;
  }
  lines.push(')');
  return lines.join('\n');
}
