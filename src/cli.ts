#!/usr/bin/env node
// The fusexpr command: `fusexpr explain "<expr>" [name=dtype ...]` and `fusexpr tune`.

import { explain } from './api.js';
import { parseCached } from './pipeline.js';
import { FusexprError } from './errors.js';
import { ARRAY_CLASS, DTYPES, type DType } from './types/dtypes.js';
import { tune, formatTune } from './tune.js';
import { shutdown } from './runtime/threads/settings.js';
import { constantNames } from './bind/bind.js';

const USAGE = `usage:
  fusexpr explain "<expression>" [name=dtype ...] [--size N] [--no-fusion] [--optimize none|moderate|aggressive]
      vars are float64 arrays unless typed: x=int32, s=scalar, k=scalar_int
  fusexpr tune        measure this machine: threads × size, dispatch cost, threshold`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'explain') {
    const expr = rest.find((a) => !a.startsWith('--') && !a.includes('='));
    if (!expr) {
      console.error(USAGE);
      return 2;
    }
    const size = Number(flag(rest, '--size') ?? 8);
    const optimize = (flag(rest, '--optimize') ?? 'aggressive') as 'aggressive';
    const types = new Map(rest.filter((a) => /^\w+=\w+$/.test(a)).map((a) => a.split('=') as [string, string]));
    const vars: Record<string, unknown> = {};
    for (const name of parseCached(expr).names) {
      const t = types.get(name);
      if (t === 'scalar') vars[name] = 0.5;
      else if (t === 'scalar_int') vars[name] = 2;
      else if (t !== undefined) {
        if (!DTYPES.includes(t as DType)) throw new FusexprError('OPTION', `unknown dtype '${t}' for ${name}; one of ${DTYPES.join(', ')}, scalar, scalar_int`);
        vars[name] = new ARRAY_CLASS[t as DType](size);
      } else if (!constantNames().includes(name)) vars[name] = new Float64Array(size);
    }
    console.log(String(explain(expr, vars, { fusion: !rest.includes('--no-fusion'), optimize })));
    return 0;
  }
  if (command === 'tune') {
    console.log(formatTune(await tune()));
    await shutdown();
    return 0;
  }
  console.error(USAGE);
  return command === undefined || command === '--help' || command === '-h' ? 0 : 2;
}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof FusexprError ? `fusexpr: ${e.message}` : e);
    process.exit(e instanceof FusexprError ? 2 : 1);
  },
);
