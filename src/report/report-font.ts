/**
 * The one font of a report's SVG layout and PNG charts. A fresh machine has no Chinese font and
 * resvg draws boxes without one (issue 14), so the report ships its own: Noto Sans Hans (Noto Sans
 * CJK SC, simplified Chinese subset, OFL-1.1) from the npm package `@embedpdf/fonts-sc`. `--font`
 * or $YARDSTICK_CJK_FONT replace it with the office's font; a font that cannot draw Chinese is an
 * error, never a silent fall-back to system fonts or to boxes.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { YardstickError } from '../errors.js';
import { readFontFile, type FontFile } from './font-file.js';
import { fontLacksChinese, fontMissing, fontNotReadable, shippedFontMissing } from './render-messages.js';

export interface ReportFont {
  /** Files given to resvg (regular first). */
  files: string[];
  /** Family name the charts are drawn in. */
  family: string;
  regular: FontFile;
  /** Bold face for bold text (titles), when the font comes with one. */
  bold: FontFile | null;
  /** Where it came from, for messages. */
  source: 'shipped' | 'option' | 'env';
}

/** Characters every report draws (headings, grades, units): a font must have them all. */
const CHINESE_PROBE = '单位考核学习型党组织建设评分等级优秀良好一般较差综合得分名次小时元';

function shippedFontDir(): string {
  try {
    // the package exports only its index (dist/index.*), next to which lies fonts/
    const entry = createRequire(import.meta.url).resolve('@embedpdf/fonts-sc');
    return join(dirname(entry), '..', 'fonts');
  } catch {
    throw new YardstickError(shippedFontMissing());
  }
}

/** The shipped font's files: regular and bold. */
export function shippedFontFiles(): { regular: string; bold: string } {
  const dir = shippedFontDir();
  const out = { regular: join(dir, 'NotoSansHans-Regular.otf'), bold: join(dir, 'NotoSansHans-Bold.otf') };
  if (!existsSync(out.regular)) throw new YardstickError(shippedFontMissing());
  return out;
}

function load(path: string): FontFile {
  if (!existsSync(path)) throw new YardstickError(fontMissing(path));
  let font: FontFile;
  try {
    font = readFontFile(path);
  } catch (e) {
    throw new YardstickError(fontNotReadable(path, (e as Error).message));
  }
  const missing = [...CHINESE_PROBE].filter((ch) => font.glyph(ch.codePointAt(0)!) === 0);
  if (missing.length) throw new YardstickError(fontLacksChinese(path, missing.join('')));
  return font;
}

const cache = new Map<string, ReportFont>();

/**
 * The report's font: `path` (--font), else $YARDSTICK_CJK_FONT, else the shipped one. Parsed once
 * per file and process.
 */
export function resolveReportFont(path?: string | null): ReportFont {
  const env = process.env.YARDSTICK_CJK_FONT || undefined;
  const given = path ?? env;
  const key = given ? resolve(given) : '<shipped>';
  let font = cache.get(key);
  if (font) return font;
  if (given) {
    const regular = load(resolve(given));
    font = { files: [regular.path], family: regular.family, regular, bold: null, source: path ? 'option' : 'env' };
  } else {
    const files = shippedFontFiles();
    const regular = load(files.regular);
    const bold = readFontFile(files.bold);
    font = { files: [files.regular, files.bold], family: regular.family, regular, bold, source: 'shipped' };
  }
  cache.set(key, font);
  return font;
}
