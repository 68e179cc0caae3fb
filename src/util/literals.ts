// The one serializer for numbers that appear in generated code or printed expressions. Every literal
// in a kernel passes through here, so no text the user typed can reach generated source.

export function serializeNumber(v: number, forExpression = false): string {
  if (typeof v !== 'number') throw new Error('internal: serializeNumber expects a number');
  if (Number.isNaN(v)) return forExpression ? 'nan' : 'NaN';
  if (v === Infinity) return forExpression ? 'inf' : 'Infinity';
  if (v === -Infinity) return forExpression ? '-inf' : '(-Infinity)';
  if (Object.is(v, -0)) return forExpression ? '-0.0' : '(-0)';
  const s = String(v);
  if (forExpression && /^-?\d+$/.test(s)) return `${s}.0`; // keep float literals float when printed
  return v < 0 ? `(${s})` : s;
}

export function serializeBigInt(v: bigint): string {
  if (typeof v !== 'bigint') throw new Error('internal: serializeBigInt expects a bigint');
  return v < 0n ? `(${v.toString()}n)` : `${v.toString()}n`;
}

/** A literal of `dtype` as JS source: int64 as a BigInt literal, everything else as a number. */
export function literal(value: number | bigint, dtype: string): string {
  if (dtype === 'int64' || dtype === 'uint64') return serializeBigInt(BigInt(value));
  return serializeNumber(Number(value));
}
