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
    const rows = JSON.parse(await run('compare', pipeline, '--years', '2024,2025', '--level', '1', '--json'));
    expect(rows.find((r: { unit_id: string; node_id: string }) => r.unit_id === 'A' && r.node_id === 'total').rank_change).toBe(3);
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
