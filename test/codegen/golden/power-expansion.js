// fusexpr kernel map_f8a_f8a__f8
// 2 * $0 + $1 ** 10
// $0: float64[], $1: float64[]
return function map_f8a_f8a__f8(args, out, start, end) {
  const p0 = args[0], p1 = args[1];
  let i = start;
  for (; i + 3 < end; i += 4) {
    const x0_0 = p0[i];
    const x1_0 = p1[i];
    const t0_0 = (2 * x0_0);
    const t1_0 = (x1_0 * x1_0);
    const t2_0 = (t1_0 * t1_0);
    const t3_0 = (t2_0 * t2_0);
    const t4_0 = (t1_0 * t3_0);
    const t5_0 = (t0_0 + t4_0);
    const x0_1 = p0[i + 1];
    const x1_1 = p1[i + 1];
    const t0_1 = (2 * x0_1);
    const t1_1 = (x1_1 * x1_1);
    const t2_1 = (t1_1 * t1_1);
    const t3_1 = (t2_1 * t2_1);
    const t4_1 = (t1_1 * t3_1);
    const t5_1 = (t0_1 + t4_1);
    const x0_2 = p0[i + 2];
    const x1_2 = p1[i + 2];
    const t0_2 = (2 * x0_2);
    const t1_2 = (x1_2 * x1_2);
    const t2_2 = (t1_2 * t1_2);
    const t3_2 = (t2_2 * t2_2);
    const t4_2 = (t1_2 * t3_2);
    const t5_2 = (t0_2 + t4_2);
    const x0_3 = p0[i + 3];
    const x1_3 = p1[i + 3];
    const t0_3 = (2 * x0_3);
    const t1_3 = (x1_3 * x1_3);
    const t2_3 = (t1_3 * t1_3);
    const t3_3 = (t2_3 * t2_3);
    const t4_3 = (t1_3 * t3_3);
    const t5_3 = (t0_3 + t4_3);
    out[i + 0] = t5_0;
    out[i + 1] = t5_1;
    out[i + 2] = t5_2;
    out[i + 3] = t5_3;
  }
  for (; i < end; i++) {
    const x0 = p0[i];
    const x1 = p1[i];
    const t0 = (2 * x0);
    const t1 = (x1 * x1);
    const t2 = (t1 * t1);
    const t3 = (t2 * t2);
    const t4 = (t1 * t3);
    const t5 = (t0 + t4);
    out[i] = t5;
  }
};
