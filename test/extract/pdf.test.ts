import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { extractPdfMeta, looksLikePdf } from '../../src/extract/pdf.js';
import { decodePdfString, xmpTitle } from '../../src/extract/pdf-text.js';
import { addPageTree, hex, literal, PdfBuilder, utf16Hex, xmpPacket } from './pdf-builder.js';

/** A document with a catalog, a page tree and optional Info title and XMP packet. */
function simplePdf(opts: {
  infoTitle?: string; // PDF syntax of the value, e.g. '(Hello)' or '<FEFF...>'
  xmp?: string;
  xmpCompressed?: boolean;
  pages?: number;
}): Buffer {
  const b = new PdfBuilder();
  const catalog = b.reserve();
  const pages = addPageTree(b, opts.pages ?? 1);
  const meta =
    opts.xmp !== undefined
      ? b.addStream('/Type /Metadata /Subtype /XML', Buffer.from(opts.xmp, 'utf8'), {
          compress: opts.xmpCompressed ?? false,
        })
      : undefined;
  const metaRef = meta ? ` /Metadata ${meta} 0 R` : '';
  b.set(catalog, `<< /Type /Catalog /Pages ${pages} 0 R${metaRef} >>`);
  const title = opts.infoTitle !== undefined ? `/Title ${opts.infoTitle} ` : '';
  const info = b.add(`<< ${title}/Producer (rotwatch tests) /CreationDate (D:20240101000000Z) >>`);
  return b.build({ root: catalog, info });
}

describe('test PDF builder', () => {
  it('writes cross-reference offsets that point at their objects', () => {
    const pdf = simplePdf({ infoTitle: '(x)', pages: 9 });
    const text = pdf.toString('latin1');
    const startxref = Number(/startxref\n(\d+)/.exec(text)?.[1]);
    expect(text.startsWith('xref', startxref)).toBe(true);
    const rows = text.slice(startxref).split('\n').slice(3);
    let checked = 0;
    rows.forEach((row, i) => {
      const m = /^(\d{10}) 00000 n $/.exec(row);
      if (!m) return;
      expect(text.startsWith(`${i + 1} 0 obj`, Number(m[1]))).toBe(true);
      checked++;
    });
    expect(checked).toBeGreaterThan(10);
  });
});

describe('extractPdfMeta: Info dictionary titles', () => {
  it('literal string with escapes, octal codes and PDFDocEncoding', () => {
    const pdf = simplePdf({
      infoTitle: '(Annual \\(draft\\) report\\\\2024\\nR\\351sum\\351 \\222 \\204 end)',
    });
    expect(extractPdfMeta(pdf).title).toBe('Annual (draft) report\\2024 Résumé ™ — end');
  });

  it('literal string with balanced parentheses and a line continuation', () => {
    const pdf = simplePdf({ infoTitle: '(A (nested) ti\\\ntle)' });
    expect(extractPdfMeta(pdf).title).toBe('A (nested) title');
  });

  it('hex string in UTF-16BE with BOM', () => {
    const pdf = simplePdf({ infoTitle: utf16Hex('Résumé – 日本 ’ 😀') });
    expect(extractPdfMeta(pdf).title).toBe('Résumé – 日本 ’ 😀');
  });

  it('UTF-16BE literal string (raw bytes) with a language tag', () => {
    const raw = Buffer.concat([
      Buffer.from([0xfe, 0xff, 0x00, 0x1b]),
      Buffer.from('fr', 'utf16le').swap16(),
      Buffer.from([0x00, 0x1b]),
      Buffer.from('Été', 'utf16le').swap16(),
    ]);
    // Bytes that need escaping inside a literal: write them octal.
    const escaped = [...raw].map((c) => `\\${c.toString(8).padStart(3, '0')}`).join('');
    expect(extractPdfMeta(simplePdf({ infoTitle: `(${escaped})` })).title).toBe('Été');
  });

  it('hex string in PDFDocEncoding, odd digit count padded', () => {
    expect(extractPdfMeta(simplePdf({ infoTitle: '<48 69\n7>' })).title).toBe('Hip');
    expect(extractPdfMeta(simplePdf({ infoTitle: hex(Buffer.from('Plain')) })).title).toBe('Plain');
  });

  it('title given as an indirect reference', () => {
    const b = new PdfBuilder();
    const pages = addPageTree(b, 2);
    const catalog = b.add(`<< /Type /Catalog /Pages ${pages} 0 R >>`);
    const str = b.add(literal('Indirect title'));
    const info = b.add(`<< /Title ${str} 0 R /Producer (x) >>`);
    expect(extractPdfMeta(b.build({ root: catalog, info }))).toMatchObject({
      title: 'Indirect title',
      pages: 2,
    });
  });

  it('folds whitespace and drops an empty title', () => {
    expect(extractPdfMeta(simplePdf({ infoTitle: '(  two\\r\\n  lines )' })).title).toBe(
      'two lines',
    );
    expect(extractPdfMeta(simplePdf({ infoTitle: '(   )' })).title).toBeNull();
  });
});

