/**
 * GBK/GB18030 CSVs land without a UTF-8 copy. DuckDB reads the bytes as latin-1
 * (one character per byte, so nothing is lost), and GBK never uses a byte below
 * 0x40 inside a character, so delimiters, quotes and line breaks parse exactly
 * as in the decoded text (GB18030's four-byte characters add ASCII digits, also
 * harmless). Then only the distinct non-ASCII cell values are decoded, in JS,
 * into a lookup table (enc → txt), and the raw relation decodes through it.
 *
 * Why: writing a decoded copy of a 10M-row file cost ~2.6 s (decoding 2.7 s of
 * one core, plus the write); landing as latin-1 costs ~0.5 s more than UTF-8,
 * and a 10M-row attendance file has ~8,000 distinct non-ASCII values (0.2 s).
 * The fact path joins rows to its dictionaries on the landed text and decodes
 * per distinct value too (build-fact-sql.ts); other kinds read the decoding view.
 */
import type { Db } from '../store/db.js';
import { quotedIdentifier as q } from '../store/db.js';


const BATCH = 50_000;

/** Text landed as latin-1 from GB18030 bytes, decoded. Messages mixing ASCII and such text decode whole. */
export function decodeLatin1Gbk(s: string): string {
  // eslint-disable-next-line no-control-regex
  const latin1 = /[^\x00-\x7f]/.test(s) && !/[^\x00-\xff]/.test(s);
  return latin1 ? new TextDecoder('gb18030').decode(Buffer.from(s, 'latin1')) : s;
}

/** A latin-1-landed cell holds a non-ASCII byte when its UTF-8 form is longer than its characters. */
const nonAscii = (c: string) => `strlen(${c}) > length(${c})`;

/**
 * Fill the temp table `lookup` (enc, txt) from the distinct non-ASCII values of
 * the landed columns `names` of `from` (SQL for the landed relation); returns the
 * columns that have any. A pack is decoded whole: its separator (0x1F) is below
 * 0x40, which GBK never uses inside a character. Values go to JS in batches,
 * never all at once (a column of titles can hold a distinct value per row).
 */
export async function buildTextLookup(db: Db, from: string, names: string[], lookup: string): Promise<string[]> {
  const c = (i: number) => q(names[i]);
  await db.run(`CREATE OR REPLACE TEMP TABLE ${q(lookup)} (enc VARCHAR, txt VARCHAR)`);
  if (!names.length) return [];
  const todo = q(`${lookup}_todo`);
  try {
    // One scan: each column's distinct non-ASCII values, tagged with the column.
    const perColumn = names.map((_, i) => `SELECT DISTINCT ${i} AS col, ${c(i)} AS v FROM ${from} WHERE ${nonAscii(c(i))}`);
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

/**
 * SQL for landed values read through `lookup` (undefined: as they are).
 * `values` are [SQL for a landed value, alias for its lookup join].
 */
export function decodeVia(lookup: string | undefined, values: [string, string][]): { exprs: string[]; joins: string } {
  if (!lookup) return { exprs: values.map(([v]) => v), joins: '' };
  return {
    exprs: values.map(([v, t]) => `coalesce(${q(t)}.txt, ${v})`),
    joins: values.map(([v, t]) => `LEFT JOIN ${q(lookup)} ${q(t)} ON ${q(t)}.enc = ${v}`).join(' '),
  };
}
