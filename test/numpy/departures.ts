// Where fusexpr differs from NumPy 2 on purpose: one row per tag that test/numpy/generate.py and
// dtypes.py put on the cases they compute by fusexpr's rule. The README's table is generated from
// this list (npm run docs:types), and departures.test.ts checks every tag in the fixtures is here.

export interface Departure {
  readonly tag: string;
  readonly fusexpr: string;
  readonly numpy: string;
  /** What the generator expects instead of NumPy's own answer. */
  readonly expects: string;
}

export const DEPARTURES: readonly Departure[] = [
  { tag: 'int-sum-as-exact-number', fusexpr: '`sum`/`prod` of bool and ≤ 32-bit ints give an exact JS number (`validate` says float64); beyond 2**53 a `VALUE` error. `sum(int64(x))` gives NumPy\'s int64 bigint', numpy: 'int64 (uint64 for unsigned), wrapping', expects: 'the exact sum as float64; an error beyond 2**53' },
  { tag: 'where-python-ints-as-int32', fusexpr: '`where(m, 1, 0)`: two Python ints (literals or JS numbers; one may be a bool: `where(m, true, 5)`) that fit int32 give int32, as numexpr', numpy: 'int64', expects: "NumPy's values as int32" },
  { tag: 'uint8-clamped-out', fusexpr: "a `Uint8ClampedArray` out is uint8 with the array's own store: nan → 0, saturate to [0, 255], round half to even; any real result may land there under `'same_kind'`", numpy: 'no clamped dtype (a uint8 out wraps, and float → uint8 needs `unsafe`)', expects: '`clip(rint(x), 0, 255)`, nan → 0' },
  { tag: 'small-int-float-functions-as-float32', fusexpr: 'where the engine has no float16 (Node 20/22): float functions of int8/uint8 (`sqrt`, `sin`, `arctan2`…) compute in float32 (with float16: in float16, as NumPy)', numpy: 'float16 (int16/uint16: float32, as fusexpr)', expects: 'the op on the values as float32' },
  { tag: 'bool-float-functions-as-float64', fusexpr: 'where the engine has no float16 (Node 20/22): float functions of bool (`sqrt(b)`, `hypot(b, b)`, `copysign(b, b)`) compute in float64 (with float16: in float16, as NumPy)', numpy: 'float16', expects: 'the op on the bools as float64' },
  { tag: 'weak-scalar-functions', fusexpr: 'a function of only weak scalars (`sqrt(2)`, `where(1 > 0, 2, 3.5)`, and `sum`/`prod`/`min`/`max`/`mean` of one: `sum(1)` is the int `1`) stays a weak scalar, so `f32 * sqrt(2)` stays float32 and `sum(1) * i32` int32', numpy: '`np.sqrt(2)` is a strong float64, `f32 * np.sqrt(2)` is float64; `np.sum(1)` a strong int64', expects: 'computed in float64, then used as a Python float/int (weak)' },
  { tag: 'weak-bool-scalars', fusexpr: "`true`/`false` and JS boolean vars are weak (Python bools), as numbers are: `true + 1` and `b * 3` are Python ints (int32 numbers when they fit, as numexpr), `true * 1.5` a Python float; with arrays nothing changes (`i8 + true` is int8, as NumPy). `bool // bool`, `%`, `**`, `<<`, `>>` keep NumPy's strong int8", numpy: '`np.add(True, 1)` treats the bool as `np.bool_`: an int64 (a float64 with a Python float)', expects: 'Python\'s value of the expression, weak' },
  { tag: 'weak-bool-logical', fusexpr: '`bool + bool` / `bool * bool` of scalars are logical or / and (`true + true` is `true`)', numpy: 'Python `True + True == 2`', expects: "NumPy's `np.bool_` rule (logical)" },
  { tag: 'weak-int-div-zero', fusexpr: "scalar-only `3 // 0`, `3 % 0` give 0, like NumPy's integer arrays", numpy: 'Python raises `ZeroDivisionError`', expects: '0' },
  { tag: 'weak-int-negative-power', fusexpr: '`2 ** -1` (int ** negative int) is an error', numpy: 'Python gives 0.5', expects: "an error, as NumPy's integer `**` raises" },
  { tag: 'weak-int-result-beyond-int64', fusexpr: 'a scalar-only integer expression whose value leaves int64 (`2**40 * 2**30`) is a `VALUE` error (results are int32 numbers or int64 bigints, and neither wrapping nor rounding is honest)', numpy: "Python's exact int", expects: 'an error' },
  { tag: 'round-of-bool-keeps-bool', fusexpr: '`round(b)` / `rint(b)` of bool return it unchanged (as `floor`/`ceil`/`trunc` do in NumPy)', numpy: '`np.round(bool)` is float16', expects: 'the bool operand' },
  { tag: 'rint-of-int-keeps-dtype', fusexpr: '`rint` is an alias of `round`: int input comes back unchanged', numpy: '`np.rint(int32)` is float64', expects: '`np.round` (keeps the int dtype)' },
  { tag: 'float-to-uint32-through-int64', fusexpr: "float → uint32 of nan, ±inf and values outside [0, 2**32) (undefined in C) goes through int64 and keeps the low 32 bits (`uint32(nan)` is 0, `uint32(5e9)` 705032704), as NumPy's strided and scalar cast loops; every other float → int target gives what x86-64 NumPy gives on every layout", numpy: 'x86-64, contiguous arrays (its SIMD loop): nan, -inf and values below -2**31 give 2**31, values from 2**32 up give 0', expects: "NumPy's answer on a strided view" },
  { tag: 'where-weak-int-out-of-range', fusexpr: "a weak int that does not fit the other operand's int dtype is an error", numpy: '`np.where(c, int32_array, 2**40)` silently wraps the Python int into int32', expects: "an error (the rule NumPy's ufuncs apply)" },
];

/** Tags that describe a case (its layout, its kind) rather than a difference. */
export const DESCRIPTIVE_TAGS: readonly string[] = [
  'negative-stride', 'stride-0', 'out-view', 'out-alias', 'out-fresh', 'casting', 'weak-scalar', 'weak-int-beyond-int64',
];

/** Differences not generated as fixtures (NumPy quirks left out of them, or outside NumPy's types), each pinned by a test. */
export const OTHER_DEPARTURES: readonly string[] = [
  '`bool ** 2` (a bool array to a small Python int power) is int64 like every other weak int with bool; NumPy 2.4 gives int8 there (its scalar-power path) but int64 for `bool ** 300`',
  '`bool_array != 2**63` is all true (a Python int beyond int64 compares exactly, as NumPy does for int64 arrays); NumPy raises for bool arrays',
  'float16 is a dtype only where the engine has `Float16Array` and `Math.f16round` (Chrome/Edge ≥ 135, Firefox ≥ 129, Safari ≥ 18.2, Node ≥ 24); elsewhere a Float16Array, `dtype: \'float16\'` or `float16(x)` is an error saying so. Its values match NumPy (test/browser/float16.test.ts, in Chromium) except the float functions, within 1 ulp of float16 (NumPy computes them in float32 libm, fusexpr in float64 rounded once), and axis sums of float16, which fusexpr sums pairwise in float32 per line where NumPy may add row by row in float16',
];
