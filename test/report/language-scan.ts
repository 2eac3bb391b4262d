/**
 * The text a reader sees in every file of a report folder, for the one-language scans:
 * HTML (visible text: no scripts, styles or tags), SVG (text nodes and what screen readers read:
 * aria-label, aria-roledescription, any attribute that is not geometry, paint or font), Vega-Lite specs
 * (titles, axis / legend titles, tooltip titles, slider names and every string of the inline data,
 * which is what marks and legends show), xlsx (sheet names and every cell, headers included),
 * csv (every field) and docx (the paragraphs of word/document.xml). PNG files are the SVGs drawn.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';

export interface FileText { file: string; text: string }

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'")
  .replace(/&emsp;/g, ' ').replace(/&nbsp;/g, ' ').replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
  .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16))).replace(/&amp;/g, '&');

export function htmlText(html: string): string {
  return decode(html.replace(/<script[\s\S]*?<\/script>/gi, ' ').replace(/<style[\s\S]*?<\/style>/gi, ' ').replace(/<[^>]+>/g, ' '));
}

/**
 * Attributes that draw or lay out (geometry, paint, font, CSS) or are ARIA tokens a screen reader
 * translates itself (`role`): every other attribute's value — aria-label, aria-roledescription,
 * aria-description, title … — is text someone hears or sees, as is every text node.
 */
const TECHNICAL_ATTRIBUTES = new Set([
  'xmlns', 'xmlns:xlink', 'version', 'class', 'id', 'role', 'aria-hidden', 'style', 'viewbox', 'd', 'transform', 'points',
  'x', 'y', 'x1', 'x2', 'y1', 'y2', 'dx', 'dy', 'cx', 'cy', 'r', 'rx', 'ry', 'width', 'height', 'offset', 'href', 'xlink:href', 'clip-path',
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'stroke-dashoffset', 'stroke-linecap',
  'stroke-linejoin', 'stroke-miterlimit', 'opacity', 'stop-color', 'stop-opacity', 'display', 'pointer-events', 'text-anchor',
  'dominant-baseline', 'font-family', 'font-size', 'font-style', 'font-weight', 'font-variant', 'letter-spacing', 'gradientunits',
  'gradienttransform', 'preserveaspectratio', 'cursor', 'visibility', 'mix-blend-mode', 'shape-rendering',
]);

/** What an SVG says to a reader: its text nodes and every non-technical attribute (aria-label, aria-roledescription …). */
export function svgText(svg: string): string {
  const out: string[] = [];
  for (const tag of svg.matchAll(/<[^>!?/][^>]*>|>([^<]+)</g)) {
    if (tag[1] !== undefined) { out.push(decode(tag[1])); continue; }
    for (const a of tag[0].matchAll(/\s([\w:-]+)="([^"]*)"/g)) if (!TECHNICAL_ATTRIBUTES.has(a[1].toLowerCase())) out.push(decode(a[2]));
  }
  return out.join('\n');
}

/** Keys of a Vega-Lite spec whose string values a reader sees (`name` only as a slider's label). */
const SHOWN = new Set(['title', 'subtitle', 'text', 'labelExpr']);

export function vegaLiteText(json: string): string {
  const out: string[] = [];
  const walk = (v: unknown, key: string, inData: boolean) => {
    if (typeof v === 'string') {
      if (inData || SHOWN.has(key)) out.push(v);
    } else if (Array.isArray(v)) {
      for (const x of v) walk(x, key, inData);
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        // a text mark's `text` encoding is a field definition, not text
        if (k === 'text' && x && typeof x === 'object' && !Array.isArray(x)) walk(x, '', inData);
        else if (k === 'bind' && x && typeof x === 'object') walk((x as { name?: unknown }).name, 'text', inData);
        else walk(x, k, inData || (key === 'data' && k === 'values'));
      }
    }
  };
  walk(JSON.parse(json), '', false);
  return out.join('\n');
}

export async function xlsxText(file: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: string[] = [];
  wb.eachSheet((ws) => {
    out.push(ws.name);
    ws.eachRow((row) => row.eachCell((c) => {
      const v = c.value;
      if (v === null || v === undefined) return;
      out.push(typeof v === 'object' && 'richText' in v ? v.richText.map((r) => r.text).join('') : String(v));
    }));
  });
  return out.join('\n');
}

/** One entry of a zip file (the central directory read by hand: stored or deflated entries). */
export function unzipEntry(zip: Buffer, name: string): Buffer | null {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip file');
  let at = zip.readUInt32LE(eocd + 16);
  const entries = zip.readUInt16LE(eocd + 10);
  for (let i = 0; i < entries; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLen = zip.readUInt16LE(at + 28);
    const extraLen = zip.readUInt16LE(at + 30);
    const commentLen = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const entry = zip.subarray(at + 46, at + 46 + nameLen).toString('utf8');
    if (entry === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return method === 0 ? Buffer.from(data) : inflateRawSync(data);
    }
    at += 46 + nameLen + extraLen + commentLen;
  }
  return null;
}

/** The paragraphs of a .docx (word/document.xml), one per line; table cells are paragraphs too. */
export function docxParagraphs(file: string): string[] {
  const xml = unzipEntry(readFileSync(file), 'word/document.xml')?.toString('utf8');
  if (!xml) throw new Error(`${file}: no word/document.xml`);
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .map((p) => decode([...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')));
}

export async function fileText(file: string): Promise<string | null> {
  switch (extname(file)) {
    case '.html': return htmlText(readFileSync(file, 'utf8'));
    case '.svg': return svgText(readFileSync(file, 'utf8'));
    case '.json': return vegaLiteText(readFileSync(file, 'utf8'));
    case '.xlsx': return xlsxText(file);
    case '.csv': return readFileSync(file, 'utf8');
    case '.docx': return docxParagraphs(file).join('\n');
    default: return null;
  }
}

/** Every readable output under `dir`, with its path relative to `dir`. */
export async function outputTexts(dir: string): Promise<FileText[]> {
  const out: FileText[] = [];
  const walk = async (d: string) => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) await walk(p);
      else {
        const text = await fileText(p);
        if (text !== null) out.push({ file: relative(dir, p), text });
      }
    }
  };
  await walk(dir);
  return out;
}

/** `text` with every allowed string (user data shown as written) blanked out, longest first. */
export function without(text: string, allowed: string[]): string {
  return [...allowed].filter(Boolean).sort((a, b) => b.length - a.length).reduce((t, s) => t.split(s).join(' '), text);
}

/** ASCII words (letters, ids, English units) left in a Chinese text, each with a little context. */
export function asciiWords(text: string): string[] {
  return [...text.matchAll(/[A-Za-z][A-Za-z0-9_:·/.-]*/g)].map((m) => `${m[0]}  «${text.slice(Math.max(0, m.index - 12), m.index + m[0].length + 12).replace(/\s+/g, ' ')}»`);
}

/** Han characters left in an English text, each run with a little context. */
export function hanRuns(text: string): string[] {
  return [...text.matchAll(/[\u3400-\u9fff\uf900-\ufaff]+/g)].map((m) => `${m[0]}  «${text.slice(Math.max(0, m.index - 16), m.index + m[0].length + 16).replace(/\s+/g, ' ')}»`);
}

/** The rows of every table in a .docx, as cell texts (a cell's paragraphs joined by a line break). */
export function docxTableRows(file: string): string[][] {
  const xml = unzipEntry(readFileSync(file), 'word/document.xml')!.toString('utf8');
  const text = (x: string) => [...x.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .map((p) => decode([...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''))).join('\n');
  return [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((r) => [...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => text(c[0])));
}
