// Runs an expression through fusexpr and through the reference interpreter and compares them:
// same dtype, same values (ints and bools exactly; floats exactly or within a tolerance), and
// "the reference raises ⇒ fusexpr raises a FusexprError".

import { FusexprError, BoolArray, type EvaluateOptions } from '../../src/index.js';
import { evaluate } from './untyped.js';
import { reference, ReferenceError, type DT, type RefVars } from './reference.js';

export interface Tolerance {
  rtol: number;
  atol: number;
}
export const EXACT: Tolerance = { rtol: 0, atol: 0 };

const DTYPE_OF: [new (...a: never[]) => unknown, DT][] = [
  [Float64Array, 'float64'], [Float32Array, 'float32'], [Int32Array, 'int32'], [BigInt64Array, 'int64'], [BoolArray, 'bool'], [Int8Array, 'int8'],
];

export function dtypeOfResult(r: unknown): DT | 'number' | 'bigint' | 'boolean' {
  for (const [cls, dt] of DTYPE_OF) if (r instanceof cls) return dt;
  return typeof r as 'number' | 'bigint' | 'boolean';
}

export function close(actual: number, expected: number, tol: Tolerance): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (actual === expected) return tol.rtol > 0 || Object.is(actual, expected) || actual !== 0;
  if (!Number.isFinite(expected) || !Number.isFinite(actual)) return false;
  return Math.abs(actual - expected) <= tol.atol + tol.rtol * Math.abs(expected);
}

/** Compare fusexpr against the oracle. Returns a description of the first mismatch, or undefined. */
export function mismatch(expr: string, vars: RefVars, options: EvaluateOptions = {}, tol: Tolerance = EXACT, boolArrays = new Set<unknown>()): string | undefined {
  let ref: ReturnType<typeof reference> | undefined;
  let refError: unknown;
  try {
    const powers = options.optimize === 'none' ? 'none' : options.optimize === 'moderate' ? 'integer' : 'all';
    ref = reference(expr, vars, boolArrays, powers);
  } catch (e) {
    if (!(e instanceof ReferenceError)) throw e;
    refError = e;
  }
  let ours: unknown;
  try {
    ours = evaluate(expr, vars as Record<string, unknown>, undefined, options);
  } catch (e) {
    if (!(e instanceof FusexprError)) return `${expr}: threw a non-FusexprError ${String(e)}`;
    if (refError) return undefined;
    return `${expr}: fusexpr raised "${e.message}" but the reference gives ${ref!.t}`;
  }
  if (refError) return `${expr}: the reference raises (${(refError as Error).message}) but fusexpr returned ${String(ours)}`;
  const r = ref!;
  if (r.scalar) {
    const expectedKind = r.t === 'bool' ? 'boolean' : r.t === 'int64' && !(typeof ours === 'number') ? 'bigint' : 'number';
    const kind = dtypeOfResult(ours);
    if (kind !== expectedKind && !(kind === 'number' && r.t === 'int64')) return `${expr}: got a ${kind}, expected a ${expectedKind} (${r.t})`;
    const got = typeof ours === 'boolean' ? (ours ? 1 : 0) : Number(ours);
    const want = Number(r.values[0]);
    return close(got, want, r.t === 'float32' || r.t === 'float64' ? tol : EXACT) ? undefined : `${expr}: got ${String(ours)}, expected ${want}`;
  }
  const dt = dtypeOfResult(ours);
  if (dt !== r.t) return `${expr}: result dtype ${dt}, expected ${r.t}`;
  const arr = ours as ArrayLike<number | bigint>;
  if (arr.length !== r.values.length) return `${expr}: length ${arr.length}, expected ${r.values.length}`;
  for (let i = 0; i < arr.length; i++) {
    const got = arr[i]!;
    const want = r.values[i]!;
    if (typeof want === 'bigint') {
      if (BigInt(got) !== want) return `${expr}: [${i}] = ${got}, expected ${want}`;
    } else if (!close(Number(got), want, tol)) {
      return `${expr}: [${i}] = ${got}, expected ${want} (inputs at ${i}: ${describeInputs(vars, i)})`;
    }
  }
  return undefined;
}

function describeInputs(vars: RefVars, i: number): string {
  return Object.entries(vars).map(([k, v]) => `${k}=${typeof v === 'object' ? String((v as ArrayLike<unknown>)[i]) : String(v)}`).join(', ');
}
