/**
 * A speed trick for GBK/GB18030 CSVs, kept because the plain path (decode a
 * UTF-8 copy in JS first, to-utf8.ts) costs ~10 s per 10M-row export and fails
 * the benchmark's floor (bench/RESULTS.md). `optimised == plain` is tested on the
 * same inputs (test/ingest/read-csv-gbk.test.ts).
 *
 * DuckDB reads the bytes as latin-1 (one character per byte, nothing lost), and
 * GBK never uses a byte below 0x40 inside a character, so delimiters, quotes and
 * line breaks parse exactly as in the decoded text (GB18030's four-byte
 * characters add ASCII digits, also harmless). Only the distinct non-ASCII cell
 * values are then decoded, in JS, into a lookup table (enc → txt), and the raw
 * relation is a view decoding through it: the same cells as the plain path.
 *
 * DuckDB's latin-1 refuses the bytes 0x80–0x9F ("File is not latin-1 encoded"),
 * which GBK uses in its rarer characters (喆 is 0x86 0xB4; common GB2312
 * characters never do). A sample holding one takes the plain path at once; one
 * further down fails the landing (`NotLatin1`), and read-csv.ts reads again plainly.
 */
import type { Db } from '../../store/db.js';
import { quotedIdentifier as q } from '../../store/db.js';
import type { Sample } from './detect-encoding.js';
import type { SampleCodec } from './csv-layout.js';

const BATCH = 50_000;

/** The landing met a byte DuckDB's latin-1 refuses: read the file the plain way. */
export class NotLatin1 extends Error {}

/** Whether DuckDB's latin-1 takes these bytes (none in 0x80–0x9F). */
export function latin1Readable(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80 && bytes[i] <= 0x9f) return false;
  return true;
}

/** Whether a DuckDB error is its latin-1 refusal. */
export const isLatin1Refusal = (message: string) => /not latin-1 encoded/i.test(message);

/** Text landed as latin-1 from GB18030 bytes, decoded. Messages mixing ASCII and such text decode whole. */
export function decodeLatin1Gbk(s: string): string {
  // eslint-disable-next-line no-control-regex
  const latin1 = /[^\x00-\x7f]/.test(s) && !/[^\x00-\xff]/.test(s);
  return latin1 ? new TextDecoder('gb18030').decode(Buffer.from(s, 'latin1')) : s;
}

/** The sample read as DuckDB lands it (a char per byte); cells decoded for people (the header). */
export const GBK_AS_LATIN1_SAMPLE: SampleCodec = {
  text: (s: Sample) => s.bytes.toString('latin1'),
  byteLength: (t) => t.length,
  cell: decodeLatin1Gbk,
};

/** A latin-1-landed cell holds a non-ASCII byte when its UTF-8 form is longer than its characters. */
const nonAscii = (c: string) => `strlen(${c}) > length(${c})`;

/**
 * Fill the temp table `lookup` (enc, txt) from the distinct non-ASCII values of
 * the columns `names` of `from`; returns the columns that have any. Values go to
 * JS in batches, never all at once (a column of titles can hold a value per row).
 */
export async function buildTextLookup(db: Db, from: string, names: string[], lookup: string): Promise<string[]> {
  await db.run(`CREATE OR REPLACE TEMP TABLE ${q(lookup)} (enc VARCHAR, txt VARCHAR)`);
  const todo = q(`${lookup}_todo`);
  try {
    // One scan: each column's distinct non-ASCII values, tagged with the column.
    const perColumn = names.map((n, i) => `SELECT DISTINCT ${i} AS col, ${q(n)} AS v FROM ${q(from)} WHERE ${nonAscii(q(n))}`);
    await db.run(`CREATE OR REPLACE TEMP TABLE ${todo} AS
      SELECT col, v, dense_rank() OVER (ORDER BY v) AS i FROM (${perColumn.join('\n      UNION ALL ')})`);
    const cols = (await db.all<{ col: number }>(`SELECT DISTINCT col FROM ${todo} ORDER BY col`)).map((r) => names[Number(r.col)]);
    const n = Number((await db.one<{ n: number }>(`SELECT max(i) AS n FROM ${todo}`))?.n ?? 0);
    const decoder = new TextDecoder('gb18030');
    for (let at = 0; at < n; at += BATCH) {
      const rows = await db.all<{ v: string }>(`SELECT DISTINCT v FROM ${todo} WHERE i > ${at} AND i <= ${at + BATCH}`);
      const app = await db.conn.createAppender(lookup);
      for (const { v } of rows) {
        app.appendVarchar(v);
        app.appendVarchar(decoder.decode(Buffer.from(v, 'latin1')));
        app.endRow();
      }
      app.closeSync();
    }
    return cols;
  } finally {
    await db.run(`DROP TABLE IF EXISTS ${todo}`);
  }
}

/** The view `view`: `from`'s source_row and columns `names`, those in `decoded` read through `lookup`. */
export async function createDecodingView(db: Db, o: { view: string; from: string; names: string[]; decoded: string[]; lookup: string }): Promise<void> {
  const cols = o.names.map((n, i) => (o.decoded.includes(n) ? `coalesce(t${i}.txt, e.${q(n)}) AS ${q(n)}` : `e.${q(n)}`));
  const joins = o.names.map((n, i) => (o.decoded.includes(n) ? `LEFT JOIN ${q(o.lookup)} t${i} ON t${i}.enc = e.${q(n)}` : '')).filter(Boolean);
  await db.run(`CREATE TEMP VIEW ${q(o.view)} AS SELECT e.source_row, ${cols.join(', ')} FROM ${q(o.from)} e ${joins.join(' ')}`);
}
