// emit: a KernelSpec → the JS source of one kernel, `function name(args, out, start, end)` over
// elements [start, end) (the contract in kernel/abi.ts); no driver code: the runtime owns blocks and
// threads. Names are numbered (p = parameter, x = element read, t = temporary, h = hoisted);
// literals are serialized; op code comes from registry emitters. No user text reaches the source.

import { opByName } from '../../ops/registry.js';
import { DTYPE_CODE, isLeaf, type Operand, type Program } from '../../plan/program.js';
import { operandKey } from '../../plan/eliminateCommonSubexpressions.js';
import { literal } from '../../util/literals.js';
import { reductionState } from '../../ops/reductions.js';
import { isBig } from '../../types/dtypes.js';
import type { KernelSpec } from '../../kernel/abi.js';

/** The kernel's source: a function body that `return`s the kernel function. */
export function emit(spec: KernelSpec): string {
  if (spec.variant.kind !== 'flat') return generateStrided(spec.program, spec.header, spec.variant.steps);
  return spec.program.im ? generatePairs(spec.program, spec.header) : generate(spec.program, spec.header);
}

/** Above this many instructions the flat loop is not unrolled (V8 gives up on huge functions). */
const UNROLL_MAX_INSTRS = 200;

export function kernelName(p: Program): string {
  const params = p.params.map((q) => (q.kind === 'array' ? `${DTYPE_CODE[q.dtype]}a` : q.kind === 'stage' && q.rank > 0 ? `${DTYPE_CODE[q.dtype]}a` : DTYPE_CODE[q.dtype])).join('_');
  return p.kind === 'map' ? `map_${params || 'none'}__${DTYPE_CODE[p.outputDtype]}${p.im ? 'x2' : ''}` : `${p.reduce}_${params || 'none'}__${DTYPE_CODE[p.outputDtype]}`;
}

/** The flat kernel: element i of every array operand at index i. */
function generate(p: Program, header: string): string {
  const lines: string[] = [];
  const isArray = p.params.map(isLeaf);
  const { name, emitInstr, declarations } = namer(p, (i) => isArray[i]!);
  const usedArrays = new Set<number>();
  const collect = (o: Operand) => {
    if (o.kind === 'param' && isArray[o.index]) usedArrays.add(o.index);
  };
  for (const ins of p.instrs) if (!ins.hoisted) ins.args.forEach(collect);
  collect(p.result);

  // header comment: built from numbered names and serialized literals only
  lines.push(`// fusexpr kernel ${kernelName(p)}`);
  for (const h of header.split('\n')) lines.push(`// ${h.replace(/\*\//g, '* /')}`);
  lines.push(`return function ${kernelName(p)}(args, out, start, end) {`);
  lines.push(...unpackParams(p, 0));
  for (const ins of p.instrs) if (ins.hoisted) lines.push(`  ${emitInstr(ins.id)}`);
  lines.push(...declarations);
  const body: string[] = [];
  for (const i of [...usedArrays].sort((a, b) => a - b)) body.push(`const x${i} = ${readElement(p, i)};`);
  for (const ins of p.instrs) if (!ins.hoisted) body.push(emitInstr(ins.id));
  const result = name(p.result);

  if (p.kind === 'map') {
    // unrolled ×UNROLL (independent lanes let the CPU overlap loads and arithmetic), then a tail loop
    lines.push('  let i = start;');
    if (unrolls(p)) {
      lines.push(`  for (; i + ${UNROLL - 1} < end; i += ${UNROLL}) {`);
      for (let lane = 0; lane < UNROLL; lane++) for (const b of body) lines.push(`    ${inLane(b, lane)}`);
      for (let lane = 0; lane < UNROLL; lane++) lines.push(`    out[i + ${lane}] = ${inLane(result, lane)};`);
      lines.push('  }');
    }
    lines.push('  for (; i < end; i++) {');
    for (const b of body) lines.push(`    ${b}`);
    lines.push(`    out[i] = ${result};`);
    lines.push('  }');
  } else {
    const block = reductionState(p.reduce!, p.resultDtype, p.complexPart).block;
    if (block.kind === 'pairwise') {
      // collect the block's values, then numpy's pairwise sum over them (ops/reductions.ts)
      lines.push('  const S = H.blockScratch(end - start);');
      lines.push('  for (let i = start; i < end; i++) {');
      for (const b of body) lines.push(`    ${b}`);
      lines.push(`    S[i - start] = ${block.convert ? `Number(${result})` : result};`);
      lines.push('  }');
      lines.push(`  return H.${block.complexPart ? 'pairwiseC' : 'pairwise'}${block.float32 ? '32' : '64'}(S, 0, end - start);`);
    } else {
      lines.push(`  let acc = ${literal(block.init, typeof block.init === 'bigint' ? 'int64' : 'float64')};`);
      lines.push('  for (let i = start; i < end; i++) {');
      for (const b of body) lines.push(`    ${b}`);
      lines.push(`    ${block.stepCode(result)}`);
      lines.push('  }');
      lines.push('  return acc;');
    }
  }
  lines.push('};');
  return lines.join('\n');
}

