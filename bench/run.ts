// npm run bench [-- suite ...]: runs the named suites (default: all). BENCH_QUICK=1 for short runs.
import { coreSuite } from './core.js';
import { fusionSuite } from './fusion.js';
import { threadsSuite } from './threads.js';
import { blocksSuite } from './blocks.js';
import { peersSuite } from './peers.js';
import { diffusionSuite } from './diffusion.js';
import { plot } from './plot.js';
import { wasmSuite } from './wasm.js';
import { wasmMathSuite } from './wasm-math.js';
import { warmupSuite } from './warmup.js';
import { machine } from './lib.js';
import { shutdown } from '../src/index.js';

const SUITES: Record<string, () => Promise<void>> = {
  core: coreSuite, fusion: fusionSuite, threads: threadsSuite, blocks: blocksSuite, peers: peersSuite, diffusion: diffusionSuite, wasm: wasmSuite, 'wasm-math': wasmMathSuite, warmup: warmupSuite, plot,
};
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length ? wanted : Object.keys(SUITES);
for (const n of names) if (!SUITES[n]) throw new Error(`unknown suite '${n}'; one of ${Object.keys(SUITES).join(', ')}`);
console.log(`machine: ${JSON.stringify(machine())}`);
for (const n of names) await SUITES[n]!();
if (!names.includes('plot')) await plot(); // re-render the SVG plots from whatever results exist
await shutdown();
