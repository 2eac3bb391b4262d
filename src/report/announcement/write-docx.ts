/**
 * The announcement draft as a Word file (`docx` npm package): a centred title, the scope and
 * method paragraph, four numbered sections (grades, bonus / deduction / veto, follow-up, the
 * table of composites whose header row repeats on every page), closing line and date. Chinese
 * drafts use the fonts of official documents (仿宋 body, 黑体 headings, 宋体 title) with Latin
 * fallbacks; Word substitutes a font a machine lacks, so the file opens anywhere.
 */
import {
  AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
} from 'docx';
import type { ReportModel } from '../model.js';
import { announcementContent, type AnnouncementContent } from './announcement-content.js';
import { announcementLabels } from './announcement-labels.js';

interface Fonts { body: string; heading: string; title: string; latin: string }
const FONTS: Record<'zh' | 'en', Fonts> = {
  zh: { body: '仿宋', heading: '黑体', title: '宋体', latin: 'Times New Roman' },
  en: { body: 'Calibri', heading: 'Calibri', title: 'Calibri', latin: 'Calibri' },
};

/** Half-points: 16 pt body (三号 in official documents), 22 pt title, 10.5 pt table (五号). */
const SIZE = { body: 32, title: 44, table: 21 };

function run(text: string, font: string, latin: string, size: number, bold = false): TextRun {
  return new TextRun({ text, bold, size, font: { ascii: latin, hAnsi: latin, eastAsia: font, cs: latin } });
}

export function announcementDocument(m: ReportModel, c: AnnouncementContent = announcementContent(m)): Document {
  const f = FONTS[m.lang];
  const a = announcementLabels(m.lang);
  const body = (text: string, indent = true) => new Paragraph({
    children: [run(text, f.body, f.latin, SIZE.body)], spacing: { line: 560, lineRule: 'exact' as const },
    indent: indent ? { firstLine: m.lang === 'zh' ? 640 : 0 } : undefined, alignment: AlignmentType.JUSTIFIED,
  });
  const heading = (text: string) => new Paragraph({
    children: [run(text, f.heading, f.latin, SIZE.body, m.lang === 'en')], heading: HeadingLevel.HEADING_1,
    spacing: { before: 240, after: 120 }, indent: { firstLine: m.lang === 'zh' ? 640 : 0 },
  });
  const children: (Paragraph | Table)[] = [
    new Paragraph({ children: [run(c.title, f.title, f.latin, SIZE.title, true)], heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, spacing: { after: 360 } }),
    body(c.scope),
    heading(a.h1),
    ...c.grades.map((g) => body(a.gradeLine(g.label, g.units.length, g.units.length ? g.units.join(a.list) : a.none))),
    heading(a.h2),
    ...(c.adjustments.length ? c.adjustments.map((x) => body(x)) : [body(a.noAdjustments)]),
    heading(a.h3),
    ...(c.followUp === null ? [body(a.noAnalysis)] : c.followUp.length ? [body(a.followUpIntro), ...c.followUp.map((x) => body(x))] : [body(a.noFollowUp)]),
    heading(a.h4),
    compositeTable(c.table),
    body(a.closing),
    new Paragraph({ children: [run(a.signature(m.data.year), f.body, f.latin, SIZE.body)], alignment: AlignmentType.RIGHT, spacing: { before: 480 } }),
  ];
  return new Document({
    creator: 'yardstick', title: c.title, styles: { paragraphStyles: tableStyles(f) },
    sections: [{ properties: { page: { margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 } } }, children }],
  });
}

/**
 * Table cells are plain paragraphs in two paragraph styles (fonts and size set once in the
 * styles, not on every run): a 2,000-unit table is 16,000 cells, and a run per cell with its own
 * fonts made the file several times slower to build.
 */
function compositeTable(t: AnnouncementContent['table']): Table {
  // rank and the four numbers are right-aligned
  const numeric = new Set([0, 3, 4, 5, 6]);
  const cell = (text: string, style: string, i: number) => new TableCell({
    children: [new Paragraph({ text, style, alignment: numeric.has(i) ? AlignmentType.RIGHT : undefined })],
  });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: t.headers.map((h, i) => cell(h, 'TableHead', i)) }),
      ...t.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v, i) => cell(v, 'TableText', i)) })),
    ],
  });
}

/** The two table paragraph styles: body font (headings font, bold, for the header row) at table size. */
function tableStyles(f: Fonts) {
  const font = (name: string) => ({ ascii: f.latin, hAnsi: f.latin, eastAsia: name, cs: f.latin });
  return [
    { id: 'TableText', name: 'Table Text', run: { font: font(f.body), size: SIZE.table } },
    { id: 'TableHead', name: 'Table Heading', run: { font: font(f.heading), size: SIZE.table, bold: true } },
  ];
}

export async function announcementDocx(m: ReportModel): Promise<Buffer> {
  return Packer.toBuffer(announcementDocument(m));
}
