// float16 in an engine that has it: the browser build (dist/browser.js, built into a temp folder) in
// Debian's headless Chromium (Float16Array, Math.f16round), replaying NumPy's float16 fixtures
// (test/numpy/float16.py): promotion, can_cast, arithmetic with every dtype, casts, functions, sums.
// Node 20 has no float16: test/types/float16.test.ts pins what happens there.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
// @ts-expect-error a plain .mjs script without declarations
import { buildBrowser } from '../../scripts/build.mjs';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter((p): p is string => !!p);
const chromium = CANDIDATES.find((p) => existsSync(p));
const SKIP = `skipped: no Chromium at ${CANDIDATES.join(', ')} (apt-get install chromium, or set CHROMIUM_PATH)`;
// served by page.route, never by a socket; localhost is a trustworthy origin, so COOP/COEP apply
const ORIGIN = 'http://localhost:8716';

type Enc = number | string;
interface Case { expr: string; out?: 'float16' | 'uint8clamped'; vars: Record<string, { dtype: string; values?: Enc[]; gen?: 'ramp' | 'spikes'; n?: number; shape?: number[] } | Enc>; dtype: string; values: Enc[]; ulps: number }
interface Got { dtype?: string; values?: Enc[]; error?: string }
const F = JSON.parse(readFileSync(new URL('../numpy/float16.json', import.meta.url), 'utf8')) as { promotion: Record<string, string>; can_cast: [string, string, string, boolean][]; cases: Case[] };