describe('extractPdfMeta: XMP', () => {
  const xmp = xmpPacket([
    { lang: 'de', text: 'Bericht' },
    { lang: 'x-default', text: 'Report &amp; notes &#8217;24' },
  ]);

  it('uses dc:title (x-default) when Info has no title', () => {
    expect(extractPdfMeta(simplePdf({ xmp })).title).toBe('Report & notes ’24');
  });

  it('reads a FlateDecode-compressed metadata stream', () => {
    const pdf = simplePdf({ xmp, xmpCompressed: true });
    expect(pdf.toString('latin1')).not.toContain('dc:title');
    expect(extractPdfMeta(pdf).title).toBe('Report & notes ’24');
  });

  it('prefers the Info title when both exist', () => {
    expect(extractPdfMeta(simplePdf({ infoTitle: '(Info wins)', xmp })).title).toBe('Info wins');
  });

  it('falls back to the first alternative without x-default', () => {
    expect(xmpTitle(xmpPacket([{ lang: 'fr', text: 'Rapport' }]))).toBe('Rapport');
    expect(xmpTitle('<x:xmpmeta>no title</x:xmpmeta>')).toBeNull();
  });
});

describe('extractPdfMeta: page count', () => {
  it('reads the root /Count of a multi-level page tree', () => {
    const pdf = simplePdf({ infoTitle: '(T)', pages: 23 });
    expect((pdf.toString('latin1').match(/\/Type \/Pages/g) ?? []).length).toBeGreaterThan(2);
    expect(extractPdfMeta(pdf)).toMatchObject({ title: 'T', pages: 23 });
  });

  it('uses the linearization dictionary when the prefix stops before the page tree', () => {
    const b = new PdfBuilder();
    const lin = b.add('<< /Linearized 1 /L 99999 /N 57 /O 4 /E 2000 /T 90000 /H [ 600 200 ] >>');
    const pages = addPageTree(b, 57, 8);
    const catalog = b.add(`<< /Type /Catalog /Pages ${pages} 0 R >>`);
    const pdf = b.build({ root: catalog, firstObject: lin });
    expect(extractPdfMeta(pdf).pages).toBe(57);
    const prefix = pdf.subarray(0, pdf.indexOf('endobj') + 7);
    expect(extractPdfMeta(prefix)).toMatchObject({ title: null, pages: 57 });
  });
});

