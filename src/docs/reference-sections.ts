/**
 * The generated reference (docs/reference/headers.md, metrics.md, tables.md, loading.md's reject
 * reasons) comes from the
 * code's own lists, so documentation cannot drift: `npm run docs` rewrites the part of each file
 * between its `<!-- name:start -->` and `<!-- name:end -->` markers (the prose around them is
 * written by hand), and test/store/contract.test.ts fails when a committed file differs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { COLUMNS, KINDS, KIND_LABELS, PROFILE_METRICS } from '../domain/kinds.js';
import { ALL_TABLES } from './all-tables.js';
import { METRIC_CATALOG } from '../metrics/catalog.js';
import { REASONS } from '../domain/reasons.js';

/** Each generated file (relative to the repository root) and the sections it carries. */
export const GENERATED_DOCS: { file: string; sections: Record<string, () => string> }[] = [
  { file: 'docs/reference/headers.md', sections: { aliases: aliasesMarkdown } },
  { file: 'docs/reference/metrics.md', sections: { metrics: metricsMarkdown } },
  { file: 'docs/reference/tables.md', sections: { tables: tablesMarkdown } },
  { file: 'docs/reference/loading.md', sections: { reasons: reasonsMarkdown } },
];

const cell = (s: string) => s.replace(/\|/g, '\\|');

export function aliasesMarkdown(): string {
  const lines: string[] = [];
  for (const kind of KINDS) {
    lines.push(`### \`${kind}\` — ${KIND_LABELS[kind].zh} / ${KIND_LABELS[kind].en}`, '',
      '| column | 标准列名 | required | accepted headers |', '|---|---|---|---|');
    for (const c of COLUMNS[kind]) {
      lines.push(`| \`${c.name}\` | ${c.zh} | ${c.required ? 'yes' : ''} | ${cell(c.aliases.join(', '))} |`);
    }
    lines.push('');
  }
  lines.push('### Unit-profile metrics', '', 'Any other numeric column is loaded under its header text.', '',
    '| metric | 标准列名 | accepted headers |', '|---|---|---|');
  for (const m of PROFILE_METRICS) {
    const note = `${m.scale ? ` (×${m.scale})` : ''}${m.flag ? ' (是/否 → 1/0)' : ''}`;
    lines.push(`| \`${m.metric}\`${note} | ${m.zh} | ${cell(m.aliases.join(', '))} |`);
  }
  return lines.join('\n');
}

export function tablesMarkdown(): string {
  const out: string[] = [];
  let stage = '';
  for (const t of ALL_TABLES) {
    if (t.stage !== stage) out.push(`## Stage: ${(stage = t.stage)}`, '');
    out.push(`### \`${t.table}\` — ${t.description.zh} / ${t.description.en}`, '',
      '| column | type | 说明 | description |', '|---|---|---|---|');
    for (const c of t.columns) out.push(`| \`${c.name}\` | ${c.type} | ${cell(c.zh)} | ${cell(c.en)} |`);
    out.push('');
  }
  return out.join('\n').trimEnd();
}

export function metricsMarkdown(): string {
  const lines = ['| metric_id | 名称 | name | unit | formula |', '|---|---|---|---|---|'];
  for (const m of METRIC_CATALOG) {
    lines.push(`| \`${m.id}\` | ${m.label.zh} | ${m.label.en} | ${m.unit} | ${cell(m.formula)} |`);
  }
  return lines.join('\n');
}

/** The file's text with every generated section replaced by what the code says now. */
export function renderReference(file: string, text: string): string {
  const doc = GENERATED_DOCS.find((d) => d.file === file);
  if (!doc) throw new Error(`${file} is not a generated reference file`);
  let out = text;
  for (const [name, render] of Object.entries(doc.sections)) out = replaceBetween(file, out, name, render());
  return out;
}

function replaceBetween(file: string, text: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error(`${file} has no ${start} … ${end} markers`);
  return `${text.slice(0, a + start.length)}\n${body}\n${text.slice(b)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const { file } of GENERATED_DOCS) {
    const url = new URL(`../../${file}`, import.meta.url);
    const text = readFileSync(url, 'utf8');
    const next = renderReference(file, text);
    if (next !== text) {
      writeFileSync(url, next);
      console.log(`updated ${file}`);
    }
  }
}

/** Every reject reason (rejects.code) with the texts rejects.csv shows. */
export function reasonsMarkdown(): string {
  const lines = ['| code | 原因 | reason |', '|---|---|---|'];
  for (const [code, [zh, en]] of Object.entries(REASONS)) lines.push(`| \`${code}\` | ${cell(zh)} | ${cell(en)} |`);
  return lines.join('\n');
}
