// fusexpr kernel map_i8a_i8a__i8
// $0 * 3 + $1
// $0: int64[], $1: int64[]
return function map_i8a_i8a__i8(args, out, start, end) {
  const p0 = args[0], p1 = args[1];
  let i = start;
  for (; i + 3 < end; i += 4) {
    const x0_0 = BigInt(p0[i]);
    const x1_0 = p1[i];
    const t0_0 = BigInt.asIntN(64, (x0_0 * 3n));
    const t1_0 = BigInt.asIntN(64, (t0_0 + x1_0));
    const x0_1 = BigInt(p0[i + 1]);
    const x1_1 = p1[i + 1];
    const t0_1 = BigInt.asIntN(64, (x0_1 * 3n));
    const t1_1 = BigInt.asIntN(64, (t0_1 + x1_1));
    const x0_2 = BigInt(p0[i + 2]);
    const x1_2 = p1[i + 2];
    const t0_2 = BigInt.asIntN(64, (x0_2 * 3n));
    const t1_2 = BigInt.asIntN(64, (t0_2 + x1_2));
    const x0_3 = BigInt(p0[i + 3]);
    const x1_3 = p1[i + 3];
    const t0_3 = BigInt.asIntN(64, (x0_3 * 3n));
    const t1_3 = BigInt.asIntN(64, (t0_3 + x1_3));
    out[i + 0] = t1_0;
    out[i + 1] = t1_1;
    out[i + 2] = t1_2;
    out[i + 3] = t1_3;
  }
  for (; i < end; i++) {
    const x0 = BigInt(p0[i]);
    const x1 = p1[i];
    const t0 = BigInt.asIntN(64, (x0 * 3n));
    const t1 = BigInt.asIntN(64, (t0 + x1));
    out[i] = t1;
  }
};
