// A screenshot of the demo page for the README: headless Chromium (Debian's), 60 steps on the
// default settings, then the page as a PNG.
//   node scripts/screenshot.mjs docs/demo.png        (npm run docs:images makes every README image)
import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';

const out = process.argv[2] ?? 'docs/demo.png';
const server = await startServer({ port: 0 });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 900, height: 820 } });
  await page.goto(server.url);
  // let the animation run a while so the dye has spread and ms per step has settled
  await page.waitForFunction(() => /step (\d+)/.exec(document.getElementById('stats').textContent)?.[1] >= 400, undefined, { timeout: 60_000 });
  await page.click('#play');
  await page.screenshot({ path: out, fullPage: true });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await server.close();
}
