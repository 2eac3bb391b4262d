/** Every documented table, in pipeline order (each stage owns its list; the ingest tables live in src/contract/). */
import { INGEST_TABLES, type TableDoc } from '../contract/index.js';
import { METRICS_CONTRACT } from '../metrics/contract.js';
import { SCORE_CONTRACT } from '../score/contract.js';
import { ANALYSE_CONTRACT } from '../analyse/contract.js';

export const ALL_TABLES: TableDoc[] = [
  ...INGEST_TABLES,
  ...METRICS_CONTRACT.map((t) => ({ ...t, stage: 'metrics' })),
  ...SCORE_CONTRACT.map((t) => ({ ...t, stage: 'score' })),
  ...ANALYSE_CONTRACT.map((t) => ({ ...t, stage: 'analyse' })),
];
