// npm run fuzz:numpy -- [--seed N] [--cases N] [--dir D] [--show N]: fresh NumPy-judged cases.
// Runs test/numpy/generate.py (python3 with NumPy 2) into a temporary directory (or --dir, reused
// when it already holds fixtures and no --seed is given), replays every case in every mode
// (one thread, two threads with tiny blocks, closures) and prints the counts: total, passed, and
// mismatches by class and mode, with a reproducer per class. Exit status 1 when anything mismatched.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setNumThreads, setParallelThreshold, shutdown } from '../src/index.js';
import { loadFixtures, MODES, runCase, formatMismatch, type Mismatch, type NumpyCase } from '../test/numpy/replay.js';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const seedArg = opt('seed');
const seed = Number(seedArg ?? Date.now() % 2 ** 31);
const cases = Number(opt('cases') ?? 3000);
const show = Number(opt('show') ?? 3);
const python = process.env.PYTHON ?? 'python3';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

let dir = opt('dir');
const reuse = dir !== undefined && seedArg === undefined && existsSync(dir) && readdirSync(dir).some((f) => f.endsWith('.json'));
if (!reuse) {
  dir ??= mkdtempSync(join(tmpdir(), 'fusexpr-numpy-'));
  const gen = spawnSync(python, [join(root, 'test/numpy/generate.py'), '--seed', String(seed), '--cases', String(cases), '--out', dir], { stdio: 'inherit' });
  if (gen.status !== 0) {
    console.error(`generate.py failed (status ${gen.status}); it needs python3 with NumPy 2 (set PYTHON=...)`);
    process.exit(2);
  }
}

const fixtures = loadFixtures(dir!);
const all: NumpyCase[] = fixtures.flatMap((f) => f.cases);
const byId = new Map(all.map((c) => [c.id, c]));
setNumThreads(2);
setParallelThreshold(0);

const mismatches: Mismatch[] = [];
const failedIds = new Set<string>();
const started = performance.now();
for (const mode of MODES) {
  for (const c of all) {
    const m = runCase(c, mode);
    if (m) {
      mismatches.push(m);
      failedIds.add(c.id);
    }
  }
}
await shutdown();
const seconds = ((performance.now() - started) / 1000).toFixed(1);

/** A mismatch's class: its kind plus a normalized message head (numbers and names stripped). */
const classOf = (m: Mismatch) => {
  if (m.cls === 'crash' || m.cls === 'unexpected-error') return `${m.cls}: ${m.detail.replace(/;.*$/, '').replace(/\d+/g, 'N').slice(0, 110)}`;
  return m.cls;
};
const classes = new Map<string, Map<string, Mismatch[]>>();
for (const m of mismatches) {
  const k = classOf(m);
  if (!classes.has(k)) classes.set(k, new Map());
  const per = classes.get(k)!;
  if (!per.has(m.mode)) per.set(m.mode, []);
  per.get(m.mode)!.push(m);
}

console.log(`numpy fuzz: ${reuse ? `fixtures in ${dir}` : `seed ${seed}, fixtures in ${dir}`}`);
console.log(`cases: ${all.length} × ${MODES.length} modes (${MODES.map((m) => m.name).join(', ')}) in ${seconds} s`);
console.log(`passed in every mode: ${all.length - failedIds.size}; cases with a mismatch: ${failedIds.size}; mismatches: ${mismatches.length}`);
for (const mode of MODES) console.log(`  ${mode.name}: ${mismatches.filter((m) => m.mode === mode.name).length}`);
for (const [k, per] of [...classes].sort((a, b) => sum(b[1]) - sum(a[1]))) {
  console.log(`\n== ${k}: ${[...per].map(([mode, ms]) => `${mode} ${ms.length}`).join(', ')}`);
  const seen = new Set<string>();
  for (const ms of per.values()) {
    for (const m of ms) {
      if (seen.has(m.id) || seen.size >= show) continue;
      seen.add(m.id);
      console.log(formatMismatch(m, byId.get(m.id)));
    }
  }
}
// cases that fail in some modes but not others (or differently): mode-specific bugs
const perCase = new Map<string, Mismatch[]>();
for (const m of mismatches) perCase.set(m.id, [...(perCase.get(m.id) ?? []), m]);
const modeSpecific = [...perCase].filter(([, ms]) => ms.length < MODES.length || new Set(ms.map((m) => m.cls + m.detail)).size > 1);
if (modeSpecific.length) {
  console.log(`\n== mode-specific (${modeSpecific.length} cases fail in some modes only, or differently):`);
  for (const [id, ms] of modeSpecific.slice(0, show * 4)) {
    console.log(`${id}: ${ms.map((m) => `[${m.mode}] ${m.cls}: ${m.detail.slice(0, 160)}`).join('\n    ')}\n    ${byId.get(id)?.expr}`);
  }
}
process.exitCode = mismatches.length ? 1 : 0;

function sum(per: Map<string, Mismatch[]>) {
  let n = 0;
  for (const ms of per.values()) n += ms.length;
  return n;
}
