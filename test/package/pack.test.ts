// The package as users get it: `npm pack`, installed from the tarball into a fresh CommonJS project
// (dependencies from npm's cache when it has them). require, import, threads from the bundle, the
// bin, the declarations under strict tsc without @types/node, and an esbuild browser bundle.
import { describe, it, expect, beforeAll } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../../', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let app = '';
let tarball = '';

beforeAll(() => {
  const packs = mkdtempSync(join(tmpdir(), 'fusexpr-pack-'));
  // prepack builds dist/ first
  const name = execFileSync(npm, ['pack', '--silent', '--pack-destination', packs], { cwd: root, encoding: 'utf8' }).trim().split('\n').pop()!;
  tarball = join(packs, name);
  app = mkdtempSync(join(tmpdir(), 'fusexpr-consumer-'));
  execFileSync(npm, ['init', '-y'], { cwd: app, stdio: 'ignore' });
  execFileSync(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], { cwd: app, stdio: 'ignore' });
}, 300_000);

const node = (...args: string[]) => spawnSync(process.execPath, args, { cwd: app, encoding: 'utf8', timeout: 60_000 });

// threads from the bundle: startThreads resolves only once the workers run dist/worker.js
const THREADED = `
  f.setNumThreads(2); f.setParallelThreshold(0);
  const a = f.empty('float64', 100000); for (let i = 0; i < a.length; i++) a[i] = i;
  const sum = async () => { await f.startThreads(); const s = f.evaluate('sum(a * 2)', { a }); await f.shutdown(); return s; };
  sum().then((s) => console.log(JSON.stringify({ s, warning: f.threadsWarning() ?? null })));`;

describe('the packed tarball in a fresh project', () => {
  it('ships what runs: bundles, declarations, LICENSE; no sources, no grammar', () => {
    const files = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).split('\n').filter(Boolean);
    expect(files).toContain('package/LICENSE');
    for (const f of ['index.js', 'index.cjs', 'worker.js', 'browser.js', 'cli.js', 'types/index.d.ts', 'types-cjs/index.d.ts']) expect(files).toContain(`package/dist/${f}`);
    expect(files.filter((f) => /^package\/(src|grammar|test)\//.test(f))).toEqual([]);
    const pkg = JSON.parse(readFileSync(join(app, 'node_modules/fusexpr/package.json'), 'utf8'));
    expect(pkg.scripts?.prepare).toBeUndefined();
    // source maps carry their sources: they never point at files that are not shipped
    for (const map of readdirSync(join(app, 'node_modules/fusexpr/dist')).filter((f) => f.endsWith('.map'))) {
      const m = JSON.parse(readFileSync(join(app, 'node_modules/fusexpr/dist', map), 'utf8'));
      expect(m.sourcesContent.length, map).toBe(m.sources.length);
      expect(m.sourcesContent.every((s: unknown) => typeof s === 'string'), map).toBe(true);
    }
  });

  it('require works (a default project is CommonJS), and threads run from the bundle', () => {
    const r = node('-e', `const f = require('fusexpr'); console.log(Array.from(f.evaluate('2*a + 1', { a: new Float64Array([1, 2]) }))); ${THREADED}`);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('[ 3, 5 ]\n{"s":9999900000,"warning":null}\n');
  });

  it('import works, and threads run from the bundle', () => {
    const r = node('--input-type=module', '-e', `import * as f from 'fusexpr'; console.log(Array.from(f.evaluate('2*a + 1', { a: new Float64Array([1, 2]) }))); ${THREADED}`);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('[ 3, 5 ]\n{"s":9999900000,"warning":null}\n');
  });

  it('npx fusexpr explain takes an expression with =', () => {
    const r = spawnSync(npm, ['exec', '--offline', '--', 'fusexpr', 'explain', 'a <= b', 'b=int32'], { cwd: app, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.split('\n').slice(0, 3)).toEqual(['expression: a <= b', 'parsed:     a <= b', 'signature:  {"a":"float64[8]","b":"int32[8]"}']);
  });

  it('the declarations compile under strict without @types/node, for import and require; a string result does not', () => {
    const compilerOptions = { strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', lib: ['es2022'], types: [], skipLibCheck: false, noEmit: true };
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['ok.ts', 'ok.mts'] }));
    writeFileSync(join(app, 'tsconfig.bad.json'), JSON.stringify({ compilerOptions, files: ['bad.ts'] }));
    const use = `import { evaluate, compile, FusexprError, type ErrorCode, type ResultArray, type ScalarResult } from 'fusexpr';
const a = new Float64Array(3);
const r: ResultArray | ScalarResult = evaluate('a + 1', { a });
const out: Float32Array = compile('a * 2').run({ a }, new Float32Array(3));
const code: ErrorCode | undefined = r instanceof FusexprError ? r.code : undefined;
export { out, code };\n`;
    writeFileSync(join(app, 'ok.ts'), use); // CommonJS here: resolved through the require condition
    writeFileSync(join(app, 'ok.mts'), use); // ESM: the import condition
    writeFileSync(join(app, 'bad.ts'), `import { evaluate } from 'fusexpr';\nexport const s: string = evaluate('a + 1', { a: new Float64Array(3) });\n`);
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    const files = node(tsc, '-p', 'tsconfig.json', '--listFilesOnly');
    expect(files.stdout).toContain('node_modules/fusexpr/dist/types-cjs/index.d.ts');
    expect(files.stdout).toContain('node_modules/fusexpr/dist/types/index.d.ts');
    expect(files.stdout).not.toContain('@types/node');
    const good = node(tsc, '-p', 'tsconfig.json');
    expect(good.stdout + good.stderr).toBe('');
    expect(good.status).toBe(0);
    const bad = node(tsc, '-p', 'tsconfig.bad.json');
    expect(bad.status).not.toBe(0);
    expect(bad.stdout).toMatch(/bad\.ts\(2,14\): error TS2322: Type 'Result<\{ a: Float64Array<ArrayBuffer>; \}>' is not assignable to type 'string'/);
  });

  it('an esbuild browser bundle builds, with nothing from Node in it', async () => {
    writeFileSync(join(app, 'web.js'), `import { evaluate, threadsWarning } from 'fusexpr';\nconsole.log(evaluate('a * 2', { a: new Float64Array(2) }), threadsWarning());\n`);
    const r = await build({ absWorkingDir: app, entryPoints: ['web.js'], bundle: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent' });
    const text = r.outputFiles[0]!.text;
    expect(r.errors).toEqual([]);
    expect(text).not.toMatch(/from ["']node:|require\(["']node:|piscina|worker_threads/);
    expect(text).toContain('cross-origin isolated');
  });

  it('a Node app bundling fusexpr runs, single-threaded with a warning when the worker file is left behind', async () => {
    writeFileSync(join(app, 'server.js'), `const f = require('fusexpr'); ${THREADED}`);
    await build({ absWorkingDir: app, entryPoints: ['server.js'], bundle: true, platform: 'node', format: 'cjs', outfile: 'out/server.js', external: ['piscina'], logLevel: 'silent' });
    const r = node('out/server.js');
    expect(r.stderr).toBe('');
    const { s, warning } = JSON.parse(r.stdout);
    expect(s).toBe(9999900000);
    expect(warning).toMatch(/^the worker entry .*out\/worker\.js is missing \(copy fusexpr's dist\/worker\.js next to the bundle\); running single-threaded$/);
  });
});
