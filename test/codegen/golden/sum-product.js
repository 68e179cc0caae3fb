// fusexpr kernel sum_f8a_f8a__f8
// sum($0 * $1)
// $0: float64[], $1: float64[]
return function sum_f8a_f8a__f8(args, out, start, end) {
  const p0 = args[0], p1 = args[1];
  const S = H.blockScratch(end - start);
  for (let i = start; i < end; i++) {
    const x0 = p0[i];
    const x1 = p1[i];
    const t0 = (x0 * x1);
    S[i - start] = t0;
  }
  return H.pairwise64(S, 0, end - start);
};
