// npm run demo:web: a small static server for the demo page, with the headers that make a page
// cross-origin isolated (COOP/COEP), so SharedArrayBuffer and threads work. The page's script is
// built from source at start (esbuild, a second or two). Also used by test/browser/demo.test.ts.
//   node scripts/serve.mjs [--port 8080]
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildDemo } from './build.mjs';

const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

/** Serve the demo on `port` (0: any free port); resolves with its URL and a close function. */
export async function startServer({ port = 8080, isolated = true } = {}) {
  const files = {
    '/': { type: 'text/html; charset=utf-8', body: readFileSync(fileURLToPath(new URL('../web/index.html', import.meta.url))) },
    '/demo.js': { type: 'text/javascript; charset=utf-8', body: await buildDemo() },
  };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = files[path];
    if (path === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': file.type, 'Cache-Control': 'no-store', ...(isolated ? ISOLATION : {}) }).end(file.body);
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/`;
  return { url, close: () => new Promise((resolve) => server.close(resolve)) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--port');
  const { url } = await startServer({ port: i > 0 ? Number(process.argv[i + 1]) : 8080 });
  console.log(`fusexpr demo: ${url} (cross-origin isolated: COOP same-origin, COEP require-corp); Ctrl-C stops`);
}
