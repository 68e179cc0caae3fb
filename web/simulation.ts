// The diffusion the demo page animates, shared with Node (the browser test compares checksums):
// examples/diffusion-lib.ts's grid and stencil, stepped with fusexpr, with a hash of the grid's bytes.
import { evaluate, type EvaluateOptions } from 'fusexpr';
import { D, DT, STENCIL, initialGrid } from '../examples/diffusion-lib.js';

export interface StepOptions {
  /** One fused stencil kernel (true) or one kernel per operation with temporaries (false). */
  fusion: boolean;
  codegen: 'jit' | 'closures';
}

export class Simulation {
  grid: Float64Array;
  private next: Float64Array;
  steps = 0;

  constructor(readonly n: number) {
    this.grid = initialGrid(n);
    this.next = initialGrid(n).fill(0); // shared memory too: the workers write it
  }

  step(o: StepOptions): void {
    const options: EvaluateOptions = { fusion: o.fusion, codegen: o.codegen };
    const n = this.n;
    evaluate(STENCIL, { grid: { data: this.grid, shape: [n, n] }, D, dt: DT }, { data: this.next, shape: [n, n] }, options);
    [this.grid, this.next] = [this.next, this.grid];
    this.steps++;
  }

  /** FNV-1a over the grid's bytes, as 8 hex digits: equal only when every bit is. */
  checksum(): string {
    const bytes = new Uint8Array(this.grid.buffer, this.grid.byteOffset, this.grid.byteLength);
    let h = 0x811c9dc5;
    for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
    return (h >>> 0).toString(16).padStart(8, '0');
  }
}
