/**
 * Match a file's header row to a kind's canonical columns using the built-in
 * aliases plus the source's own (`columns:` in the pipeline file).
 */
import { error, warning, type Issue } from '../errors.js';
import { COLUMNS, KIND_LABELS, KNOWN_IGNORED, PROFILE_METRICS, normaliseHeader, type ColumnDef, type Kind } from '../domain/kinds.js';

export interface HeaderMap {
  /** canonical column → raw column index */
  columns: Map<string, number>;
  /** raw column index → header text, for columns no canonical name claimed (ignored ones included) */
  unmatched: Map<number, string>;
  /**
   * canonical column → the cells of a two-level group whose parent names it and whose
   * subs are its values (出勤情况 over 出席/缺席/请假): the column's value is the `value`
   * of the marked cell. Such a column is not in `columns`.
   */
  choices: Map<string, { index: number; value: string }[]>;
  /** Every header in order and what it became: the record of what was read (manifest.header_map). */
  uses: HeaderUse[];
}

/** One header and its use: a canonical column (with the value it stands for in a two-level group), a profile metric, or nothing. */
export interface HeaderUse {
  header: string;
  column: string | null;
  value?: string;
  /** unit_profile: the metric a column is loaded as (a named metric, or the header text if its cells are numbers). */
  metric?: string;
  /** Left unread on purpose: 序号/备注 or the source's `ignore:`. */
  ignored?: boolean;
}

/**
 * Columns whose values are categories: a two-level header naming one of them over
 * several sub-headers (出勤情况 over 出席/缺席/请假) is one column spread over cells.
 */
const CHOICE_COLUMNS = new Set(['status', 'session_type', 'level', 'adoption_level', 'adoption_extent', 'kind', 'is_leader', 'role', 'unit_type']);

/**
 * alias (normalised) → canonical name for a kind, source aliases first so they win. Only the
 * kind's own columns: a unit profile's `columns:` also names metrics (profileAliasIndex).
 */
