// The seed workloads and their hand-written loops: the baseline every figure is a ratio to.

export interface Workload {
  readonly name: string;
  readonly expr: string;
  readonly inputs: readonly string[];
  /** The same math as one hand-written JS loop over Float64Arrays. */
  readonly hand: (v: Record<string, Float64Array>, out: Float64Array) => void;
}

export const WORKLOADS: readonly Workload[] = [
  {
    name: 'polynomial',
    expr: '0.25*x**3 + 0.75*x**2 - 1.5*x - 2',
    inputs: ['x'],
    hand: ({ x }, out) => {
      for (let i = 0; i < out.length; i++) {
        const v = x![i]!;
        out[i] = 0.25 * v * v * v + 0.75 * v * v - 1.5 * v - 2;
      }
    },
  },
  {
    name: 'a*b+c',
    expr: 'a*b+c',
    inputs: ['a', 'b', 'c'],
    hand: ({ a, b, c }, out) => {
      for (let i = 0; i < out.length; i++) out[i] = a![i]! * b![i]! + c![i]!;
    },
  },
  {
    name: '2*a+3*b',
    expr: '2*a + 3*b',
    inputs: ['a', 'b'],
    hand: ({ a, b }, out) => {
      for (let i = 0; i < out.length; i++) out[i] = 2 * a![i]! + 3 * b![i]!;
    },
  },
  {
    name: '2*a+b**10',
    expr: '2*a + b**10',
    inputs: ['a', 'b'],
    hand: ({ a, b }, out) => {
      for (let i = 0; i < out.length; i++) {
        const v = b![i]!;
        const v2 = v * v;
        const v4 = v2 * v2;
        const v8 = v4 * v4;
        out[i] = 2 * a![i]! + v8 * v2;
      }
    },
  },
  {
    name: 'sin²+cos²',
    expr: 'sin(x)**2 + cos(x)**2',
    inputs: ['x'],
    hand: ({ x }, out) => {
      for (let i = 0; i < out.length; i++) {
        const s = Math.sin(x![i]!);
        const c = Math.cos(x![i]!);
        out[i] = s * s + c * c;
      }
    },
  },
];

/** Inputs in [-1, 1): shared memory by default, so the same arrays serve the threaded runs. */
export function inputsFor(w: Workload, n: number, shared = true): Record<string, Float64Array> {
  const vars: Record<string, Float64Array> = {};
  w.inputs.forEach((name, k) => {
    const a = shared ? new Float64Array(new SharedArrayBuffer(n * 8)) : new Float64Array(n);
    for (let i = 0; i < n; i++) a[i] = -1 + (2 * ((i * (k + 1)) % n)) / n;
    vars[name] = a;
  });
  return vars;
}

export const sharedOut = (n: number) => new Float64Array(new SharedArrayBuffer(n * 8));