/** `const p0 = args[0], …`: parameters are read once per call, then live in locals. */
function unpackParams(p: Program, first: number): string[] {
  if (!p.params.length) return [];
  return [`  const ${p.params.map((_, i) => `p${i} = args[${i + first}]`).join(', ')};`];
}

/**
 * Elements per unrolled iteration of flat map kernels. Chosen by bench/blocks.ts (unroll sweep):
 * ×4 made a*b+c 1.3–1.4× faster here; compute-bound kernels are unchanged.
 */
export let UNROLL = 4;
/** For the unroll sweep only. */
export function setUnroll(n: number): void {
  UNROLL = n;
}

/** A body line for unrolled lane `lane`: element locals renamed, reads at i + lane (generated text only). */
function inLane(line: string, lane: number): string {
  if (lane === 0) return line.replace(/\b([xt]\d+)\b/g, '$1_0');
  // a complex var's plane reads [2 * i] or [2 * i + 1]
  return line.replace(/\b([xt]\d+)\b/g, `$1_${lane}`).replace(/\[(2 \* )?i( \+ 1)?\]/g, (_, two = '', one = '') => `[${two ? `2 * (i + ${lane})` : `i + ${lane}`}${one}]`);
}

/** Flat map loops are unrolled unless huge or calling a complex helper (the registry's `bulky`). */
const unrolls = (p: Program): boolean => UNROLL > 1 && p.instrs.length <= UNROLL_MAX_INSTRS && !p.instrs.some((ins) => opByName(ins.op).bulky);

/**
 * The flat kernel of a complex result (plan/joinComplex.ts): both parts of element i, stored at
 * out[2i] and out[2i + 1]; complex vars are read in place (k = 2i). Unrolled like `generate`, but each
 * lane is stored as soon as it is computed, and a kernel reading only complex vars counts k alone
 * (bench/complex.ts: z*w + 1 1.1-1.15× faster than stores after all lanes, indexed by i).
 */
