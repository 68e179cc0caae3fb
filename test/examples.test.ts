// Every example runs (tiny sizes), so they never rot.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../examples/', import.meta.url));
const ARGS: Record<string, string[]> = {
  'diffusion.ts': ['--sizes', '32,48', '--svg', join(mkdtempSync(join(tmpdir(), 'fusexpr-')), 'd.svg')],
  'threads.ts': ['20000', '--no-tune'],
  'rgba.ts': ['16', '--out', join(mkdtempSync(join(tmpdir(), 'fusexpr-')), 'rgba.png')],
};
const examples = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('-lib.ts') && f !== 'heatmap.ts');

describe('examples', () => {
  it('there are examples', () => expect(examples.length).toBeGreaterThanOrEqual(8));
  for (const file of examples) {
    it(file, () => {
      const r = spawnSync(process.execPath, ['--import', 'tsx', join(dir, file), ...(ARGS[file] ?? ['16'])], { encoding: 'utf8', timeout: 60_000 });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout.length).toBeGreaterThan(0);
    });
  }
});
