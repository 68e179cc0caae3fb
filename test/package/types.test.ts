// The type test: tsc over api.types.ts, whose @ts-expect-error lines must each be an error (a result
// typed `any` would make them unused, which tsc reports). Resolves 'fusexpr' to the source.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('public types', () => {
  it('results, vars, options and error codes are typed (strict tsc over test/package/api.types.ts)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fusexpr-types-'));
    const config = join(dir, 'tsconfig.json');
    writeFileSync(config, JSON.stringify({ extends: join(root, 'tsconfig.json'), compilerOptions: { noEmit: true, strict: true, typeRoots: [join(root, 'node_modules/@types')] }, files: [join(root, 'test/package/api.types.ts')], include: [] }));
    const r = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', config], { encoding: 'utf8', timeout: 120_000 });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
