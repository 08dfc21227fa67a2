/**
 * A small PDF 1.4 writer for text documents: lines of Helvetica (regular and
 * bold, the standard Type 1 fonts every viewer has), wrapped to the page width
 * and paginated on A4, with uncompressed content streams (so the text is
 * searchable and the tests can read it back) and an exact cross-reference table.
 */

export type PdfLineStyle = 'title' | 'heading' | 'body' | 'small';

export interface PdfLine {
  text: string;
  style?: PdfLineStyle;
  /** Extra left indent in points. */
  indent?: number;
}

export interface PdfMeta {
  title: string;
  /** Printed at the bottom of every page, before "page i of n". */
  footer?: string;
  createdAt: Date;
}

const PAGE_WIDTH = 595; // A4 in points
const PAGE_HEIGHT = 842;
const MARGIN = 50;
const FOOTER_SIZE = 8;

const STYLES: Record<PdfLineStyle, { font: 'F1' | 'F2'; size: number; gapBefore: number }> = {
  title: { font: 'F2', size: 16, gapBefore: 0 },
  heading: { font: 'F2', size: 12, gapBefore: 8 },
  body: { font: 'F1', size: 10, gapBefore: 0 },
  small: { font: 'F1', size: 8, gapBefore: 0 },
};

const LEADING = 1.35;

// Advance widths (1/1000 em) of ASCII 32..126 from the Adobe AFM files of the standard fonts.
const HELVETICA = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278,
  584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944,
  667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500,
  278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
const HELVETICA_BOLD = [
  278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333,
  584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944,
  667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556,
  333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
];
/** Width assumed for characters beyond ASCII (accented letters are about as wide as their base). */
const OTHER_WIDTH = 556;

/** WinAnsiEncoding (the standard fonts' encoding here) beyond Latin-1: code points → byte. */
const WIN_ANSI_EXTRA: Readonly<Record<number, number>> = {
  0x20ac: 0x80, 0x201a: 0x82, 0x0192: 0x83, 0x201e: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87, 0x02c6: 0x88, 0x2030: 0x89,
  0x0160: 0x8a, 0x2039: 0x8b, 0x0152: 0x8c, 0x017d: 0x8e, 0x2018: 0x91, 0x2019: 0x92, 0x201c: 0x93, 0x201d: 0x94, 0x2022: 0x95,
  0x2013: 0x96, 0x2014: 0x97, 0x02dc: 0x98, 0x2122: 0x99, 0x0161: 0x9a, 0x203a: 0x9b, 0x0153: 0x9c, 0x017e: 0x9e, 0x0178: 0x9f,
};

/** The WinAnsi byte of a character; '?' for what the standard fonts cannot show. */
export function winAnsiByte(char: string): number {
  const code = char.codePointAt(0)!;
  if (code < 0x20) return 0x20;
  if (code < 0x7f || (code >= 0xa0 && code <= 0xff)) return code;
  return WIN_ANSI_EXTRA[code] ?? 0x3f;
}

