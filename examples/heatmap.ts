// A heatmap of diffusion snapshots as SVG, rendered headless by vega (from a vega-lite spec).

import * as vega from 'vega';
import * as vl from 'vega-lite';

export async function heatmapSvg(snapshots: { step: number; grid: Float64Array }[], n: number, cells = 64): Promise<string> {
  const values: { step: string; x: number; y: number; c: number }[] = [];
  const k = n / cells;
  for (const s of snapshots) {
    for (let i = 0; i < cells; i++) {
      for (let j = 0; j < cells; j++) values.push({ step: `step ${s.step}`, x: j, y: i, c: s.grid[Math.floor(i * k) * n + Math.floor(j * k)]! });
    }
  }
  const spec: vl.TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'fusexpr: dye diffusing (periodic 2-D grid, D = 1, dt = 0.1)',
    data: { values },
    mark: { type: 'rect', strokeWidth: 0 },
    width: 220,
    height: 220,
    encoding: {
      facet: { field: 'step', type: 'ordinal', columns: snapshots.length, sort: snapshots.map((s) => `step ${s.step}`), title: null },
      x: { field: 'x', type: 'ordinal', axis: null },
      y: { field: 'y', type: 'ordinal', axis: null },
      color: { field: 'c', type: 'quantitative', scale: { scheme: 'viridis' }, title: 'concentration' },
    },
  } as vl.TopLevelSpec;
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
  return view.toSVG();
}
