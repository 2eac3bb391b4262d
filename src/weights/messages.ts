/**
 * Every user-facing message of the weighting methods, zh-CN then en, one function each
 * (vega-lite's `log/message.ts`). Each says what is wrong, where, and what to do.
 * Criterion and unit names are quoted verbatim; numbers are shown as the user wrote
 * them where we have the text.
 */

/** A judgement value as people write it: `5`, `1/3`, `1.25`, `1/2.5`. */
export function formatJudgement(v: number, decimals = 2): string {
  if (!Number.isFinite(v) || v <= 0) return String(v);
  const trim = (x: number) => String(Number(x.toFixed(decimals)));
  return v >= 1 ? trim(v) : `1/${trim(1 / v)}`;
}

// ---------- matrices (shared)
export const emptyMatrix = () => '矩阵为空 / the matrix has no rows';
export const noColumns = () => '矩阵没有列 / the matrix has no columns';
export const tooFewRows = (method: string, rows: number, min: number) =>
  `${method} 至少需要 ${min} 行数据，实际 ${rows} 行 / ${method} needs at least ${min} rows, got ${rows}`;
export const tooFewCriteria = (method: string, n: number, min: number) =>
  `${method} 至少需要 ${min} 个指标，实际 ${n} 个 / ${method} needs at least ${min} criteria, got ${n}`;
export const raggedRow = (unit: string, got: number, expected: number) =>
  `行“${unit}”有 ${got} 个值，应为 ${expected} 个 / row “${unit}” has ${got} values, expected ${expected}`;
export const labelCount = (what: string, got: number, expected: number) =>
  `${what} 名称有 ${got} 个，应为 ${expected} 个 / ${got} ${what} names given, expected ${expected}`;
export const notFinite = (unit: string, criterion: string, value: number) =>
  `“${unit}”的“${criterion}”不是有限数值（${value}）/ “${criterion}” of “${unit}” is not a finite number (${value})`;
export const costLength = (got: number, expected: number) =>
  `成本型标记有 ${got} 个，应为 ${expected} 个 / ${got} cost flags given, expected ${expected}`;

// ---------- entropy / CRITIC
export const negativeForProportion = (unit: string, criterion: string, value: number) =>
  `“${unit}”的“${criterion}”为负数 ${value}：比重法熵权要求非负数据，请改用 --normalise minmax / ` +
  `“${criterion}” of “${unit}” is negative (${value}): proportion entropy needs non-negative data; use --normalise minmax`;
export const costNeedsMinmax = (criteria: string[]) =>
  `成本型指标（${criteria.join('、')}）只在 --normalise minmax 时有效：比重法直接用原始数据的比重，方向不影响熵 / ` +
  `cost criteria (${criteria.join(', ')}) only apply with --normalise minmax: the proportion method uses raw shares, where direction has no effect`;
export const allConstant = (method: string) =>
  `${method}：所有指标在各单位间取值相同，无法区分，权重无定义 / ${method}: every criterion is constant across units, so the weights are undefined`;
export const noConflict = () =>
  'CRITIC：所有指标两两完全正相关，信息量全为 0，权重无定义 / CRITIC: all criteria are perfectly correlated, so every information amount is 0 and the weights are undefined';

// ---------- AHP
export const notSquare = (row: string, got: number, n: number) =>
  `判断矩阵须为方阵：“${row}”行有 ${got} 个判断，应为 ${n} 个 / the pairwise matrix must be square: row “${row}” has ${got} judgements, expected ${n}`;
export const nonPositiveJudgement = (a: string, b: string, value: number) =>
  `“${a}”对“${b}”的判断须为正数，实际 ${value} / the judgement ${a} vs ${b} must be positive, got ${value}`;
export const diagonalNotOne = (a: string, value: number) =>
  `“${a}”对自身的判断须为 1，实际 ${value} / the judgement ${a} vs itself must be 1, got ${value}`;
export const notReciprocal = (a: string, b: string, ab: number, ba: number) =>
  `判断不互反：“${a}”对“${b}”为 ${formatJudgement(ab)}，“${b}”对“${a}”应为 ${formatJudgement(1 / ab)}，实际 ${formatJudgement(ba)} / ` +
  `judgements are not reciprocal: ${a} vs ${b} is ${formatJudgement(ab)}, so ${b} vs ${a} should be ${formatJudgement(1 / ab)}, got ${formatJudgement(ba)}`;
export const unknownRiTable = (table: string, known: string[]) =>
  `未知的 RI 表“${table}”（可选：${known.join('、')}）/ unknown RI table “${table}” (one of: ${known.join(', ')})`;