/** A PDF literal string: backslash, parentheses and non-ASCII bytes escaped (octal), so the file stays 7-bit. */
export function pdfString(text: string): string {
  let out = '(';
  for (const char of text) {
    const byte = winAnsiByte(char);
    if (byte === 0x5c || byte === 0x28 || byte === 0x29) out += `\\${String.fromCharCode(byte)}`;
    else if (byte < 0x20 || byte > 0x7e) out += `\\${byte.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(byte);
  }
  return `${out})`;
}

export function textWidth(text: string, font: 'F1' | 'F2', size: number): number {
  const widths = font === 'F2' ? HELVETICA_BOLD : HELVETICA;
  let total = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    total += code >= 32 && code <= 126 ? widths[code - 32] : OTHER_WIDTH;
  }
  return (total * size) / 1000;
}

/** Breaks text into lines no wider than `width`: at spaces, or inside a word longer than a line. */
export function wrap(text: string, font: 'F1' | 'F2', size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    // Split on single spaces so runs of spaces (column gaps) survive; a wrapped line starts at a word.
    for (const word of paragraph.split(' ')) {
      if (line === '' && word === '' && lines.length > 0) continue;
      const candidate = line === '' ? word : `${line} ${word}`;
      if (textWidth(candidate, font, size) <= width) {
        line = candidate;
        continue;
      }
      if (line !== '') lines.push(line);
      line = word;
      while (textWidth(line, font, size) > width) {
        let cut = line.length - 1;
        while (cut > 1 && textWidth(line.slice(0, cut), font, size) > width) cut--;
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
    lines.push(line);
  }
  return lines;
}

interface Placed {
  text: string;
  font: 'F1' | 'F2';
  size: number;
  x: number;
  y: number;
}

function paginate(lines: readonly PdfLine[]): Placed[][] {
  const pages: Placed[][] = [[]];
  const top = PAGE_HEIGHT - MARGIN;
  const bottom = MARGIN + FOOTER_SIZE * 3;
  let y = top;
  for (const line of lines) {
    const style = STYLES[line.style ?? 'body'];
    const indent = line.indent ?? 0;
    const height = style.size * LEADING;
    const pieces = wrap(line.text, style.font, style.size, PAGE_WIDTH - 2 * MARGIN - indent);
    pieces.forEach((piece, index) => {
      const gap = index === 0 && y !== top ? style.gapBefore : 0;
      if (y - gap - height < bottom) {
        pages.push([]);
        y = top;
      } else {
        y -= gap;
      }
      y -= height;
      pages.at(-1)!.push({ text: piece, font: style.font, size: style.size, x: MARGIN + indent, y: Math.round(y * 100) / 100 });
    });
  }
  return pages;
}

function pageContent(placed: readonly Placed[], footer: string): string {
  const ops = placed
    .filter((p) => p.text !== '')
    .map((p) => `BT /${p.font} ${p.size} Tf ${p.x} ${p.y} Td ${pdfString(p.text)} Tj ET`);
  ops.push(`BT /F1 ${FOOTER_SIZE} Tf ${MARGIN} ${MARGIN} Td ${pdfString(footer)} Tj ET`);
  return `${ops.join('\n')}\n`;
}

/** D:YYYYMMDDHHmmSSZ, the PDF date format, in UTC. */
function pdfDate(at: Date): string {
  return `D:${at.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}

/** The document as bytes: every object's offset in the xref table is exact. */
export function writePdf(lines: readonly PdfLine[], meta: PdfMeta): Buffer {
  const pages = paginate(lines);
  // 1 catalog, 2 page tree, 3 and 4 fonts, 5 info, then a page and its content per page.
  const pageObject = (i: number) => 6 + 2 * i;
  const objects: string[] = [];
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pages.map((_, i) => `${pageObject(i)} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  objects[4] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>';
  objects[5] = `<< /Title ${pdfString(meta.title)} /Producer (ServiceLoop field-execution) /CreationDate ${pdfString(pdfDate(meta.createdAt))} >>`;
  pages.forEach((placed, i) => {
    const footer = `${meta.footer ? `${meta.footer} - ` : ''}page ${i + 1} of ${pages.length}`;
    const content = pageContent(placed, footer);
    objects[pageObject(i)] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}] ` +
      `/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${pageObject(i) + 1} 0 R >>`;
    // Content is 7-bit ASCII (pdfString escapes the rest), so characters are bytes.
    objects[pageObject(i) + 1] = `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}endstream`;
  });

  // The binary comment tells transfer tools the file is binary (PDF 1.4, 7.5.2).
  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = chunks[0].length;
  const offsets: number[] = [];
  for (let n = 1; n < objects.length; n++) {
    offsets[n] = length;
    const chunk = Buffer.from(`${n} 0 obj\n${objects[n]}\nendobj\n`, 'latin1');
    chunks.push(chunk);
    length += chunk.length;
  }
  const size = objects.length;
  // Each xref entry is exactly 20 bytes: 10-digit offset, 5-digit generation, n/f, space + LF.
  const xref = [`xref\n0 ${size}\n`, '0000000000 65535 f \n', ...offsets.slice(1).map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  chunks.push(Buffer.from(`${xref}trailer\n<< /Size ${size} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${length}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(chunks);
}
