// The first call of a fresh Wasm kernel against later ones (V8 tiers a module up in the background and
// has no on-stack replacement for Wasm, so only calls that start after the optimized code is ready use
// it): each case in fresh processes, one thread (arrays in fusexpr's memory, out touched beforehand so
// page faults stay out), with Wasm map calls of at most CALL_ELEMENTS elements against one call per
// range (the old behaviour), and the JS backend's first call. Run: npm run bench -- warmup.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { evaluate, empty, startThreads, shutdown } from '../src/index.js';
import { CALL_ELEMENTS, setCallElements } from '../src/backends/wasm/index.js';
import { machine, save, table, QUICK } from './lib.js';

const EXPRS = ['exp(x)', 'sin(x)**2+cos(x)**2', 'a*b+c'];
const SIZES = [1e6, 1e7];
const WHOLE = 2 ** 31; // one call per range: the behaviour before CALL_ELEMENTS

/** Child: prints [first, median of later calls] in ms for one case. */
async function child(expr: string, n: number, call: number, mode: string): Promise<void> {
  setCallElements(call);
  const mk = (len: number) => {
    const v: Record<string, Float64Array> = {};
    for (const name of ['x', 'a', 'b', 'c']) {
      const a = empty('float64', len) as Float64Array;
      for (let i = 0; i < len; i++) a[i] = (i % 1000) / 300 - 1.5;
      v[name] = a;
    }
    return v;
  };
  const opts = { singleThread: mode !== 'threads', backend: mode === 'js' ? ('js' as const) : ('auto' as const) };
  if (mode === 'threads') await startThreads();
  evaluate(expr, mk(16), empty('float64', 16), opts); // parse, plan and compile out of the timing
  const vars = mk(n);
  const out = empty('float64', n) as Float64Array;
  out.fill(1);
  const t: number[] = [];
  for (let k = 0; k < 8; k++) {
    const s = performance.now();
    evaluate(expr, vars, out, opts);
    t.push(performance.now() - s);
  }
  const later = t.slice(1).sort((a, b) => a - b);
  console.log(JSON.stringify([t[0], later[later.length >> 1]]));
  if (mode === 'threads') await shutdown();
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1]!;

export async function warmupSuite(): Promise<void> {
  const reps = QUICK ? 3 : 5;
  const self = fileURLToPath(import.meta.url);
  const run = (expr: string, n: number, call: number, mode: string): [number, number] => {
    const firsts: number[] = [];
    const laters: number[] = [];
    for (let r = 0; r < reps; r++) {
      const p = spawnSync(process.execPath, [...process.execArgv, self, '--child', expr, String(n), String(call), mode], { encoding: 'utf8' });
      if (p.status !== 0) throw new Error(`warmup child failed: ${p.stderr}`);
      const [f, l] = JSON.parse(p.stdout.trim().split('\n').pop()!) as [number, number];
      firsts.push(f);
      laters.push(l);
    }
    return [median(firsts), median(laters)];
  };
  const rows: Record<string, unknown>[] = [];
  const printed: (string | number)[][] = [];
  for (const expr of EXPRS) {
    for (const n of SIZES) {
      const [wf, wl] = run(expr, n, WHOLE, 'single');
      const [cf, cl] = run(expr, n, CALL_ELEMENTS, 'single');
      const [jf, jl] = run(expr, n, CALL_ELEMENTS, 'js');
      rows.push({ expr, n, wholeFirst: wf, wholeLater: wl, chunkedFirst: cf, chunkedLater: cl, jsFirst: jf, jsLater: jl });
      printed.push([expr, n.toExponential(0), wf, wl, cf, cl, jf, jl]);
    }
  }
  console.log(`\nWasm first call vs later (ms, medians of ${reps} fresh processes; later = median of calls 2-8), one thread, ${machine().cpu}`);
  console.log(table(['expr', 'n', 'one call: 1st', 'later', `${CALL_ELEMENTS}/call: 1st`, 'later', 'JS backend: 1st', 'later'], printed));
  const threaded: (string | number)[][] = [];
  for (const expr of EXPRS) {
    const [f, l] = run(expr, 1e7, CALL_ELEMENTS, 'threads');
    rows.push({ expr, n: 1e7, threadsFirst: f, threadsLater: l });
    threaded.push([expr, f, l]);
  }
  console.log('\nWorker pool (every worker instantiates the module; blocks of 4096 per call), 1e7:');
  console.log(table(['expr', '1st', 'later'], threaded));
  // steady state against the piece size: interleaved rounds after a warm-up, in this process
  const sizes = [4096, 16384, 65536, 262144, WHOLE];
  const dflt = CALL_ELEMENTS;
  const swept: (string | number)[][] = [];
  for (const expr of EXPRS) {
    const n = 1e7;
    const vars = Object.fromEntries(['x', 'a', 'b', 'c'].map((k) => [k, empty('float64', n).fill(0.5)]));
    const out = empty('float64', n);
    const t = sizes.map(() => [] as number[]);
    for (let w = 0; w < 3; w++) for (const c of sizes) (setCallElements(c), evaluate(expr, vars, out, { singleThread: true }));
    for (let r = 0; r < (QUICK ? 5 : 11); r++) {
      sizes.forEach((c, i) => {
        setCallElements(c);
        const s = performance.now();
        evaluate(expr, vars, out, { singleThread: true });
        t[i]!.push(performance.now() - s);
      });
    }
    setCallElements(dflt);
    const med = t.map(median);
    rows.push({ expr, n, steady: Object.fromEntries(sizes.map((c, i) => [c === WHOLE ? 'whole' : c, med[i]])) });
    swept.push([expr, ...med]);
  }
  console.log('\nSteady state (ms, median of interleaved rounds) against elements per Wasm call, one thread, 1e7:');
  console.log(table(['expr', ...sizes.map((c) => (c === WHOLE ? 'one call' : String(c)))], swept));
  save('warmup', rows);
}

const argv = process.argv;
if (argv[2] === '--child') await child(argv[3]!, Number(argv[4]), Number(argv[5]), argv[6]!);
