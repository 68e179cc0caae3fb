// fusexpr kernel map_i4a_i4a__i4
// $0 * 2 + $1 // 3 - ($0 << 2)
// $0: int32[], $1: int32[]
const kernel = function map_i4a_i4a__i4(p0, p1, out, start, end) {
  for (let i = start; i < end; i++) {
    const x0 = p0[i];
    const x1 = p1[i];
    const t0 = Math.imul(x0, 2);
    const t1 = H.floordiv32(x1, 3);
    const t2 = ((t0 + t1) | 0);
    const t3 = H.shl32(x0, 2);
    const t4 = ((t2 - t3) | 0);
    out[i] = t4;
  }
};
const blocks = function blocks(p0, p1, out, start, end, B) {
  for (let s = start; s < end; s += B) kernel(p0, p1, out, s, s + B < end ? s + B : end);
};
const claim = function claim(p0, p1, out, n, B, ctl) {
  const total = Atomics.load(ctl, 3);
  for (let b = Atomics.add(ctl, 1, 1); b < total; b = Atomics.add(ctl, 1, 1)) {
    const s = b * B;
    kernel(p0, p1, out, s, s + B < n ? s + B : n);
    if (Atomics.add(ctl, 2, 1) === total - 1) Atomics.notify(ctl, 2);
  }
};
return { kernel, blocks, claim };
