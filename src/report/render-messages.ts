/** Messages of the report's rendering (font, PDF, skipped years), zh / en, one function per message. */
import { basename, dirname } from 'node:path';

export const shippedFontMissing = () =>
  '找不到随软件提供的中文字体（npm 包 @embedpdf/fonts-sc），请重新运行 npm install / the Chinese font shipped with Yardstick (npm package @embedpdf/fonts-sc) is missing: run `npm install` again';
export const fontMissing = (path: string) => `字体文件不存在：${path} / font file not found: ${path}`;
export const fontNotReadable = (path: string, why: string) =>
  `无法读取字体文件 ${path}（需要 TTF、OTF 或 TTC 格式；WOFF 不可用）：${why} / cannot read font ${path} (TTF, OTF or TTC needed; WOFF does not work): ${why}`;
export const fontLacksChinese = (path: string, missing: string) =>
  `字体 ${path} 不含中文字形（缺少：${missing}），图表中的中文会显示为方框；请换用中文字体，或不指定 --font / YARDSTICK_CJK_FONT 以使用随软件提供的字体 / font ${path} has no Chinese glyphs (missing: ${missing}); Chinese labels would be drawn as boxes: give a Chinese font, or leave out --font / YARDSTICK_CJK_FONT to use the shipped one`;

export const pdfNoChromium = () =>
  '无法生成 PDF：找不到 Chromium 浏览器。请安装（Debian/Ubuntu：apt-get install chromium），或设置 YARDSTICK_CHROMIUM 为浏览器程序的路径；也可以在浏览器中打开 index.html 后打印为 PDF / cannot write the PDF: Chromium was not found. Install it (Debian/Ubuntu: apt-get install chromium) or set YARDSTICK_CHROMIUM to the browser program; or open index.html in a browser and print it to PDF';
export const pdfFailed = (file: string, why: string) => `生成 PDF 失败（${file}）：${why} / writing the PDF of ${file} failed: ${why}`;

/** Several unchanged reports in one line (folder names, and their common folder once). */
export function unchangedYears(dirs: string[]): string {
  const parents = [...new Set(dirs.map((d) => dirname(d)))];
  const names = parents.length === 1 ? dirs.map((d) => basename(d)).join(', ') : dirs.join(', ');
  const where = parents.length === 1 ? parents[0] : '';
  return `${dirs.length} 份报告的数据和指标体系与上次出报告时相同，未重新生成：${names}${where && `（${where}）`}；要强制重新生成请运行 yardstick report --force / ` +
    `${dirs.length} reports not re-rendered, inputs and tree unchanged: ${names}${where && ` (${where})`}; yardstick report --force renders them again`;
}

export const unchangedYear = (year: number, dir: string) =>
  `${year} 年：数据和指标体系与上次出报告时相同，未重新生成（${dir}；要强制重新生成请运行 yardstick report --force） / ${year}: inputs and tree unchanged since the last report, not re-rendered (${dir}; yardstick report --force renders it again)`;
