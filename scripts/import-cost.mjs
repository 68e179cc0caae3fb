// What importing fusexpr costs over Node's own start-up: medians of fresh processes, for require
// (dist/index.cjs) and import (dist/index.js). Reported, never asserted (tests do not time things).
//   npm run build && node scripts/import-cost.mjs [runs=21] [dir=dist]
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const runs = Number(process.argv[2] ?? 21);
const dist = resolve(process.argv[3] ?? 'dist');
const cjs = JSON.stringify(resolve(dist, 'index.cjs'));
const esm = JSON.stringify(pathToFileURL(resolve(dist, 'index.js')).href);

function median(args) {
  const t = [];
  for (let i = 0; i < runs; i++) {
    const s = process.hrtime.bigint();
    execFileSync(process.execPath, args, { stdio: 'ignore' });
    t.push(Number(process.hrtime.bigint() - s) / 1e6);
  }
  return t.sort((a, b) => a - b)[runs >> 1];
}

const rows = [
  ['require', median(['-e', '0']), median(['-e', `require(${cjs})`])],
  ['import', median(['--input-type=module', '-e', '0']), median(['--input-type=module', '-e', `await import(${esm})`])],
];
console.log(`node ${process.version}, ${runs} fresh processes each, medians`);
for (const [how, base, ours] of rows) console.log(`${how.padEnd(8)} baseline ${base.toFixed(1)} ms, with fusexpr ${ours.toFixed(1)} ms: +${(ours - base).toFixed(1)} ms`);
