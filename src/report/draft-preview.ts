/**
 * The draft-tree preview of a report (issue 12): when the office has written next year's indicator
 * file, the report of the latest scored year shows what that year would look like under the draft.
 *
 * A draft exists for the report of `year` when `<indicators>/<year + 1>.yaml` exists and `year + 1`
 * has no scores (once it is scored it is the official tree of that year, not a draft), or when
 * `yardstick report --draft <file>` names one. `--no-draft` leaves the section out.
 *
 * The draft is scored with `previewTree` (src/analyse/preview.ts): a scenario inside one transaction
 * that restores the official rows, so the report still changes nothing in the database. A draft
 * found by its name that does not load (the office is still editing it) does not stop the report:
 * the section is left out and the reason goes to the render warnings; a draft named with --draft
 * that does not load is an error.
 */
import { basename } from 'node:path';
import type { Db } from '../store/db.js';
import { YardstickError, type Issue } from '../errors.js';
import { childrenOf, type IndicatorTree } from '../indicators/indicator-schema.js';
import { findIndicatorFile, loadIndicatorTree } from '../indicators/load-tree.js';
import { knownMetricIds } from '../metrics/catalog.js';
import type { LoadedPipeline } from '../config/load-pipeline.js';
import { previewTree, type PreviewResult } from '../analyse/preview.js';
import { metricIdsInData } from '../metrics/metric-ids-in-data.js';
import { yearRun } from '../analyse/trees.js';

/** One dimension's weight (share of the composite, 0–1) under the official tree and the draft. */
export interface DraftDimensionWeight { node_id: string; label_zh: string; label_en: string; official: number | null; draft: number | null }

export interface DraftPreview {
  /** The draft file as found or given. */
  file: string;
  /** The year the draft file is for (its `year:`). */
  draftYear: number;
  result: PreviewResult;
  weights: DraftDimensionWeight[];
}

/** Where the draft comes from: a file, `false` (none), or undefined (look for `<indicators>/<year + 1>.yaml`). */
export type DraftOption = string | false | undefined;

/** The draft file for the report of `year`, if any (see the file comment). */
export async function findDraftFile(db: Db, p: Partial<Pick<LoadedPipeline, 'indicators'>>, year: number, option: DraftOption): Promise<{ file: string; explicit: boolean } | null> {
  if (option === false) return null;
  if (typeof option === 'string') return { file: option, explicit: true };
  if (!p.indicators) return null;
  const file = findIndicatorFile(p.indicators, year + 1);
  if (!file) return null;
  const scored = await db.one<{ x: number }>('SELECT 1 AS x FROM scores WHERE year = $y AND level = 0 LIMIT 1', { y: year + 1 });
  return scored ? null : { file, explicit: false };
}

/**
 * Score `year` with the draft and read the preview; null when there is no draft. `warn` receives
 * the issues of a draft found by name that does not load.
 */
export async function readDraftPreview(
  db: Db, p: Partial<Pick<LoadedPipeline, 'indicators' | 'metrics'>>, year: number, option: DraftOption, warn: (text: string) => void,
): Promise<DraftPreview | null> {
  const found = await findDraftFile(db, p, year, option);
  if (!found) return null;
  const loaded = loadIndicatorTree(found.file, [...knownMetricIds(p), ...(await metricIdsInData(db))]);
  const errors = loaded.issues.filter((i) => i.severity === 'error');
  if (!loaded.tree) {
    if (found.explicit) throw new YardstickError(errors.length ? errors : loaded.issues);
    warn(draftNotLoaded(found.file, errors));
    return null;
  }
  const result = await previewTree(db, { year, draft: loaded.tree });
  const official = (await yearRun(db, year)).tree;
  return { file: found.file, draftYear: loaded.tree.year, result, weights: dimensionWeights(official, loaded.tree) };
}

function draftNotLoaded(file: string, errors: Issue[]): string {
  const first = errors.slice(0, 3).map((i) => i.message).join('; ');
  return `指标体系草案 ${basename(file)} 有误，报告未包含草案预览 / the draft ${basename(file)} does not load, so the report has no draft preview: ${first}`;
}

/** The dimensions of both trees (official order, then the draft's new ones) with their weights. */
export function dimensionWeights(official: IndicatorTree, draft: IndicatorTree): DraftDimensionWeight[] {
  const off = childrenOf(official, official.rootId);
  const dr = childrenOf(draft, draft.rootId);
  const ids = [...new Set([...off, ...dr].map((n) => n.id))];
  return ids.map((id) => {
    const o = off.find((n) => n.id === id);
    const d = dr.find((n) => n.id === id);
    const label = (d ?? o)!.label;
    return { node_id: id, label_zh: label.zh, label_en: label.en, official: o?.weight ?? null, draft: d?.weight ?? null };
  });
}
