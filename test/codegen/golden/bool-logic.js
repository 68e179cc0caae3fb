// fusexpr kernel map_f8a_b1a__b1
// ($0 > 0) & ~$1
// $0: float64[], $1: bool[]
return function map_f8a_b1a__b1(args, out, start, end) {
  const p0 = args[0], p1 = args[1];
  let i = start;
  for (; i + 3 < end; i += 4) {
    const x0_0 = p0[i];
    const x1_0 = p1[i];
    const t0_0 = (x0_0 > 0 ? 1 : 0);
    const t1_0 = (x1_0 !== 0 ? 1 : 0);
    const t2_0 = (t1_0 ^ 1);
    const t3_0 = (t0_0 & t2_0);
    const x0_1 = p0[i + 1];
    const x1_1 = p1[i + 1];
    const t0_1 = (x0_1 > 0 ? 1 : 0);
    const t1_1 = (x1_1 !== 0 ? 1 : 0);
    const t2_1 = (t1_1 ^ 1);
    const t3_1 = (t0_1 & t2_1);
    const x0_2 = p0[i + 2];
    const x1_2 = p1[i + 2];
    const t0_2 = (x0_2 > 0 ? 1 : 0);
    const t1_2 = (x1_2 !== 0 ? 1 : 0);
    const t2_2 = (t1_2 ^ 1);
    const t3_2 = (t0_2 & t2_2);
    const x0_3 = p0[i + 3];
    const x1_3 = p1[i + 3];
    const t0_3 = (x0_3 > 0 ? 1 : 0);
    const t1_3 = (x1_3 !== 0 ? 1 : 0);
    const t2_3 = (t1_3 ^ 1);
    const t3_3 = (t0_3 & t2_3);
    out[i + 0] = t3_0;
    out[i + 1] = t3_1;
    out[i + 2] = t3_2;
    out[i + 3] = t3_3;
  }
  for (; i < end; i++) {
    const x0 = p0[i];
    const x1 = p1[i];
    const t0 = (x0 > 0 ? 1 : 0);
    const t1 = (x1 !== 0 ? 1 : 0);
    const t2 = (t1 ^ 1);
    const t3 = (t0 & t2);
    out[i] = t3;
  }
};
