// cbrt on f64x2 (and f32x4 through kit.viaF64): x = 2^(3q)·m with m in [1, 8) (exact), a cubic start
// good to 1.4%, musl's degree-4 step to 23 bits, rounding to 23 bits so t·t is exact, and one
// Newton step whose error stays below 0.67 ulp (musl cbrt.c). No integer division needed.
import type { MathFn } from './asm.js';
import { F64, viaF64 } from './kit.js';

const START = [0.7091350135760409, 0.3400187424911639, -0.03749596299682639, 0.0019167009490987218]; // ≈ cbrt on [1, 8)
const P = [1.87595182427177009643, -1.88497979543377169875, 1.621429720105354466140, -0.758397934778766047437, 0.145996192886612446982];

export const cbrt64: MathFn = (asm, [x0]) => {
  const m = new F64(asm);
  const x = x0!;
  const a = m.abs(x);
  const sub = m.lt(a, m.c(2.2250738585072014e-308));
  const as = m.sel(sub, m.mul(a, m.c(18014398509481984)), a); // 2^54
  const e = m.sub(m.intToFloat(m.isub(m.shru(as, 52), m.ci(1023))), m.and(sub, m.c(54)));
  const q = m.floor(m.div(e, m.c(3)));
  const rem = m.sub(e, m.mul(q, m.c(3)));
  const mant = m.or(m.and(as, m.ci(0x000fffffffffffffn)), m.ci(0x3ff0000000000000n)); // [1, 2)
  const am = m.mul(mant, m.sel(m.eq(rem, m.c(0)), m.c(1), m.sel(m.eq(rem, m.c(1)), m.c(2), m.c(4))));
  let t = m.poly(am, START);
  const r0 = m.mul(m.mul(t, t), m.div(t, am));
  t = m.mul(t, m.add(m.poly(r0, [P[0]!, P[1]!, P[2]!]), m.mul(m.mul(m.mul(r0, r0), r0), m.poly(r0, [P[3]!, P[4]!]))));
  t = m.and(m.iadd(t, m.ci(0x80000000)), m.ci(-0x40000000n)); // round away from zero to 23 bits
  const s = m.mul(t, t);
  const rr = m.div(am, s);
  const w = m.add(t, t);
  const corr = m.div(m.sub(rr, t), m.add(w, rr));
  t = m.add(t, m.mul(t, corr));
  const qi = m.shiftInt(m.roundShift(q));
  const res = m.or(m.mul(t, m.pow2i(qi)), m.signOf(x));
  // ±0, ±inf and NaN are their own cube roots
  return m.sel(m.or(m.eq(a, m.c(0)), m.not(m.lt(a, m.c(Infinity)))), x, res);
};

export const cbrt32 = viaF64(cbrt64);
