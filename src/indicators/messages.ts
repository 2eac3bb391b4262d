/**
 * Every message the indicator-file checks can print, one function each (vega-lite's
 * log/message.ts). Each says what is wrong, where, and what to do, in Chinese then English.
 */

const fmt = (x: number): string => String(Number(x.toFixed(6)));

export function weightSumOff(parent: string, sum: number, scale: 100 | 1, weights: string): string {
  const off = sum - scale;
  const looks = scale === 100 ? '百分比' : '小数';
  const looksEn = scale === 100 ? 'percentages' : 'fractions';
  return (
    `“${parent}”的子项权重之和为 ${fmt(sum)}（${weights}），看起来是${looks}，应为 ${scale}，相差 ${off > 0 ? '+' : ''}${fmt(off)}；请修改权重（不会自动重新缩放） / ` +
    `weights of the children of "${parent}" sum to ${fmt(sum)} (${weights}); they look like ${looksEn}, which must sum to ${scale}: off by ${off > 0 ? '+' : ''}${fmt(off)}. Fix the weights (they are never rescaled silently)`
  );
}

export function weightSumZero(parent: string): string {
  return `“${parent}”的子项权重全为 0 / all children of "${parent}" have weight 0; give at least one a positive weight`;
}

export function mixedWeightScales(): string {
  return '文件中有的组用百分比（和为 100），有的用小数（和为 1）；建议统一 / some groups use percentages (sum 100) and others fractions (sum 1); consider using one convention';
}

export function duplicateId(id: string, firstLine: number | undefined): string {
  const at = firstLine ? `（第 ${firstLine} 行已使用）` : '';
  const atEn = firstLine ? ` (already used on line ${firstLine})` : '';
  return `编号“${id}”重复${at}；每个节点的 id 必须唯一 / duplicate id "${id}"${atEn}; every node id must be unique`;
}

export function idNotSnakeCase(id: string, why: string): string {
  return `编号“${id}”不是 ascii snake_case（${why}），例如 study_space / id "${id}" is not ascii snake_case (${why}); use e.g. study_space`;
}

/** Why an id fails the snake_case rule, for the message. */
export function snakeCaseFault(id: string): string {
  if (id === '') return '空 / empty';
  if (/\s/.test(id)) return '含空格 / contains a space';
  if (/[^\x00-\x7f]/.test(id)) return '含非 ascii 字符 / contains non-ascii characters';
  if (/^[0-9]/.test(id)) return '以数字开头 / starts with a digit';
  if (/[A-Z]/.test(id)) return '含大写字母 / contains upper case';
  if (/-/.test(id)) return '含连字符 / contains a hyphen';
  return '只能用小写字母、数字和单个下划线 / only lower-case letters, digits and single underscores';
}

export function unknownMetric(metric: string, suggestion: string | undefined): string {
  const hint = suggestion ? `；是否应为“${suggestion}”？` : '';
  const hintEn = suggestion ? `; did you mean "${suggestion}"?` : '';
  return `未知指标数据“${metric}”${hint} / unknown metric "${metric}"${hintEn}`;
}

export function emptyGroup(id: string): string {
  return `组“${id}”没有任何子项；请添加指标或删除该组 / group "${id}" has no children; add indicators or remove the group`;
}

export function nodeWithoutMetric(id: string): string {
  return `节点“${id}”既没有 metric 也没有 indicators / node "${id}" has neither metric: (a leaf) nor indicators: (a group)`;
}

export function leafAndGroup(id: string): string {
  return `节点“${id}”同时有 metric 和 indicators；叶子用 metric，组用 indicators / node "${id}" has both metric: and indicators:; a leaf has metric, a group has indicators`;
}

export function goalpostsOrder(id: string, lo: number, hi: number): string {
  return `“${id}”的目标值区间 lo=${fmt(lo)} 应小于 hi=${fmt(hi)}（方向用 direction 表示） / goalposts of "${id}": lo=${fmt(lo)} must be below hi=${fmt(hi)} (use direction for lower_is_better)`;
}

export function missingParameter(id: string, method: string, param: string): string {
  return `“${id}”使用 ${method}，需要参数 ${param} / "${id}" uses ${method}, which needs ${param}`;
}

export function targetNotPositive(id: string, target: number): string {
  return `“${id}”的 percent_of_target 目标值须大于 0（当前 ${fmt(target)}） / percent_of_target of "${id}" needs a target above 0 (got ${fmt(target)})`;
}

export function capNotPositive(id: string): string {
  return `“${id}”的 cap 须大于 0 / cap of "${id}" must be above 0`;
}

export function poolNotMinmax(id: string, method: string): string {
  return `“${id}”的 pool（多年合并上下限）只用于 minmax，不能用于 ${method} / pool of "${id}" (pooled bounds) applies to minmax only, not ${method}`;
}

