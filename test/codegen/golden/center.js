// fusexpr kernel mean_f8a__f8
// $0 - mean($0)
// $0: float64[]
return function mean_f8a__f8(args, out, start, end) {
  const p0 = args[0];
  const S = H.blockScratch(end - start);
  for (let i = start; i < end; i++) {
    const x0 = p0[i];
    S[i - start] = x0;
  }
  return H.pairwise64(S, 0, end - start);
};

// fusexpr kernel map_f8a_f8__f8
// $0 - mean($0)
// $0: float64[]
return function map_f8a_f8__f8(args, out, start, end) {
  const p0 = args[0], p1 = args[1];
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
