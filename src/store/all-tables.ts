/** Every documented output table, in pipeline order (each stage owns its list). */
import { STAGING_TABLES, type TableDoc } from './contract.js';
import { METRICS_CONTRACT } from '../metrics/contract.js';
import { SCORE_CONTRACT } from '../score/contract.js';
import { ANALYSE_CONTRACT } from '../analyse/contract.js';

export const ALL_TABLES: TableDoc[] = [
  ...STAGING_TABLES,
  ...METRICS_CONTRACT.map((t) => ({ ...t, stage: 'metrics' })),
  ...SCORE_CONTRACT.map((t) => ({ ...t, stage: 'score' })),
  ...ANALYSE_CONTRACT.map((t) => ({ ...t, stage: 'analyse' })),
];
