// fusexpr kernel map_f8a__f8
// 0.25 * $0 ** 3 + 0.75 * $0 ** 2 - 1.5 * $0 - 2
// $0: float64[]
const kernel = function map_f8a__f8(p0, out, start, end) {
  for (let i = start; i < end; i++) {
    const x0 = p0[i];
    const t0 = (x0 * x0);
    const t1 = (x0 * t0);
    const t2 = (0.25 * t1);
    const t3 = (0.75 * t0);
    const t4 = (t2 + t3);
    const t5 = (1.5 * x0);
    const t6 = (t4 - t5);
    const t7 = (t6 - 2);
    out[i] = t7;
  }
};
const blocks = function blocks(p0, out, start, end, B) {
  for (let s = start; s < end; s += B) kernel(p0, out, s, s + B < end ? s + B : end);
};
const claim = function claim(p0, out, n, B, ctl) {
  const total = Atomics.load(ctl, 3);
  for (let b = Atomics.add(ctl, 1, 1); b < total; b = Atomics.add(ctl, 1, 1)) {
    const s = b * B;
    kernel(p0, out, s, s + B < n ? s + B : n);
    if (Atomics.add(ctl, 2, 1) === total - 1) Atomics.notify(ctl, 2);
  }
};
return { kernel, blocks, claim };