/** Runs in the page: every case under `options` (on 2 Web Workers and the page with `threads`), results encoded as the fixtures are. */
async function replay([cases, options, threads]: [Case[], object, boolean]): Promise<Got[]> {
  const X = (globalThis as unknown as { F: typeof import('../../src/index.js') }).F;
  const dec = (v: Enc): number => (v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : v === '-0' ? -0 : Number(v));
  const enc = (x: number | bigint | boolean): Enc => (typeof x === 'bigint' ? (x >= -(2n ** 53n) && x <= 2n ** 53n ? Number(x) : String(x)) : typeof x === 'boolean' ? Number(x) : x !== x ? 'nan' : x === Infinity ? 'inf' : x === -Infinity ? '-inf' : Object.is(x, -0) ? '-0' : x);
  const CLASS: Record<string, { from(a: ArrayLike<unknown>): ArrayBufferView }> = {
    int8: Int8Array, uint8: Uint8Array, int16: Int16Array, uint16: Uint16Array, int32: Int32Array, uint32: Uint32Array,
    int64: BigInt64Array, uint64: BigUint64Array, float32: Float32Array, float64: Float64Array,
    float16: (globalThis as unknown as { Float16Array: { from(a: ArrayLike<unknown>): ArrayBufferView } }).Float16Array,
  } as never;
  // the long arrays float16.py generates (ramp, spikes), rebuilt here: each value rounds once
  const GEN = {
    ramp: (i: number) => ((i * 37) % 201 - 100) / 8 + (i % 7) / 1024,
    spikes: (i: number) => (i % 4 === 0 ? 30000 : i % 4 === 2 ? -30000 : 0.001 * (i % 7 + 1)),
  };
  const make = (v: Case['vars'][string]) => {
    if (typeof v !== 'object') return dec(v);
    const values = v.gen ? Array.from({ length: v.n! }, (_, i) => GEN[v.gen!](i)) : v.values!.map(dec);
    const data = v.dtype === 'bool' ? X.asBool(Uint8Array.from(values)) : CLASS[v.dtype]!.from(v.dtype.endsWith('int64') ? values.map((x) => BigInt(x)) : values);
    return v.shape ? { data, shape: v.shape } : data;
  };
  if (threads) {
    X.setNumThreads(3);
    X.setParallelThreshold(0); // every array takes the pool path
    await X.startThreads();
    if (X.threadsWarning() || !(globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated || X.getNumThreads() !== 3) return [{ error: `no pool: ${X.threadsWarning()}` }];
  }
  const got: Got[] = [];
  for (const c of cases) {
    try {
      const vars = Object.fromEntries(Object.entries(c.vars).map(([k, v]) => [k, make(v)]));
      const n = c.values.length;
      const out = c.out === 'float16' ? new (CLASS.float16 as unknown as new (n: number) => ArrayBufferView)(n) : c.out ? new Uint8ClampedArray(n) : undefined;
      const dtype = c.out === 'float16' ? 'float16' : c.out ? 'uint8' : X.validate(c.expr, vars).dtype;
      const r = (threads ? await X.evaluateAsync(c.expr, vars, out as never, options) : X.evaluate(c.expr, vars, out as never, options)) as unknown;
      // an N-D result is a view { data, shape }
      const data = typeof r === 'object' && r !== null && 'data' in r ? (r as { data: unknown }).data : r;
      const values = typeof data === 'object' ? Array.from(data as ArrayLike<number | bigint>, enc) : [enc(data as number)];
      got.push({ dtype, values });
    } catch (e) {
      got.push({ error: String(e) });
    }
  }
  return got;
}

/** The spacing of float16 values at x (2**-24 below the normal range). */
const ulp16 = (x: number) => 2 ** Math.max(Math.floor(Math.log2(Math.abs(x))) - 10, -24);
const num = (v: Enc) => (v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : v === '-0' ? -0 : Number(v));

function mismatches(c: Case, got: Got): string[] {
  if (got.error) return [`${c.expr}: ${got.error}`];
  const bad: string[] = [];
  if (got.dtype !== c.dtype) bad.push(`${c.expr}: dtype ${got.dtype}, numpy ${c.dtype}`);
  if (got.values!.length !== c.values.length) bad.push(`${c.expr}: ${got.values!.length} values, numpy ${c.values.length}`);
  c.values.forEach((w, i) => {
    const g = got.values![i]!;
    if (g === w) return;
    const [a, b] = [num(g), num(w)];
    const ok = c.ulps > 0 && Number.isFinite(b) && Math.abs(a - b) <= c.ulps * ulp16(b);
    if (!ok) bad.push(`${c.expr} [${i}]: ${String(g)}, numpy ${String(w)}`);
  });
  return bad;
}

describe.skipIf(!chromium)(`float16 in headless Chromium${chromium ? '' : ` (${SKIP})`}`, () => {
  let browser: Browser;
  let page: Page;
  let dir: string;
  const logs: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fusexpr-f16-'));
    await buildBrowser(dir);
    const bundle = readFileSync(join(dir, 'browser.js'), 'utf8');
    const { chromium: driver } = await import('playwright-core');
    browser = await driver.launch({ executablePath: chromium, args: ['--no-sandbox'] });
    page = await browser.newPage();
    page.on('console', (m) => logs.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => logs.push(`pageerror: ${e.message}`));
    await page.route(`${ORIGIN}/**`, (route) => {
      const path = new URL(route.request().url()).pathname;
      // cross-origin isolated, so SharedArrayBuffer and the Web Worker pool work
      const headers = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
      if (path === '/browser.js') return route.fulfill({ contentType: 'text/javascript', headers, body: bundle });
      if (path === '/') return route.fulfill({ contentType: 'text/html', headers, body: '<script type="module">import * as F from "./browser.js"; globalThis.F = F;</script>' });
      return route.fulfill({ status: 404, body: '' });
    });
    await page.goto(`${ORIGIN}/`);
    await page.waitForFunction(() => 'F' in globalThis);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the engine has Float16Array, and validate() promotes float16 as numpy.result_type does', async () => {
    const got = await page.evaluate((dtypes) => {
      const X = (globalThis as unknown as { F: typeof import('../../src/index.js') }).F;
      const a = new (globalThis as unknown as { Float16Array: new (n: number) => ArrayBufferView }).Float16Array(2);
      const b = (d: string): unknown => {
        if (d.startsWith('complex')) return { data: d === 'complex64' ? new Float32Array(4) : new Float64Array(4), dtype: d };
        if (d === 'bool') return X.asBool(new Uint8Array(2));
        return new ({ int8: Int8Array, uint8: Uint8Array, int16: Int16Array, uint16: Uint16Array, int32: Int32Array, uint32: Uint32Array, int64: BigInt64Array, uint64: BigUint64Array, float16: a.constructor, float32: Float32Array, float64: Float64Array } as unknown as Record<string, new (n: number) => ArrayBufferView>)[d]!(2);
      };
      const out: Record<string, string> = {};
      for (const d of dtypes) out[d] = d.startsWith('weak') ? X.validate(`a + ${d === 'weak float' ? '1.5' : d === 'weak int' ? '3' : '1j'}`, { a }).dtype : X.validate('a + b', { a, b: b(d) as never }).dtype;
      return { has: X.hasFloat16 && typeof (Math as { f16round?: unknown }).f16round === 'function', dtype: X.validate('a', { a }).dtype, out };
    }, Object.keys(F.promotion));
    expect(got.has).toBe(true);
    expect(got.dtype).toBe('float16');
    expect(got.out).toEqual(F.promotion);
  });

  it('casting into an out follows numpy.can_cast for every pair with float16 and every rule', async () => {
    const got = await page.evaluate((rows) => {
      const X = (globalThis as unknown as { F: typeof import('../../src/index.js') }).F;
      const C = { int8: Int8Array, uint8: Uint8Array, int16: Int16Array, uint16: Uint16Array, int32: Int32Array, uint32: Uint32Array, int64: BigInt64Array, uint64: BigUint64Array, float16: (globalThis as unknown as { Float16Array: unknown }).Float16Array, float32: Float32Array, float64: Float64Array } as unknown as Record<string, new (n: number) => ArrayBufferView>;
      const make = (d: string) => (d === 'bool' ? X.asBool(new Uint8Array(2)) : new C[d]!(2));
      return rows.map(([f, t, casting]) => {
        try {
          X.evaluate('a', { a: make(f) as never }, make(t) as never, { casting: casting as never });
          return true;
        } catch {
          return false;
        }
      });
    }, F.can_cast);
    const bad = F.can_cast.filter((r, i) => got[i] !== r[3]).map((r) => `${r[0]} → ${r[1]} (${r[2]}): numpy ${r[3]}`);
    expect(bad).toEqual([]);
  });

  it('Wasm declines float16: arena arrays run on JS, and explain() says why', async () => {
    const got = await page.evaluate(() => {
      const X = (globalThis as unknown as { F: typeof import('../../src/index.js') }).F;
      const a = X.empty('float16' as never, 8) as unknown as { [i: number]: number; length: number };
      for (let i = 0; i < a.length; i++) a[i] = i / 3;
      const r = X.evaluate('a * 3 + 1', { a: a as never }) as unknown as ArrayLike<number>;
      const why = X.explain('a * 3 + 1', { a: a as never }, { backend: 'wasm' }).backends.map((b) => `${b.backend}: ${b.why}`);
      const heavy = new (a.constructor as new (n: number) => ArrayBufferView)(4096);
      const staged = X.explain('sin(a) * cos(a) + exp(a)', { a: heavy as never }).backends.map((b) => b.backend);
      return { cls: a.constructor.name, r: Array.from(r), why, staged };
    });
    expect(got.cls).toBe('Float16Array');
    // NumPy: ((np.arange(8) / 3).astype(np.float16) * np.float16(3) + np.float16(1)).tolist()
    expect(got.r).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(got.why).toEqual(['js: wasm declines: float16 has no Wasm lanes here (runs on JS)']);
    expect(got.staged).toEqual(['js']);
  });

  it('float16 meets complex in complex64, as NumPy (values from NumPy 2.4, exact)', async () => {
    const got = await page.evaluate(() => {
      const X = (globalThis as unknown as { F: typeof import('../../src/index.js') }).F;
      const a = (globalThis as unknown as { Float16Array: { of(...v: number[]): ArrayBufferView } }).Float16Array.of(1.5, -2, 0.1);
      const c = { data: Float32Array.of(1, 2, 3, -1, 0.5, 0.25), dtype: 'complex64' as const };
      return ['a + c', 'a * c', 'a * 1j + 1'].map((e) => {
        const r = X.evaluate(e, { a: a as never, c }) as unknown as { dtype: string; data: Float32Array };
        return [r.dtype, Array.from(r.data)];
      });
    });
    // np.array([1.5, -2, 0.1], np.float16) op np.array([1+2j, 3-1j, 0.5+0.25j], np.complex64), viewed as float32
    expect(got).toEqual([
      ['complex64', [2.5, 2, 1, -1, 0.5999755859375, 0.25]],
      ['complex64', [1.5, 3, -6, 2, 0.04998779296875, 0.024993896484375]],
      ['complex64', [1, 1.5, 1, -2, 1, 0.0999755859375]],
    ]);
  });

  it.each([
    { options: { backend: 'js' }, threads: false },
    { options: {}, threads: false },
    { options: { backend: 'closures' }, threads: false },
    { options: { backend: 'js', fusion: false }, threads: false },
    { options: { backend: 'js' }, threads: true },
    { options: { backend: 'closures' }, threads: true },
  ])('$options, threads $threads: every NumPy case (values exact; functions within 1 ulp of float16)', async ({ options, threads }) => {
    const got = await page.evaluate(replay, [F.cases, options, threads] as [Case[], object, boolean]);
    expect(got.length, JSON.stringify(got[0])).toBe(F.cases.length);
    const bad = F.cases.flatMap((c, i) => mismatches(c, got[i]!));
    expect(bad).toEqual([]);
    expect(logs).toEqual([]);
  });
});
