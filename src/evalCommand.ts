// `fusexpr eval "<expr>" --zarr data.zarr [--out y]`: an expression over the arrays of a Zarr group
// on disk, chunk by chunk (evaluateChunked), with a progress bar on stderr. Writes the result as a
// new Zarr v2 array in the same group (readable by zarr-python 2 and 3, zarrita, xarray, dask).

import { FusexprError, fail } from './errors.js';
import { evaluateChunked } from './chunked.js';
import { parseCached } from './pipeline.js';
import { setNumThreads, shutdown } from './runtime/threads/settings.js';
import { validate } from './api.js';
import { ARRAY_CLASS, DTYPES, DTYPE_INFO, isDType, type DType } from './types/dtypes.js';
import type { Vars } from './values.js';

export const EVAL_HELP = `usage: fusexpr eval [options] [--] "<expression>" [name=number ...]

Evaluates the expression over the arrays of a Zarr group (v2 or v3), chunk by chunk, in bounded
memory. Names in the expression are arrays of the group; name=number pairs after the expression
give scalars. A reduction prints its value; otherwise --out names the array to write.

options:
  --zarr PATH      the Zarr group (a directory)
  --out NAME       write the result as a new Zarr v2 array NAME in the group (uncompressed, the
                   first input's chunks); it must not exist yet
  --threads N      threads (default: cores)
  --quiet          no progress bar
  -h, --help       this text

example: fusexpr eval "2*x + 1" --zarr data.zarr --out y`;

export class UsageError extends Error {}

interface EvalArgs {
  expression: string;
  zarr: string;
  out?: string;
  threads?: number;
  quiet: boolean;
  scalars: Record<string, number>;
}

export function parseEval(args: readonly string[]): EvalArgs | 'help' {
  let expression: string | undefined;
  let zarr: string | undefined;
  let out: string | undefined;
  let threads: number | undefined;
  let quiet = false;
  const scalars: Record<string, number> = {};
  let options = true;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (options && a === '--') options = false;
    else if (options && (a === '--help' || a === '-h')) return 'help';
    else if (options && a === '--quiet') quiet = true;
    else if (options && (a === '--zarr' || a === '--out' || a === '--threads')) {
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      if (a === '--zarr') zarr = v;
      else if (a === '--out') out = v;
      else {
        threads = Number(v);
        if (!Number.isSafeInteger(threads) || threads < 1) throw new UsageError(`--threads must be a positive integer, got ${JSON.stringify(v)}`);
      }
    } else if (options && expression === undefined && /^--?[a-z]/.test(a)) {
      throw new UsageError(`unknown option ${a}; put -- before an expression that starts with '-'`);
    } else if (expression === undefined) expression = a;
    else {
      const m = /^([A-Za-z_]\w*)=(.+)$/.exec(a);
      if (!m || !Number.isFinite(Number(m[2]))) throw new UsageError(`expected name=number after the expression, got ${JSON.stringify(a)}`);
      scalars[m[1]!] = Number(m[2]);
    }
  }
  if (expression === undefined) throw new UsageError('eval needs an expression');
  if (zarr === undefined) throw new UsageError('eval needs --zarr PATH');
  return { expression, zarr, out, threads, quiet, scalars };
}

