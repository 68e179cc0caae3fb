// fusexpr kernel mean_f8a__f8
// $0 - mean($0)
// $0: float64[]
const kernel = function mean_f8a__f8(p0, start, end) {
  let acc = 0;
  for (let i = start; i < end; i++) {
    const x0 = p0[i];
    acc += x0;
  }
  return acc;
};
const blocks = function blocks(p0, partials, start, end, B) {
  for (let s = start; s < end; s += B) partials[(s / B) | 0] = kernel(p0, s, s + B < end ? s + B : end);
};
const claim = function claim(p0, partials, n, B, ctl) {
  const total = Atomics.load(ctl, 3);
  for (let b = Atomics.add(ctl, 1, 1); b < total; b = Atomics.add(ctl, 1, 1)) {
    const s = b * B;
    partials[b] = kernel(p0, s, s + B < n ? s + B : n);
    if (Atomics.add(ctl, 2, 1) === total - 1) Atomics.notify(ctl, 2);
  }
};
return { kernel, blocks, claim };

// fusexpr kernel map_f8a_f8__f8
// $0 - mean($0)
// $0: float64[]
const kernel = function map_f8a_f8__f8(p0, p1, out, start, end) {
  let i = start;
  for (; i + 3 < end; i += 4) {
    const x0_0 = p0[i];
    const t0_0 = (x0_0 - p1);
    const x0_1 = p0[i + 1];
    const t0_1 = (x0_1 - p1);
    const x0_2 = p0[i + 2];
    const t0_2 = (x0_2 - p1);
    const x0_3 = p0[i + 3];
    const t0_3 = (x0_3 - p1);
    out[i + 0] = t0_0;
    out[i + 1] = t0_1;
    out[i + 2] = t0_2;
    out[i + 3] = t0_3;
  }
  for (; i < end; i++) {
    const x0 = p0[i];
    const t0 = (x0 - p1);
    out[i] = t0;
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
