/**
 * The text `yardstick inspect` prints: per file and sheet, the header row, every
 * header → column (or unused, with the `columns:` line that would read it), the
 * header problems, and the first rows. Chinese by default; the Chinese text names
 * columns by their Chinese labels (the `columns:` line to paste is config syntax).
 */
import { COLUMNS, KIND_LABELS, PROFILE_METRICS, type Kind } from '../domain/kinds.js';
import type { Issue } from '../errors.js';
import { renderTable } from '../format/table.js';
import type { InspectedHeader, InspectedTable, InspectResult } from './inspect.js';

export type Lang = 'zh' | 'en';

const WORDS = {
  zh: {
    sheet: '工作表', headerRow: (n: number) => `表头在第 ${n} 行`, encoding: '编码', mapping: '列对应：',
    unused: '未使用', ignored: '不读取（序号、备注或 ignore:）', metric: '概况指标', loadedIfNumeric: '（全为数值时按列标题载入）',
    nearest: (alias: string, line: string) => `；最接近“${alias}”，如需读取，请在该数据源的 columns: 中加入  ${line}`,
    guessed: '（按表头推断；可用 --kind 指定）', problems: '问题：', error: '错误', warning: '警告',
    sample: (n: number) => `前 ${n} 行（原样）：`, noRows: '（没有数据行）', nothing: '没有找到可检查的文件',
    summary: (t: number, e: number) => `共 ${t} 个表，${e} 个有错误（载入时会停止）`,
  },
  en: {
    sheet: 'sheet', headerRow: (n: number) => `header on row ${n}`, encoding: 'encoding', mapping: 'Headers:',
    unused: 'unused', ignored: 'not read (row number, remark or ignore:)', metric: 'profile metric', loadedIfNumeric: ' (loaded under its header if numeric)',
    nearest: (alias: string, line: string) => `; closest alias “${alias}”: to read it, add under the source's columns:  ${line}`,
    guessed: ' (guessed from the headers; set it with --kind)', problems: 'Problems:', error: 'error', warning: 'warning',
    sample: (n: number) => `First ${n} rows (as written):`, noRows: '(no data rows)', nothing: 'no file to inspect',
    summary: (t: number, e: number) => `${t} tables, ${e} with errors (ingest would stop)`,
  },
} as const;

export function formatInspect(r: InspectResult, lang: Lang = 'zh'): string {
  const w = WORDS[lang];
  const out: string[] = [];
  for (const t of r.tables) out.push(...formatTable(t, lang), '');
  if (r.issues.length) out.push(w.problems, ...r.issues.map((i) => `  ${issueLine(i, lang)}`), '');
  if (!r.tables.length && !r.issues.length) out.push(w.nothing);
  const failed = r.tables.filter((t) => t.issues.some((i) => i.severity === 'error')).length;
  if (r.tables.length) out.push(w.summary(r.tables.length, failed));
  return out.join('\n');
}

function formatTable(t: InspectedTable, lang: Lang): string[] {
  const w = WORDS[lang];
  const where = t.sheet ? `${t.file} · ${w.sheet} ${t.sheet}` : t.file;
  const kind = `${KIND_LABELS[t.kind][lang]}${t.kindGuessed ? w.guessed : ''}`;
  const facts = [w.headerRow(t.headerRow), ...(t.encoding && t.encoding !== 'xlsx' ? [`${w.encoding} ${t.encoding.toUpperCase()}`] : [])];
  const lines = [`== ${where} · ${kind} ==`, facts.join(' · '), w.mapping];
  const rows = t.headers.filter((h) => h.header.trim() !== '').map((h) => [`  ${h.letter}`, `“${h.header}”`, `→ ${useText(h, t.kind, lang)}`]);
  lines.push(renderTable(['', '', ''], rows, ['left', 'left', 'left']).split('\n').slice(2).join('\n').trimEnd());
  if (t.issues.length) lines.push(w.problems, ...t.issues.map((i) => `  ${issueLine(i, lang)}`));
  lines.push(w.sample(t.sample.length));
  if (!t.sample.length) lines.push(`  ${w.noRows}`);
  else {
    const table = renderTable(t.headers.map((h) => h.letter), t.sample.map((r) => r.map((c) => c ?? '')), t.headers.map(() => 'left'));
    lines.push(...table.trimEnd().split('\n').map((l) => `  ${l}`));
  }
  return lines;
}

function useText(h: InspectedHeader, kind: Kind, lang: Lang): string {
  const w = WORDS[lang];
  if (h.column !== null) {
    const label = lang === 'zh' ? columnLabel(kind, h.column) : h.column;
    return h.value !== undefined ? `${label} = ${h.value}` : label;
  }
  if (h.ignored) return w.ignored;
  if (h.metric !== undefined) {
    const named = PROFILE_METRICS.find((m) => m.metric === h.metric);
    return named ? `${w.metric} ${lang === 'zh' ? named.zh : named.metric}` : `${w.metric} “${h.metric}”${w.loadedIfNumeric}`;
  }
  return h.nearest ? `${w.unused}${w.nearest(h.nearest.alias, h.nearest.columnsLine)}` : w.unused;
}

function columnLabel(kind: Kind, column: string): string {
  return COLUMNS[kind].find((c) => c.name === column)?.zh ?? column;
}

/** An issue in one language: messages are written `中文 / English` (or `…）/ English`). */
function issueLine(i: Issue, lang: Lang): string {
  const w = WORDS[lang];
  const m = /\s\/\s|(?<=[）」”])\/\s/.exec(i.message);
  const text = !m ? i.message : lang === 'zh' ? i.message.slice(0, m.index) : i.message.slice(m.index + m[0].length);
  return `${i.severity === 'error' ? w.error : w.warning}: ${text}`;
}
