/**
 * The reference's generated sections (header aliases, metrics, tables) come from the code's
 * own lists, so documentation cannot drift: `npm run docs` rewrites them in docs/reference.md
 * and a test fails when the committed file differs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { COLUMNS, KINDS, PROFILE_METRICS } from '../domain/kinds.js';
import { ALL_TABLES } from '../store/all-tables.js';
import { METRIC_CATALOG } from '../metrics/catalog.js';

export function aliasesMarkdown(): string {
  const lines = ['| kind | column | required | accepted headers |', '|---|---|---|---|'];
  for (const kind of KINDS) {
    for (const c of COLUMNS[kind]) {
      lines.push(`| ${kind} | \`${c.name}\` ${c.zh} | ${c.required ? 'yes' : ''} | ${c.aliases.join(', ')} |`);
    }
  }
  lines.push('', 'Unit-profile metrics (any other numeric column is loaded under its header text):', '',
    '| metric | accepted headers |', '|---|---|');
  for (const m of PROFILE_METRICS) {
    lines.push(`| \`${m.metric}\`${m.scale ? ` (×${m.scale})` : ''}${m.flag ? ' (是/否 → 1/0)' : ''} | ${m.aliases.join(', ')} |`);
  }
  return lines.join('\n');
}

export function tablesMarkdown(): string {
  const out: string[] = [];
  for (const t of ALL_TABLES) {
    out.push(`### \`${t.table}\` — ${t.description.zh} / ${t.description.en} (stage: ${t.stage})`, '',
      '| column | type | 说明 | description |', '|---|---|---|---|');
    for (const c of t.columns) out.push(`| \`${c.name}\` | ${c.type} | ${c.zh} | ${c.en} |`);
    out.push('');
  }
  return out.join('\n').trimEnd();
}

export function metricsMarkdown(): string {
  const lines = ['| metric_id | 名称 | name | unit | formula |', '|---|---|---|---|---|'];
  for (const m of METRIC_CATALOG) {
    lines.push(`| \`${m.id}\` | ${m.label.zh} | ${m.label.en} | ${m.unit} | ${m.formula.replace(/\|/g, '\\|')} |`);
  }
  return lines.join('\n');
}

export function renderReadme(text: string): string {
  let out = replaceBetween(text, 'aliases', aliasesMarkdown());
  out = replaceBetween(out, 'metrics', metricsMarkdown());
  return replaceBetween(out, 'tables', tablesMarkdown());
}

function replaceBetween(text: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error(`docs/reference.md has no ${start} … ${end} markers`);
  return `${text.slice(0, a + start.length)}\n${body}\n${text.slice(b)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = new URL('../../docs/reference.md', import.meta.url);
  writeFileSync(file, renderReadme(readFileSync(file, 'utf8')));
}
