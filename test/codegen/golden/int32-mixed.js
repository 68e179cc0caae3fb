// fusexpr kernel map_i4a_i4a__i4
// $0 * 2 + $1 // 3 - ($0 << 2)
// $0: int32[], $1: int32[]
return function map_i4a_i4a__i4(args, out, start, end) {
  const p0 = args[0], p1 = args[1];
  let i = start;
  for (; i + 3 < end; i += 4) {
    const x0_0 = p0[i];
    const x1_0 = p1[i];
    const t0_0 = Math.imul(x0_0, 2);
    const t1_0 = H.floordiv32(x1_0, 3);
    const t2_0 = ((t0_0 + t1_0) | 0);
    const t3_0 = H.shl32(x0_0, 2);
    const t4_0 = ((t2_0 - t3_0) | 0);
    const x0_1 = p0[i + 1];
    const x1_1 = p1[i + 1];
    const t0_1 = Math.imul(x0_1, 2);
    const t1_1 = H.floordiv32(x1_1, 3);
    const t2_1 = ((t0_1 + t1_1) | 0);
    const t3_1 = H.shl32(x0_1, 2);
    const t4_1 = ((t2_1 - t3_1) | 0);
    const x0_2 = p0[i + 2];
    const x1_2 = p1[i + 2];
    const t0_2 = Math.imul(x0_2, 2);
    const t1_2 = H.floordiv32(x1_2, 3);
    const t2_2 = ((t0_2 + t1_2) | 0);
    const t3_2 = H.shl32(x0_2, 2);
    const t4_2 = ((t2_2 - t3_2) | 0);
    const x0_3 = p0[i + 3];
    const x1_3 = p1[i + 3];
    const t0_3 = Math.imul(x0_3, 2);
    const t1_3 = H.floordiv32(x1_3, 3);
    const t2_3 = ((t0_3 + t1_3) | 0);
    const t3_3 = H.shl32(x0_3, 2);
    const t4_3 = ((t2_3 - t3_3) | 0);
    out[i + 0] = t4_0;
    out[i + 1] = t4_1;
    out[i + 2] = t4_2;
    out[i + 3] = t4_3;
  }
  for (; i < end; i++) {
    const x0 = p0[i];
    const x1 = p1[i];
    const t0 = Math.imul(x0, 2);
    const t1 = H.floordiv32(x1, 3);
    const t2 = ((t0 + t1) | 0);
    const t3 = H.shl32(x0, 2);
    const t4 = ((t2 - t3) | 0);
    out[i] = t4;
  }
};
