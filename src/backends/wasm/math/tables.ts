// Constant tables the vector math library reads from memory (Asm.gather): their rows, computed on
// first use (BigInt fixed point and exact double-double products), and one byte image with fixed
// offsets that the backend writes into the arena's header page once per memory. Emits nothing.

/** A table of 64-bit words (IEEE bits or integers), one a row; the row count is a power of two. */
export interface Table {
  readonly name: string;
  readonly rows: number;
  /** The rows (computed once, on first call). */
  words(): BigUint64Array;
}

const view = new DataView(new ArrayBuffer(8));
const bitsOf = (x: number): bigint => (view.setFloat64(0, x, true), view.getBigUint64(0, true));

function isqrt(n: bigint): bigint {
  let x = 1n << BigInt((n.toString(2).length >> 1) + 1);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** 2^(j/n) for j < count (n a power of two) as [hi, lo] doubles, hi + lo exact to 2^-106 (200-bit fixed point). */
function powersOfTwo(n: number, count = n): [number, number][] {
  const P = 200n;
  let root = 2n << P;
  for (let k = 1; k < n; k *= 2) root = isqrt(root << P); // 2^(1/n)
  const out: [number, number][] = [];
  let v = 1n << P;
  for (let j = 0; j < count; j++) {
    const hi = Number(v >> (P - 60n)) / 2 ** 60; // rounded once to a double
    const rest = v - (BigInt(hi * 2 ** 52) << (P - 52n));
    out.push([hi, Number(rest) / 2 ** Number(P)]);
    v = (v * root) >> P;
  }
  return out;
}

/** a·b = p + e exactly (Veltkamp split, Dekker product). */
function twoProd(a: number, b: number): [number, number] {
  const split = (x: number) => {
    const g = x * 134217729;
    const h = g - (g - x);
    return [h, x - h] as const;
  };
  const p = a * b;
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}

const N = 2048;
let exp2: { hi: BigUint64Array; tail: BigUint64Array } | undefined;
/**
 * 2^(j/2048) for j < 2048 (from 2^(⌊j/32⌋/64)·2^((j mod 32)/2048) in double-double, to 2^-104) as
 * hi, rounded to a double, stored as its bits less j << 41 (adding k << 41 for k = 2048·e + j gives
 * the bits of hi·2^e), and tail = (2^(j/2048) − hi)/hi: glibc's exp_data layout, in two tables.
 */
function exp2Rows(): { hi: BigUint64Array; tail: BigUint64Array } {
  if (exp2) return exp2;
  const coarse = powersOfTwo(64);
  const fine = powersOfTwo(N, 32);
  exp2 = { hi: new BigUint64Array(N), tail: new BigUint64Array(N) };
  for (let j = 0; j < N; j++) {
    const [ah, al] = coarse[j >> 5]!;
    const [bh, bl] = fine[j & 31]!;
    const [p, e] = twoProd(ah, bh);
    const lo = e + (ah * bl + al * bh);
    const hi = p + lo;
    exp2.hi[j] = BigInt.asUintN(64, bitsOf(hi) - (BigInt(j) << 41n));
    exp2.tail[j] = bitsOf((lo - (hi - p)) / hi);
  }
  return exp2;
}

function lazy(name: string, rows: number, make: () => BigUint64Array): Table {
  let words: BigUint64Array | undefined;
  return { name, rows, words: () => (words ??= make()) };
}

export const EXP2_2048 = lazy('exp2_2048', N, () => exp2Rows().hi);
export const EXP2_2048_TAIL = lazy('exp2_2048_tail', N, () => exp2Rows().tail);

const TABLES: readonly Table[] = [EXP2_2048, EXP2_2048_TAIL];
const OFFSETS = new Map<Table, number>();
let size = 0;
for (const t of TABLES) {
  OFFSETS.set(t, size);
  size += 8 * t.rows;
}
/** Bytes the table image takes. */
export const TABLE_BYTES = size;

/** Bytes from the start of the table image to table t's first row. */
export function tableOffset(t: Table): number {
  const o = OFFSETS.get(t);
  if (o === undefined) throw new Error(`internal: table ${t.name} is not registered`);
  return o;
}

let image: Uint8Array | undefined;
/** Every table at its offset: written once per memory at the address the emitter reads them from. */
export function tableImage(): Uint8Array {
  if (!image) {
    image = new Uint8Array(size);
    for (const t of TABLES) image.set(new Uint8Array(t.words().buffer), tableOffset(t));
  }
  return image;
}
