// fusexpr kernel map_f8a_b1a__b1
// ($0 > 0) & ~$1
// $0: float64[], $1: bool[]
const kernel = function map_f8a_b1a__b1(p0, p1, out, start, end) {
  for (let i = start; i < end; i++) {
    const x0 = p0[i];
    const x1 = p1[i];
    const t0 = (x0 > 0 ? 1 : 0);
    const t1 = (x1 ^ 1);
    const t2 = (t0 & t1);
    out[i] = t2;
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
