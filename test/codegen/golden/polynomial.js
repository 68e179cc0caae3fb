// fusexpr kernel map_f8a__f8
// 0.25 * $0 ** 3 + 0.75 * $0 ** 2 - 1.5 * $0 - 2
// $0: float64[]
return function map_f8a__f8(args, out, start, end) {
  const p0 = args[0];
  let i = start;
  for (; i + 3 < end; i += 4) {
    const x0_0 = p0[i];
    const t0_0 = (x0_0 * x0_0);
    const t1_0 = (x0_0 * t0_0);
    const t2_0 = (0.25 * t1_0);
    const t3_0 = (0.75 * t0_0);
    const t4_0 = (t2_0 + t3_0);
    const t5_0 = (1.5 * x0_0);
    const t6_0 = (t4_0 - t5_0);
    const t7_0 = (t6_0 - 2);
    const x0_1 = p0[i + 1];
    const t0_1 = (x0_1 * x0_1);
    const t1_1 = (x0_1 * t0_1);
    const t2_1 = (0.25 * t1_1);
    const t3_1 = (0.75 * t0_1);
    const t4_1 = (t2_1 + t3_1);
    const t5_1 = (1.5 * x0_1);
    const t6_1 = (t4_1 - t5_1);
    const t7_1 = (t6_1 - 2);
    const x0_2 = p0[i + 2];
    const t0_2 = (x0_2 * x0_2);
    const t1_2 = (x0_2 * t0_2);
    const t2_2 = (0.25 * t1_2);
    const t3_2 = (0.75 * t0_2);
    const t4_2 = (t2_2 + t3_2);
    const t5_2 = (1.5 * x0_2);
    const t6_2 = (t4_2 - t5_2);
    const t7_2 = (t6_2 - 2);
    const x0_3 = p0[i + 3];
    const t0_3 = (x0_3 * x0_3);
    const t1_3 = (x0_3 * t0_3);
    const t2_3 = (0.25 * t1_3);
    const t3_3 = (0.75 * t0_3);
    const t4_3 = (t2_3 + t3_3);
    const t5_3 = (1.5 * x0_3);
    const t6_3 = (t4_3 - t5_3);
    const t7_3 = (t6_3 - 2);
    out[i + 0] = t7_0;
    out[i + 1] = t7_1;
    out[i + 2] = t7_2;
    out[i + 3] = t7_3;
  }
  for (; i < end; i++) {
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
