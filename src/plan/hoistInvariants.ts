// hoistInvariants: instructions that read no array (D*dt, 2*pi/n) are marked to run once per kernel
// call, before the loop, instead of once per element.

import type { Program } from './program.js';

export function hoistInvariants(p: Program): Program {
  return { ...p, instrs: p.instrs.map((ins) => (ins.varying ? ins : { ...ins, hoisted: true })) };
}