describe('extractPdfMeta: compressed object streams', () => {
  function packedPdf(pages: number): Buffer {
    const b = new PdfBuilder();
    const pageTree = addPageTree(b, pages); // page objects stay plain
    const catalog = b.reserve();
    const info = b.reserve();
    b.addObjectStream([
      { num: catalog, body: `<< /Type /Catalog /Pages ${pageTree} 0 R >>` },
      { num: info, body: `<< /Title ${utf16Hex('Packed – title')} /Producer (x) >>` },
    ]);
    return b.build({ root: catalog, info });
  }

  it('finds Info and the catalog inside an ObjStm through the xref stream trailer', () => {
    const pdf = packedPdf(6);
    const text = pdf.toString('latin1');
    expect(text).toContain('/Type /ObjStm');
    expect(text).not.toContain('/Title');
    expect(extractPdfMeta(pdf)).toMatchObject({ title: 'Packed – title', pages: 6 });
  });

  it('finds the page tree inside an ObjStm too', () => {
    const b = new PdfBuilder();
    const pagesNum = b.reserve();
    const pageNums = [b.reserve(), b.reserve(), b.reserve()];
    const catalog = b.reserve();
    b.addObjectStream([
      ...pageNums.map((n) => ({ num: n, body: `<< /Type /Page /Parent ${pagesNum} 0 R >>` })),
      {
        num: pagesNum,
        body: `<< /Type /Pages /Kids [${pageNums.map((n) => `${n} 0 R`).join(' ')}] /Count 3 >>`,
      },
      { num: catalog, body: `<< /Type /Catalog /Pages ${pagesNum} 0 R >>` },
    ]);
    expect(extractPdfMeta(b.build({ root: catalog }))).toMatchObject({ title: null, pages: 3 });
  });

  it('bounds decompression: a zip bomb in an object stream is not inflated', () => {
    const bomb = deflateSync(Buffer.alloc(20 * 1024 * 1024, 0x20));
    const head = '%PDF-1.7\n1 0 obj\n';
    const dict = `<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${bomb.length} >>`;
    const pdf = Buffer.concat([
      Buffer.from(`${head}${dict}\nstream\n`, 'latin1'),
      bomb,
      Buffer.from('\nendstream\nendobj\n', 'latin1'),
    ]);
    expect(extractPdfMeta(pdf)).toMatchObject({ title: null, pages: null });
  });
});

describe('extractPdfMeta: incremental updates', () => {
  it('the latest trailer and the latest definition of an object win', () => {
    const pdf = simplePdf({ infoTitle: '(Old title)', pages: 2 });
    const infoNum = Number(/\/Info (\d+) 0 R/.exec(pdf.toString('latin1'))?.[1]);
    const rootNum = Number(/\/Root (\d+) 0 R/.exec(pdf.toString('latin1'))?.[1]);
    const update = Buffer.from(
      `${infoNum} 0 obj\n<< /Title (New title) /Producer (x) >>\nendobj\n` +
        `xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 99 /Root ${rootNum} 0 R /Info ${infoNum} 0 R >>\n` +
        'startxref\n0\n%%EOF\n',
      'latin1',
    );
    expect(extractPdfMeta(Buffer.concat([pdf, update]))).toMatchObject({
      title: 'New title',
      pages: 2,
    });
  });
});

