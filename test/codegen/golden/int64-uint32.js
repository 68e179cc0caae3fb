// fusexpr kernel map_i8a_i8a__i8
// $0 * 3 + $1
// $0: int64[], $1: int64[]
const kernel = function map_i8a_i8a__i8(p0, p1, out, start, end) {
  for (let i = start; i < end; i++) {
    const x0 = BigInt(p0[i]);
    const x1 = p1[i];
    const t0 = BigInt.asIntN(64, (x0 * 3n));
    const t1 = BigInt.asIntN(64, (t0 + x1));
    out[i] = t1;
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
