// Grade real RGBA pixels (a Uint8ClampedArray, as canvas ImageData.data) with one expression:
// gamma and contrast on R, G, B, alpha kept; the Uint8ClampedArray out saturates and rounds. Writes a PNG.
//   npx tsx examples/rgba.ts [size] [--in photo.png] [--out graded.png] [--gamma 0.8] [--contrast 1.4]
import { readFileSync, writeFileSync } from 'node:fs';
import { GRADE, grade, syntheticImage, encodePng, decodePng } from './rgba-lib.js';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1]! : fallback);
const size = Number(args[0] && !args[0].startsWith('--') ? args[0] : 256);
const gamma = Number(opt('--gamma', '0.8'));
const contrast = Number(opt('--contrast', '1.4'));
const input = opt('--in', '');
const { width, height, data } = input ? decodePng(readFileSync(input)) : { width: size, height: size, data: syntheticImage(size, size) };

const t0 = performance.now();
const graded = grade(data, gamma, contrast);
const ms = performance.now() - t0;
const path = opt('--out', 'rgba-graded.png');
writeFileSync(path, encodePng(width, height, graded));
console.log(`${GRADE}\n  gamma ${gamma}, contrast ${contrast}: ${width}×${height} RGBA in ${ms.toFixed(1)} ms → ${path}`);
console.log(`  first pixel ${Array.from(data.subarray(0, 4))} → ${Array.from(graded.subarray(0, 4))}`);
