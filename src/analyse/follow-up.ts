/**
 * Follow-up list (整改跟踪): ONE row per unit, in five lists (`status`):
 *
 *   flagged            a rule fired at `min_severity` or worse: one combined reason, the rules that
 *                      fired worst first, each with its number and reference, then the indicators
 *                      that pulled the unit down most, named once;
 *   near_miss          only low-severity flags (e.g. 79.7% against an 80% red line): shown, not
 *                      counted as flagged;
 *   last_year          flagged last year, not this year (its outcome below);
 *   insufficient_data  no composite this year (数据不足): never flagged, listed with the reason;
 *   unit_event         merged into another unit, abolished or created this year (单位沿革), so a
 *                      unit never disappears from the list without a line saying why.
 *
 * The outcome of last year's flagged units (improved / unchanged / worse) is judged on the
 * indicators that flagged them, as this year's measures of the same rules read them (resolved,
 * better, same, worse), and on the composite score (± `unchanged_points`), never on rank alone.
 *
 * Exported to `<reports>/<year>/follow_up.csv` in Chinese and `<reports>/<year>-en/` in English (UTF-8 with BOM; cells starting with = + - @ are
 * prefixed with ' so spreadsheets never evaluate them) and `follow_up.xlsx` (text cells stored as
 * text), each written to a temp file and renamed into place.
 */
import { formulaSafe } from '../report/escape.js';
import { csvDocument } from '../format/csv.js';
import { writeFileAtomic } from '../write-file-atomic.js';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Db } from '../store/db.js';
import { analyseContractOf } from './contract.js';
import { hasColumn, hasTable, type CompositeRow } from './eligibility.js';
import * as msg from './messages.js';
import { writeTempRows } from './rows.js';
import { eventsOf, type UnitEvent } from './unit-events.js';
import { SEVERITY_ORDER, worstFirst, type FlagRow, type Measure, type WeakResult } from './weak.js';

export interface FollowUpRow {
  year: number; unit_id: string; unit_name: string; parent_name: string | null;
  score: number | null; rank: number | null; grade: string | null;
  status: msg.FollowUpStatus; status_zh: string; status_en: string;
  flagged: boolean; severity: msg.Severity | null; severity_zh: string | null; rules: string | null;
  reasons_zh: string; reasons_en: string;
  flagged_last_year: boolean; outcome: msg.Outcome | null; outcome_zh: string | null; outcome_en: string | null;
  rank_change: number | null; score_change: number | null;
  event: msg.UnitEventKind | null; event_zh: string | null; event_en: string | null;
}

export interface FollowUpOptions {
  year: number;
  weak: WeakResult;
  previous?: { year: number; flags: FlagRow[] };
  events?: UnitEvent[];
  /** A composite (or flagged node score) change up to this many points is unchanged (default 1). */
  unchangedPoints?: number;
  /** Units whose worst flag is below this are near misses, not flagged (default medium). */
  minSeverity?: msg.Severity;
}

const STATUS_ORDER: msg.FollowUpStatus[] = ['flagged', 'near_miss', 'last_year', 'insufficient_data', 'unit_event'];

