// sin, cos and tan: on f64x2, Cody–Waite reduction by π/2 in three exact 33-bit pieces with
// error-free sums (good for |x| < 2^20·π/2) and fdlibm's kernels on [−π/4, π/4]; on f32x4, musl's
// float32 algorithms in float64 halves; beyond the reductions' range the scalar Math.* (a rare slow path).
import type { Asm, MathFn, ScalarFn, V } from './asm.js';
import { F64, SHIFT, viaF64 } from './kit.js';

const INVPIO2 = 6.36619772367581382433e-1;
const PIO2_1 = 1.57079632673412561417; // first 33 bits of π/2
const PIO2_2 = 6.07710050630396597660e-11; // next 33 bits
const PIO2_3 = 2.02226624871116645580e-21; // next 33 bits
const PIO2_3T = 8.47842766036889956997e-32; // π/2 − PIO2_1 − PIO2_2 − PIO2_3
/** Beyond this |x| the reduction's n·PIO2_k products stop being exact: scalar fallback. */
export const TRIG_LIMIT = 1.6e6;

/** a + b = s + e exactly (Knuth's TwoSum, any magnitudes). */
function twoSum(m: F64, a: V, b: V): [V, V] {
  const s = m.add(a, b);
  const bb = m.sub(s, a);
  return [s, m.add(m.sub(a, m.sub(s, bb)), m.sub(b, bb))];
}

/** x = n·π/2 + y0 + y1 with |y0| ≤ π/4 (|x| < TRIG_LIMIT); n as i64 lanes. */
export function reducePio2(m: F64, x: V): { n: V; y0: V; y1: V } {
  const t = m.roundShift(m.mul(x, m.c(INVPIO2)));
  const fn = m.sub(t, m.c(SHIFT));
  const a = m.sub(x, m.mul(fn, m.c(PIO2_1))); // exact
  const [s1, e1] = twoSum(m, a, m.neg(m.mul(fn, m.c(PIO2_2))));
  const [s2, e2] = twoSum(m, s1, m.neg(m.mul(fn, m.c(PIO2_3))));
  const tail = m.sub(m.add(e1, e2), m.mul(fn, m.c(PIO2_3T)));
  const [y0, y1] = m.fastTwoSum(s2, tail);
  return { n: m.shiftInt(t), y0, y1 };
}

const S = [-1.66666666666666324348e-1, 8.33333333332248946124e-3, -1.98412698298579493134e-4, 2.75573137070700676789e-6, -2.50507602534068634195e-8, 1.58969099521155010221e-10];
const C = [4.16666666666666019037e-2, -1.38888888888741095749e-3, 2.48015872894767294178e-5, -2.75573143513906633035e-7, 2.08757232129817482790e-9, -1.13596475577881948265e-11];

/** fdlibm __sin(x, y, 1): sin(x + y) on [−π/4, π/4]. */
function kSin(m: F64, x: V, y: V): V {
  const z = m.mul(x, x);
  const w = m.mul(z, z);
  const r = m.add(m.poly(z, [S[1]!, S[2]!, S[3]!]), m.mul(m.mul(z, w), m.poly(z, [S[4]!, S[5]!])));
  const v = m.mul(z, x);
  const inner = m.sub(m.mul(z, m.sub(m.mul(m.c(0.5), y), m.mul(v, r))), y);
  return m.sub(x, m.sub(inner, m.mul(v, m.c(S[0]!))));
}

/** fdlibm __cos(x, y): cos(x + y) on [−π/4, π/4]. */
function kCos(m: F64, x: V, y: V): V {
  const z = m.mul(x, x);
  const w = m.mul(z, z);
  const r = m.add(m.mul(z, m.poly(z, [C[0]!, C[1]!, C[2]!])), m.mul(m.mul(w, w), m.poly(z, [C[3]!, C[4]!, C[5]!])));
  const hz = m.mul(m.c(0.5), z);
  const one = m.c(1);
  const ww = m.sub(one, hz);
  return m.add(ww, m.add(m.sub(m.sub(one, ww), hz), m.sub(m.mul(z, r), m.mul(x, y))));
}

