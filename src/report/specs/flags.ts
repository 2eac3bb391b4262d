/** Number of flags per unit by severity, from the analyse stage's `flags` table. */
import { chartLabelsFor } from '../chart-labels.js';
import { baseConfig, bandHeight, SCHEMA, type Chart } from './common.js';
import { unitName, type ReportModel } from '../model.js';
import { CHART_MAX_UNITS, chartedRows, chartUnits, chartUnitsTitle } from './chart-units.js';

export function buildFlagsChart(m: ReportModel): Chart | null {
  const { l } = m;
  const t = m.data.flags;
  if (!t || !t.columns.includes('unit_id') || !t.rows.length) return null;
  // the stored code (high …) stays out of the chart's data: only the words are shown
  const counts = new Map<string, { id: string; unit: string; severity: string; n: number }>();
  const codes = new Set<string>();
  for (const r of t.rows) {
    if (r.unit_id === null || r.unit_id === undefined) continue;
    const severity = String(r.severity ?? '—');
    const label = l.severities[severity] ?? severity;
    const key = `${r.unit_id}\u0000${severity}`;
    codes.add(severity);
    const c = counts.get(key) ?? { id: String(r.unit_id), unit: unitName(m, String(r.unit_id)), severity: label, n: 0 };
    c.n += 1;
    counts.set(key, c);
  }
  if (!counts.size) return null;
  const flagged = new Set([...counts.values()].map((c) => c.id));
  const ranked = m.unitOrder.filter((id) => flagged.has(id));
  const inOrder = new Set(ranked);
  // a chart about who needs attention: at most CHART_MAX_UNITS, the lowest ranked; the table under it lists every unit
  const cu = chartUnits([...ranked, ...[...flagged].filter((id) => !inOrder.has(id))], CHART_MAX_UNITS, true);
  const values = chartedRows([...counts.values()], (c) => c.id, cu).map(({ id: _, ...v }) => v);
  const order = cu.shown.map((id) => unitName(m, id));
  return {
    id: 'flags', title: l.flags,
    spec: {
      $schema: SCHEMA, config: baseConfig, data: { values }, ...chartUnitsTitle(cu, m.lang), width: 360, height: bandHeight(order.length),
      mark: { type: 'bar', tooltip: true },
      encoding: {
        y: { field: 'unit', type: 'nominal', sort: order, title: null },
        x: { field: 'n', type: 'quantitative', title: chartLabelsFor(m.lang).flagCount, axis: { tickMinStep: 1 } },
        color: { field: 'severity', type: 'nominal', title: l.severity, ...severityScale([...codes], l.severities) },
        tooltip: [{ field: 'unit', type: 'nominal', title: l.unit }, { field: 'severity', type: 'nominal', title: l.severity }, { field: 'n', type: 'quantitative', title: chartLabelsFor(m.lang).flagCount }],
      },
    },
  };
}

/** The analyse stage's severities, worst first, in warm-to-cool colours; unknown ones after them. */
const SEVERITY: Record<string, string> = { high: '#d73027', alert: '#d73027', medium: '#fc8d59', warning: '#fc8d59', low: '#fee08b', info: '#91bfdb' };

function severityScale(present: string[], names: Record<string, string>) {
  const known = Object.keys(SEVERITY).filter((k) => present.includes(k));
  const others = [...new Set(present.filter((p) => !(p in SEVERITY)))].sort();
  const keys = [...known, ...others];
  const domain = keys.map((k) => names[k] ?? k);
  return { sort: domain, scale: { domain, range: keys.map((d, i) => SEVERITY[d] ?? ['#999999', '#bdbdbd', '#737373'][i % 3]) } };
}