describe('extractPdfMeta: an update written as an object stream', () => {
  it('replaces the plain object it updates (the copy written last wins, as in pdfinfo)', () => {
    const pdf = simplePdf({ infoTitle: '(Old title)', pages: 2 });
    const text = pdf.toString('latin1');
    const infoNum = Number(/\/Info (\d+) 0 R/.exec(text)?.[1]);
    const rootNum = Number(/\/Root (\d+) 0 R/.exec(text)?.[1]);
    const member = `${infoNum} 0 `;
    const data = deflateSync(Buffer.from(`${member}<< /Title (New title) /Producer (x) >>`));
    const update = Buffer.concat([
      Buffer.from(
        `90 0 obj\n<< /Type /ObjStm /N 1 /First ${member.length} /Filter /FlateDecode /Length ${data.length} >>\nstream\n`,
        'latin1',
      ),
      data,
      Buffer.from(
        `\nendstream\nendobj\n91 0 obj\n<< /Type /XRef /Size 92 /W [1 4 2] /Root ${rootNum} 0 R /Info ${infoNum} 0 R /Length 0 >>\nstream\n\nendstream\nendobj\nstartxref\n0\n%%EOF\n`,
        'latin1',
      ),
    ]);
    expect(extractPdfMeta(Buffer.concat([pdf, update]))).toMatchObject({
      title: 'New title',
      pages: 2,
    });
  });

  it('an older object stream does not replace a plain object updated after it', () => {
    const b = new PdfBuilder();
    const pages = addPageTree(b, 1);
    const catalog = b.reserve();
    const info = b.reserve();
    b.addObjectStream([
      { num: catalog, body: `<< /Type /Catalog /Pages ${pages} 0 R >>` },
      { num: info, body: '<< /Title (Packed first) /Producer (x) >>' },
    ]);
    const pdf = b.build({ root: catalog, info });
    const update = Buffer.from(
      `${info} 0 obj\n<< /Title (Plain update) /Producer (x) >>\nendobj\n` +
        `xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 99 /Root ${catalog} 0 R /Info ${info} 0 R >>\nstartxref\n0\n%%EOF\n`,
      'latin1',
    );
    expect(extractPdfMeta(Buffer.concat([pdf, update])).title).toBe('Plain update');
  });
});

describe('extractPdfMeta: truncated and broken input', () => {
  it('only an inner /Pages node in the prefix: its count is a lower bound', () => {
    const src = '%PDF-1.4\n5 0 obj\n<< /Type /Pages /Parent 2 0 R /Kids [] /Count 12 >>\nendobj\n';
    expect(extractPdfMeta(Buffer.from(src)).pages).toBe(12);
  });

  it('a prefix without trailer still yields the Info title (recognised by its keys)', () => {
    const b = new PdfBuilder();
    const info = b.add('<< /Title (Early info) /Author (A. N. Author) >>');
    b.add('<< /Title (Outline item) /Parent 9 0 R /Dest [1 0 R /Fit] >>');
    const pages = addPageTree(b, 40);
    const catalog = b.add(`<< /Type /Catalog /Pages ${pages} 0 R >>`);
    const pdf = b.build({ root: catalog, info });
    const cut = pdf.subarray(0, Math.floor(pdf.length / 3));
    expect(cut.toString('latin1')).not.toMatch(/trailer|\/Catalog/);
    // The page tree root (no /Parent) is written early: its count is found without the catalog.
    expect(extractPdfMeta(cut)).toMatchObject({ title: 'Early info', pages: 40 });
  });

  it('a prefix cut inside the Info dictionary gives nulls', () => {
    const pdf = simplePdf({ infoTitle: '(Whole)', pages: 3 });
    const cut = pdf.subarray(0, pdf.indexOf('(Whole') + 3);
    expect(extractPdfMeta(cut).title).toBeNull();
  });

  it('an object stream cut in the middle still gives the objects before the cut', () => {
    const b = new PdfBuilder();
    const info = b.reserve();
    const filler = Array.from({ length: 400 }, () => b.reserve());
    const randomish = (n: number) => Buffer.from(`${n * 7919}${n * 104729}`).toString('hex');
    b.addObjectStream([
      { num: info, body: '<< /Title (Packed early) /Producer (x) >>' },
      ...filler.map((n) => ({ num: n, body: `(${randomish(n)})` })),
    ]);
    const catalog = b.add('<< /Type /Catalog >>');
    const pdf = b.build({ root: catalog, info });
    const streamAt = pdf.indexOf('stream\n') + 7;
    const end = pdf.indexOf('\nendstream');
    const cut = pdf.subarray(0, streamAt + Math.floor((end - streamAt) / 2));
    expect(extractPdfMeta(cut).title).toBe('Packed early');
  });

  it('garbage, empty input and hostile nesting return nulls', () => {
    const garbage = Buffer.from(Array.from({ length: 65536 }, (_, i) => (i * 2654435761) >>> 24));
    expect(extractPdfMeta(garbage)).toMatchObject({ title: null, pages: null });
    expect(extractPdfMeta(new Uint8Array(0))).toMatchObject({ title: null, pages: null });
    const nested = Buffer.from(`%PDF-1.4\n1 0 obj\n${'['.repeat(100000)}\nendobj\n`);
    expect(extractPdfMeta(nested)).toMatchObject({ title: null, pages: null });
    const junk = Buffer.concat([Buffer.from('%PDF-1.4\n1 0 obj << /Title ('), garbage]);
    expect(extractPdfMeta(junk)).toMatchObject({ title: null, pages: null });
  });
});

