/**
 * `yardstick weights … --write <tree.yaml> --group <node>`: freeze computed weights into an
 * indicator file, so the office reviews (and `check`s) plain numbers.
 *
 * The file is edited as text, not re-serialised: the `yaml` Document API locates each child's
 * `weight:` value (its source range) and only those characters change, so comments, flow maps
 * and alignment stay exactly as written. A child without `weight:` gets one (after its label);
 * a `weights_from:` on the group is removed (the weights are now literal), which the caller says.
 *
 * Precision: the weights are written in percent with `decimals` places (default 12), rounded by
 * the largest-remainder method so they sum to exactly 100. With 12 places a weight is off by
 * < 1e-14 of a fraction, so scoring with the written numbers reproduces the composite of
 * `weights_from` to ~1e-12 points; `--decimals 2` gives round numbers (then composites differ
 * by up to about the weight change × the spread of the children's scores, ~0.01 points).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { error, YardstickError } from '../errors.js';
import { largestRemainder } from './round-weights.js';

export const WRITE_DECIMALS = 12;

export interface WrittenWeights {
  file: string;
  groupId: string;
  /** Child id → the percentage text written. */
  written: { id: string; weight: string }[];
  /** The group's weights_from method that was removed, if any. */
  removedWeightsFrom: string | null;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

type Node = YAMLMap<unknown, unknown>;

export function writeWeightsIntoTree(
  file: string,
  group: string,
  criteria: readonly string[],
  weights: ArrayLike<number>,
  decimals = WRITE_DECIMALS,
): WrittenWeights {
  if (!(Number.isInteger(decimals) && decimals >= 0 && decimals <= WRITE_DECIMALS))
    throw new YardstickError([error('bad_decimals', badDecimals(decimals), { path: '--decimals' })]);
  const text = readFileSync(file, 'utf8');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  if (doc.errors.length) throw new YardstickError([error('yaml_syntax', `${doc.errors[0].message.split('\n')[0]}`, { file })]);
  const found = findGroup(doc.contents as Node, group);
  if (!found) throw new YardstickError([error('unknown_group', unknownGroup(group, file), { file })]);
  const children = found.children.items as Node[];
  const index = criteria.map((c) => children.findIndex((k) => names(k).includes(c.trim())));
  const missing = children.filter((_, j) => !index.includes(j)).map((k) => String(k.get('id')));
  const unknown = criteria.filter((_, k) => index[k] < 0);
  if (missing.length || unknown.length || new Set(index).size !== index.length) {
    const where = { file, ...at(lines, found.children) };
    throw new YardstickError([error('criteria_mismatch', criteriaMismatch(found.id, missing, unknown), where)]);
  }
  const byChild = children.map((_, j) => weights[index.indexOf(j)]);
  const unit = 10 ** decimals;
  const texts = largestRemainder(byChild, 100 * unit).map((u) => percentText(u, decimals));

  const edits: Edit[] = children.map((k, j) => weightEdit(text, k, texts[j]));
  const wf = found.map?.items.find((p) => keyOf(p) === 'weights_from') as Pair<unknown, Node> | undefined;
  let removed: string | null = null;
  if (wf && found.map) {
    removed = String(wf.value?.get?.('method') ?? 'weights_from');
    edits.push(removePair(text, found.map, wf));
  }
  const out = applyEdits(text, edits);
  verify(out, file, group, texts);
  writeFileSync(file, out);
  return { file, groupId: found.id, written: children.map((k, j) => ({ id: String(k.get('id')), weight: texts[j] })), removedWeightsFrom: removed };
}

/** The group (by id or label) and its children sequence; the composite's children are `dimensions`. */
function findGroup(root: Node, name: string): { id: string; map: Node | undefined; children: YAMLSeq } | undefined {
  const dims = root.get('dimensions');
  if (!isSeq(dims)) return undefined;
  const composite = root.get('composite');
  const compositeMap = isMap(composite) ? (composite as Node) : undefined;
  const compositeNames = compositeMap ? names(compositeMap) : [];
  if ((compositeNames.length ? compositeNames : ['total', '综合得分']).includes(name)) {
    return { id: compositeNames[0] ?? 'total', map: compositeMap, children: dims };
  }
  const walk = (seq: YAMLSeq): { id: string; map: Node; children: YAMLSeq } | undefined => {
    for (const item of seq.items) {
      if (!isMap(item)) continue;
      const kids = item.get('indicators');
      if (!isSeq(kids)) continue;
      if (names(item as Node).includes(name)) return { id: String(item.get('id')), map: item as Node, children: kids };
      const deeper = walk(kids);
      if (deeper) return deeper;
    }
    return undefined;
  };
  return walk(dims);
}

/** A node's id and labels (as a criterion may name it). */
function names(n: Node): string[] {
  const label = n.get('label');
  const out = [n.get('id') === undefined ? undefined : String(n.get('id'))];
  if (isMap(label)) out.push(String(label.get('zh') ?? ''), String(label.get('en') ?? ''));
  return out.filter((x): x is string => !!x);
}

