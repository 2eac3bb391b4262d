/** Every documented output table, in pipeline order (stages add their own lists). */
import { STAGING_TABLES, type TableDoc } from './contract.js';

export const ALL_TABLES: TableDoc[] = [...STAGING_TABLES];