/** sin (phase 0) or cos (phase 1) for |x| < TRIG_LIMIT; NaN stays NaN. */
function sinCos(asm: Asm, x: V, phase: 0 | 1): V {
  const m = new F64(asm);
  const { n, y0, y1 } = reducePio2(m, x);
  const q = m.iadd(n, m.ci(phase));
  const odd = m.ieq(m.and(q, m.ci(1)), m.ci(1));
  const r = m.sel(odd, kCos(m, y0, y1), kSin(m, y0, y1));
  return m.xor(r, m.shl(m.and(q, m.ci(2)), 62)); // quadrants 2 and 3 flip the sign
}

const T = [3.33333333333334091986e-1, 1.33333333333201242699e-1, 5.39682539762260521377e-2, 2.18694882948595424599e-2, 8.86323982359930005737e-3, 3.59207910759131235356e-3, 1.45620945432529025516e-3, 5.88041240820264096874e-4, 2.46463134818469906812e-4, 7.81794442939557092300e-5, 7.14072491382608190305e-5, -1.85586374855275456654e-5, 2.59073051863633712884e-5];
const PIO4 = 7.85398163397448278999e-1;
const PIO4LO = 3.06161699786838301793e-17;

/** fdlibm __tan(x, y, k): tan(x + y), or −1/tan(x + y) where `odd`, on [−π/4, π/4]. */
function kTan(m: F64, x0: V, y0: V, odd: V): V {
  const big = m.ge(m.abs(x0), m.c(0.6744));
  const sgn = m.signOf(x0);
  // near ±π/4: tan(π/4 − u) with u = π/4 − |x| carried in double-double
  const xb = m.add(m.sub(m.c(PIO4), m.abs(x0)), m.sub(m.c(PIO4LO), m.xor(y0, sgn)));
  const x = m.sel(big, xb, x0);
  const y = m.andnot(y0, big);
  const z = m.mul(x, x);
  const w = m.mul(z, z);
  const r0 = m.poly(w, [T[1]!, T[3]!, T[5]!, T[7]!, T[9]!, T[11]!]);
  const v0 = m.mul(z, m.poly(w, [T[2]!, T[4]!, T[6]!, T[8]!, T[10]!, T[12]!]));
  const s = m.mul(z, x);
  const r = m.add(m.add(y, m.mul(z, m.add(m.mul(s, m.add(r0, v0)), y))), m.mul(m.c(T[0]!), s));
  const wr = m.add(x, r);
  const iy = m.sel(odd, m.c(-1), m.c(1));
  const bigRes = m.xor(m.sub(iy, m.mul(m.c(2), m.sub(x, m.sub(m.div(m.mul(wr, wr), m.add(wr, iy)), r)))), sgn);
  // −1/(x + r) to full accuracy: split w and −1/w at 32 bits
  const zh = m.hi32(wr);
  const vv = m.sub(r, m.sub(zh, x));
  const a = m.div(m.c(-1), wr);
  const th = m.hi32(a);
  const sr = m.add(m.c(1), m.mul(th, zh));
  const inv = m.add(th, m.mul(a, m.add(sr, m.mul(th, vv))));
  return m.sel(big, bigRes, m.sel(odd, inv, wr));
}

function tanCore(asm: Asm, x: V): V {
  const m = new F64(asm);
  const { n, y0, y1 } = reducePio2(m, x);
  const odd = m.ieq(m.and(n, m.ci(1)), m.ci(1));
  return kTan(m, y0, y1, odd);
}

// float32: musl's sinf/cosf/tanf evaluated in float64 — a two-piece reduction (25 + 53 bits of π/2,
// exact for |x| < 2^28·π/2) and float32-sized kernels (__sindf, __cosdf: 4 terms; __tandf: 6)
const PIO2_1F = 1.57079631090164184570; // first 25 bits of π/2
const PIO2_1TF = 1.58932547735281966916e-8;
const TRIG_LIMIT_F32 = 4.2e8;
const SF = [-0x15555554cbac77 * 2 ** -55, 0x111110896efbb2 * 2 ** -59, -0x1a00f9e2cae774 * 2 ** -65, 0x16cd878c3b46a7 * 2 ** -71];
const CF = [-0x1ffffffd0c5e81 * 2 ** -54, 0x155553e1053a42 * 2 ** -57, -0x16c087e80f1e27 * 2 ** -62, 0x199342e0ee5069 * 2 ** -68];
const TF = [0x15554d3418c99f * 2 ** -54, 0x1112fd38999f72 * 2 ** -55, 0x1b54c91d865afe * 2 ** -57, 0x191df3908c33ce * 2 ** -58, 0x185dadfcecf44e * 2 ** -61, 0x1362b9bf971bcd * 2 ** -59];

