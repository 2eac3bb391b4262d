/**
 * Phase 2 of a report: derive what every chart and page needs from the raw report data — unit
 * labels (unique, shown instead of ids), the tree in order, dimension and leaf lists, grade order
 * and colours, and the sort orders the charts use. Chinese names are never sorted by Vega (code
 * point order, trap 6): orders are computed here, by score, then `Intl.Collator('zh-CN')`.
 */
import type { AdjustmentRow, ReportData, TotalRow, TreeRow } from './read-report-data.js';
import { labelsFor, type Labels, type Lang } from './labels.js';
import { metricInfo } from '../metrics/catalog.js';

/** How the score stage graded a unit's composite (scores.grade_status). */
export type GradeStatus = 'graded' | 'root' | 'not_graded' | 'unscored';

export interface ReportModel {
  data: ReportData;
  lang: Lang;
  l: Labels;
  /** Unique display label per unit id. */
  unitLabel: Map<string, string>;
  /** Unit ids: graded units by composite rank, then the others by name. */
  unitOrder: string[];
  /** Graded units by rank: the only units ranked, counted and charted in rankings. */
  graded: string[];
  /** Units not graded (root, vetoed "not graded", unscored), by name. */
  ungraded: string[];
  /** Grading status of each unit's composite. */
  status: Map<string, GradeStatus>;
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

/**
 * A unit's grading status. Databases scored before `grade_status` existed: a unit without a
 * composite is unscored, one with a composite but no rank is not graded, the rest are graded.
 */
export function gradeStatusOf(t: Pick<TotalRow, 'grade_status' | 'score' | 'rank'>): GradeStatus {
  const s = t.grade_status;
  if (s === 'graded' || s === 'root' || s === 'not_graded' || s === 'unscored') return s;
  if (t.score === null) return 'unscored';
  return t.rank === null ? 'not_graded' : 'graded';
}

export function buildModel(data: ReportData, lang: Lang): ReportModel {
  const l = labelsFor(lang);
  const names = new Map(data.names);
  for (const t of data.totals) names.set(t.unit_id, t.name);
  const counts = new Map<string, number>();
  for (const n of names.values()) counts.set(n, (counts.get(n) ?? 0) + 1);
  const unitLabel = new Map([...names].map(([id, n]) => [id, (counts.get(n) ?? 0) > 1 ? `${n} (${id})` : n]));

  const status = new Map(data.totals.map((t) => [t.unit_id, gradeStatusOf(t)]));
  const graded = data.totals.filter((t) => status.get(t.unit_id) === 'graded')
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || compareNames(a.name, b.name)).map((t) => t.unit_id);
  const ungraded = data.totals.filter((t) => status.get(t.unit_id) !== 'graded')
    .sort((a, b) => compareNames(a.name, b.name)).map((t) => t.unit_id);
  const unitOrder = [...graded, ...ungraded];

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
    const fromTree = lang === 'en' ? n?.label_en || n?.label_zh : n?.label_zh || n?.label_en;
    if (fromTree) return fromTree;
    // flags may name a metric that is not a node of the tree (e.g. a red line on research_reports)
    const metric = metricInfo(id)?.label;
    return (metric && (lang === 'en' ? metric.en : metric.zh)) || id;
  };

  const best = new Map<string, number>();
  for (const h of data.history) if (h.level === 0 && h.grade !== null && (h.grade_status ?? 'graded') === 'graded') best.set(h.grade, Math.max(best.get(h.grade) ?? -Infinity, h.score ?? -Infinity));
  const grades = [...best.keys()].sort((a, b) => best.get(b)! - best.get(a)! || compareNames(a, b));
  const gradeColors = grades.map((g, i) => KNOWN_GRADES[g] ?? GRADE_PALETTE[i % GRADE_PALETTE.length]);

  const earlier = data.years.filter((y) => y < data.year);
  return {
    data, lang, l, unitLabel, unitOrder, graded, ungraded, status, dimensions, leaves, dimensionOf, nodeLabel, grades, gradeColors,
    previousYear: earlier.length ? earlier[earlier.length - 1] : null,
  };
}

export const unitName = (m: ReportModel, id: string) => m.unitLabel.get(id) ?? id;

export const isGraded = (m: ReportModel, id: string) => m.status.get(id) === 'graded';

/**
 * Units drawn in the dimension and indicator charts, in unit order: graded units and vetoed
 * "not graded" ones (their values are real). The root unit and units without a composite are
 * left out: their empty indicators would show as bars and cells at 0.
 */
export function chartedUnits(m: ReportModel): string[] {
  return m.unitOrder.filter((id) => m.status.get(id) === 'graded' || m.status.get(id) === 'not_graded');
}

/** The bonus, deduction and veto items that applied to a unit. */
export function adjustmentsOf(m: ReportModel, id: string): AdjustmentRow[] {
  return m.data.adjustments?.filter((a) => a.unit_id === id) ?? [];
}

export const textIn = (m: ReportModel, zh: string | null, en: string | null) => (m.lang === 'en' ? en ?? zh : zh ?? en) ?? '';

/** An adjustment item's name in the report's language (its id only when it has no label). */
export function adjustmentLabel(m: ReportModel, a: AdjustmentRow): string {
  return textIn(m, a.label_zh, a.label_en) || (a.item_id ?? m.l.kinds[a.kind] ?? a.kind);
}

/** Median of the non-null numbers, or null. */
export function median(values: (number | null | undefined)[]): number | null {
  const v = values.filter((x): x is number => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

export const round = (v: number | null | undefined, d = 1): number | null =>
  typeof v === 'number' && Number.isFinite(v) ? Math.round(v * 10 ** d) / 10 ** d : null;
