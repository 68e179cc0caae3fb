// fusexpr kernel map_f8a_f8_f8_f8a__f8
// $0 * $1 * $2 + $3
// $0: float64[], $1: int64, $2: float64, $3: float64[]
const kernel = function map_f8a_f8_f8_f8a__f8(p0, p1, p2, p3, out, start, end) {
  for (let i = start; i < end; i++) {
    const x0 = p0[i];
    const x3 = p3[i];
    const t0 = (x0 * p1);
    const t1 = (t0 * p2);
    const t2 = (t1 + x3);
    out[i] = t2;
  }
};
const blocks = function blocks(p0, p1, p2, p3, out, start, end, B) {
  for (let s = start; s < end; s += B) kernel(p0, p1, p2, p3, out, s, s + B < end ? s + B : end);
};
const claim = function claim(p0, p1, p2, p3, out, n, B, ctl) {
  const total = Atomics.load(ctl, 3);
  for (let b = Atomics.add(ctl, 1, 1); b < total; b = Atomics.add(ctl, 1, 1)) {
    const s = b * B;
    kernel(p0, p1, p2, p3, out, s, s + B < n ? s + B : n);
    if (Atomics.add(ctl, 2, 1) === total - 1) Atomics.notify(ctl, 2);
  }
};
return { kernel, blocks, claim };
