// Golden files for a curated set of generated kernels: a change to generated code shows up as a diff
// to review. Rewrite them on purpose with UPDATE_GOLDEN=1 npm test.

import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { asBool, empty } from '../../src/index.js';
import { explain } from '../helpers/untyped.js';

const x = new Float64Array(4);
const CASES: [string, string, Record<string, unknown>][] = [
  ['polynomial', '0.25*x**3 + 0.75*x**2 - 1.5*x - 2', { x }],
  ['diffusion-update', 'next_grid*D*dt + grid', { next_grid: x, grid: x, D: 1, dt: 0.1 }],
  ['where-sqrt', 'where(a > 0, sqrt(a), -b)', { a: x, b: x }],
  ['sum-product', 'sum(a*b)', { a: x, b: x }],
  ['center', 'a - mean(a)', { a: x }],
  ['int32-mixed', 'i*2 + j//3 - (i << 2)', { i: new Int32Array(4), j: new Int32Array(4) }],
  ['float32-weak', 'f*2.5 + sin(f)**2', { f: new Float32Array(4) }],
  ['bool-logic', '(a > 0) & ~m', { a: x, m: asBool(new Uint8Array(4)) }],
  ['int64-uint32', 'u * 3 + k', { u: new Uint32Array(4), k: new BigInt64Array(4) }],
  ['power-expansion', '2*a + b**10', { a: x, b: x }],
];

describe('generated kernels match their golden files', () => {
  for (const [name, expr, vars] of CASES) {
    it(name, () => {
      const file = new URL(`./golden/${name}.js`, import.meta.url);
      const source = explain(expr, vars, { backend: 'js' }).source + '\n';
      if (process.env.UPDATE_GOLDEN) writeFileSync(file, source);
      expect(existsSync(file), `missing golden file ${name}.js: run UPDATE_GOLDEN=1 npm test`).toBe(true);
      expect(source).toBe(readFileSync(file, 'utf8'));
    });
  }
});

// The Wasm backend's kernels for arrays in fusexpr's memory, as the disassembler prints them
const w = empty('float64', 4);
const WASM: [string, string, Record<string, unknown>][] = [
  ['wasm-abc', 'a*b + c', { a: w, b: w, c: w }],
  ['wasm-where-f32', 'where(f > 0, sqrt(f), -f) * 2.5', { f: empty('float32', 4) }],
  ['wasm-sum-bool', 'sum(a > 0)', { a: w }],
];

describe('Wasm kernels match their golden files', () => {
  for (const [name, expr, vars] of WASM) {
    it(name, () => {
      const file = new URL(`./golden/${name}.wat`, import.meta.url);
      const e = explain(expr, vars);
      expect(e.backends.every((b: { backend: string }) => b.backend === 'wasm')).toBe(true);
      const source = e.source + '\n';
      if (process.env.UPDATE_GOLDEN) writeFileSync(file, source);
      expect(existsSync(file), `missing golden file ${name}.wat: run UPDATE_GOLDEN=1 npm test`).toBe(true);
      expect(source).toBe(readFileSync(file, 'utf8'));
    });
  }
});
