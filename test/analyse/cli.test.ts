import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { openDb } from '../../src/store/db.js';
import { registerAnalyseCommands } from '../../src/cli/commands/analyse.js';
import { loadPipeline } from '../../src/config/load-pipeline.js';
import { resolveAnalysis } from '../../src/analyse/analysis-schema.js';
import { seedScored } from './helpers.js';

let dir: string;
let pipeline: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yardstick-analyse-cli-'));
  const db = await openDb(join(dir, 'y.duckdb'));
  await seedScored(db);
  db.close();
  pipeline = join(dir, 'p.yaml');
  writeFileSync(pipeline, [
    `database: ${join(dir, 'y.duckdb')}`, `reports: ${join(dir, 'reports')}`,
    'sources:', '  - {kind: units, files: units.csv}',
    'analysis:', '  weak:', '    - {rule: declining, years: 2}', '    - {rule: red_line, metric: attendance_rate, op: "<", value: 0.8}',
    '  sensitivity: {runs: 30, seed: 2}', '',
  ].join('\n'));
});

async function run(...args: string[]): Promise<string> {
  const program = new Command().exitOverride();
  registerAnalyseCommands(program);
  let text = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((text += String(s)), true));
  try {
    await program.parseAsync(['node', 'yardstick', ...args]);
  } finally {
    spy.mockRestore();
  }
  return text;
}

describe('analysis: in the pipeline file', () => {
  it('parses, with defaults when absent', () => {
    const p = loadPipeline(pipeline);
    const cfg = resolveAnalysis(p.analysis);
    expect(cfg.weak.map((r) => r.rule)).toEqual(['declining', 'red_line']);
    expect(cfg.sensitivity).toEqual({ runs: 30, band: 0.2, seed: 2 });
    expect(resolveAnalysis(undefined).weak.length).toBeGreaterThanOrEqual(5);
  });
});

describe('CLI', () => {
  it('compare --years prints an aligned table and JSON', async () => {
    expect(await run('compare', pipeline, '--years', '2024,2025')).toContain('2024 → 2025');
    const { year, base_year, rows, events } = JSON.parse(await run('compare', pipeline, '--years', '2024,2025', '--level', '1', '--json'));
    expect([year, base_year, events]).toEqual([2025, 2024, []]);
    expect(rows.find((r: { unit_id: string; node_id: string }) => r.unit_id === 'A' && r.node_id === 'total').rank_change).toBe(3);
  });

  it('compare --json carries the unit events between the two years, with the units\' names', async () => {
    const d = mkdtempSync(join(tmpdir(), 'yardstick-compare-events-'));
    const db = await openDb(join(d, 'y.duckdb'));
    await seedScored(db);
    await db.run(`insert into units (unit_id, name, unit_type) values ('X', '外汇管理科', 'department'), ('Y', '东港县支行', 'county'), ('Z', '金融科技科', 'department')`);
    await db.run(`create table unit_events (year integer, unit_id varchar, event varchar, other_unit_id varchar, label_zh varchar, label_en varchar, registry_file varchar, registry_row integer)`);
    await db.run(`insert into unit_events values
      (2025, 'X', 'merged_into', 'A', '并入A', 'merged into A', 'r.csv', 2),
      (2025, 'A', 'absorbed', 'X', '外汇管理科并入', 'absorbed X', 'r.csv', 2),
      (2025, 'Y', 'abolished', null, '撤销', 'abolished', 'r.csv', 3),
      (2024, 'Z', 'created', null, '新设', 'created', 'r.csv', 4)`);
    db.close();
    const p2 = join(d, 'p.yaml');
    writeFileSync(p2, `database: ${join(d, 'y.duckdb')}\nreports: ${join(d, 'reports')}\nsources:\n  - {kind: units, files: units.csv}\n`);
    type Ev = { unit_id: string; kind: string; year: number; other_id: string | null; unit_name: string; other_name: string | null; text: { zh: string; en: string } };
    const { events } = JSON.parse(await run('compare', p2, '--years', '2024,2025', '--json')) as { events: Ev[] };
    // 2024 → 2025: the merge (both sides) and the abolition; the 2024 creation is before the span
    expect(events.map((e) => [e.unit_id, e.kind, e.year, e.other_id, e.unit_name, e.other_name]).sort()).toEqual([
      ['A', 'absorbed', 2025, 'X', 'A', '外汇管理科'],
      ['X', 'merged', 2025, 'A', '外汇管理科', 'A'],
      ['Y', 'abolished', 2025, null, '东港县支行', null],
    ]);
    expect(events.find((e) => e.unit_id === 'X')!.text.zh).toBe('2025 年起并入A，不再单独评价');
    const { events: wider } = JSON.parse(await run('compare', p2, '--years', '2023,2025', '--json')) as { events: Ev[] };
    expect(wider.map((e) => e.unit_id).sort()).toEqual(['A', 'X', 'Y', 'Z']);
  });

  it('weak uses the pipeline rules', async () => {
    const { flags, followUp } = JSON.parse(await run('weak', pipeline, '--year', '2025', '--json'));
    expect(followUp.filter((r: { flagged: boolean }) => r.flagged).map((r: { unit_id: string }) => r.unit_id).sort()).toEqual(['C', 'D']);
    expect(flags.map((f: { unit_id: string; rule_id: string }) => `${f.unit_id}:${f.rule_id}`).sort()).toEqual(['C:red_line:attendance_rate', 'D:declining']);
    expect(await run('weak', pipeline)).toContain('连续 2 年下降');
  });

  it('sensitivity --runs --seed is reproducible', async () => {
    const a = await run('sensitivity', pipeline, '--year', '2025', '--runs', '40', '--seed', '1', '--json');
    const b = await run('sensitivity', pipeline, '--year', '2025', '--runs', '40', '--seed', '1', '--json');
    expect(a).toBe(b);
    expect(JSON.parse(a).runs).toBe(40);
    expect(await run('sensitivity', pipeline)).toContain('30 次模拟');
  });

  it('analyse writes every year', async () => {
    const res = JSON.parse(await run('analyse', pipeline, '--json'));
    expect(res.map((s: { year: number }) => s.year)).toEqual([2023, 2024, 2025]);
    expect(await run('analyse', pipeline, '--year', '2025')).toContain('2025 分析 analysis');
  });
});
