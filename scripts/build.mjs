// The package build: one bundled file per entry (chevrotain inside; piscina and zarrita left to npm), source
// maps with sourcesContent, and declarations from tsc (an ESM copy and a CommonJS copy, so `import`
// and `require` consumers under NodeNext each get types in their own module format).
//   node scripts/build.mjs            everything into dist/
//   buildDemo()                       the demo page's script, from source (scripts/serve.mjs)
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const at = (p) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const common = { absWorkingDir: root, bundle: true, sourcemap: true, sourcesContent: true, logLevel: 'warning', target: 'es2022' };
// zarrita is loaded only to write Zarr chunks (src/chunked/zarr.ts): left to npm, never inlined
const node = { ...common, platform: 'node', target: 'node20', external: ['piscina', 'zarrita', '@zarrita/storage'] };

/** Swaps the Node platform for the browser one and inlines the browser worker's code. */
function browserPlugin(workerSource) {
  return {
    name: 'fusexpr-browser',
    setup(b) {
      b.onLoad({ filter: /threads[\\/]platform[\\/]index\.ts$/ }, () => ({
        contents: "export { browserPlatform as platform } from './browser.js';",
        loader: 'ts',
        resolveDir: at('src/runtime/threads/platform'),
      }));
      if (workerSource === undefined) return;
      b.onLoad({ filter: /browser-worker-source\.ts$/ }, () => ({ contents: `export const WORKER_SOURCE = ${JSON.stringify(workerSource)};`, loader: 'js' }));
    },
  };
}

/** dist/browser.js (or `outdir`/browser.js): ESM for browsers, Web Workers inlined as a Blob. */
export async function buildBrowser(outdir = at('dist')) {
  const browser = { ...common, platform: 'browser', format: 'esm', external: ['zarrita', '@zarrita/storage'] };
  const worker = await build({ ...browser, entryPoints: [at('src/runtime/threads/platform/browser-worker.ts')], write: false, sourcemap: 'inline', plugins: [browserPlugin()], minify: true });
  const workerSource = worker.outputFiles[0].text;
  await build({ ...browser, entryPoints: { browser: at('src/index.ts') }, outdir, plugins: [browserPlugin(workerSource)] });
}

/** The demo page's script (web/demo.ts, fusexpr from source) for the browser, as text. */
export async function buildDemo() {
  const browser = { ...common, platform: 'browser', format: 'esm', sourcemap: 'inline', alias: { fusexpr: at('src/index.ts') } };
  const worker = await build({ ...browser, entryPoints: [at('src/runtime/threads/platform/browser-worker.ts')], write: false, plugins: [browserPlugin()] });
  const demo = await build({ ...browser, entryPoints: [at('web/demo.ts')], write: false, plugins: [browserPlugin(worker.outputFiles[0].text)] });
  return demo.outputFiles[0].text;
}

async function buildAll() {
  rmSync(at('dist'), { recursive: true, force: true });
  // CommonJS has no import.meta.url: the worker file is found from __filename instead
  const cjsUrl = { define: { 'import.meta.url': '__fusexpr_url' }, banner: { js: "const __fusexpr_url = require('node:url').pathToFileURL(__filename).href;" } };
  await Promise.all([
    build({ ...node, format: 'esm', entryPoints: { index: at('src/index.ts') }, outdir: at('dist') }),
    build({ ...node, format: 'cjs', entryPoints: { index: at('src/index.ts') }, outdir: at('dist'), outExtension: { '.js': '.cjs' }, ...cjsUrl }),
    build({ ...node, format: 'esm', entryPoints: { worker: at('src/runtime/threads/platform/node-worker.ts') }, outdir: at('dist') }),
    build({ ...node, format: 'esm', entryPoints: { cli: at('src/cli.ts') }, outdir: at('dist') }),
    buildBrowser(),
  ]);
  execFileSync(process.execPath, [at('node_modules/typescript/bin/tsc'), '-p', at('tsconfig.build.json')], { stdio: 'inherit' });
  cpSync(at('dist/types'), at('dist/types-cjs'), { recursive: true });
  writeFileSync(at('dist/types-cjs/package.json'), '{ "type": "commonjs" }\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildAll();
