/**
 * The notes the score stage writes to `score_notes`, one template per code (vega-lite's named
 * messages, kept as data because the rows are found in SQL). Placeholders: {label_zh} {label_en}
 * (the node's label), {value}, {pct} (value as a percentage); for bonus, deduction and veto
 * items {item_zh} {item_en} (the item's label) and {reason_zh} {reason_en} (score_adjustments'
 * reason; for a veto followed by its effect in words). `value` is the points applied (the raw
 * entry for a veto).
 * Whole-year warnings of the normalise stage (src/normalise/warnings.ts) are written with their
 * own text and `unit_id` NULL.
 */
import type { Db } from '../store/db.js';

export const NOTE_TEXTS = {
  missing_value: {
    zh: '“{label_zh}”无数据，按缺失处理',
    en: 'no value for {label_en}; treated as missing',
  },
  renormalised: {
    zh: '“{label_zh}”部分子项缺失，权重在有数据的子项间重新分配（有数据子项占权重 {pct}）',
    en: '{label_en}: some children are missing; weights renormalised over the present ones ({pct} of the weight)',
  },
  node_missing: {
    zh: '“{label_zh}”有数据的子项仅占权重 {pct}，低于缺失阈值，该项记为缺失',
    en: '{label_en}: present children carry only {pct} of the weight, below the missing threshold; the node is missing',
  },
  geometric_floor: {
    zh: '“{label_zh}”按几何平均汇总，{value} 个子项得分低于下限，按下限计算',
    en: '{label_en} uses a geometric mean: {value} child score(s) below the floor were raised to it',
  },
  bonus_applied: {
    zh: '{item_zh}：{reason_zh}',
    en: '{item_en}: {reason_en}',
  },
  bonus_capped: {
    zh: '{item_zh}：{reason_zh}',
    en: '{item_en}: {reason_en}',
  },
  bonus_negative: {
    zh: '{item_zh}：{reason_zh}',
    en: '{item_en}: {reason_en}',
  },
  deduction_applied: {
    zh: '{item_zh}：{reason_zh}',
    en: '{item_en}: {reason_en}',
  },
  deduction_capped: {
    zh: '{item_zh}：{reason_zh}',
    en: '{item_en}: {reason_en}',
  },
  veto: {
    zh: '{item_zh}：{reason_zh}；得分照常显示',
    en: '{item_en}: {reason_en}; the score is still shown',
  },
} as const;

export type NoteCode = keyof typeof NOTE_TEXTS;

/** Load the templates into the temp table `note_texts` read by score_notes.sql. */
export async function writeNoteTexts(db: Db): Promise<void> {
  const entries = Object.entries(NOTE_TEXTS);
  const params: Record<string, string> = {};
  const rows = entries.map(([code, t], i) => {
    Object.assign(params, { [`c${i}`]: code, [`z${i}`]: t.zh, [`e${i}`]: t.en });
    return `($c${i}, $z${i}, $e${i})`;
  });
  await db.run(`create or replace temp table note_texts as select * from (values ${rows.join(', ')}) v(code, zh, en)`, params);
}
