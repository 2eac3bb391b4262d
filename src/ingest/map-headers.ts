/**
 * Match a file's header row to a kind's canonical columns using the built-in
 * aliases plus the source's own (`columns:` in the pipeline file).
 */
import { error, warning, type Issue } from '../errors.js';
import { COLUMNS, KIND_LABELS, KNOWN_IGNORED, PROFILE_METRICS, normaliseHeader, type ColumnDef, type Kind } from '../domain/kinds.js';

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
      const near = nearMiss(col, unmatched);
      const hint = near === undefined ? { zh: '', en: '' } : {
        zh: `；第 ${columnLetter(near)} 列“${headers[near]}”是否即此列？`,
        en: `; is column ${columnLetter(near)} “${headers[near]}” this one?`,
      };
      issues.push(error('missing_column',
        `找不到列“${col.zh}”（可接受：${col.aliases.join('、')}；可在流水线文件 columns: 中添加别名${hint.zh}）/ ` +
        `no column for “${col.name}” (accepted headers: ${col.aliases.join(', ')}; add an alias under columns: in the pipeline file${hint.en})`,
        { file: where.sheet ? `${where.file}[${where.sheet}]` : where.file, row: where.headerRow }));
    }
  }
  return { map: { columns, unmatched }, issues };
}

/** The unread column whose header is nearest to an alias of `col`, if any is near. */
function nearMiss(col: ColumnDef, unmatched: Map<number, string>): number | undefined {
  let best: { idx: number; distance: number } | undefined;
  for (const [idx, header] of unmatched) {
    for (const alias of [col.zh, ...col.aliases]) {
      const distance = nearness(normaliseHeader(header), normaliseHeader(alias));
      if (distance !== undefined && (!best || distance < best.distance)) best = { idx, distance };
    }
  }
  return best?.idx;
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

// ── Columns no alias claimed: said out loud, never dropped silently ──────────

export interface HeaderWhere { file: string; sheet: string | null; headerRow: number }

/** A source's own say over its headers: `columns:` aliases and `ignore:` headers. */
export interface SourceHeaders { columns: Record<string, string[]>; ignore?: string[] }

/** Excel's column letters, because offices open CSVs in Excel too: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(idx: number): string {
  let s = '';
  for (let n = idx + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Column indexes the reader should not use: built-in known-ignored headers and the source's `ignore:`. */
export function ignoredColumns(headers: string[], ignore: string[] = []): Set<number> {
  const skip = new Set([...KNOWN_IGNORED, ...ignore].map(normaliseHeader));
  const out = new Set<number>();
  headers.forEach((h, i) => {
    if (skip.has(normaliseHeader(h ?? ''))) out.add(i);
  });
  return out;
}

/**
 * One warning per column whose header matches no alias of the kind (`unknown_column`),
 * and per column that repeats a header already read (`duplicate_column`: only the
 * first is read). Built-in known-ignored headers (序号, 备注 …) and the source's
 * `ignore:` list are silent; `columns:` aliases make a header known.
 * A unit-profile column that is no named metric is still loaded under its header
 * text (stage-profile.ts), so its warning says that instead of "not read".
 */
export function unknownColumnWarnings(kind: Kind, headers: string[], map: HeaderMap, source: SourceHeaders, where: HeaderWhere): Issue[] {
  const index = aliasIndex(kind, source.columns);
  const profile = kind === 'unit_profile' ? profileAliasIndex(source.columns) : new Map();
  const ignored = ignoredColumns(headers, source.ignore);
  const file = where.sheet ? `${where.file}[${where.sheet}]` : where.file;
  const out: Issue[] = [];
  for (const [idx, header] of map.unmatched) {
    if (ignored.has(idx)) continue;
    const key = normaliseHeader(header);
    const at = { file, row: where.headerRow, column: idx + 1 };
    const cell = { zh: `表头第 ${where.headerRow} 行第 ${columnLetter(idx)} 列（第 ${idx + 1} 列）“${header}”`, en: `header row ${where.headerRow}, column ${columnLetter(idx)} (#${idx + 1}) “${header}”` };
    const claimed = index.get(key);
    if (claimed) {
      const first = map.columns.get(claimed)!;
      out.push(warning('duplicate_column',
        `${file}：${cell.zh}与第 ${columnLetter(first)} 列“${headers[first]}”同为“${claimed}”，只读取第 ${columnLetter(first)} 列，本列未读取 / ` +
        `${file}: ${cell.en} is a second “${claimed}” column (first: column ${columnLetter(first)} “${headers[first]}”); only the first is read`, at));
      continue;
    }
    if (profile.has(key)) continue;
    const near = nearestAlias(key, kind, source.columns, new Set(map.columns.keys()));
    const guess = near
      ? { zh: `是否应为“${near.alias}”（${near.column}）？如是，请在流水线文件该数据源的 columns: 中加 ${near.column}: [${header}]；`,
          en: ` Did you mean “${near.alias}” (${near.column})? If so, add ${near.column}: [${header}] under the source's columns: in the pipeline file;` }
      : { zh: '如是有用的列，请在流水线文件该数据源的 columns: 中为其指定列名；', en: ' If it holds data Yardstick should read, name it under the source\'s columns: in the pipeline file;' };
    const effect = kind === 'unit_profile'
      ? { zh: '不是已知的概况指标，若全为数值将以列标题为指标名载入', en: 'is no known profile metric: if numeric it is loaded as a metric named after its header' }
      : { zh: `不是“${KIND_LABELS[kind].zh}”的已知列标题，该列未读取`, en: `is not a known ${kind} header: the column is not read` };
    out.push(warning('unknown_column',
      `${file}：${cell.zh}${effect.zh}。${guess.zh}如不需要，请加入 ignore: / ` +
      `${file}: ${cell.en} ${effect.en}.${guess.en} if it is not needed, list it under ignore:`, at));
  }
  return out;
}

export interface NearAlias { alias: string; column: string; distance: number }

/**
 * The known alias closest to a header, for a hint only (never applied): within a
 * small edit distance (1 per 3 characters, at least 1: 出勤状况 ~ 出勤情况), or
 * sharing a stem with it (see sharesStem). Columns already found are
 * skipped: a near miss of a column that is present is rarely what was meant.
 */
export function nearestAlias(key: string, kind: Kind, extra: Record<string, string[]>, found: Set<string>): NearAlias | undefined {
  let best: NearAlias | undefined;
  for (const col of COLUMNS[kind]) {
    if (found.has(col.name)) continue;
    for (const alias of [col.zh, ...col.aliases, ...(extra[col.name] ?? [])]) {
      const distance = nearness(key, normaliseHeader(alias));
      if (distance !== undefined && (!best || distance < best.distance)) best = { alias, column: col.name, distance };
    }
  }
  return best;
}

/** Edit distance of two normalised headers when they are near (see nearestAlias), else undefined. */
function nearness(key: string, alias: string): number | undefined {
  const distance = editDistance(key, alias);
  return distance <= Math.max(1, Math.floor(Math.max(key.length, alias.length) / 3)) || sharesStem(key, alias) ? distance : undefined;
}

/**
 * One contains the other (at least 2 CJK or 4 Latin characters: 签到情况 ⊃ 签到), or
 * they share a prefix of at least 3 CJK or 5 Latin characters. Two shared characters
 * are too common a start (学习日期, 学习形式, 学习内容 …) to mean anything.
 */
function sharesStem(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  const cjk = (s: string) => /[\u3400-\u9fff]/.test(s);
  if (short.length >= (cjk(short) ? 2 : 4) && long.includes(short)) return true;
  let p = 0;
  while (p < short.length && short[p] === long[p]) p++;
  const prefix = short.slice(0, p);
  return prefix.length >= (cjk(prefix) ? 3 : 5);
}

/** Levenshtein distance (insert, delete, substitute: 1 each). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}