export async function buildFollowUp(db: Db, opts: FollowUpOptions): Promise<FollowUpRow[]> {
  const { year, weak } = opts;
  const minSeverity = opts.minSeverity ?? 'medium';
  const atLeast = (s: string) => SEVERITY_ORDER.indexOf(s as msg.Severity) <= SEVERITY_ORDER.indexOf(minSeverity);
  const names = await unitNames(db);
  const now = new Map(weak.composites.map((c) => [c.unit_id, c]));
  const before = opts.previous ? await composites(db, opts.previous.year) : new Map<string, { score: number | null; rank: number | null }>();
  const events = groupBy(eventsOf(opts.events ?? [], year), (e) => e.unit_id);
  const coverage = await unitCoverage(db, year);

  const fired = groupBy(weak.measures.filter((m) => m.fired).sort(worstFirst), (m) => m.unit_id);
  const drivers = new Map(weak.flags.map((f) => [f.unit_id, { zh: f.drivers_zh, en: f.drivers_en }]));
  const lastFlags = groupBy(opts.previous?.flags ?? [], (f) => f.unit_id);
  const lastFlagged = new Set([...lastFlags].filter(([, fs]) => fs.some((f) => atLeast(f.severity))).map(([u]) => u));
  const measureOf = new Map(weak.measures.map((m) => [`${m.unit_id}\u0000${m.rule_id}\u0000${m.node_id}`, m]));

  const units = new Set([...fired.keys(), ...lastFlagged, ...events.keys(),
    ...weak.composites.filter((c) => c.status === 'unscored').map((c) => c.unit_id)]);
  const rows: FollowUpRow[] = [];
  for (const u of units) {
    const c = now.get(u);
    const p = before.get(u);
    const ms = fired.get(u) ?? [];
    const worst = ms[0]?.severity ?? null;
    const ev = events.get(u) ?? [];
    const status: msg.FollowUpStatus = worst !== null && atLeast(worst) ? 'flagged' : worst !== null ? 'near_miss'
      : lastFlagged.has(u) ? 'last_year' : c?.status === 'unscored' ? 'insufficient_data' : 'unit_event';
    const evText = ev.length ? { zh: ev.map((e) => e.text.zh).join('；'), en: ev.map((e) => e.text.en).join('; ') } : null;
    const reason = status === 'flagged' ? msg.combinedReason(ms.map((m) => m.reason), drivers.get(u) ?? { zh: '', en: '' })
      : status === 'near_miss' ? msg.combinedReason(ms.map((m) => m.reason), { zh: '', en: '' })
      : status === 'insufficient_data' ? msg.insufficientReason(coverage.get(u)?.present_share ?? null, coverage.get(u)?.min_share ?? null)
      : status === 'unit_event' && evText ? evText : { zh: '', en: '' };
    const out = lastFlagged.has(u) ? outcomeOf(lastFlags.get(u)!, c, p, measureOf, opts.unchangedPoints ?? 1, evText, weak.rootId) : null;
    rows.push({
      year, unit_id: u, unit_name: names.get(u)?.name ?? u, parent_name: names.get(u)?.parent ?? null,
      score: c?.score ?? null, rank: c?.rank ?? null, grade: c?.grade ?? null,
      status, status_zh: msg.STATUS[status].zh, status_en: msg.STATUS[status].en,
      flagged: status === 'flagged', severity: worst, severity_zh: worst ? msg.SEVERITY[worst].zh : null,
      rules: ms.length ? [...new Set(ms.map((m) => m.rule_id))].join(',') : null,
      reasons_zh: reason.zh, reasons_en: reason.en,
      flagged_last_year: lastFlagged.has(u), outcome: out?.outcome ?? null, outcome_zh: out?.text.zh ?? null, outcome_en: out?.text.en ?? null,
      rank_change: c?.rank != null && p?.rank != null ? p.rank - c.rank : null,
      score_change: c?.score != null && p?.score != null ? c.score - p.score : null,
      event: ev[0]?.kind ?? null, event_zh: evText?.zh ?? null, event_en: evText?.en ?? null,
    });
  }
  rows.sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status)
    || SEVERITY_ORDER.indexOf(a.severity ?? 'low') - SEVERITY_ORDER.indexOf(b.severity ?? 'low')
    || (a.score ?? Infinity) - (b.score ?? Infinity) || a.unit_id.localeCompare(b.unit_id));
  await writeTempRows(db, 'analyse_follow_up', analyseContractOf('follow_up').columns, rows as unknown as Record<string, unknown>[]);
  return rows;
}

/**
 * What became of a unit flagged last year: each of last year's flags against this year's measure
 * of the same rule and node, and the composite. Improved = something resolved or better and
 * nothing worse (composite not worse); worse = something worse and nothing better; with no issue
 * moving, the composite decides; anything else (mixed) is unchanged.
 */
