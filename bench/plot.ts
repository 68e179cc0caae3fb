// Renders bench/results/*.json to SVG plots with vega-lite and vega's headless renderer:
// time ÷ hand loop vs size per system (fusion, peers), and threads scaling.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as vega from 'vega';
import * as vl from 'vega-lite';

const dir = fileURLToPath(new URL('./results/', import.meta.url));
const read = (name: string) => (existsSync(`${dir}${name}.json`) ? JSON.parse(readFileSync(`${dir}${name}.json`, 'utf8')) : undefined);

async function render(file: string, spec: vl.TopLevelSpec): Promise<void> {
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
  writeFileSync(`${dir}${file}`, await view.toSVG());
  console.log(`plot: bench/results/${file}`);
}

const machineOf = (r: { machine: { cpu: string; cores: number; node: string; date: string } }) => `${r.machine.cpu}, ${r.machine.cores} cores, node ${r.machine.node}, ${r.machine.date.slice(0, 10)}`;

export async function plot(): Promise<void> {
  const fusion = read('fusion');
  if (fusion) {
    const values = fusion.rows.flatMap((r: any) => [
      { workload: r.workload, size: r.size, system: 'fused', ratio: r.fusedMs / r.handMs },
      { workload: r.workload, size: r.size, system: 'unfused (temporaries)', ratio: r.unfusedMs / r.handMs },
      { workload: r.workload, size: r.size, system: "optimize 'none'", ratio: r.noneMs / r.handMs },
    ]);
    await render('fusion.svg', {
      title: { text: 'time ÷ hand-written loop (1 thread, lower is better)', subtitle: `npm run bench -- fusion — ${machineOf(fusion)}` },
      data: { values },
      facet: { field: 'workload', type: 'nominal', title: null },
      columns: 5,
      spec: {
        width: 160, height: 160,
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'size', type: 'quantitative', scale: { type: 'log' }, title: 'elements' },
          y: { field: 'ratio', type: 'quantitative', scale: { type: 'log' }, title: 'time ÷ hand loop' },
          color: { field: 'system', type: 'nominal', title: null },
        },
      },
    } as vl.TopLevelSpec);
  }
  const threads = read('threads');
  if (threads) {
    const rows = threads.rows.filter((r: any) => r.workload !== 'dispatch');
    const values = rows.flatMap((r: any) => [
      { workload: r.workload, size: r.size, mode: `${r.threads} threads`, speedup: r.singleMs / r.parallelMs },
      { workload: r.workload, size: r.size, mode: 'auto threshold', speedup: r.singleMs / r.autoMs },
    ]);
    await render('threads.svg', {
      title: { text: 'speedup over 1 thread', subtitle: `npm run bench -- threads — ${machineOf(threads)}` },
      data: { values },
      facet: { field: 'workload', type: 'nominal', title: null },
      spec: {
        width: 240, height: 180,
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'size', type: 'quantitative', scale: { type: 'log' }, title: 'elements' },
          y: { field: 'speedup', type: 'quantitative', title: 'speedup' },
          color: { field: 'mode', type: 'nominal', title: null },
        },
      },
    } as vl.TopLevelSpec);
  }
  const peers = read('peers');
  if (peers) {
    const rows = peers.rows.filter((r: any) => r.numexpr1Ms !== undefined);
    const values = rows.flatMap((r: any) => [
      { workload: r.workload, size: r.size, system: 'fusexpr 1T', ratio: r.fusexpr1Ms / r.handMs },
      { workload: r.workload, size: r.size, system: `fusexpr ${r.threads}T`, ratio: r.fusexprNMs / r.handMs },
      ...(r.numexpr1Ms === null ? [] : [
        { workload: r.workload, size: r.size, system: 'numpy', ratio: r.numpyMs / r.handMs },
        { workload: r.workload, size: r.size, system: 'numexpr 1T', ratio: r.numexpr1Ms / r.handMs },
        { workload: r.workload, size: r.size, system: `numexpr ${r.threads}T`, ratio: r.numexprNMs / r.handMs },
      ]),
    ]);
    await render('peers.svg', {
      title: { text: 'time ÷ hand-written JS loop (lower is better)', subtitle: `npm run bench -- peers — ${machineOf(peers)}` },
      data: { values },
      facet: { field: 'workload', type: 'nominal', title: null },
      spec: {
        width: 180, height: 180,
        mark: 'bar',
        encoding: {
          x: { field: 'system', type: 'nominal', title: null, sort: null },
          y: { field: 'ratio', type: 'quantitative', title: 'time ÷ hand loop' },
          color: { field: 'system', type: 'nominal', legend: null },
          xOffset: { field: 'size', type: 'ordinal' },
          opacity: { field: 'size', type: 'ordinal', legend: { title: 'elements' } },
        },
      },
    } as vl.TopLevelSpec);
  }
}
