/**
 * Phase 2 of a report: derive what every chart and page needs from the raw report data — unit
 * labels (unique, shown instead of ids), the tree in order, dimension and leaf lists, grade order
 * and colours, and the sort orders the charts use. Chinese names are never sorted by Vega (code
 * point order, trap 6): orders are computed here, by score, then `Intl.Collator('zh-CN')`.
 */
import type { ReportData, TreeRow } from './read-report-data.js';
import { labelsFor, type Labels, type Lang } from './labels.js';

export interface ReportModel {
  data: ReportData;
  lang: Lang;
  l: Labels;
  /** Unique display label per unit id. */
  unitLabel: Map<string, string>;
  /** Unit ids by composite rank, then name. */
  unitOrder: string[];
  dimensions: TreeRow[];
  /** Leaves in tree order (depth first). */
  leaves: TreeRow[];
  /** Dimension id of every node below a dimension. */
  dimensionOf: Map<string, string>;
  nodeLabel: (id: string) => string;
  grades: string[];
  gradeColors: string[];
  /** The year before `data.year` that has scores, if any. */
  previousYear: number | null;
}

const collator = new Intl.Collator('zh-CN');
export const compareNames = (a: string, b: string) => collator.compare(a, b);
const GRADE_PALETTE = ['#1a9850', '#66bd63', '#fdae61', '#d73027', '#a50026', '#762a83'];
/** The grade bands of the indicator files, best first, with fixed colours so a grade keeps its colour every year. */
const KNOWN_GRADES: Record<string, string> = { 优秀: '#1a9850', 良好: '#91cf60', 一般: '#fdae61', 较差: '#d73027' };

export function buildModel(data: ReportData, lang: Lang): ReportModel {
  const l = labelsFor(lang);
  const names = new Map(data.names);
  for (const t of data.totals) names.set(t.unit_id, t.name);
  const counts = new Map<string, number>();
  for (const n of names.values()) counts.set(n, (counts.get(n) ?? 0) + 1);
  const unitLabel = new Map([...names].map(([id, n]) => [id, (counts.get(n) ?? 0) > 1 ? `${n} (${id})` : n]));

  const unitOrder = [...data.totals]
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || compareNames(a.name, b.name))
    .map((t) => t.unit_id);

  const children = new Map<string | null, TreeRow[]>();
  for (const n of data.tree) {
    const list = children.get(n.parent_id) ?? [];
    list.push(n);
    children.set(n.parent_id, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.position - b.position);
  const leaves: TreeRow[] = [];
  const dimensionOf = new Map<string, string>();
  const walk = (n: TreeRow, dim: string | null) => {
    const kids = children.get(n.node_id) ?? [];
    const d = n.level === 1 ? n.node_id : dim;
    if (d) dimensionOf.set(n.node_id, d);
    if (!kids.length && n.level > 0) leaves.push(n);
    for (const k of kids) walk(k, d);
  };
  for (const root of children.get(null) ?? []) walk(root, null);
  const dimensions = data.tree.filter((n) => n.level === 1).sort((a, b) => a.position - b.position);

  const byId = new Map(data.tree.map((n) => [n.node_id, n]));
  const nodeLabel = (id: string) => {
    const n = byId.get(id);
    return (lang === 'en' ? n?.label_en || n?.label_zh : n?.label_zh || n?.label_en) || id;
  };

  const best = new Map<string, number>();
  for (const h of data.history) if (h.level === 0 && h.grade !== null) best.set(h.grade, Math.max(best.get(h.grade) ?? -Infinity, h.score ?? -Infinity));
  const grades = [...best.keys()].sort((a, b) => best.get(b)! - best.get(a)! || compareNames(a, b));
  const gradeColors = grades.map((g, i) => KNOWN_GRADES[g] ?? GRADE_PALETTE[i % GRADE_PALETTE.length]);

  const earlier = data.years.filter((y) => y < data.year);
  return {
    data, lang, l, unitLabel, unitOrder, dimensions, leaves, dimensionOf, nodeLabel, grades, gradeColors,
    previousYear: earlier.length ? earlier[earlier.length - 1] : null,
  };
}

export const unitName = (m: ReportModel, id: string) => m.unitLabel.get(id) ?? id;

/** Median of the non-null numbers, or null. */
export function median(values: (number | null | undefined)[]): number | null {
  const v = values.filter((x): x is number => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

export const round = (v: number | null | undefined, d = 1): number | null =>
  typeof v === 'number' && Number.isFinite(v) ? Math.round(v * 10 ** d) / 10 ** d : null;
