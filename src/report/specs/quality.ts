/** Rows loaded and rejected per input file, from `manifest`. */
import { baseConfig, bandHeight, SCHEMA, type Chart } from './common.js';
import { chartLabelsFor } from '../chart-labels.js';
import type { ReportModel } from '../model.js';

export function buildQualityChart(m: ReportModel): Chart | null {
  const { l } = m;
  const rows = m.data.manifest;
  if (!rows?.length) return null;
  const values = rows.flatMap((r) => [
    { file: r.source_file, status: l.loaded, rows: r.rows_loaded ?? 0 },
    { file: r.source_file, status: l.rejected, rows: r.rows_rejected ?? 0 },
  ]);
  return {
    id: 'quality', title: l.quality,
    spec: {
      $schema: SCHEMA, config: baseConfig, data: { values }, width: 360, height: bandHeight(rows.length, 16),
      mark: { type: 'bar', tooltip: true },
      encoding: {
        y: { field: 'file', type: 'nominal', sort: rows.map((r) => r.source_file), title: null, axis: { labelLimit: 320 } },
        // symlog: Vega's own ticks crowd at the top end ("1,0002,0004,000"); powers of ten read as a log axis
        x: { field: 'rows', type: 'quantitative', title: l.count, scale: { type: 'symlog' }, axis: { values: powersOfTen(values.map((v) => v.rows)), format: ',d' } },
        yOffset: { field: 'status', type: 'nominal', sort: [l.loaded, l.rejected] },
        color: { field: 'status', type: 'nominal', title: null, sort: [l.loaded, l.rejected], scale: { range: ['#4292c6', '#d73027'] } },
        tooltip: [{ field: 'file', type: 'nominal', title: l.file }, { field: 'status', type: 'nominal', title: chartLabelsFor(m.lang).loadOutcome }, { field: 'rows', type: 'quantitative', title: l.count }],
      },
    },
  };
}

/** 0, 1, 10, 100 … up to the largest value. */
export function powersOfTen(values: number[]): number[] {
  const max = Math.max(1, ...values);
  const out = [0];
  for (let p = 1; p <= max; p *= 10) out.push(p);
  return out;
}
