/** previewSource (for `yardstick inspect`): the header and first rows as readSource would land them, without landing. */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { previewSource } from '../../src/ingest/read/index.js';
import { gbk } from '../helpers/bundle.js';
import { options, put, tempDir } from './read-helpers.js';

describe('previewSource', () => {
  it('CSV in GBK: header below a title, the first rows as written, cells beyond the header left out', async () => {
    const f = put(tempDir(), 'a.csv', gbk('考勤表\r\n单位名称,姓名,日期,出勤情况\r\n一支部,张三,2025-03-05,出席\r\n二支部,李四,,缺席,多余\r\n三支部,王五,2025-03-07,请假\r\n'));
    const { tables: [t], warnings } = await previewSource(f, options(), 2);
    expect(t).toEqual({
      sheet: null, headers: ['单位名称', '姓名', '日期', '出勤情况'], headerRow: 2, encoding: 'gb18030',
      sample: [['一支部', '张三', '2025-03-05', '出席'], ['二支部', '李四', null, '缺席']], sampleRows: [3, 4],
    });
    expect(warnings).toEqual([]);
  });

  it('XLSX: two-level header combined, hidden sheet named in a warning', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('考勤');
    ws.addRow(['单位名称', '姓名', '出勤情况', null]);
    ws.addRow([null, null, '出席', '缺席']);
    ws.addRow(['一支部', '张三', '√', null]);
    wb.addWorksheet('备份', { state: 'veryHidden' }).addRow(['单位名称', '姓名']);
    const f = join(tempDir(), 'b.xlsx');
    await wb.xlsx.writeFile(f);
    const { tables, warnings } = await previewSource(f, options());
    expect(tables).toEqual([{
      sheet: '考勤', headers: ['单位名称', '姓名', '出勤情况/出席', '出勤情况/缺席'], headerRow: 2, encoding: 'xlsx',
      sample: [['一支部', '张三', '√', null]], sampleRows: [3],
    }]);
    expect(warnings.map((w) => w.code)).toEqual(['sheet_hidden']);
  });
});
