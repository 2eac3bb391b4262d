/** Test helpers: decode an export the way a user's tools would, and read xlsx rows. */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** UTF-8 (BOM stripped) when it decodes strictly, else GB18030 (a superset of GBK). */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8-bom' | 'utf-8' | 'gbk' } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gbk' };
  }
}

/** CSV lines of a file (no field in these exports spans lines). */
export function csvLines(file: string): string[] {
  return decodeText(readFileSync(file)).text.split(/\r?\n/);
}

export function parseCsvLine(line: string): string[] {
  return (parse(line, { relax_column_count: true }) as string[][])[0] ?? [];
}

export async function readWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** Files under `dir` as sorted `/`-separated relative paths. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p).split('\\').join('/'));
    }
  };
  walk(dir);
  return out;
}

/** Every file under `dir` with its sha256, keyed by relative path. */
export function hashTree(dir: string): Record<string, string> {
  return Object.fromEntries(filesUnder(dir).map((f) => [f, createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')]));
}

/** A pipeline `files:` pattern as a RegExp: `{year}` → a 4-digit year, `*` → anything but a slash. */
export function globToRegExp(glob: string): RegExp {
  const body = glob
    .split(/(\{year\}|\*)/)
    .map((part) => (part === '{year}' ? '\\d{4}' : part === '*' ? '[^/]*' : part.replace(/[.+?^$()[\]{}|\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`);
}

/**
 * What a file holds, for comparing across machines: the bytes of text files, the
 * cell values of workbooks (zip bytes depend on the zlib build, cells do not).
 */
export async function contentDigest(file: string): Promise<string> {
  const hash = createHash('sha256');
  if (!file.endsWith('.xlsx')) return hash.update(readFileSync(file)).digest('hex');
  const wb = await readWorkbook(file);
  for (const ws of wb.worksheets) {
    hash.update(`${ws.name}\n`);
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      hash.update(`${n}:${JSON.stringify(row.values)}:${ws.getCell(n, 1).isMerged}\n`);
    });
  }
  return hash.digest('hex');
}
