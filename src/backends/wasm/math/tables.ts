// Constant tables the vector math library reads from memory (Asm.gather): their rows, computed here
// exactly (BigInt fixed point), and one byte image with fixed offsets that the backend writes into
// the arena's header page once per memory. Owns no algorithm and emits nothing.

/** A table of 16-byte rows (two 64-bit words each); the row count is a power of two. */
export interface Table {
  readonly name: string;
  /** Two words per row, as IEEE bits or integers. */
  readonly words: BigUint64Array;
}

const P = 200n; // fixed-point fraction bits
const ONE = 1n << P;

function isqrt(n: bigint): bigint {
  let x = 1n << BigInt((n.toString(2).length >> 1) + 1);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

const view = new DataView(new ArrayBuffer(8));
const bitsOf = (x: number): bigint => (view.setFloat64(0, x, true), view.getBigUint64(0, true));

/**
 * 2^(j/256) for j < 256 as rows [tail, bits − (j << 44)]: hi = 2^(j/256) rounded to a double, tail =
 * (2^(j/256) − hi)/hi, and hi's bits less j << 44 so that adding k << 44 (k = 256·e + j) gives the
 * bits of hi·2^e (glibc's exp_data layout, N = 256).
 */
function exp2Table(): Table {
  const N = 256;
  let root = 2n * ONE;
  for (let k = 0; k < 8; k++) root = isqrt(root << P); // 2^(1/256) in fixed point
  const words = new BigUint64Array(2 * N);
  let v = ONE;
  for (let j = 0; j < N; j++) {
    // hi: v rounded to 52 fraction bits (v in [1, 2)), nearest even
    const shift = P - 52n;
    let m = v >> shift;
    const rest = v - (m << shift);
    const half = 1n << (shift - 1n);
    if (rest > half || (rest === half && (m & 1n) === 1n)) m += 1n;
    const hi = Number(m) / 2 ** 52;
    const diff = v - (m << shift); // v − hi, in fixed point (signed)
    const tail = Number(diff) / 2 ** Number(P) / hi;
    words[2 * j] = bitsOf(tail);
    words[2 * j + 1] = BigInt.asUintN(64, bitsOf(hi) - (BigInt(j) << 44n));
    v = (v * root) >> P;
  }
  return { name: 'exp2_256', words };
}

export const EXP2_256 = exp2Table();

const TABLES: readonly Table[] = [EXP2_256];
const OFFSETS = new Map<Table, number>();
let size = 0;
for (const t of TABLES) {
  OFFSETS.set(t, size);
  size += t.words.byteLength;
}

/** Bytes from the start of the table image to table t's first row. */
export function tableOffset(t: Table): number {
  const o = OFFSETS.get(t);
  if (o === undefined) throw new Error(`internal: table ${t.name} is not registered`);
  return o;
}

/** Every table, at its offset: written once per memory at the address the emitter reads them from. */
export const TABLE_IMAGE: Uint8Array = (() => {
  const bytes = new Uint8Array(size);
  for (const t of TABLES) bytes.set(new Uint8Array(t.words.buffer), tableOffset(t));
  return bytes;
})();
