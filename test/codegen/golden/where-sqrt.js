// fusexpr kernel map_f8a_f8a__f8
// where($0 > 0, sqrt($0), -$1)
// $0: float64[], $1: float64[]
const kernel = function map_f8a_f8a__f8(p0, p1, out, start, end) {
  for (let i = start; i < end; i++) {
    const x0 = p0[i];
    const x1 = p1[i];
    const t0 = (x0 > 0 ? 1 : 0);
    const t1 = Math.sqrt(x0);
    const t2 = (-x1);
    const t3 = (t0 ? t1 : t2);
    out[i] = t3;
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