export const inconsistent = (cr: number, threshold: number, a: string, b: string, given: number, implied: number) =>
  `判断矩阵不一致 CR=${cr.toFixed(3)} ≥ ${threshold}；最不一致的判断：${a} 对 ${b}（给定 ${formatJudgement(given)}，按权重约 ${formatJudgement(implied, 1)}）/ ` +
  `inconsistent judgements CR=${cr.toFixed(3)} ≥ ${threshold}; most inconsistent: ${a} vs ${b} (given ${formatJudgement(given)}, the weights imply about ${formatJudgement(implied, 1)})`;

// ---------- combining
export const duplicateCriterion = (which: string, name: string) =>
  `${which}权重中指标“${name}”出现多次 / criterion “${name}” appears more than once in the ${which} weights`;
export const weightCount = (which: string, criteria: number, weights: number) =>
  `${which}权重：${criteria} 个指标却有 ${weights} 个权重 / ${which} weights: ${criteria} criteria but ${weights} weights`;
export const badWeight = (which: string, name: string, value: number) =>
  `${which}权重中“${name}”须为非负有限数，实际 ${value} / ${which} weight of “${name}” must be a non-negative finite number, got ${value}`;
export const weightsSum = (which: string, sum: number) =>
  `${which}权重之和为 ${sum}，应为 1（允许误差 ${SUM_TOLERANCE}；百分数请先除以 100）/ ` +
  `${which} weights sum to ${sum}, expected 1 (within ${SUM_TOLERANCE}; divide percentages by 100 first)`;
/** How far from 1 a published weight vector may sum (4-decimal rounding) before it is refused. */
export const SUM_TOLERANCE = 1e-3;
export const weightsRenormalised = (which: string, sum: number) =>
  `${which}权重之和为 ${Number(sum.toFixed(10))}（四舍五入所致），已按比例调整为 1 / ` +
  `${which} weights sum to ${Number(sum.toFixed(10))} (rounding), rescaled to sum to 1`;
export const lowWeight = (method: string, criterion: string, weight: number, floor: number, why: string) =>
  `${method}：指标“${criterion}”的权重 ${(weight * 100).toFixed(2)}% 低于下限 ${(floor * 100).toFixed(2)}%，${why.split(' / ')[0]} / ` +
  `${method}: the weight of “${criterion}” is ${(weight * 100).toFixed(2)}%, below the floor of ${(floor * 100).toFixed(2)}%: ${why.split(' / ')[1]}`;
export const whyConstant = () =>
  '各单位取值完全相同，无区分度 / every unit has the same value, so it distinguishes nothing';
export const whyNearConstant = (cv: number) =>
  `各单位取值几乎相同（变异系数 ${cv.toFixed(4)}），数据方法认为其信息量很少；如该指标重要，请以主观权重为主或设定权重下限 / ` +
  `its values are nearly constant across units (coefficient of variation ${cv.toFixed(4)}), so a data method finds little information in it; if it matters, rely on subjective weights or set a floor`;
export const whyRedundant = (conflict: number, n: number) =>
  `与其他指标高度相关（冲突性 ${conflict.toFixed(4)}，最大可能 ${2 * (n - 1)}），信息与其他指标重复 / ` +
  `it is highly correlated with the other indicators (conflict ${conflict.toFixed(4)} of at most ${2 * (n - 1)}), so its information is repeated elsewhere`;
export const whyLowContrast = (sigma: number) =>
  `标准化后离散程度小（σ = ${sigma.toFixed(4)}），多数单位取值接近 / ` +
  `its normalised spread is small (σ = ${sigma.toFixed(4)}): most units have similar values`;
export const badFloor = (text: string) =>
  `权重下限须为 0 到 100 之间的百分数，实际“${text}” / the weight floor must be a percentage between 0 and 100, got “${text}”`;
