// Iterative post-order evaluation of a tree (or DAG): every tree walk in the pipeline goes through
// here, so a 10,000-term sum (a left spine 10,000 deep) never overflows the JS stack. With `memo`,
// a node reached twice (shared subterms after power expansion) is evaluated once.

export function postOrder<N extends object, R>(
  root: N,
  children: (n: N) => readonly N[],
  combine: (n: N, results: R[]) => R,
  memo?: Map<N, R>,
): R {
  interface Frame {
    node: N;
    kids: readonly N[];
    next: number;
    results: R[];
  }
  const stack: Frame[] = [{ node: root, kids: children(root), next: 0, results: [] }];
  for (;;) {
    const top = stack[stack.length - 1]!;
    if (top.next < top.kids.length) {
      const child = top.kids[top.next++]!;
      const known = memo?.get(child);
      if (known !== undefined) top.results.push(known);
      else stack.push({ node: child, kids: children(child), next: 0, results: [] });
      continue;
    }
    stack.pop();
    const value = combine(top.node, top.results);
    memo?.set(top.node, value);
    if (stack.length === 0) return value;
    stack[stack.length - 1]!.results.push(value);
  }
}