function reducePio2F(m: F64, x: V): { n: V; y: V } {
  const t = m.roundShift(m.mul(x, m.c(INVPIO2)));
  const fn = m.shiftFloat(t);
  return { n: m.shiftInt(t), y: m.sub(m.sub(x, m.mul(fn, m.c(PIO2_1F))), m.mul(fn, m.c(PIO2_1TF))) };
}

function sinCosF(asm: Asm, x: V, phase: 0 | 1): V {
  const m = new F64(asm);
  const { n, y } = reducePio2F(m, x);
  const z = m.mul(y, y);
  const w = m.mul(z, z);
  const s = m.mul(z, y);
  const sin = m.add(m.add(y, m.mul(s, m.add(m.c(SF[0]!), m.mul(z, m.c(SF[1]!))))), m.mul(m.mul(s, w), m.add(m.c(SF[2]!), m.mul(z, m.c(SF[3]!)))));
  const cos = m.add(m.add(m.add(m.c(1), m.mul(z, m.c(CF[0]!))), m.mul(w, m.c(CF[1]!))), m.mul(m.mul(w, z), m.add(m.c(CF[2]!), m.mul(z, m.c(CF[3]!)))));
  const q = m.iadd(n, m.ci(phase));
  const r = m.sel(m.ieq(m.and(q, m.ci(1)), m.ci(1)), cos, sin);
  return m.xor(r, m.shl(m.and(q, m.ci(2)), 62));
}

function tanF(asm: Asm, x: V): V {
  const m = new F64(asm);
  const { n, y } = reducePio2F(m, x);
  const z = m.mul(y, y);
  const w = m.mul(z, z);
  const s = m.mul(z, y);
  const u = m.add(m.c(TF[0]!), m.mul(z, m.c(TF[1]!)));
  const t = m.add(m.c(TF[2]!), m.mul(z, m.c(TF[3]!)));
  const rr = m.add(m.c(TF[4]!), m.mul(z, m.c(TF[5]!)));
  const r = m.add(m.add(y, m.mul(s, u)), m.mul(m.mul(s, w), m.add(t, m.mul(w, rr))));
  return m.sel(m.ieq(m.and(n, m.ci(1)), m.ci(1)), m.div(m.c(-1), r), r);
}

type Core = (asm: Asm, x: V) => V;

/** The vector core where |x| is below `limit` (zeros keep their sign), the scalar Math.* elsewhere. */
function withFallback(core64: Core, core32: Core, fn: ScalarFn, keepZero: boolean): { f64: MathFn; f32: MathFn } {
  const vec = (core: Core): MathFn => (asm, [x]) => {
    const r = core(asm, x!);
    if (!keepZero) return r;
    const m = new F64(asm);
    return m.sel(m.eq(x!, m.c(0)), x!, r);
  };
  const f64: MathFn = (asm, args) => {
    const m = new F64(asm);
    const out = asm.local(vec(core64)(asm, args));
    const big = m.not(m.lt(m.abs(args[0]!), m.c(TRIG_LIMIT))); // also ±inf and NaN (Math.* keeps NaN)
    asm.ifAny(big, () => asm.scalarLanes(fn, big, args, out));
    return asm.get(out);
  };
  const f32 = viaF64(vec(core32), {
    fn,
    slow: (asm, [x]) => asm.un('v128.not', asm.bin('f32x4.lt', asm.un('f32x4.abs', x!), asm.f(TRIG_LIMIT_F32))),
  });
  return { f64, f32 };
}

export const SIN = withFallback((asm, x) => sinCos(asm, x, 0), (asm, x) => sinCosF(asm, x, 0), 'sin', true);
export const COS = withFallback((asm, x) => sinCos(asm, x, 1), (asm, x) => sinCosF(asm, x, 1), 'cos', false);
export const TAN = withFallback(tanCore, tanF, 'tan', true);
