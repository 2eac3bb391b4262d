/** Messages of the report stage (zh / en), one function per message. */
export const noScores = (year: number, years: number[]) =>
  `${year} 年没有评分结果，请先运行 score（有结果的年度：${years.join('、') || '无'}） / no scores for ${year}: run \`yardstick score\` first (years with scores: ${years.join(', ') || 'none'})`;
export const noScoredYears = () => '数据库中没有评分结果，请先运行 score / the database holds no scores: run `yardstick score` first';
export const badFormat = (f: string) => `不支持的导出格式“${f}”（可用：parquet、arrow、csv） / unknown export format “${f}” (use parquet, arrow or csv)`;
