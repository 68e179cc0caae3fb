// fusexpr kernel sum_f8a_f8a__f8
// sum($0 * $1)
// $0: float64[], $1: float64[]
const kernel = function sum_f8a_f8a__f8(p0, p1, start, end) {
  let acc = 0;
  for (let i = start; i < end; i++) {
    const x0 = p0[i];
    const x1 = p1[i];
    const t0 = (x0 * x1);
    acc += t0;
  }
  return acc;
};
const blocks = function blocks(p0, p1, partials, start, end, B) {
  for (let s = start; s < end; s += B) partials[(s / B) | 0] = kernel(p0, p1, s, s + B < end ? s + B : end);
};
const claim = function claim(p0, p1, partials, n, B, ctl) {
  const total = Atomics.load(ctl, 3);
  for (let b = Atomics.add(ctl, 1, 1); b < total; b = Atomics.add(ctl, 1, 1)) {
    const s = b * B;
    partials[b] = kernel(p0, p1, s, s + B < n ? s + B : n);
    if (Atomics.add(ctl, 2, 1) === total - 1) Atomics.notify(ctl, 2);
  }
};
return { kernel, blocks, claim };
