// Benchmark plumbing: runs cases through benny (benchmark.js underneath: warm-up, many samples),
// reports medians, prints ratio tables, and saves results with the machine they ran on.
// Benchmarks never gate npm test.

import b from 'benny';
import { cpus, totalmem } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface Case {
  readonly name: string;
  readonly fn: () => unknown;
}

export interface Measured {
  readonly name: string;
  /** Median ms per call. */
  readonly ms: number;
  readonly samples: number;
  /** Relative margin of error, %. */
  readonly rme: number;
}

export const machine = () => ({
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  date: new Date().toISOString(),
});

export const QUICK = process.env.BENCH_QUICK === '1';

/** Run cases in one benny suite; returns medians in ms. */
export async function measure(title: string, cases: readonly Case[], maxTime = QUICK ? 0.25 : 1): Promise<Map<string, Measured>> {
  const out = new Map<string, Measured>();
  await b.suite(
    title,
    ...cases.map((c) => b.add(c.name, c.fn)),
    b.configure({ cases: { maxTime, minSamples: 5 } }),
    b.complete((summary) => {
      for (const r of summary.results) {
        out.set(r.name, { name: r.name, ms: r.details.median * 1000, samples: r.samples, rme: r.details.relativeMarginOfError });
      }
    }),
  );
  return out;
}

export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map((c) => (typeof c === 'number' ? formatNumber(c) : c)))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => String(r[i] ?? '').length)));
  const line = (r: (string | number)[]) => '| ' + r.map((c, i) => String(c).padStart(widths[i]!)).join(' | ') + ' |';
  return [line(cells[0]!), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...cells.slice(1).map(line)].join('\n');
}

function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Math.abs(x) >= 100) return x.toFixed(0);
  if (Math.abs(x) >= 10) return x.toFixed(1);
  if (Math.abs(x) >= 0.1) return x.toFixed(2);
  return x.toPrecision(2);
}

export const ratio = (x: number) => `${x.toFixed(2)}×`;

const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));

/** Save rows as JSON (with the machine) and CSV under bench/results/. */
export function save(name: string, rows: Record<string, unknown>[]): void {
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(`${resultsDir}${name}.json`, JSON.stringify({ machine: machine(), rows }, null, 2) + '\n');
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const csv = [keys.join(','), ...rows.map((r) => keys.map((k) => JSON.stringify(r[k] ?? '')).join(','))].join('\n') + '\n';
  writeFileSync(`${resultsDir}${name}.csv`, csv);
}

export const sizeLabel = (n: number) => n.toExponential(0).replace('+', '');
