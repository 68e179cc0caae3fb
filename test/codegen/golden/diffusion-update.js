// fusexpr kernel map_f8a_f8_f8_f8a__f8
// $0 * $1 * $2 + $3
// $0: float64[], $1: int64, $2: float64, $3: float64[]
return function map_f8a_f8_f8_f8a__f8(args, out, start, end) {
  const p0 = args[0], p1 = args[1], p2 = args[2], p3 = args[3];
  let i = start;
  for (; i + 3 < end; i += 4) {
    const x0_0 = p0[i];
    const x3_0 = p3[i];
    const t0_0 = (x0_0 * p1);
    const t1_0 = (t0_0 * p2);
    const t2_0 = (t1_0 + x3_0);
    const x0_1 = p0[i + 1];
    const x3_1 = p3[i + 1];
    const t0_1 = (x0_1 * p1);
    const t1_1 = (t0_1 * p2);
    const t2_1 = (t1_1 + x3_1);
    const x0_2 = p0[i + 2];
    const x3_2 = p3[i + 2];
    const t0_2 = (x0_2 * p1);
    const t1_2 = (t0_2 * p2);
    const t2_2 = (t1_2 + x3_2);
    const x0_3 = p0[i + 3];
    const x3_3 = p3[i + 3];
    const t0_3 = (x0_3 * p1);
    const t1_3 = (t0_3 * p2);
    const t2_3 = (t1_3 + x3_3);
    out[i + 0] = t2_0;
    out[i + 1] = t2_1;
    out[i + 2] = t2_2;
    out[i + 3] = t2_3;
  }
  for (; i < end; i++) {
    const x0 = p0[i];
    const x3 = p3[i];
    const t0 = (x0 * p1);
    const t1 = (t0 * p2);
    const t2 = (t1 + x3);
    out[i] = t2;
  }
};
