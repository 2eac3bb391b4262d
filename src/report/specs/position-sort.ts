/**
 * A nominal axis sorted by an explicit list compiles to one `indexof([...], datum.x)`
 * expression; with thousands of unit names it overflows Vega's expression compiler
 * (seen at 2000 units). Long lists are therefore turned into a position field in the
 * inline data and a sort by that field — same order, any size.
 */
import type { Chart } from './common.js';

const LONG = 50;

type Json = Record<string, unknown>;

export function sortByPosition(chart: Chart): Chart {
  const spec = structuredClone(chart.spec) as unknown as Json;
  const data = spec.data as { values?: Json[] } | undefined;
  if (!data?.values) return chart;
  const encodings = [spec.encoding, ...((spec.layer as Json[] | undefined) ?? []).map((l) => l.encoding)]
    .filter((e): e is Json => typeof e === 'object' && e !== null);
  for (const enc of encodings) {
    for (const def of Object.values(enc) as Json[]) {
      if (!def || typeof def.field !== 'string' || !Array.isArray(def.sort) || def.sort.length <= LONG) continue;
      const field = def.field;
      const pos = `__pos_${field}`;
      const index = new Map((def.sort as unknown[]).map((v, i) => [String(v), i]));
      for (const row of data.values) row[pos] = index.get(String(row[field])) ?? index.size;
      def.sort = { field: pos, op: 'min', order: 'ascending' };
    }
  }
  return { ...chart, spec: spec as unknown as Chart['spec'] };
}
