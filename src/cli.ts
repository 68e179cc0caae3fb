#!/usr/bin/env node
// The fusexpr command: `fusexpr explain [options] [--] "<expr>" [name=dtype ...]`, `fusexpr eval` (Zarr,
// src/evalCommand.ts) and `fusexpr tune`.
// Owns argument parsing only: the expression is never split or inspected here, so any text works.

import { explain } from './explain.js';
import { parseCached } from './pipeline.js';
import { FusexprError, closest } from './errors.js';
import { ARRAY_CLASS, DTYPES, type DType } from './types/dtypes.js';
import { OPTIMIZE_LEVELS, type OptimizeLevel } from './optimize/index.js';
import { tune, formatTune } from './tune.js';
import { shutdown } from './runtime/threads/settings.js';
import { constantNames } from './bind/bind.js';
import type { VarValue } from './values.js';
import { EVAL_HELP, UsageError, parseEval, runEval } from './evalCommand.js';

const HELP: Record<string, string> = {
  '': `usage: fusexpr <command> [options]

commands:
  explain   show how an expression is parsed, optimized, planned and compiled
  eval      evaluate over the arrays of a Zarr group on disk, chunk by chunk, with progress
  tune      measure this machine: threads × size, dispatch cost, parallel threshold

fusexpr <command> --help shows a command's options.`,
  explain: `usage: fusexpr explain [options] [--] "<expression>" [name=dtype ...]

The first argument that is not an option is the expression, whatever it contains ("a <= b",
"sum(a, axis=0)"); after it, name=dtype pairs type the vars. Use -- before an expression that
starts with '-'.

options:
  --size N                            elements per array (default 8)
  --no-fusion                         one kernel per operation, with temporaries
  --optimize none|moderate|aggressive optimizer level (default aggressive)
  -h, --help                          this text

dtypes: ${DTYPES.join(', ')}, complex64, complex128, scalar (a float64 number), scalar_int (an integer number).
Untyped array vars are float64.

example: fusexpr explain --size 4 "where(a <= b, a, i)" i=int32`,
  eval: EVAL_HELP,
  tune: `usage: fusexpr tune

Measures this machine (threads × size, dispatch cost) and prints the parallel threshold it chose.`,
};


interface ExplainArgs {
  expression: string;
  types: Map<string, string>;
  size: number;
  fusion: boolean;
  optimize: OptimizeLevel;
}

function parseExplain(args: readonly string[]): ExplainArgs | 'help' {
  let expression: string | undefined;
  const types = new Map<string, string>();
  let size = 8;
  let fusion = true;
  let optimize: OptimizeLevel = 'aggressive';
  let options = true;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (options && a === '--') options = false;
    else if (options && (a === '--help' || a === '-h')) return 'help';
    else if (options && a === '--no-fusion') fusion = false;
    else if (options && (a === '--size' || a === '--optimize')) {
      const value = args[++i];
      if (value === undefined) throw new UsageError(`${a} needs a value`);
      if (a === '--size') {
        size = Number(value);
        if (!Number.isSafeInteger(size) || size < 1) throw new UsageError(`--size must be a positive integer, got ${JSON.stringify(value)}`);
      } else {
        if (!OPTIMIZE_LEVELS.includes(value as OptimizeLevel)) throw new UsageError(`--optimize must be one of ${OPTIMIZE_LEVELS.join(', ')}, got ${JSON.stringify(value)}`);
        optimize = value as OptimizeLevel;
      }
    } else if (options && a.startsWith('-') && expression === undefined && a.length > 1 && /^--?[a-z]/.test(a)) {
      const hint = closest(a, ['--size', '--no-fusion', '--optimize', '--help']);
      throw new UsageError(`unknown option ${a}${hint ? ` (did you mean ${hint}?)` : ''}; put -- before an expression that starts with '-'`);
    } else if (expression === undefined) expression = a;
    else {
      const m = /^([A-Za-z_]\w*)=(\w+)$/.exec(a);
      if (!m) throw new UsageError(`expected name=dtype after the expression, got ${JSON.stringify(a)}`);
      types.set(m[1]!, m[2]!);
    }
  }
  if (expression === undefined) throw new UsageError('explain needs an expression');
  return { expression, types, size, fusion, optimize };
}

function varsFor(a: ExplainArgs): Record<string, VarValue> {
  const vars: Record<string, VarValue> = {};
  for (const name of parseCached(a.expression).names) {
    const t = a.types.get(name);
    if (t === 'scalar') vars[name] = 0.5;
    else if (t === 'scalar_int') vars[name] = 2;
    else if (t !== undefined) {
      // a complex var is interleaved (re, im) pairs in a Float32Array/Float64Array view that says its dtype
      if (t === 'complex64' || t === 'complex128') vars[name] = { data: new (t === 'complex64' ? Float32Array : Float64Array)(2 * a.size), dtype: t };
      else if (!DTYPES.includes(t as DType)) throw new FusexprError('OPTION', `unknown dtype '${t}' for ${name}; one of ${DTYPES.join(', ')}, complex64, complex128, scalar, scalar_int`);
      else vars[name] = new ARRAY_CLASS[t as DType](a.size);
    } else if (!constantNames().includes(name)) vars[name] = new Float64Array(a.size);
  }
  return vars;
}

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    console.log(HELP['']);
    return command === undefined ? 2 : 0;
  }
  try {
    if (command === 'explain') {
      const a = parseExplain(rest);
      if (a === 'help') console.log(HELP.explain);
      else console.log(String(explain(a.expression, varsFor(a), { fusion: a.fusion, optimize: a.optimize })));
      return 0;
    }
    if (command === 'eval') {
      const a = parseEval(rest);
      if (a === 'help') console.log(HELP.eval);
      else {
        const line = await runEval(a);
        if (line !== undefined) console.log(line);
      }
      return 0;
    }
    if (command === 'tune') {
      if (rest.includes('--help') || rest.includes('-h')) console.log(HELP.tune);
      else if (rest.length > 0) throw new UsageError(`tune takes no arguments, got ${rest.join(' ')}`);
      else {
        console.log(formatTune(await tune()));
        await shutdown();
      }
      return 0;
    }
    const hint = closest(command, ['explain', 'eval', 'tune']);
    throw new UsageError(`unknown command ${JSON.stringify(command)}${hint ? ` (did you mean ${hint}?)` : ''}`);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`fusexpr: ${e.message}\n\n${HELP[command === 'explain' || command === 'eval' || command === 'tune' ? command : '']}`);
    return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof FusexprError ? `fusexpr: ${e.message}` : e);
    process.exit(e instanceof FusexprError ? 2 : 1);
  },
);
