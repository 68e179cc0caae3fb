// eliminateCommonSubexpressions: value numbering over a program. Two instructions with the same op,
// dtypes and operands compute the same value (every op is pure), so the second is replaced by the
// first: sin(x)**2 + sin(x)*y computes sin(x) once per element.

import type { Instr, Operand, Program } from './program.js';

export function eliminateCommonSubexpressions(p: Program): Program {
  const seen = new Map<string, number>(); // instruction key → new id
  const remap = new Map<number, number>(); // old id → new id
  const instrs: Instr[] = [];
  const map = (o: Operand): Operand => (o.kind === 'temp' ? { kind: 'temp', id: remap.get(o.id)! } : o);
  for (const ins of p.instrs) {
    const args = ins.args.map(map);
    const key = `${ins.op}:${ins.operandDtype}:${ins.dtype}(${args.map(operandKey).join(',')})`;
    const existing = seen.get(key);
    if (existing !== undefined) {
      remap.set(ins.id, existing);
      continue;
    }
    const id = instrs.length;
    instrs.push({ ...ins, id, args });
    seen.set(key, id);
    remap.set(ins.id, id);
  }
  return { ...p, instrs, result: map(p.result), ...(p.im && { im: map(p.im) }) };
}

export function operandKey(o: Operand): string {
  switch (o.kind) {
    case 'const':
      return `c${o.dtype}:${typeof o.value === 'bigint' ? `${o.value}n` : Object.is(o.value, -0) ? '-0' : String(o.value)}`;
    case 'param':
      return `p${o.index}`;
    case 'temp':
      return `t${o.id}`;
  }
}
