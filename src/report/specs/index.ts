/** Every chart of a report, in page order; builders return null when their table is absent or empty. */
import type { ReportModel } from '../model.js';
import type { Chart } from './common.js';
import { buildRankingChart } from './ranking.js';
import { buildDimensionsChart } from './dimensions.js';
import { buildHeatmapChart } from './heatmap.js';
import { buildTrendsChart } from './trends.js';
import { buildSlopeChart } from './slope.js';
import { buildFlagsChart } from './flags.js';
import { buildSensitivityChart } from './sensitivity.js';
import { buildQualityChart } from './quality.js';
import { buildWeightsChart } from './weights.js';
import { buildWeightImpactChart } from './weight-impact.js';
import { buildUnitScoresChart } from './unit-scores.js';
import { buildUnitRankChart } from './unit-rank.js';
import { buildPreviewChart } from './preview.js';
import { sortByPosition } from './position-sort.js';
import { withAria } from './aria.js';

export type { Chart } from './common.js';

export function buildReportSpecs(m: ReportModel): Chart[] {
  const charts = [
    buildRankingChart(m), buildDimensionsChart(m), buildHeatmapChart(m), buildTrendsChart(m), buildSlopeChart(m),
    buildFlagsChart(m), buildSensitivityChart(m), buildWeightImpactChart(m), buildPreviewChart(m), buildQualityChart(m), buildWeightsChart(m),
  ];
  return charts.filter((c): c is Chart => c !== null).map(sortByPosition).map((c) => withAria(c, m.l, m.lang));
}

export function buildUnitSpecs(m: ReportModel, unitId: string): Chart[] {
  return [buildUnitScoresChart(m, unitId), buildUnitRankChart(m, unitId)].filter((c): c is Chart => c !== null).map(sortByPosition).map((c) => withAria(c, m.l, m.lang));
}
