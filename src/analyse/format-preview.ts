/** Terminal output of `preview`: official and draft side by side, ordered by the draft's rank. */
import { renderTable } from '../format/table.js';
import { f1 } from './messages.js';
import type { PreviewResult, PreviewUnit } from './preview.js';

type Names = Map<string, string>;
const int = (x: number | null) => (x === null ? '—' : String(x));
const signed = (x: number | null, digits = 1) => (x === null ? '—' : `${x > 0 ? '+' : ''}${x.toFixed(digits)}`);

/** Units graded under at least one of the two trees; the root and unscored units are not ranked, so not listed. */
const graded = (u: PreviewUnit) => u.official.grade_status === 'graded' || u.draft.grade_status === 'graded';

export function formatPreview(p: PreviewResult, names?: Names): string {
  const head = [
    `== ${p.year} 年数据：现行 ${p.officialTree.label.zh} → 草案 ${p.draftTree.file ?? p.draftTree.label.zh} ==`,
    `== ${p.year} data: official tree → draft ${p.draftTree.file ?? p.draftTree.label.en} ==`,
    `名次变化的单位 units that move: ${p.moved} · 等级变化 grade changes: ${p.gradeChanged}`,
  ];
  const table = renderTable(
    ['单位 unit', '现行得分', '名次', '等级', '草案得分', '名次', '等级', '变化 Δ', 'Δ名次', '主要原因 driver'],
    p.units.filter(graded).map((u) => row(u, names)),
    ['left', 'right', 'right', 'left', 'right', 'right', 'left', 'right', 'right', 'left'],
  );
  return [...head, table].join('\n');
}

function row(u: PreviewUnit, names?: Names): string[] {
  const driver = u.dimensions.find((d) => d.node_id === u.driver);
  return [
    names?.get(u.unit_id) ?? u.unit_id,
    f1(u.official.score), int(u.official.rank), u.official.grade ?? '—',
    f1(u.draft.score), int(u.draft.rank), u.draft.grade ?? '—',
    signed(u.score_change), signed(u.rank_change, 0),
    driver ? `${driver.label_zh} ${signed(driver.change)}（较平均 ${signed(driver.relative)}）` : '—',
  ];
}