function generatePairs(p: Program, header: string): string {
  const isArray = p.params.map(isLeaf);
  const { name, emitInstr, declarations } = namer(p, (i) => isArray[i]!);
  const used = new Set<number>();
  const collect = (o: Operand) => {
    if (o.kind === 'param' && isArray[o.index]) used.add(o.index);
  };
  for (const ins of p.instrs) if (!ins.hoisted) ins.args.forEach(collect);
  collect(p.result);
  collect(p.im!);
  const reads = [...used].sort((a, b) => a - b);
  const onlyPairs = reads.every((i) => partOf(p, i));
  const k = (lane: number) => (lane ? `k + ${2 * lane}` : 'k');
  const read = (i: number, lane: number): string => {
    const part = partOf(p, i);
    if (!part) return `p${i}[${lane ? `i + ${lane}` : 'i'}]`;
    return `p${pairParam(p, i)}[${k(lane)}${part === 'im' ? ' + 1' : ''}]`;
  };
  const body = [...p.instrs.filter((ins) => !ins.hoisted).map((ins) => emitInstr(ins.id))];
  const laneLines = (lane: number): string[] => [
    ...reads.map((i) => `const x${i}_${lane} = ${read(i, lane)};`),
    ...body.map((b) => inLaneNames(b, lane)),
    `out[${k(lane)}] = ${inLaneNames(name(p.result), lane)};`,
    `out[${k(lane)} + 1] = ${inLaneNames(name(p.im!), lane)};`,
  ];
  const lines: string[] = [`// fusexpr kernel ${kernelName(p)}`];
  for (const h of header.split('\n')) lines.push(`// ${h.replace(/\*\//g, '* /')}`);
  lines.push(`return function ${kernelName(p)}(args, out, start, end) {`);
  lines.push(...unpackParams(p, 0));
  for (const ins of p.instrs) if (ins.hoisted) lines.push(`  ${emitInstr(ins.id)}`);
  lines.push(...declarations);
  const U = unrolls(p) ? UNROLL : 1;
  if (onlyPairs) {
    lines.push('  let k = 2 * start;', '  const e = 2 * end;');
    if (U > 1) {
      lines.push(`  for (; k + ${2 * U - 1} < e; k += ${2 * U}) {`);
      for (let lane = 0; lane < U; lane++) for (const l of laneLines(lane)) lines.push(`    ${l}`);
      lines.push('  }');
    }
    lines.push('  for (; k < e; k += 2) {');
  } else {
    lines.push('  let i = start;');
    if (U > 1) {
      lines.push(`  for (; i + ${U - 1} < end; i += ${U}) {`, '    const k = 2 * i;');
      for (let lane = 0; lane < U; lane++) for (const l of laneLines(lane)) lines.push(`    ${l}`);
      lines.push('  }');
    }
    lines.push('  for (; i < end; i++) {', '    const k = 2 * i;');
  }
  for (const l of laneLines(0)) lines.push(`    ${l}`);
  lines.push('  }', '};');
  return lines.join('\n');
}

/** Element locals renamed for a lane (generated text only). */
const inLaneNames = (line: string, lane: number): string => line.replace(/\b([xt]\d+)\b/g, `$1_${lane}`);

/** The complex part a param reads, if it is a complex var's plane. */
const partOf = (p: Program, i: number): 're' | 'im' | undefined => {
  const q = p.params[i]!;
  return q.kind === 'array' ? q.part : undefined;
};

/** The param whose array variable holds a plane's complex var: its first plane param (splitComplex puts a var's im plane right after its re plane). */
function pairParam(p: Program, i: number): number {
  const base = (q: Program['params'][number]) => (q.kind === 'array' && q.part ? (q.part === 're' ? q.input : q.input - 1) : -1);
  return p.params.findIndex((q) => base(q) === base(p.params[i]!));
}