export const criteriaMismatch = (onlySubjective: string[], onlyObjective: string[], files = '') =>
  `主客观权重的指标不一致${files && `（${files}）`} / subjective and objective weights name different criteria${files && ` (${files})`}: ` +
  [
    onlySubjective.length ? `仅主观 only subjective: ${onlySubjective.join(', ')}` : '',
    onlyObjective.length ? `仅客观 only objective: ${onlyObjective.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('; ');
export const badAlpha = (alpha: unknown) =>
  `α 须为 0 到 1 之间的数，实际 ${String(alpha)} / alpha must be a number between 0 and 1, got ${String(alpha)}`;
export const alphaOnlyLinear = () =>
  '--alpha 只用于 --mode linear / --alpha only applies with --mode linear';
export const zeroProduct = () =>
  '乘法合成：每个指标的主观或客观权重至少有一个为 0，无法归一化 / multiplicative combination: every criterion has a zero subjective or objective weight, so nothing is left to normalise';
export const inconsistentInput = (cr: number) =>
  `该 AHP 结果未通过一致性检验（CR=${cr.toFixed(3)}），请先修正判断矩阵 / this AHP result failed the consistency check (CR=${cr.toFixed(3)}); fix the matrix first`;

// ---------- TOPSIS
export const topsisWeightCount = (got: number, expected: number) =>
  `TOPSIS：有 ${got} 个权重，应为 ${expected} 个 / TOPSIS: ${got} weights given, expected ${expected}`;
export const topsisBadWeight = (criterion: string, value: number) =>
  `TOPSIS：“${criterion}”的权重须为非负有限数，实际 ${value} / TOPSIS: the weight of “${criterion}” must be a non-negative finite number, got ${value}`;
export const topsisZeroWeights = () => 'TOPSIS：权重全为 0 / TOPSIS: all weights are 0';

// ---------- files
export const cannotRead = (code: string) => `无法读取文件 / cannot read file (${code})`;
export const notUtf8 = () =>
  '文件不是 UTF-8 编码：请在 Excel 中另存为“CSV UTF-8” / the file is not UTF-8: save it as “CSV UTF-8” in Excel';
export const csvSyntax = (detail: string) => `CSV 格式错误 / CSV syntax error: ${detail}`;
export const emptyFile = () => '文件没有内容 / the file is empty';
export const noDataRows = () => '文件只有表头，没有数据行 / the file has a header but no data rows';
export const emptyHeader = (col: number) => `第 ${col} 列表头为空 / header of column ${col} is empty`;
export const duplicateName = (what: string, name: string) =>
  `${what}“${name}”重复 / duplicate ${what} “${name}”`;
export const rowNameMismatch = (expected: string, got: string) =>
  `行名应为“${expected}”（与表头同序），实际为“${got}” / row name should be “${expected}” (same order as the header), got “${got}”`;
export const matrixRowCount = (rows: number, n: number) =>
  `判断矩阵有 ${n} 个指标却有 ${rows} 行 / the matrix header names ${n} criteria but there are ${rows} rows`;
export const missingCell = () => '单元格为空 / empty cell';
export const extraCell = (text: string) => `表头之外多出的值“${text}” / value “${text}” beyond the last header column`;
export const badJudgementText = (text: string) =>
  `无法识别的判断“${text}”（可写 3、1/3、0.5）/ cannot read judgement “${text}” (write e.g. 3, 1/3, 0.5)`;
export const badNumberText = (text: string) => `不是数字：“${text}” / not a number: “${text}”`;
export const unknownCriterion = (name: string, known: string[]) =>
  `没有名为“${name}”的指标（可选：${known.join('、')}）/ no criterion named “${name}” (one of: ${known.join(', ')})`;
export const badWeightsJson = (detail: string) =>
  `不是有效的权重 JSON（需要 criteria 与 weights 数组）/ not a weights JSON (needs criteria and weights arrays): ${detail}`;

// ---------- --from
export const dataOrFrom = () =>
  '请给出数据 CSV 或 --from <流水线>（二者选一）/ give either a data CSV or --from <pipeline>, not both';
export const fromNeedsYearGroup = () =>
  '--from 需要 --year <年度> 和 --group <分组编号或名称> / --from needs --year <year> and --group <group id or label>';

// ---------- --write
export const writeNeedsGroup = () =>
  '--write 需要 --group <分组编号或名称>，指明写入哪一组的下级权重 / --write needs --group <group id or label>: whose children get the weights';
export const badDecimals = (text: string) =>
  `--decimals 须为 0–12 的整数（给出“${text}”） / --decimals must be an integer from 0 to 12 (got “${text}”)`;
export const weightsWritten = (file: string, group: string, pairs: string[]) =>
  `已写入 ${file}：“${group}”的下级权重（%，合计 100）${pairs.join('，')} / wrote the weights of ${group}'s children into ${file} (percent, sum 100): ${pairs.join(', ')}`;
export const weightsFromRemoved = (file: string, group: string, method: string) =>
  `${file}：已删去“${group}”的 weights_from（${method}），权重现为文件中的数值 / ${file}: removed weights_from (${method}) from ${group}; its weights are now the numbers in the file`;
