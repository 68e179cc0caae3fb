// fusexpr kernel map_u4a_i8a__i8
// $0 * 3 + $1
// $0: uint32[], $1: int64[]
return function map_u4a_i8a__i8(args, out, start, end) {
  const p0 = args[0], p1 = args[1];
  let i = start;
  for (; i + 3 < end; i += 4) {
    const x0_0 = p0[i];
    const x1_0 = p1[i];
    const t0_0 = (Math.imul(x0_0, 3) >>> 0);
    const t1_0 = BigInt(t0_0);
    const t2_0 = BigInt.asIntN(64, (t1_0 + x1_0));
    const x0_1 = p0[i + 1];
    const x1_1 = p1[i + 1];
    const t0_1 = (Math.imul(x0_1, 3) >>> 0);
    const t1_1 = BigInt(t0_1);
    const t2_1 = BigInt.asIntN(64, (t1_1 + x1_1));
    const x0_2 = p0[i + 2];
    const x1_2 = p1[i + 2];
    const t0_2 = (Math.imul(x0_2, 3) >>> 0);
    const t1_2 = BigInt(t0_2);
    const t2_2 = BigInt.asIntN(64, (t1_2 + x1_2));
    const x0_3 = p0[i + 3];
    const x1_3 = p1[i + 3];
    const t0_3 = (Math.imul(x0_3, 3) >>> 0);
    const t1_3 = BigInt(t0_3);
    const t2_3 = BigInt.asIntN(64, (t1_3 + x1_3));
    out[i + 0] = t2_0;
    out[i + 1] = t2_1;
    out[i + 2] = t2_2;
    out[i + 3] = t2_3;
  }
  for (; i < end; i++) {
    const x0 = p0[i];
    const x1 = p1[i];
    const t0 = (Math.imul(x0, 3) >>> 0);
    const t1 = BigInt(t0);
    const t2 = BigInt.asIntN(64, (t1 + x1));
    out[i] = t2;
  }
};
