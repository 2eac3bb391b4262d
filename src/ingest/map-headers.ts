/**
 * Match a file's header row to a kind's canonical columns using the built-in
 * aliases plus the source's own (`columns:` in the pipeline file).
 */
import { error, type Issue } from '../errors.js';
import { COLUMNS, PROFILE_METRICS, normaliseHeader, type Kind } from './kinds.js';

export interface HeaderMap {
  /** canonical column → raw column index */
  columns: Map<string, number>;
  /** raw column index → header text, for columns no canonical name claimed */
  unmatched: Map<number, string>;
}

/** alias (normalised) → canonical name for a kind, source aliases first so they win. */
export function aliasIndex(kind: Kind, extra: Record<string, string[]>): Map<string, string> {
  const index = new Map<string, string>();
  for (const [canonical, headers] of Object.entries(extra)) {
    for (const h of headers) index.set(normaliseHeader(h), canonical);
  }
  for (const col of COLUMNS[kind]) {
    for (const a of [col.name, col.zh, ...col.aliases]) {
      const key = normaliseHeader(a);
      if (!index.has(key)) index.set(key, col.name);
    }
  }
  return index;
}

/** How many cells of a candidate header row are known headers of this kind. */
export function headerScorer(kind: Kind, extra: Record<string, string[]>): (cells: string[]) => number {
  const index = aliasIndex(kind, extra);
  const profile = kind === 'unit_profile' ? profileAliasIndex(extra) : new Map();
  return (cells) => cells.filter((c) => {
    const k = normaliseHeader(c ?? '');
    return k !== '' && (index.has(k) || profile.has(k));
  }).length;
}

export function mapHeaders(
  kind: Kind,
  headers: string[],
  extra: Record<string, string[]>,
  where: { file: string; sheet: string | null; headerRow: number },
): { map: HeaderMap; issues: Issue[] } {
  const index = aliasIndex(kind, extra);
  const columns = new Map<string, number>();
  const unmatched = new Map<number, string>();
  headers.forEach((h, i) => {
    const canonical = index.get(normaliseHeader(h ?? ''));
    if (canonical && !columns.has(canonical)) columns.set(canonical, i);
    else if ((h ?? '').trim() !== '') unmatched.set(i, h);
  });
  // Hours may come as minutes instead; either satisfies the requirement.
  const issues: Issue[] = [];
  for (const col of COLUMNS[kind]) {
    if (col.required && !columns.has(col.name)) {
      issues.push(error('missing_column',
        `找不到列“${col.zh}”（可接受：${col.aliases.join('、')}；可在流水线文件 columns: 中添加别名）/ ` +
        `no column for “${col.name}” (accepted headers: ${col.aliases.join(', ')}; add an alias under columns: in the pipeline file)`,
        { file: where.sheet ? `${where.file}[${where.sheet}]` : where.file, row: where.headerRow }));
    }
  }
  return { map: { columns, unmatched }, issues };
}

/** alias (normalised) → profile metric definition. */
export function profileAliasIndex(extra: Record<string, string[]>) {
  const index = new Map<string, { metric: string; scale: number; flag: boolean }>();
  for (const [metric, headers] of Object.entries(extra)) {
    for (const h of headers) index.set(normaliseHeader(h), { metric, scale: 1, flag: false });
  }
  for (const m of PROFILE_METRICS) {
    for (const a of [m.zh, m.metric, ...m.aliases]) {
      const key = normaliseHeader(a);
      if (!index.has(key)) index.set(key, { metric: m.metric, scale: m.scale ?? 1, flag: m.flag ?? false });
    }
  }
  return index;
}
