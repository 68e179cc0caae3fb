// fusexpr kernel map_f4a__f4
// $0 * 2.5 + sin($0) ** 2
// $0: float32[]
return function map_f4a__f4(args, out, start, end) {
  const p0 = args[0];
  let i = start;
  for (; i + 3 < end; i += 4) {
    const x0_0 = p0[i];
    const t0_0 = Math.fround((x0_0 * 2.5));
    const t1_0 = Math.fround(Math.sin(x0_0));
    const t2_0 = Math.fround((t1_0 * t1_0));
    const t3_0 = Math.fround((t0_0 + t2_0));
    const x0_1 = p0[i + 1];
    const t0_1 = Math.fround((x0_1 * 2.5));
    const t1_1 = Math.fround(Math.sin(x0_1));
    const t2_1 = Math.fround((t1_1 * t1_1));
    const t3_1 = Math.fround((t0_1 + t2_1));
    const x0_2 = p0[i + 2];
    const t0_2 = Math.fround((x0_2 * 2.5));
    const t1_2 = Math.fround(Math.sin(x0_2));
    const t2_2 = Math.fround((t1_2 * t1_2));
    const t3_2 = Math.fround((t0_2 + t2_2));
    const x0_3 = p0[i + 3];
    const t0_3 = Math.fround((x0_3 * 2.5));
    const t1_3 = Math.fround(Math.sin(x0_3));
    const t2_3 = Math.fround((t1_3 * t1_3));
    const t3_3 = Math.fround((t0_3 + t2_3));
    out[i + 0] = t3_0;
    out[i + 1] = t3_1;
    out[i + 2] = t3_2;
    out[i + 3] = t3_3;
  }
  for (; i < end; i++) {
    const x0 = p0[i];
    const t0 = Math.fround((x0 * 2.5));
    const t1 = Math.fround(Math.sin(x0));
    const t2 = Math.fround((t1 * t1));
    const t3 = Math.fround((t0 + t2));
    out[i] = t3;
  }
};