/** Local names (p = parameter, x = element read, t = temporary, h = hoisted) and instruction emission. */
function namer(p: Program, isElement: (param: number) => boolean) {
  const hoistedIds = new Set(p.instrs.filter((i) => i.hoisted).map((i) => i.id));
  // Huge programs (a 90,000-term sum) reuse a few `let` registers: one const per temporary would
  // give V8 a stack frame too large to call. Small kernels keep one readable const per temporary.
  const registers = p.instrs.length > UNROLL_MAX_INSTRS ? allocateRegisters(p) : undefined;
  const name = (o: Operand): string => {
    switch (o.kind) {
      case 'const':
        return literal(o.value, o.dtype);
      case 'param':
        return isElement(o.index) ? `x${o.index}` : `p${o.index}`;
      case 'temp':
        return hoistedIds.has(o.id) ? `h${o.id}` : registers ? `r${registers.of[o.id]}` : `t${o.id}`;
    }
  };
  const emitInstr = (id: number): string => {
    const ins = p.instrs[id]!;
    const op = opByName(ins.op);
    // a complex helper's Im part right after its Re twin on the same operands: read what that call left
    const prev = p.instrs[id - 1];
    const twin = op.twin && prev && prev.op === op.twin.re && prev.operandDtype === ins.operandDtype && prev.hoisted === ins.hoisted && sameOperands(prev.args, ins.args);
    const emit = (twin ? op.twin!.emit : op.emit)[ins.operandDtype];
    if (!emit) throw new Error(`internal: ${ins.op} has no emitter for ${ins.operandDtype}`);
    const code = emit.code(twin ? [] : ins.args.map(name));
    return registers && !ins.hoisted ? `${name({ kind: 'temp', id })} = ${code};` : `const ${name({ kind: 'temp', id })} = ${code};`;
  };
  const declarations = registers && registers.count ? [`  let ${Array.from({ length: registers.count }, (_, r) => `r${r}`).join(', ')};`] : [];
  return { name, emitInstr, declarations };
}

const sameOperands = (a: readonly Operand[], b: readonly Operand[]): boolean => a.length === b.length && a.every((o, k) => operandKey(o) === operandKey(b[k]!));

/** Linear-scan register assignment for the per-element temporaries: a register is reused after its value's last use. */
function allocateRegisters(p: Program): { of: number[]; count: number } {
  const lastUse = new Array<number>(p.instrs.length).fill(-1);
  p.instrs.forEach((ins, at) => {
    for (const a of ins.args) if (a.kind === 'temp') lastUse[a.id] = at;
  });
  // both stored values (a complex result's im too) live to the end of the element
  for (const r of [p.result, p.im]) if (r?.kind === 'temp') lastUse[r.id] = Infinity;
  const of = new Array<number>(p.instrs.length).fill(-1);
  const free: number[] = [];
  let count = 0;
  p.instrs.forEach((ins, at) => {
    if (ins.hoisted) return;
    for (const a of ins.args) if (a.kind === 'temp' && lastUse[a.id] === at && !p.instrs[a.id]!.hoisted && !free.includes(of[a.id]!)) free.push(of[a.id]!);
    of[ins.id] = free.length ? free.pop()! : count++;
  });
  return { of, count };
}

/**
 * An element read: every array holds its dtype's own values. A complex var's plane reads every other
 * one of the interleaved data, through the var's first plane param (splitComplex puts a var's im plane
 * right after its re plane): one array variable per var, so V8 keeps one base and length for both.
 */
function readElement(p: Program, i: number): string {
  const part = partOf(p, i);
  if (!part) return `p${i}[i]`;
  return part === 're' ? `p${pairParam(p, i)}[2 * i]` : `p${pairParam(p, i)}[2 * i + 1]`;
}

/**
 * The strided kernel of a map program: args are (L, p0…pk), and it walks output elements
 * [start, end) in C order, row by row; kernel/layout.ts splits each row into segments where every
 * operand's offset is linear (rolls wrap and shifts cross bounds only between segments), so the
 * inner loop is the same fused body as the flat kernel with strided offsets and no modulo.
 */