export async function runEval(a: EvalArgs, stderr: NodeJS.WriteStream = process.stderr): Promise<string | undefined> {
  const zarr = await import('zarrita');
  const { FileSystemStore } = await import('@zarrita/storage');
  const { existsSync } = await import('node:fs');
  const { join } = await import('node:path');
  if (!existsSync(join(a.zarr, '.zgroup')) && !existsSync(join(a.zarr, 'zarr.json'))) {
    fail('OPTION', `no Zarr group at ${a.zarr} (it has neither .zgroup nor zarr.json)`);
  }
  // a new array lives in the group: one plain name, never a path out of it
  if (a.out !== undefined && !/^[A-Za-z_][\w.-]*$/.test(a.out)) fail('OPTION', `--out must be a plain array name (letters, digits, _ . -), got ${JSON.stringify(a.out)}`);
  const store = new FileSystemStore(a.zarr);
  const root = zarr.root(store);
  if (a.threads !== undefined) setNumThreads(a.threads);
  const vars: Record<string, unknown> = { ...a.scalars };
  for (const name of parseCached(a.expression).names) {
    if (name in vars) continue;
    try {
      vars[name] = await zarr.open(root.resolve(name), { kind: 'array' });
    } catch {
      // not an array of the group: evaluateChunked names it if the expression needs it
    }
  }
  const arrays = Object.values(vars).filter((v): v is { shape: number[]; chunks: number[]; dtype: string } => typeof v === 'object');
  const bar = progressBar(a.quiet ? undefined : stderr);
  try {
    if (a.out === undefined) {
      const r = await evaluateChunked(a.expression, vars as never, undefined, { onProgress: bar.update });
      if (typeof r === 'object') fail('OPTION', 'the result is an array: name where to write it with --out NAME');
      return String(r);
    }
    const probe = Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, typeof v === 'object' ? standIn(v as { shape: number[]; dtype: string }) : v]));
    const { dtype, shape: s } = validate(a.expression, probe as Vars);
    const shape = [...s];
    if (shape.length === 0) fail('OPTION', '--out was given but the expression gives a scalar');
    const chunks = shape.map((n, d) => {
      const src = arrays[0]?.chunks;
      const j = src ? d - (shape.length - src.length) : -1;
      return src && j >= 0 ? Math.min(src[j]!, n) : n;
    });
    const y = await createV2(store, root.resolve(a.out).path, shape, chunks, dtype);
    await evaluateChunked(a.expression, vars as never, (await zarr.open.v2(root.resolve(a.out), { kind: 'array' })) as never, { onProgress: bar.update });
    return `wrote ${a.out}: ${dtype} [${shape.join(', ')}] in chunks [${chunks.join(', ')}] (${y})`;
  } finally {
    bar.done();
    await shutdown();
  }
}

/** A var of the right dtype and shape for validate(), from a Zarr array's metadata. */
function standIn(v: { shape: number[]; dtype: string }): unknown {
  const d: DType = isDType(v.dtype) ? v.dtype : 'float64';
  return { data: new ARRAY_CLASS[d](1), shape: v.shape, stride: v.shape.map(() => 0), offset: 0 };
}

const V2_DTYPE: Record<DType, string> = Object.fromEntries((Object.keys(DTYPE_INFO) as DType[]).map((d) => [d, d === 'bool' ? '|b1' : `${DTYPE_INFO[d].bits === 8 ? '|' : '<'}${DTYPE_INFO[d].code}`])) as Record<DType, string>;

/** A new, empty Zarr v2 array (metadata only; chunks are written as they are computed). */
async function createV2(store: { get(key: string): Promise<Uint8Array | undefined>; set(key: string, v: Uint8Array): Promise<void> }, path: string, shape: number[], chunks: number[], dtype: DType): Promise<string> {
  const key = `${path.replace(/\/$/, '')}/.zarray`;
  if ((await store.get(key)) !== undefined || (await store.get(`${path.replace(/\/$/, '')}/zarr.json`)) !== undefined) {
    fail('OPTION', `--out ${path.replace(/^\//, '')} exists already; choose a new name`);
  }
  const meta = { zarr_format: 2, shape, chunks, dtype: V2_DTYPE[dtype], compressor: null, fill_value: dtype === 'bool' ? false : 0, filters: null, order: 'C', dimension_separator: '.' };
  await store.set(key, new TextEncoder().encode(JSON.stringify(meta, null, 2)));
  return 'Zarr v2, uncompressed';
}

/** A progress bar on a terminal (redrawn in place), a line per 10% elsewhere; nothing when quiet. */
function progressBar(stream: NodeJS.WriteStream | undefined) {
  const started = performance.now();
  let lastPct = -1;
  const tty = stream?.isTTY === true;
  return {
    update: (done: number, total: number) => {
      if (!stream) return;
      const pct = total ? Math.floor((100 * done) / total) : 100;
      if (!tty && pct < lastPct + 10 && done !== total) return;
      lastPct = pct;
      const width = 30;
      const fill = Math.round((width * pct) / 100);
      const secs = (performance.now() - started) / 1000;
      const line = `[${'#'.repeat(fill)}${' '.repeat(width - fill)}] ${String(pct).padStart(3)}% ${done}/${total} chunks, ${secs.toFixed(1)} s`;
      stream.write(tty ? `\r${line}` : `${line}\n`);
    },
    done: () => {
      if (tty && lastPct >= 0) stream!.write('\n');
    },
  };
}

export { FusexprError };