describe('PDF helpers', () => {
  it('looksLikePdf: magic within the first 1024 bytes', () => {
    expect(looksLikePdf(Buffer.from('%PDF-1.7\n'))).toBe(true);
    expect(looksLikePdf(Buffer.from(`${' '.repeat(500)}%PDF-1.4`))).toBe(true);
    expect(looksLikePdf(Buffer.from(`${' '.repeat(2000)}%PDF-1.4`))).toBe(false);
    expect(looksLikePdf(Buffer.from('<html>'))).toBe(false);
  });

  it('decodePdfString: UTF-8 with BOM (PDF 2.0)', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Ünïcode ’')]);
    expect(decodePdfString(bytes)).toBe('Ünïcode ’');
  });

  it('decodePdfString: an unpaired surrogate in UTF-16 is U+FFFD (as pdfinfo), an odd last byte dropped', () => {
    // It was kept as a lone surrogate: no valid UTF-8 for JSON or SQLite.
    const lone = Buffer.from([0xfe, 0xff, 0x00, 0x41, 0xd8, 0x00, 0x00, 0x42]);
    expect(decodePdfString(lone)).toBe('A\uFFFDB');
    const lowFirst = Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x00, 0xdc]);
    expect(decodePdfString(lowFirst)).toBe('A\uFFFD');
    const odd = Buffer.from([0xfe, 0xff, 0x00, 0x4f, 0x00, 0x4b, 0x41]);
    expect(decodePdfString(odd)).toBe('OK');
    // One string's odd byte does not leak into the next one.
    expect(decodePdfString(Buffer.from([0xfe, 0xff, 0x00, 0x41]))).toBe('A');
    expect(extractPdfMeta(simplePdf({ infoTitle: hex(lone) })).title).toBe('A\uFFFDB');
  });

  it('decodePdfString: PDFDocEncoding, its own characters where it differs from Latin-1', () => {
    const bytes = Buffer.from([
      0x41, 0x80, 0x84, 0x85, 0x8d, 0x8e, 0x92, 0x93, 0x96, 0x9c, 0xa0, 0x18, 0xe9,
    ]);
    expect(decodePdfString(bytes)).toBe('A•—–“”™ﬁŒœ€˘é');
  });
});

describe('extractPdfMeta: every prefix of a file', () => {
  it('gives the right value or null, never a wrong one', () => {
    const b = new PdfBuilder();
    const lin = b.add('<< /Linearized 1 /N 7 >>');
    const tree = addPageTree(b, 7, 3);
    const catalog = b.reserve();
    const info = b.reserve();
    b.addObjectStream([
      { num: catalog, body: `<< /Type /Catalog /Pages ${tree} 0 R >>` },
      { num: info, body: `<< /Title ${utf16Hex('Prefix – test')} /Producer (x) >>` },
    ]);
    const pdf = b.build({ root: catalog, info, firstObject: lin });
    const titles = new Set<string | null>();
    for (let cut = 0; cut <= pdf.length; cut += 7) {
      const meta = extractPdfMeta(pdf.subarray(0, cut));
      titles.add(meta.title);
      expect([null, 'Prefix – test']).toContain(meta.title);
      expect([null, 7]).toContain(meta.pages);
    }
    expect(titles.has('Prefix – test')).toBe(true);
    expect(extractPdfMeta(pdf)).toMatchObject({ title: 'Prefix – test', pages: 7 });
  });
});