function generateStrided(p: Program, header: string, steps?: string): string {
  if (p.kind !== 'map' || p.im) throw new Error('internal: strided kernels are map kernels of one part');
  const leafOf = new Map<number, number>();
  p.params.forEach((q, i) => {
    if (isLeaf(q)) leafOf.set(i, leafOf.size);
  });
  const NL = leafOf.size;
  // leaves reading the same data (a stencil reads one grid five ways) index one array variable, so
  // V8 keeps one base and length in registers
  const sameData = new Map<number, number>();
  const firstOf = new Map<string, number>();
  p.params.forEach((q, i) => {
    const key = q.kind === 'array' ? `a${q.input}` : q.kind === 'stage' ? `s${q.stage}` : undefined;
    if (!key) return;
    if (firstOf.has(key)) sameData.set(i, firstOf.get(key)!);
    else firstOf.set(key, i);
  });
  const { name, emitInstr, declarations } = namer(p, (i) => leafOf.has(i));
  const mayLeave = (i: number) => {
    const q = p.params[i]!;
    return q.kind !== 'scalar' && (q.transforms ?? []).some((t) => t.kind === 'shift');
  };
  // `steps`: per leaf then out, the last-axis stride class this variant assumes: '1' (unit: index
  // o + j, one induction variable like a hand loop), '0' (broadcast along the row), 's' (any)
  const stepOf = (k: number) => steps?.[k] ?? 's';
  const leafStep = new Map([...leafOf].map(([i, k]) => [i, stepOf(k)]));
  const outStep = stepOf(NL);
  const at = (o: string, cls: string) => (cls === '1' ? `${o} + j` : o);
  const lines: string[] = [];
  lines.push(`// fusexpr strided kernel ${kernelName(p)}${steps ? ` (row steps ${steps})` : ''}`);
  for (const h of header.split('\n')) lines.push(`// ${h.replace(/\*\//g, '* /')}`);
  const fname = `strided_${kernelName(p)}`;
  lines.push(`return function ${fname}(args, out, start, end) {`);
  lines.push('  const L = args[0];');
  lines.push(...unpackParams(p, 1));
  for (const ins of p.instrs) if (ins.hoisted) lines.push(`  ${emitInstr(ins.id)}`);
  lines.push(...declarations);
  lines.push('  const S = H.rowScratch(L);');
  lines.push('  const so = S.outStep;');
  for (const [i, k] of leafOf) lines.push(`  const d${i} = S.step[${k}];`);
  lines.push('  for (let i = start; i < end; ) {');
  lines.push('    const g = H.rowSegments(L, S, i, end);');
  lines.push('    for (let q = 0; q < g; q++) {');
  lines.push('      const len = S.segLen[q];');
  lines.push('      let oo = S.outAt[q];');
  for (const [i, k] of leafOf) {
    lines.push(`      ${leafStep.get(i) === 's' ? 'let' : 'const'} o${i} = S.at[q * ${NL} + ${k}];`);
    if (p.params[i]!.kind === 'ones' || mayLeave(i)) lines.push(`      const m${i} = S.inb[q * ${NL} + ${k}];`);
  }
  lines.push('      for (let j = 0; j < len; j++) {');
  for (const [i] of leafOf) {
    const q = p.params[i]!;
    if (q.kind === 'ones') {
      lines.push(`        const x${i} = m${i};`);
      continue;
    }
    const zero = isBig(q.dtype) ? '0n' : '0';
    const idx = at(`o${i}`, leafStep.get(i)!);
    const arr = `p${sameData.get(i) ?? i}`;
    const read = `${arr}[${idx}]`;
    lines.push(`        const x${i} = ${mayLeave(i) ? `m${i} ? ${read} : ${zero}` : read};`);
  }
  for (const ins of p.instrs) if (!ins.hoisted) lines.push(`        ${emitInstr(ins.id)}`);
  lines.push(`        out[${at('oo', outStep)}] = ${name(p.result)};`);
  const bumps = [outStep === 's' ? ' oo += so;' : '', ...[...leafOf.keys()].map((i) => (leafStep.get(i) === 's' ? ` o${i} += d${i};` : ''))].join('');
  if (bumps) lines.push(`       ${bumps}`);
  lines.push('      }');
  lines.push('      i += len;');
  lines.push('    }');
  lines.push('  }');
  lines.push('};');
  return lines.join('\n');
}
