// The browser build in a real browser: Debian's Chromium, headless, driven by playwright-core (no
// browser download). The demo page runs the diffusion on 2 Web Workers (3 threads with the page's) and its grid checksum must
// equal Node's, bit for bit; without cross-origin isolation it runs single-threaded and says why.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync } from 'node:fs';
import { setNumThreads, shutdown } from '../../src/index.js';
import { Simulation, type StepOptions } from '../../web/simulation.js';
// @ts-expect-error a plain .mjs script without declarations
import { startServer } from '../../scripts/serve.mjs';
import type { Browser } from 'playwright-core';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter((p): p is string => !!p);
const chromium = CANDIDATES.find((p) => existsSync(p));
const SKIP = `skipped: no Chromium at ${CANDIDATES.join(', ')} (apt-get install chromium, or set CHROMIUM_PATH)`;

interface RunResult {
  checksum: string;
  msPerStep: number;
  threads: number;
  warning: string | null;
  crossOriginIsolated: boolean;
}
type Server = { url: string; close(): Promise<void> };

const STEPS = 20;
const N = 256; // 65,536 cells: well above the parallel threshold, so the workers take blocks

function nodeChecksum(o: StepOptions): string {
  const s = new Simulation(N);
  for (let k = 0; k < STEPS; k++) s.step(o);
  return s.checksum();
}

describe.skipIf(!chromium)(`the demo page in headless Chromium${chromium ? '' : ` (${SKIP})`}`, () => {
  let browser: Browser;
  let isolated: Server;
  let plain: Server;
  const logs: string[] = [];

  beforeAll(async () => {
    const { chromium: driver } = await import('playwright-core');
    [browser, isolated, plain] = await Promise.all([
      driver.launch({ executablePath: chromium, args: ['--no-sandbox'] }),
      startServer({ port: 0 }),
      startServer({ port: 0, isolated: false }),
    ]);
    setNumThreads(3);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all([isolated?.close(), plain?.close()]);
    await shutdown();
  });

  async function runPage(url: string, o: StepOptions): Promise<RunResult> {
    const page = await browser.newPage();
    page.on('console', (m) => logs.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => logs.push(`pageerror: ${e.message}`));
    await page.goto(url);
    await page.waitForFunction(() => 'demo' in globalThis);
    const r = await page.evaluate(([steps, n, opts]) => (globalThis as unknown as { demo: { run(s: number, o: object): Promise<RunResult> } }).demo.run(steps, { threads: 3, n, ...opts }), [STEPS, N, o] as const);
    await page.close();
    return r;
  }

  it.each([
    { fusion: true, codegen: 'jit' },
    { fusion: false, codegen: 'jit' },
    { fusion: true, codegen: 'closures' },
  ] as StepOptions[])('on 2 workers ($codegen, fusion $fusion) the grid equals Node\'s bit for bit', async (o) => {
    const r = await runPage(isolated.url, o);
    expect(r.crossOriginIsolated).toBe(true);
    expect(r.warning).toBeNull();
    expect(r.threads).toBe(3); // the page's thread and 2 Web Workers
    expect(r.checksum).toBe(nodeChecksum(o));
    expect(logs).toEqual([]);
  });

  it('without cross-origin isolation it runs single-threaded, says why in threadsWarning(), and prints nothing', async () => {
    const o: StepOptions = { fusion: true, codegen: 'jit' };
    const r = await runPage(plain.url, o);
    expect(r.crossOriginIsolated).toBe(false);
    expect(r.warning).toBe('SharedArrayBuffer is unavailable: the page is not cross-origin isolated (serve it with Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp); running single-threaded');
    expect(r.checksum).toBe(nodeChecksum(o));
    expect(logs).toEqual([]);
  });
});