export function poolOrder(id: string, from: number, to: number): string {
  return `“${id}”的 pool 起始年 ${from} 应不晚于结束年 ${to}（写作 [2021, 2025]） / pool of "${id}": the first year ${from} must not be after the last ${to} (write [2021, 2025])`;
}

export function unusedParameter(id: string, method: string, params: string[]): string {
  return `“${id}”使用 ${method}，参数 ${params.join(', ')} 不起作用，已忽略 / "${id}" uses ${method}: ${params.join(', ')} ignored`;
}

export function topsisOptionsIgnored(id: string, aggregate: string): string {
  return `“${id}”的汇总方式是 ${aggregate}，topsis 设置不起作用，已忽略 / "${id}" aggregates by ${aggregate}: its topsis options are ignored`;
}

export function ignoredOnGroup(id: string, field: string): string {
  return `“${id}”是组，${field} 只对叶子指标有效，已忽略 / "${id}" is a group: ${field} applies to leaves only and is ignored`;
}

export function ignoredOnLeaf(id: string): string {
  return `“${id}”是叶子指标，aggregate 只对组有效，已忽略 / "${id}" is a leaf: aggregate applies to groups only and is ignored`;
}

export function geometricOverNegative(id: string, child: string): string {
  return `组“${id}”用几何平均，但子项“${child}”用 zscore（可能为负），将按下限截断 / group "${id}" uses a geometric mean but child "${child}" uses zscore (can go below 0): such values are floored`;
}

export function gradesNotDescending(grade: string): string {
  return `等级“${grade}”的下限不低于上一等级；等级应从高到低排列 / grade "${grade}" has a min not below the previous band; list bands from highest to lowest`;
}

export function gradesNoCatchAll(): string {
  return '最后一个等级不应设 min（低于其它等级的都归入它） / the last grade band must have no min (it takes everything below the others)';
}

export function gradeMinMissing(grade: string): string {
  return `等级“${grade}”缺少 min；只有最后一个等级可以省略 / grade "${grade}" needs a min; only the last band may omit it`;
}

export function duplicateGrade(grade: string): string {
  return `等级“${grade}”重复 / duplicate grade "${grade}"`;
}

export function vetoGradeUnknown(grade: string, bands: string[]): string {
  return `否决后的等级“${grade}”不在等级列表中（可选：${bands.join('、')}、not_graded） / veto grade "${grade}" is not a grade band (choose one of ${bands.join(', ')}, not_graded)`;
}

export function yearMismatch(file: string, year: number): string {
  return `文件名 ${file} 与 year: ${year} 不一致 / file name ${file} does not match year: ${year}`;
}

export function gradesAndGrading(): string {
  return '同时写了 grades 和 grading；请只保留 grading（其中的 grades 即等级列表） / both grades: and grading: are set; keep grading: (its grades: list is the grade list)';
}

export function maxShareWithBands(grade: string): string {
  return `等级“${grade}”设了 max_share，但 grading.method 为 bands；按名额评定请用 method: quota / grade "${grade}" has max_share but grading.method is bands; use method: quota for quota grading`;
}

export function quotaWithoutShare(): string {
  return 'grading.method 为 quota，但没有等级设 max_share，实际按分数段评定 / grading.method is quota but no grade has max_share: grades follow the score bands only';
}

export function unknownTieNode(id: string, suggestion: string | undefined): string {
  const hint = suggestion && suggestion !== id ? `；是否应为“${suggestion}”？` : '';
  const hintEn = suggestion && suggestion !== id ? `; did you mean "${suggestion}"?` : '';
  return `并列比较的节点“${id}”不是指标树中的维度或指标${hint} / tie-break node "${id}" is not a dimension or indicator of the tree${hintEn}`;
}

export function duplicateItemId(id: string): string {
  return `加分/扣分/否决事项编号“${id}”重复；请用 id: 区分 / bonus/deduction/veto item id "${id}" is used twice; give each item its own id:`;
}

export function adjustmentMetricReused(metric: string): string {
  return `指标数据“${metric}”已被另一个加分或扣分事项使用；每项数据只能计一次（加分栏中的负数自动按扣分计） / metric "${metric}" already feeds another bonus or deduction item; each metric counts once (a negative entry in a bonus metric already counts as a deduction)`;
}

export function vetoGradeMissing(effect: string): string {
  return `一票否决 effect: ${effect} 需要 grade（例如 grade: 一般） / veto effect ${effect} needs a grade: (e.g. grade: 一般)`;
}

export function ignoredVetoGrade(effect: string): string {
  return `一票否决 effect: ${effect} 不使用 grade，已忽略 / veto effect ${effect} takes no grade: it is ignored`;
}
