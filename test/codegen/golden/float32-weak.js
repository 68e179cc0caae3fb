// fusexpr kernel map_f4a__f4
// $0 * 2.5 + sin($0) ** 2
// $0: float32[]
const kernel = function map_f4a__f4(p0, out, start, end) {
  for (let i = start; i < end; i++) {
    const x0 = p0[i];
    const t0 = Math.fround((x0 * 2.5));
    const t1 = Math.fround(Math.sin(x0));
    const t2 = Math.fround((t1 * t1));
    const t3 = Math.fround((t0 + t2));
    out[i] = t3;
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
