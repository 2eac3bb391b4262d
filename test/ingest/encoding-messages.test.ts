/**
 * Files whose encoding cannot be read as one: the message must point at the real cause.
 * A UTF-8 file with a row pasted from a GBK file was read whole as GBK (every UTF-8 line
 * garbled, then "no recognisable header row"); GBK text behind a UTF-8 mark (BOM) was told to
 * "set encoding: gbk", which the mark overrides.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest, loadPipeline, YardstickError } from '../../src/index.js';
import { csv, gbk } from '../helpers/bundle.js';

function pipelineFor(attendance: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'ys-encoding-'));
  const data = join(dir, 'data');
  mkdirSync(data, { recursive: true });
  writeFileSync(join(data, 'units.csv'), csv([['单位编码', '单位名称'], ['D1', '办公室']]));
  writeFileSync(join(data, 'att.csv'), attendance);
  const p = join(dir, 'pipeline.yaml');
  writeFileSync(p, [`database: ${join(dir, 't.duckdb')}`, `data: ${data}`, `reports: ${join(dir, 'out')}`, 'sources:',
    '  - {kind: units, files: units.csv}', '  - {kind: attendance, files: att.csv, year: 2024}', ''].join('\n'));
  return p;
}

async function failure(p: string): Promise<YardstickError> {
  const e = await ingest(loadPipeline(p)).then(() => undefined, (x: unknown) => x);
  expect(e).toBeInstanceOf(YardstickError);
  return e as YardstickError;
}

const header = ['单位名称', '工号', '姓名', '日期', '学习形式', '时长（小时）', '出勤情况'];
const row = (name: string, day: number) => ['办公室', String(day), name, `2024-03-0${day}`, '集中学习', '2', '出席'];

describe('encoding messages', () => {
  it('names the line of a UTF-8 file that is not UTF-8 (a row pasted from GBK)', async () => {
    const bytes = Buffer.concat([
      Buffer.from(csv([header, row('张三', 1), row('李四', 2)])),   // lines 1–3: UTF-8
      gbk(csv([row('王五', 3)])),                                   // line 4: GBK
      Buffer.from(csv([row('赵六', 4)])),                           // line 5: UTF-8
    ]);
    const issue = (await failure(pipelineFor(bytes))).issues[0];
    expect(issue).toMatchObject({ code: 'csv_encoding', row: 4 });
    expect(issue.message).toContain('第 4 行不是');
  });

  it('tells GBK text behind a UTF-8 mark to be saved again, not to set an encoding the mark overrides', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), gbk(csv([header, row('张三', 1)]))]);
    const issue = (await failure(pipelineFor(bytes))).issues[0];
    expect(issue.code).toBe('csv_encoding');
    expect(issue.message).toContain('UTF-8 标记（BOM）');
    expect(issue.message).not.toContain('encoding: gbk');
  });

  it('still reads a GBK export whose only Chinese is in the header (no UTF-8 line to be mixed with)', async () => {
    const bytes = gbk(csv([header, ['D1', '1', 'zhang', '2024-03-01', 'x', '2', '1']]));
    const s = await ingest(loadPipeline(pipelineFor(bytes)));
    expect(s.files.find((f) => f.path.endsWith('att.csv'))).toMatchObject({ read: 1 });
  });
});