export function outcomeOf(
  last: FlagRow[], c: CompositeRow | undefined, p: { score: number | null } | undefined,
  measureOf: Map<string, Measure>, points: number, event: msg.Text | null, rootId: string,
): { outcome: msg.Outcome | null; text: msg.Text } {
  if (!c || c.status !== 'graded' || c.score === null) {
    const why = event ?? (c?.status === 'unscored' || !c ? msg.NOT_SCORED_THIS_YEAR : msg.NOT_GRADED_THIS_YEAR);
    return { outcome: null, text: msg.outcomeText(null, [why]) };
  }
  const parts: msg.Text[] = [];
  let good = 0;
  let bad = 0;
  const seen = new Set<string>();
  for (const f of last) {
    const key = `${f.unit_id}\u0000${f.rule_id}\u0000${f.node_id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const m = measureOf.get(key);
    if (!m || m.value === null || f.value === null) continue;
    const delta = progress(f, m);
    const tol = m.metric !== null ? Math.max(Math.abs(m.reference ?? 0) * 0.02, 1e-9) : points;
    // a flag whose severity rose is worse, however little its number moved (a red line from medium to high)
    const rose = m.fired && SEVERITY_ORDER.indexOf(m.severity) < SEVERITY_ORDER.indexOf(f.severity);
    const sev = rose ? { from: f.severity, to: m.severity } : undefined;
    // a rule that no longer fires is resolved only when its gap or fall is gone, not merely under the threshold
    const lingers = !m.fired && m.still !== undefined && m.still.amount > 0;
    const status: msg.IssueStatus = lingers ? 'below_threshold' : !m.fired ? 'resolved'
      : rose ? 'worse' : delta > tol ? 'better' : delta < -tol ? 'worse' : 'same';
    // under the threshold counts as progress only when the gap itself narrowed
    if (status === 'resolved' || status === 'better' || (status === 'below_threshold' && delta > tol)) good++;
    if (status === 'worse') bad++;
    const [was, now] = m.metric ? msg.rawPair(m.metric, f.value, m.value) : [{ zh: msg.f1(f.value), en: msg.f1(f.value) }, { zh: msg.f1(m.value), en: msg.f1(m.value) }];
    const still = lingers && m.still!.threshold ? { amount: m.still!.amount, threshold: m.still!.threshold } : undefined;
    // composite-level rules: the composite's own line below gives the numbers
    parts.push(m.node_id === rootId ? msg.ruleStatus(msg.RULE_NAMES[m.rule], status, sev, still)
      : m.rule === 'peer_gap' ? msg.peerGapProgress(m.what, f.value, m.value, (f.reference ?? 0) - f.value, (m.reference ?? 0) - m.value, status, sev, still?.threshold)
      : msg.issueProgress(m.what, was, now, status, sev));
  }
  const d = p?.score != null ? c.score - p.score : 0;
  const comp = d > points ? 'better' : d < -points ? 'worse' : 'same';
  if (p?.score != null) parts.push(msg.compositeProgress(p.score, c.score));
  const outcome: msg.Outcome = good > 0 && bad === 0 && comp !== 'worse' ? 'improved'
    : bad > 0 && good === 0 ? 'worse'
    : good === 0 && bad === 0 ? (comp === 'better' ? 'improved' : comp === 'worse' ? 'worse' : 'unchanged')
    : 'unchanged';
  return { outcome, text: msg.outcomeText(outcome, parts) };
}

/** How much better this year's measure is than last year's flag, in the rule's good direction. */
function progress(f: FlagRow, m: Measure): number {
  if (m.rule === 'peer_gap') return (m.value! - (m.reference ?? 0)) - (f.value! - (f.reference ?? 0));
  return m.higherIsBetter ? m.value! - f.value! : f.value! - m.value!;
}

function groupBy<T>(xs: T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) (m.get(key(x)) ?? m.set(key(x), []).get(key(x))!).push(x);
  return m;
}

async function composites(db: Db, year: number): Promise<Map<string, { score: number | null; rank: number | null }>> {
  const rows = await db.all<{ unit_id: string; score: number | null; rank: number | null }>(
    'select unit_id, score, rank from scores where level = 0 and year = $year',
    { year },
  );
  return new Map(rows.map((r) => [r.unit_id, r]));
}

/** Present weight share and min_share of each unit's composite (score_coverage, when the score stage wrote it). */
async function unitCoverage(db: Db, year: number): Promise<Map<string, { present_share: number | null; min_share: number | null }>> {
  if (!(await hasColumn(db, 'score_coverage', 'unit_id')) || !(await hasColumn(db, 'score_coverage', 'present_share'))) return new Map();
  const min = (await hasColumn(db, 'score_coverage', 'min_share')) ? 'min_share' : 'null';
  const rows = await db.all<{ unit_id: string; present_share: number | null; min_share: number | null }>(
    `select unit_id, any_value(present_share) as present_share, any_value(${min}) as min_share from score_coverage
     where year = $year and level = 0 and unit_id is not null group by unit_id`,
    { year },
  );
  return new Map(rows.map((r) => [r.unit_id, r]));
}

async function unitNames(db: Db): Promise<Map<string, { name: string; parent: string | null }>> {
  const names = new Map<string, { name: string; parent: string | null }>();
  if (!(await hasTable(db, 'units'))) return names;
  const rows = await db.all<{ unit_id: string; name: string | null; parent_name: string | null }>(
    `with u as (select unit_id, any_value(name) as name, any_value(parent_id) as parent_id from units group by unit_id)
     select u.unit_id, u.name, p.name as parent_name from u left join u p on p.unit_id = u.parent_id`,
  );
  for (const r of rows) names.set(r.unit_id, { name: r.name ?? r.unit_id, parent: r.parent_name });
  return names;
}

type Lang = 'zh' | 'en';

/** The columns of each language's file: the words of the report's language, never the stored codes. */
const HEADERS: Record<Lang, [keyof FollowUpRow, string][]> = {
  zh: [
    ['unit_id', '单位编号'], ['unit_name', '单位'], ['parent_name', '负责上级'], ['status_zh', '类别'],
    ['score', '综合得分'], ['rank', '名次'], ['grade', '等级'], ['severity_zh', '严重程度'], ['reasons_zh', '原因'],
    ['flagged_last_year', '上年被标记'], ['outcome_zh', '变化'], ['rank_change', '名次变化'], ['score_change', '得分变化'], ['event_zh', '单位变动'],
  ],
  en: [
    ['unit_id', 'Unit id'], ['unit_name', 'Unit'], ['parent_name', 'Responsible parent'], ['status_en', 'List'],
    ['score', 'Composite'], ['rank', 'Rank'], ['grade', 'Grade'], ['severity', 'Severity'], ['reasons_en', 'Reasons'],
    ['flagged_last_year', 'Flagged last year'], ['outcome_en', 'Outcome'], ['rank_change', 'Rank change'], ['score_change', 'Score change'], ['event_en', 'Unit change'],
  ],
};
const WIDTHS = [10, 16, 16, 12, 8, 6, 6, 8, 80, 8, 50, 8, 8, 40];
const YES_NO: Record<Lang, [string, string]> = { zh: ['是', '否'], en: ['yes', 'no'] };

/** A cell as text that no spreadsheet evaluates. */
export function safeCell(v: unknown, lang: Lang = 'zh'): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? String(Math.round(v * 100) / 100) : typeof v === 'boolean' ? YES_NO[lang][v ? 0 : 1] : String(v);
  return typeof v === 'number' ? s : formulaSafe(s);
}

/** A grade in the file's language (grades are stored in Chinese). */
const cellOf = (r: FollowUpRow, k: keyof FollowUpRow, lang: Lang): unknown =>
  k === 'grade' && lang === 'en' && r.grade ? msg.GRADE_NAMES[r.grade]?.en ?? r.grade : r[k];

export function followUpCsv(rows: FollowUpRow[], lang: Lang = 'zh'): string {
  const h = HEADERS[lang];
  return csvDocument([h.map(([, x]) => x), ...rows.map((r) => h.map(([k]) => safeCell(cellOf(r, k, lang), lang)))]);
}

/**
 * Write follow_up.csv and follow_up.xlsx in Chinese under `<dir>/<year>/` and in English under
 * `<dir>/<year>-en/` (the folders of the two reports: one language per folder); returns the paths.
 */
export async function exportFollowUp(rows: FollowUpRow[], dir: string, year: number): Promise<string[]> {
  const files: string[] = [];
  for (const lang of ['zh', 'en'] as const) files.push(...await exportFollowUpIn(rows, join(dir, lang === 'zh' ? String(year) : `${year}-en`), year, lang));
  return files;
}

async function exportFollowUpIn(rows: FollowUpRow[], out: string, year: number, lang: Lang): Promise<string[]> {
  await mkdir(out, { recursive: true });
  const csv = join(out, 'follow_up.csv');
  const xlsx = join(out, 'follow_up.xlsx');
  const h = HEADERS[lang];
  await writeFileAtomic(csv, (tmp) => writeFile(tmp, followUpCsv(rows, lang), 'utf8'));
  await writeFileAtomic(xlsx, async (tmp) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(lang === 'zh' ? `整改跟踪 ${year}` : `Follow-up ${year}`);
    ws.addRow(h.map(([, x]) => x));
    for (const r of rows) {
      const row = ws.addRow(h.map(([k]) => {
        const v = cellOf(r, k, lang);
        return typeof v === 'number' ? v : safeCell(v, lang);
      }));
      row.eachCell((cell) => {
        if (typeof cell.value === 'string') cell.numFmt = '@';
      });
    }
    ws.columns.forEach((c, i) => (c.width = WIDTHS[i] ?? 12));
    await wb.xlsx.writeFile(tmp);
  });
  return [csv, xlsx];
}