function keyOf(p: Pair<unknown, unknown>): unknown {
  return isScalar(p.key) ? p.key.value : p.key;
}

/** Replace the `weight:` value's characters, or add `weight:` after the label (or id). */
function weightEdit(text: string, child: Node, value: string): Edit {
  const pair = child.items.find((p) => keyOf(p) === 'weight') as Pair<unknown, { range?: number[] }> | undefined;
  const range = pair?.value?.range;
  if (range) return keepCommentColumn(text, { start: range[0], end: range[1], text: value });
  const after = (child.items.find((p) => keyOf(p) === 'label') ?? child.items.find((p) => keyOf(p) === 'id')) as
    | Pair<{ range?: number[] }, { range?: number[] }>
    | undefined;
  const end = after?.value?.range?.[1];
  if (end === undefined) throw new YardstickError(`cannot place a weight in ${String(child.get('id'))}`);
  if (child.flow) return { start: end, end, text: `, weight: ${value}` };
  const keyStart = after!.key!.range![0];
  const indent = keyStart - (text.lastIndexOf('\n', keyStart - 1) + 1);
  const lineEnd = text.indexOf('\n', end - 1);
  const pos = lineEnd < 0 ? text.length : lineEnd + 1;
  return { start: pos, end: pos, text: `${' '.repeat(indent)}weight: ${value}\n` };
}

/** A trailing `# comment` aligned in a column stays in that column when the number gets longer or shorter. */
function keepCommentColumn(text: string, e: Edit): Edit {
  const gap = /^( +)#/.exec(text.slice(e.end));
  if (!gap) return e;
  const spaces = Math.max(1, gap[1].length - (e.text.length - (e.end - e.start)));
  return { start: e.start, end: e.end + gap[1].length, text: e.text + ' '.repeat(spaces) };
}

/** Remove `key: value` (a whole line or lines in a block map; the entry and its comma in a flow map). */
function removePair(text: string, map: Node, pair: Pair<unknown, unknown>): Edit {
  const start = (pair.key as { range: number[] }).range[0];
  const valueEnd = (pair.value as { range: number[] }).range[1];
  if (map.flow) {
    const tail = /^\s*,\s*/.exec(text.slice(valueEnd));
    if (tail) return { start, end: valueEnd + tail[0].length, text: '' };
    const head = /,\s*$/.exec(text.slice(0, start));
    return { start: head ? start - head[0].length : start, end: valueEnd, text: '' };
  }
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = text.indexOf('\n', valueEnd - 1);
  return { start: lineStart, end: lineEnd < 0 ? text.length : lineEnd + 1, text: '' };
}

function applyEdits(text: string, edits: Edit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** `3141592653589` units of 1e-12 % → `3.141592653589`: exact decimal text, trailing zeros trimmed. */
export function percentText(units: number, decimals: number): string {
  const digits = String(units).padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const frac = digits.slice(digits.length - decimals).replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : whole;
}

/** The edited text still parses and carries the intended weights (a guard against a bad splice). */
function verify(out: string, file: string, group: string, texts: string[]): void {
  const doc = parseDocument(out);
  const found = doc.errors.length ? undefined : findGroup(doc.contents as Node, group);
  const got = found?.children.items.map((k) => (k as Node).get('weight'));
  if (!got || got.some((w, j) => Number(w) !== Number(texts[j]))) {
    throw new YardstickError([error('write_failed', writeFailed(file), { file })]);
  }
}

function at(lines: LineCounter, node: { range?: number[] | null }): { row?: number; column?: number } {
  if (!node.range) return {};
  const p = lines.linePos(node.range[0]);
  return { row: p.line, column: p.col };
}

const badDecimals = (d: number) => `--decimals 须为 0–${WRITE_DECIMALS} 的整数（给出 ${d}） / --decimals must be an integer from 0 to ${WRITE_DECIMALS} (got ${d})`;
const unknownGroup = (g: string, file: string) =>
  `${file} 中没有名为“${g}”的分组（写编号或中文名称，综合得分写 composite 的编号） / no group “${g}” in ${file} (give its id or label; the composite by its id)`;
const criteriaMismatch = (g: string, missing: string[], unknown: string[]) =>
  `权重的指标须与“${g}”的下级一一对应（未给出 ${missing.join('、') || '—'}，无法对应 ${unknown.join('、') || '—'}） / ` +
  `the weights must name exactly the children of ${g} (not given: ${missing.join(', ') || '-'}; unknown: ${unknown.join(', ') || '-'})`;
const writeFailed = (file: string) =>
  `${file}：写入后校验失败，文件未改动，请手工填写权重 / ${file}: the edited text did not check out, the file was left unchanged; write the weights by hand`;