export function aliasIndex(kind: Kind, extra: Record<string, string[]>): Map<string, string> {
  const index = new Map<string, string>();
  for (const [canonical, headers] of Object.entries(extra)) {
    if (!COLUMNS[kind].some((c) => c.name === canonical)) continue;
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

/** A header's claim on a canonical column; `viaSource` when the source's own `columns:` names it. */
interface Claim { index: number; canonical: string; viaSource: boolean; value?: string }

/**
 * Map every header to a canonical column, a choice of a two-level group, or nothing.
 * Errors: a required column missing, and a column claimed twice (two 日期, or 日期 and
 * 活动日期), naming both cells and the `ignore:`/`columns:` fix. A header the source's
 * `columns:` names beats a built-in alias for the same column (the other is unused).
 */
export function mapHeaders(
  kind: Kind,
  headers: string[],
  extra: Record<string, string[]>,
  where: HeaderWhere,
  ignore: string[] = [],
): { map: HeaderMap; issues: Issue[] } {
  const ignored = ignoredColumns(headers, ignore);
  const claims = claimHeaders(kind, headers, extra, ignored);
  const issues: Issue[] = [...duplicateTexts(headers, ignored, claims, where)];
  const columns = new Map<string, number>();
  const choices = new Map<string, { index: number; value: string }[]>();
  const byColumn = new Map<string, Claim[]>();
  for (const c of claims) byColumn.set(c.canonical, [...(byColumn.get(c.canonical) ?? []), c]);
  const read = new Set<number>();
  for (const [canonical, all] of byColumn) {
    const mine = all.filter((c) => c.viaSource);
    const winners = mine.length ? mine : all;
    const plain = winners.filter((c) => c.value === undefined);
    if (plain.length > 1 || (plain.length && plain.length < winners.length)) {
      issues.push(duplicateColumn(kind, canonical, winners.map((c) => c.index), headers, where));
      continue;
    }
    if (plain.length) columns.set(canonical, plain[0].index);
    else choices.set(canonical, winners.map((c) => ({ index: c.index, value: c.value! })));
    for (const c of winners) read.add(c.index);
  }
  const unmatched = new Map<number, string>();
  headers.forEach((h, i) => {
    if (!read.has(i) && (h ?? '').trim() !== '') unmatched.set(i, h);
  });
  for (const col of COLUMNS[kind]) {
    if (col.required && !columns.has(col.name) && !choices.has(col.name) && !byColumn.has(col.name)) {
      issues.push(missingColumn(col, headers, unmatched, where));
    }
  }
  const metrics = kind === 'unit_profile' ? profileMetricColumns(headers, extra, ignored, claims, where, issues) : undefined;
  const map = { columns, unmatched, choices, uses: [] as HeaderUse[] };
  map.uses = headerUses(headers, map, ignored, metrics);
  return { map, issues };
}

/**
 * unit_profile: each header no canonical column claimed → the metric it loads as (a named
 * metric, or its own text when it is none). Two headers of one named metric (党员人数 and
 * 在册党员数; 学习经费（元） and 学习经费（万元）) are `duplicate_column`, as two headers of one
 * canonical column are: both would load, one value per unit-year picked arbitrarily later.
 * A header the source's `columns:` names beats a built-in alias (the other is unused).
 */
function profileMetricColumns(headers: string[], extra: Record<string, string[]>, ignored: Set<number>, claims: Claim[], where: HeaderWhere, issues: Issue[]): Map<number, string> {
  const index = profileAliasIndex(extra);
  const claimed = new Set(claims.map((c) => c.index));
  const out = new Map<number, string>();
  const byMetric = new Map<string, number[]>();
  headers.forEach((h, i) => {
    if (ignored.has(i) || claimed.has(i) || (h ?? '').trim() === '') return;
    const known = index.get(normaliseHeader(h));
    if (!known) out.set(i, h.trim());
    else byMetric.set(known.metric, [...(byMetric.get(known.metric) ?? []), i]);
  });
  for (const [metric, all] of byMetric) {
    const mine = new Set((extra[metric] ?? []).map(normaliseHeader));
    const chosen = all.filter((i) => mine.has(normaliseHeader(headers[i])));
    const winners = chosen.length ? chosen : all;
    if (winners.length === 1) out.set(winners[0], metric);
    // The same text twice is already an error of duplicateTexts.
    else if (new Set(winners.map((i) => normaliseHeader(headers[i]))).size > 1) issues.push(duplicateColumn('unit_profile', metric, winners, headers, where));
  }
  return out;
}

/** Each header's claim on a column, trying (for `parent/sub`) the joined text, a choice, the sub, then the parent. */
function claimHeaders(kind: Kind, headers: string[], extra: Record<string, string[]>, ignored: Set<number>): Claim[] {
  const index = aliasIndex(kind, extra);
  const mine = new Set(Object.values(extra).flat().map(normaliseHeader));
  const claim = (i: number, key: string, value?: string): Claim | undefined => {
    const canonical = index.get(key);
    return canonical === undefined ? undefined : { index: i, canonical, viaSource: mine.has(key), value };
  };
  const parents = new Map<string, number>();
  for (const h of headers) {
    const cut = (h ?? '').indexOf('/');
    if (cut > 0) parents.set(h.slice(0, cut), (parents.get(h.slice(0, cut)) ?? 0) + 1);
  }
  const out: Claim[] = [];
  headers.forEach((h, i) => {
    const text = h ?? '';
    if (ignored.has(i) || text.trim() === '') return;
    const cut = text.indexOf('/');
    const direct = claim(i, normaliseHeader(text));
    if (direct || cut <= 0) {
      if (direct) out.push(direct);
      return;
    }
    const [parent, sub] = [text.slice(0, cut), text.slice(cut + 1)];
    const asParent = claim(i, normaliseHeader(parent));
    const found = claim(i, normaliseHeader(parent + sub))
      ?? (asParent && CHOICE_COLUMNS.has(asParent.canonical) ? { ...asParent, value: sub.trim() } : undefined)
      ?? claim(i, normaliseHeader(sub))
      ?? (parents.get(parent) === 1 ? asParent : undefined);
    if (found) out.push(found);
  });
  return out;
}

const cellName = (i: number, headers: string[]) => ({ zh: `第 ${columnLetter(i)} 列“${headers[i]}”`, en: `column ${columnLetter(i)} “${headers[i]}”` });
const whereFile = (where: HeaderWhere) => (where.sheet ? `${where.file}[${where.sheet}]` : where.file);

/** Two or more headers for one column: which to read is the office's call, not ours. */
function duplicateColumn(kind: Kind, canonical: string, cols: number[], headers: string[], where: HeaderWhere): Issue {
  const zh = cols.map((i) => cellName(i, headers).zh).join('与');
  const en = cols.map((i) => cellName(i, headers).en).join(' and ');
  const label = COLUMNS[kind].find((c) => c.name === canonical)?.zh
    // A profile metric by its name without a unit (学习经费, not 学习经费（元）: the 万元 header is one too).
    ?? (kind === 'unit_profile' ? PROFILE_METRICS.find((m) => m.metric === canonical)?.zh.replace(/（[^）]*）$/, '') : undefined) ?? canonical;
  const sameText = new Set(cols.map((i) => normaliseHeader(headers[i]))).size === 1;
  const [keep, drop] = [headers[cols[0]], headers[cols[cols.length - 1]]];
  const fix = sameText
    ? { zh: '两列标题相同，请在文件中修改其中一列的标题或删除不用的一列', en: 'the headers are the same text: rename one of them in the file, or delete the one not needed' }
    : { zh: `请在流水线文件该数据源中用 ignore: [${drop}] 排除不用的一列，或用 columns: 指定要读取的一列（${canonical}: [${keep}]）`,
        en: `list the one not to read under the source's ignore: (ignore: [${drop}]), or name the one to read under columns: (${canonical}: [${keep}])` };
  return error('duplicate_column',
    `${whereFile(where)}：表头第 ${where.headerRow} 行${zh}都是“${label}”列，无法确定读取哪一列；${fix.zh} / ` +
    `${whereFile(where)}: header row ${where.headerRow}: ${en} are both “${canonical}”, so which to read is unclear; ${fix.en}`,
    { file: whereFile(where), row: where.headerRow, column: cols[1] + 1 });
}

/** The same header text twice where neither is read (both would load as one profile metric, or one hides the other). */
function duplicateTexts(headers: string[], ignored: Set<number>, claims: Claim[], where: HeaderWhere): Issue[] {
  const claimed = new Set(claims.map((c) => c.index));
  const seen = new Map<string, number>();
  const out: Issue[] = [];
  headers.forEach((h, i) => {
    const key = normaliseHeader(h ?? '');
    if (key === '' || ignored.has(i) || claimed.has(i)) return;
    const first = seen.get(key);
    if (first === undefined) { seen.set(key, i); return; }
    out.push(error('duplicate_column',
      `${whereFile(where)}：表头第 ${where.headerRow} 行${cellName(first, headers).zh}与${cellName(i, headers).zh}标题相同；请在文件中修改其中一列的标题或删除不用的一列，如两列都不需要可在流水线文件该数据源的 ignore: 中列出 / ` +
      `${whereFile(where)}: header row ${where.headerRow}: ${cellName(first, headers).en} and ${cellName(i, headers).en} have the same header; rename one of them in the file or delete the one not needed (if neither is needed, list it under the source's ignore:)`,
      { file: whereFile(where), row: where.headerRow, column: i + 1 }));
  });
  return out;
}

function missingColumn(col: ColumnDef, headers: string[], unmatched: Map<number, string>, where: HeaderWhere): Issue {
  const near = nearMiss(col, unmatched);
  const hint = near === undefined ? { zh: '', en: '' } : {
    zh: `；第 ${columnLetter(near)} 列“${headers[near]}”是否即此列？`,
    en: `; is column ${columnLetter(near)} “${headers[near]}” this one?`,
  };
  return error('missing_column',
    `找不到列“${col.zh}”（可接受：${col.aliases.join('、')}；可在流水线文件 columns: 中添加别名${hint.zh}）/ ` +
    `no column for “${col.name}” (accepted headers: ${col.aliases.join(', ')}; add an alias under columns: in the pipeline file${hint.en})`,
    { file: whereFile(where), row: where.headerRow });
}

/** What each header became (see HeaderUse); `metrics`: unit_profile's header → metric (profileMetricColumns). */
function headerUses(headers: string[], map: Omit<HeaderMap, 'uses'>, ignored: Set<number>, metrics?: Map<number, string>): HeaderUse[] {
  const byIndex = new Map<number, HeaderUse>();
  for (const [column, i] of map.columns) byIndex.set(i, { header: headers[i], column });
  for (const [column, cells] of map.choices) for (const c of cells) byIndex.set(c.index, { header: headers[c.index], column, value: c.value });
  return headers.map((h, i) => {
    const use = byIndex.get(i);
    if (use) return use;
    if (ignored.has(i)) return { header: h ?? '', column: null, ignored: true };
    const metric = metrics?.get(i);
    if (metric !== undefined) return { header: h, column: null, metric };
    return { header: h ?? '', column: null };
  });
}

/** One table's (CSV's or sheet's) header map, as stored in `manifest.header_map` (a JSON list of these per file). */
export interface TableHeaderMap { sheet: string | null; header_row: number; headers: HeaderUse[] }

/** The header map of every table of a file (see TableHeaderMap). */
export function headerMaps(kind: Kind, tables: { file: string; sheet: string | null; headerRow: number; headers: string[] }[], source: SourceHeaders): TableHeaderMap[] {
  return tables.map((t) => ({
    sheet: t.sheet,
    header_row: t.headerRow,
    headers: mapHeaders(kind, t.headers, source.columns, t, source.ignore).map.uses,
  }));
}

/** A header that holds data and is not read: neither a column, a profile metric, nor left out on purpose. */
export const isUnused = (u: HeaderUse) => u.column === null && !u.ignored && u.metric === undefined && u.header.trim() !== '';

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

/**
 * alias (normalised) → profile metric definition, the source's `columns:` first. A header the
 * source names for the metric a built-in alias already gives it keeps that alias's scale
 * (`study_budget: [学习经费（万元）]`, as the duplicate_column hint says, still reads 万元).
 */
export function profileAliasIndex(extra: Record<string, string[]>) {
  const builtIn = new Map<string, { metric: string; scale: number; flag: boolean }>();
  for (const m of PROFILE_METRICS) {
    for (const a of [m.zh, m.metric, ...m.aliases]) {
      const key = normaliseHeader(a);
      if (!builtIn.has(key)) builtIn.set(key, { metric: m.metric, scale: m.scale ?? 1, flag: m.flag ?? false });
    }
  }
  const index = new Map<string, { metric: string; scale: number; flag: boolean }>();
  for (const [metric, headers] of Object.entries(extra)) {
    for (const h of headers) {
      const key = normaliseHeader(h);
      const known = builtIn.get(key);
      index.set(key, known?.metric === metric ? known : { metric, scale: 1, flag: false });
    }
  }
  for (const [key, def] of builtIn) if (!index.has(key)) index.set(key, def);
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
 * One warning per column whose header matches no alias of the kind (`unknown_column`)
 * (a second header for a column read is an error of mapHeaders instead). Built-in known-ignored headers (序号, 备注 …) and the source's
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
    // Claimed but not read: the source's `columns:` chose another header for the column, or it
    // is a duplicate (an error from mapHeaders). Either way nothing more to say here.
    if (index.has(key)) continue;
    if (profile.has(key)) continue;
    const near = nearestAlias(key, kind, source.columns, new Set([...map.columns.keys(), ...map.choices.keys()]));
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
  const nearest = (cols: ColumnDef[]) => {
    let best: NearAlias | undefined;
    for (const col of cols) {
      if (found.has(col.name)) continue;
      for (const alias of [col.zh, ...col.aliases, ...(extra[col.name] ?? [])]) {
        const distance = nearness(key, normaliseHeader(alias));
        if (distance !== undefined && (!best || distance < best.distance)) best = { alias, column: col.name, distance };
      }
    }
    return best;
  };
  // A header that names its unit is only ever hinted to the column of that unit: following
  // `hours: [学习时长（分钟）]` would read 20 minutes as 20 hours.
  const unit = durationUnit(key);
  if (!unit) return nearest(COLUMNS[kind]);
  const other = unit === 'minutes' ? 'hours' : 'minutes';
  return nearest(COLUMNS[kind].filter((c) => c.name === unit)) ?? nearest(COLUMNS[kind].filter((c) => c.name !== other && c.name !== unit));
}

/**
 * The unit a normalised header names for a duration, if any: 分钟 / min / 分 after 时长 or
 * 学时 (时长（分）, brackets already dropped), or 小时 / hour. 学分 (credits) names none.
 */
export function durationUnit(key: string): 'hours' | 'minutes' | undefined {
  if (/分钟|min|(时长|学时|用时)分$/.test(key)) return 'minutes';
  if (/小时|hour/.test(key)) return 'hours';
  return undefined;
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
