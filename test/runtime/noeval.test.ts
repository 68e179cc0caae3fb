// Where `new Function` is banned, fusexpr falls back to the closures backend by itself.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { FusexprError } from '../../src/index.js';
import { evaluate } from '../helpers/untyped.js';

describe('no-eval environments', () => {
  it('under --disallow-code-generation-from-strings, evaluate works (closures backend)', () => {
    const script = fileURLToPath(new URL('./fixtures/no-eval.ts', import.meta.url));
    const r = spawnSync(process.execPath, ['--disallow-code-generation-from-strings', '--import', 'tsx', script], { encoding: 'utf8', timeout: 30_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout.trim())).toEqual({ banned: true, ok: true, s: 3.875, source: true });
  });
  it("codegen: 'closures' can be chosen explicitly; a bad codegen is an option error", () => {
    const x = new Float64Array([1, 2, 3]);
    expect(Array.from(evaluate('x * 2 + 1', { x }, undefined, { codegen: 'closures' }))).toEqual([3, 5, 7]);
    expect(() => evaluate('x', { x }, undefined, { codegen: 'wasm' as never })).toThrow(FusexprError);
  });
});
