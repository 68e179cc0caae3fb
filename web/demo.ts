// The demo page: animates the diffusion on a canvas, with controls for threads, fused/unfused and
// the backend, and the milliseconds per step. window.demo.run() is what the browser test drives.
import { setNumThreads, startThreads, getNumThreads, threadsWarning, detectNumberOfCores } from 'fusexpr';
import { Simulation, type StepOptions } from './simulation.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const canvas = $<HTMLCanvasElement>('grid');
const ctx = canvas.getContext('2d')!;
const threadsInput = $<HTMLSelectElement>('threads');
const fusedInput = $<HTMLInputElement>('fused');
const backendInput = $<HTMLSelectElement>('backend');
const sizeInput = $<HTMLSelectElement>('size');
const playInput = $<HTMLButtonElement>('play');
const stats = $<HTMLSpanElement>('stats');
const warning = $<HTMLParagraphElement>('warning');

for (const t of new Set([1, 2, 4, detectNumberOfCores()])) threadsInput.add(new Option(`${t} thread${t === 1 ? '' : 's'}`, String(t), t === 2, t === 2));

let sim = new Simulation(Number(sizeInput.value));
let playing = true;
const recent: number[] = [];

const options = (): StepOptions => ({ fusion: fusedInput.checked, codegen: backendInput.value as StepOptions['codegen'] });

async function applyThreads(): Promise<void> {
  setNumThreads(Number(threadsInput.value));
  await startThreads();
  warning.textContent = threadsWarning() ?? '';
}

// viridis, 5 stops, linearly interpolated
const STOPS = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];
function draw(s: Simulation): void {
  const n = s.n;
  const image = ctx.createImageData(n, n);
  let max = 0;
  for (let i = 0; i < s.grid.length; i++) max = Math.max(max, s.grid[i]!);
  for (let i = 0; i < s.grid.length; i++) {
    const t = max > 0 ? (s.grid[i]! / max) * (STOPS.length - 1) : 0;
    const k = Math.min(STOPS.length - 2, Math.floor(t));
    const f = t - k;
    for (let c = 0; c < 3; c++) image.data[4 * i + c] = STOPS[k]![c]! * (1 - f) + STOPS[k + 1]![c]! * f;
    image.data[4 * i + 3] = 255;
  }
  canvas.width = n;
  canvas.height = n;
  ctx.putImageData(image, 0, 0);
}

function frame(): void {
  if (playing) {
    const t = performance.now();
    for (let k = 0; k < 4; k++) sim.step(options());
    recent.push((performance.now() - t) / 4);
    if (recent.length > 30) recent.shift();
    const ms = [...recent].sort((a, b) => a - b)[recent.length >> 1]!;
    stats.textContent = `${ms.toFixed(2)} ms per step · step ${sim.steps} · ${getNumThreads()} thread${getNumThreads() === 1 ? '' : 's'}, ${fusedInput.checked ? 'fused' : 'unfused'}, ${backendInput.value}`;
    draw(sim);
  }
  requestAnimationFrame(frame);
}

threadsInput.addEventListener('change', () => void applyThreads().then(() => (recent.length = 0)));
for (const input of [fusedInput, backendInput]) input.addEventListener('change', () => (recent.length = 0));
sizeInput.addEventListener('change', () => {
  sim = new Simulation(Number(sizeInput.value));
  recent.length = 0;
});
playInput.addEventListener('click', () => {
  playing = !playing;
  playInput.textContent = playing ? 'pause' : 'play';
});

/** For tests: stop the animation, run `steps` steps from the initial grid, and report. */
async function run(steps: number, o: { threads: number; n: number } & StepOptions) {
  playing = false;
  setNumThreads(o.threads);
  await startThreads();
  const s = new Simulation(o.n);
  const t = performance.now();
  for (let k = 0; k < steps; k++) s.step(o);
  const msPerStep = (performance.now() - t) / steps;
  draw(s);
  return { checksum: s.checksum(), msPerStep, threads: getNumThreads(), warning: threadsWarning() ?? null, crossOriginIsolated };
}
(window as unknown as { demo: unknown }).demo = { run };

await applyThreads();
requestAnimationFrame(frame);
