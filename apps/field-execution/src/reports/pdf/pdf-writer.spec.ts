import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPdf } from '../../../test/pdf-reading.js';
import { pdfString, textWidth, winAnsiByte, wrap, writePdf, type PdfLine } from './pdf-writer.js';

const AT = new Date('2026-12-02T06:20:00Z');

describe('PDF writer', () => {
  it('writes a PDF 1.4 whose xref offsets land on their objects, with the text readable', () => {
    const pdf = writePdf(
      [
        { text: 'Service report', style: 'title' },
        { text: 'Customer', style: 'heading' },
        { text: 'Shakti Polymers Pvt Ltd (C-1007)' },
      ],
      { title: 'Service report V-1', footer: 'Visit V-1', createdAt: AT },
    );
    const read = readPdf(pdf);
    expect(read.version).toBe('1.4');
    expect(read.title).toBe('Service report V-1');
    expect(read.pages).toEqual([['Service report', 'Customer', 'Shakti Polymers Pvt Ltd (C-1007)', 'Visit V-1 - page 1 of 1']]);
    expect(pdf.toString('latin1')).toContain('/BaseFont /Helvetica ');
  });

  it('escapes parentheses and backslashes, and writes non-ASCII as WinAnsi octal escapes', () => {
    expect(pdfString('a (b) c\\d')).toBe('(a \\(b\\) c\\\\d)');
    expect(pdfString('Müller – 5 €')).toBe('(M\\374ller \\226 5 \\200)');
    expect(winAnsiByte('₹')).toBe(0x3f);
    expect(winAnsiByte('\n')).toBe(0x20);
    const pdf = writePdf([{ text: 'Torque (Nm) \\ Müller – ok' }], { title: 'T', createdAt: AT });
    expect(pdf.every((byte) => byte < 0x80 || pdf.indexOf(byte) < 16)).toBe(true); // only the header's binary marker
    expect(readPdf(pdf).pages[0][0]).toBe('Torque (Nm) \\ Müller – ok');
  });

  it('wraps long lines within the page width and breaks words longer than a line', () => {
    const lines = wrap('word '.repeat(60).trim(), 'F1', 10, 200);
    expect(lines.length).toBeGreaterThan(5);
    expect(lines.every((l) => l.length > 0 && !l.startsWith(' '))).toBe(true);
    const broken = wrap('x'.repeat(300), 'F1', 10, 100);
    expect(broken.every((l) => textWidth(l, 'F1', 10) <= 100)).toBe(true);
    expect(broken.join('')).toBe('x'.repeat(300));
    expect(lines.every((l) => textWidth(l, 'F1', 10) <= 200)).toBe(true);
    expect(wrap('', 'F1', 10, 100)).toEqual(['']);
    expect(wrap('6.00 h  work  billable', 'F1', 10, 400)).toEqual(['6.00 h  work  billable']);
  });

  it('continues on further pages, numbering each', () => {
    const lines: PdfLine[] = Array.from({ length: 150 }, (_, i) => ({ text: `Line ${i + 1}` }));
    const read = readPdf(writePdf(lines, { title: 'Long', createdAt: AT }));
    expect(read.pages.length).toBe(3);
    expect(read.pages.flat().filter((l) => l.startsWith('Line '))).toEqual(lines.map((l) => l.text));
    expect(read.pages.map((p) => p.at(-1))).toEqual(['page 1 of 3', 'page 2 of 3', 'page 3 of 3']);
  });

  // poppler-utils is a prerequisite (scripts/ensure-prerequisites.sh installs it), so this always runs.
  it('opens in poppler (pdftotext, pdfinfo)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fe-pdf-'));
    const file = join(dir, 'report.pdf');
    writeFileSync(file, writePdf([{ text: 'Seal kit (SEAL-KIT-250) – Müller', style: 'heading' }, ...Array.from({ length: 80 }, (_, i) => ({ text: `Row ${i}` }))], { title: 'Check', createdAt: AT }));
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(info).toMatch(/Pages:\s+2/);
    expect(info).toMatch(/PDF version:\s+1\.4/);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(text).toContain('Seal kit (SEAL-KIT-250) – Müller');
    expect(text).toContain('Row 79');
  });
});
