/**
 * The generator's library API (used by the CLI, the tests and the benchmark).
 */
export { generateAttendanceCsv, generateAttendanceXlsx, CLEAN_HEADERS } from './attendance-file.js';
export type { AttendanceFileOptions, AttendanceFileResult } from './attendance-file.js';
export { generateBundle, planBundle, writeFiles } from './bundle.js';
export type { BundleFormat, BundleOptions, FileSpec } from './bundle.js';
export { generateSample, buildSample, SAMPLE_SEED, SAMPLE_YEARS } from './sample.js';
export type { Dirt, SampleResult } from './sample.js';
export { encodeGbk, gbkTable } from './gbk.js';
export { Rng } from './random.js';
