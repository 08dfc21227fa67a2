/**
 * Reads back what the service report writer produces, the way a viewer starts
 * to: header, cross-reference table (every offset must land on its object),
 * trailer, page tree, and the text shown by each page's content stream.
 * Enough for this writer's output (uncompressed streams, literal strings); not a
 * general PDF parser.
 */
export interface ReadPdf {
  version: string;
  objectCount: number;
  /** Text lines of each page, in drawing order. */
  pages: string[][];
  title: string | null;
}

const WIN_ANSI_BACK: Record<number, string> = {
  0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ', 0x89: '‰', 0x8a: 'Š', 0x8b: '‹', 0x8c: 'Œ',
  0x8e: 'Ž', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—', 0x98: '˜', 0x99: '™', 0x9a: 'š', 0x9b: '›',
  0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
};

/** Decodes the literal strings `(…)` in a content stream, in order. */
export function literalStrings(source: string): string[] {
  const found: string[] = [];
  let i = 0;
  while (i < source.length) {
    if (source[i] !== '(') {
      i++;
      continue;
    }
    let depth = 1;
    let bytes: number[] = [];
    i++;
    while (i < source.length && depth > 0) {
      const c = source[i];
      if (c === '\\') {
        const next = source[i + 1];
        if (/[0-7]/.test(next)) {
          const octal = /^[0-7]{1,3}/.exec(source.slice(i + 1))![0];
          bytes.push(parseInt(octal, 8));
          i += 1 + octal.length;
          continue;
        }
        const escapes: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12 };
        bytes.push(escapes[next] ?? next.charCodeAt(0));
        i += 2;
        continue;
      }
      if (c === '(') depth++;
      if (c === ')') depth--;
      if (depth > 0) bytes.push(c.charCodeAt(0));
      i++;
    }
    found.push(bytes.map((b) => WIN_ANSI_BACK[b] ?? String.fromCharCode(b)).join(''));
    bytes = [];
  }
  return found;
}

export function readPdf(pdf: Buffer): ReadPdf {
  const text = pdf.toString('latin1');
  const header = /^%PDF-(\d\.\d)\n/.exec(text);
  if (!header) throw new Error('no %PDF header');
  if (!text.endsWith('%%EOF\n')) throw new Error('no %%EOF at the end');
  const startxref = /startxref\n(\d+)\n%%EOF\n$/.exec(text);
  if (!startxref) throw new Error('no startxref');
  const xrefAt = Number(startxref[1]);
  if (!text.startsWith('xref\n', xrefAt)) throw new Error(`startxref ${xrefAt} does not point at the xref table`);
  const section = /^xref\n0 (\d+)\n/.exec(text.slice(xrefAt))!;
  const count = Number(section[1]);
  const entriesAt = xrefAt + section[0].length;
  const objects = new Map<number, string>();
  for (let n = 0; n < count; n++) {
    const entry = text.slice(entriesAt + 20 * n, entriesAt + 20 * (n + 1));
    const match = /^(\d{10}) (\d{5}) ([nf]) \n$/.exec(entry);
    if (!match) throw new Error(`xref entry ${n} is not 20 bytes of "oooooooooo ggggg n \\n": ${JSON.stringify(entry)}`);
    if (n === 0) continue;
    const offset = Number(match[1]);
    if (!text.startsWith(`${n} 0 obj\n`, offset)) throw new Error(`xref offset ${offset} of object ${n} does not point at "${n} 0 obj"`);
    const end = text.indexOf('\nendobj\n', offset);
    objects.set(n, text.slice(offset + `${n} 0 obj\n`.length, end));
  }
  const trailer = /trailer\n<< \/Size (\d+) \/Root (\d+) 0 R \/Info (\d+) 0 R >>/.exec(text.slice(xrefAt));
  if (!trailer || Number(trailer[1]) !== count) throw new Error('trailer /Size does not match the xref table');
  const catalog = objects.get(Number(trailer[2]))!;
  const pagesRef = /\/Pages (\d+) 0 R/.exec(catalog)![1];
  const tree = objects.get(Number(pagesRef))!;
  const kids = [.../\/Kids \[([^\]]*)\]/.exec(tree)![1].matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));
  if (Number(/\/Count (\d+)/.exec(tree)![1]) !== kids.length) throw new Error('/Count differs from the number of /Kids');
  const pages = kids.map((kid) => {
    const page = objects.get(kid)!;
    const contents = objects.get(Number(/\/Contents (\d+) 0 R/.exec(page)![1]))!;
    const stream = /^<< \/Length (\d+) >>\nstream\n([\s\S]*)endstream$/.exec(contents);
    if (!stream) throw new Error(`page ${kid} has no content stream`);
    if (Buffer.byteLength(stream[2], 'latin1') !== Number(stream[1])) throw new Error(`page ${kid}: /Length ${stream[1]} is not the stream's length`);
    return stream[2]
      .split('\n')
      .filter((op) => op.endsWith(' Tj ET'))
      .map((op) => literalStrings(op.slice(op.indexOf('('))).join(''));
  });
  const info = objects.get(Number(trailer[3]))!;
  const title = /\/Title (\((?:\\.|[^\\)])*\))/.exec(info);
  return { version: header[1], objectCount: count, pages, title: title ? literalStrings(title[1])[0] : null };
}
