/**
 * Preview a draft tree on a scored year: "what would 2025 look like under the 2026 draft".
 *
 * The draft is scored as a scenario (scenario.ts: the official result is untouched and nothing is
 * stored), then each unit's official and draft composite, parts, rank and grade are put side by
 * side. The change is decomposed by dimension: a dimension's contribution is its weight among the
 * dimensions × its score, under each tree, so the office sees which dimension moved a unit. The
 * data is the same under both trees, so the whole change is due to the tree (weight_impact's
 * weights effect).
 */
import type { Db } from '../store/db.js';
import { childrenOf, type IndicatorTree } from '../indicators/indicator-schema.js';
import { scoreScenario } from './scenario.js';
import { yearRun } from './trees.js';

export interface PreviewSide {
  score: number | null;
  weighted: number | null;
  bonus: number | null;
  deduction: number | null;
  rank: number | null;
  grade: string | null;
  grade_status: string | null;
}

export interface PreviewDimension {
  node_id: string;
  label_zh: string;
  label_en: string;
  /** Weight among the dimensions × dimension score, under the official tree (NULL if absent there). */
  official: number | null;
  draft: number | null;
  change: number | null;
  /** change minus the mean change of the graded units: what moves this unit against the others. */
  relative: number | null;
}

export interface PreviewUnit {
  unit_id: string;
  official: PreviewSide;
  draft: PreviewSide;
  score_change: number | null;
  /** Positive = the unit moves up under the draft (official rank − draft rank). */
  rank_change: number | null;
  grade_changed: boolean;
  dimensions: PreviewDimension[];
  /**
   * The dimension that moved the unit against the others: largest |relative| change (NULL when
   * nothing changed). A weight moved from one dimension to another changes every unit's
   * contribution there; what reorders units is how far each one's change differs from the mean.
   */
  driver: string | null;
}

export interface PreviewResult {
  year: number;
  officialRunId: string;
  officialTree: { file: string | null; label: { zh: string; en: string } };
  draftTree: { file: string | null; label: { zh: string; en: string } };
  units: PreviewUnit[];
  /** Units whose rank differs under the draft. */
  moved: number;
  gradeChanged: number;
}

type ScoreRow = PreviewSide & { unit_id: string; node_id: string; level: number };

const SIDE_COLUMNS = 'unit_id, node_id, level, score, weighted, bonus, deduction, rank, grade, grade_status';

/** Score `year`'s data with `draft` next to the official result; nothing is written. */
export async function previewTree(db: Db, opts: { year: number; draft: IndicatorTree }): Promise<PreviewResult> {
  const run = await yearRun(db, opts.year);
  const t = await scoreScenario(db, 'preview', run, opts.draft);
  const official = await db.all<ScoreRow>(`select ${SIDE_COLUMNS} from scores where year = $year and level <= 1`, { year: opts.year });
  const draft = await db.all<ScoreRow>(`select ${SIDE_COLUMNS} from ${t.scores} where level <= 1`);
  const units = withDrivers(unitIds(official, draft).map((u) => compareUnit(u, official, draft, run.tree, opts.draft)));
  return {
    year: opts.year,
    officialRunId: run.runId,
    officialTree: { file: run.tree.file, label: run.tree.label },
    draftTree: { file: opts.draft.file, label: opts.draft.label },
    units: units.sort(byDraftRank),
    moved: units.filter((u) => u.rank_change !== null && u.rank_change !== 0).length,
    gradeChanged: units.filter((u) => u.grade_changed).length,
  };
}

function unitIds(a: ScoreRow[], b: ScoreRow[]): string[] {
  return [...new Set([...a, ...b].filter((r) => r.level === 0).map((r) => r.unit_id))];
}

function compareUnit(unit: string, official: ScoreRow[], draft: ScoreRow[], offTree: IndicatorTree, draftTree: IndicatorTree): PreviewUnit {
  const o = side(official.find((r) => r.unit_id === unit && r.level === 0));
  const d = side(draft.find((r) => r.unit_id === unit && r.level === 0));
  const dimensions = dimensionChanges(unit, official, draft, offTree, draftTree);
  return {
    unit_id: unit,
    official: o,
    draft: d,
    score_change: o.score !== null && d.score !== null ? d.score - o.score : null,
    rank_change: o.rank !== null && d.rank !== null ? o.rank - d.rank : null,
    grade_changed: o.grade !== d.grade,
    dimensions,
    driver: null,
  };
}

function dimensionChanges(unit: string, official: ScoreRow[], draft: ScoreRow[], offTree: IndicatorTree, draftTree: IndicatorTree): PreviewDimension[] {
  const offDims = childrenOf(offTree, offTree.rootId);
  const draftDims = childrenOf(draftTree, draftTree.rootId);
  const ids = [...new Set([...offDims, ...draftDims].map((n) => n.id))];
  const contribution = (rows: ScoreRow[], dims: typeof offDims, id: string) => {
    const node = dims.find((n) => n.id === id);
    const score = rows.find((r) => r.unit_id === unit && r.node_id === id)?.score ?? null;
    return node && score !== null ? node.weight * score : null;
  };
  return ids.map((id) => {
    const node = draftDims.find((n) => n.id === id) ?? offDims.find((n) => n.id === id)!;
    const off = contribution(official, offDims, id);
    const dr = contribution(draft, draftDims, id);
    return { node_id: id, label_zh: node.label.zh, label_en: node.label.en, official: off, draft: dr, change: off !== null && dr !== null ? dr - off : null, relative: null };
  });
}

/** Relative changes (against the graded units' mean change per dimension) and each unit's driver. */
function withDrivers(units: PreviewUnit[]): PreviewUnit[] {
  const graded = units.filter((u) => u.official.grade_status === 'graded' && u.draft.grade_status === 'graded');
  const mean = new Map<string, number>();
  for (const id of new Set(units.flatMap((u) => u.dimensions.map((d) => d.node_id)))) {
    const changes = graded.flatMap((u) => u.dimensions.filter((d) => d.node_id === id && d.change !== null).map((d) => d.change!));
    if (changes.length) mean.set(id, changes.reduce((a, b) => a + b, 0) / changes.length);
  }
  for (const u of units) {
    for (const d of u.dimensions) d.relative = d.change !== null && mean.has(d.node_id) ? d.change - mean.get(d.node_id)! : null;
    const biggest = u.dimensions.filter((d) => d.relative !== null && Math.abs(d.relative) >= 0.005)
      .sort((a, b) => Math.abs(b.relative!) - Math.abs(a.relative!))[0];
    u.driver = biggest?.node_id ?? null;
  }
  return units;
}

function side(r: ScoreRow | undefined): PreviewSide {
  return {
    score: r?.score ?? null, weighted: r?.weighted ?? null, bonus: r?.bonus ?? null, deduction: r?.deduction ?? null,
    rank: r?.rank ?? null, grade: r?.grade ?? null, grade_status: r?.grade_status ?? null,
  };
}

const byDraftRank = (a: PreviewUnit, b: PreviewUnit) =>
  (a.draft.rank ?? 1e9) - (b.draft.rank ?? 1e9) || (a.official.rank ?? 1e9) - (b.official.rank ?? 1e9) || a.unit_id.localeCompare(b.unit_id);
