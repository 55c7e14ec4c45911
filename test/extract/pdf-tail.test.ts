import type http from 'node:http';
import { describe, expect, it } from 'vitest';
import { extractMeta, extractPdfMeta } from '../../src/extract/index.js';
import { linearizedLength, pdfPrefixComplete } from '../../src/extract/pdf-complete.js';
import { joinPdfParts } from '../../src/extract/pdf-join.js';
import { fileLengthOf, PDF_TAIL_BYTES, tailStart } from '../../src/fetch/tail.js';
import { setup } from '../fetch/helpers.js';
import { addPageTree, literal, PdfBuilder } from './pdf-builder.js';

const CAP = 256 * 1024;

/** A PDF of about `size` bytes whose catalog and Info dictionary come last, as pdfTeX writes. */
function bigPdf(title: string, size = CAP * 2): Buffer {
  const b = new PdfBuilder();
  const filler = Buffer.alloc(size);
  for (let i = 0; i < filler.length; i++) filler[i] = (i * 2654435761) >>> 24;
  b.addStream('/Subtype /Image', filler);
  const pages = addPageTree(b, 12);
  const catalog = b.add(`<< /Type /Catalog /Pages ${pages} 0 R >>`);
  const info = b.add(`<< /Title ${literal(title)} /Producer (pdfTeX) >>`);
  return b.build({ root: catalog, info });
}

interface ServeOptions {
  ranges: boolean;
  /** Answer a Range request with the whole file (a server that ignores ranges). */
  ignoreRange?: boolean;
  etag?: string;
}

/** A static-file server: Accept-Ranges, suffix ranges (bytes=-N) and If-Range on the ETag. */
function fileServer(file: Buffer, o: ServeOptions, seen: http.IncomingHttpHeaders[]) {
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    seen.push(req.headers);
    const headers: http.OutgoingHttpHeaders = { 'content-type': 'application/pdf' };
    if (o.ranges) headers['accept-ranges'] = 'bytes';
    if (o.etag) headers.etag = o.etag;
    const m = /^bytes=-(\d+)$/.exec(req.headers.range ?? '');
    const fresh = req.headers['if-range'] === undefined || req.headers['if-range'] === o.etag;
    if (m && o.ranges && !o.ignoreRange && fresh) {
      const start = Math.max(0, file.length - Number(m[1]));
      headers['content-range'] = `bytes ${start}-${file.length - 1}/${file.length}`;
      res.writeHead(206, { ...headers, 'content-length': file.length - start });
      res.end(file.subarray(start));
      return;
    }
    res.writeHead(200, { ...headers, 'content-length': file.length });
    res.end(file);
  };
}

async function fetchPdf(file: Buffer, o: ServeOptions) {
  const { web, fetcher } = await setup(['files.test'], { maxBodyBytes: CAP });
  const host = web.host('files.test');
  const seen: http.IncomingHttpHeaders[] = [];
  host.route('/report.pdf', fileServer(file, o, seen));
  const out = await fetcher.fetch(`${host.origin}/report.pdf`);
  expect(out.error).toBeNull();
  return { res: out.response!, meta: extractMeta(out.response!), seen };
}

describe('a PDF past the cap whose Info dictionary is at the end', () => {
  it('is completed with its last bytes (Range) when the server serves ranges', async () => {
    const file = bigPdf('Rapport annuel 2023');
    expect(file.indexOf('/Title')).toBeGreaterThan(CAP);
    const { res, meta, seen } = await fetchPdf(file, { ranges: true, etag: '"v1"' });
    expect(res.body.byteLength).toBe(CAP);
    expect(res.bodyTail?.bytes.byteLength).toBe(PDF_TAIL_BYTES);
    expect(meta.title).toBe('Rapport annuel 2023');
    expect(meta.pdf?.pages).toBe(12);
    expect(seen).toHaveLength(2);
    expect(seen[1]).toMatchObject({
      range: `bytes=-${PDF_TAIL_BYTES}`,
      'if-range': '"v1"',
      'accept-encoding': 'identity',
    });
  });

  it('asks nothing more of a server that does not say it serves ranges', async () => {
    const { meta, seen } = await fetchPdf(bigPdf('Unreachable'), { ranges: false });
    expect(meta.title).toBeNull();
    expect(seen).toHaveLength(1);
  });

  it('reads nothing of a whole file sent back instead of the range', async () => {
    const { res, meta } = await fetchPdf(bigPdf('Ignored'), { ranges: true, ignoreRange: true });
    expect(res.bodyTail).toBeUndefined();
    expect(meta.title).toBeNull();
  });

  it('a file under the cap is read in one request', async () => {
    const { meta, seen } = await fetchPdf(bigPdf('Small', 1000), { ranges: true });
    expect(meta.title).toBe('Small');
    expect(seen).toHaveLength(1);
  });
});

/** Incompressible filler, so that the cap falls inside a stream as in a real report. */
function filler(size: number): Buffer {
  const out = Buffer.alloc(size);
  for (let i = 0; i < out.length; i++) out[i] = (i * 2654435761) >>> 24;
  return out;
}

/**
 * A linearized PDF as Acrobat or qpdf write it: the linearization dictionary, the first page's
 * cross-reference section and trailer, then the catalog, Info and page tree (`infoAtEnd`: the
 * Info dictionary after the pages' content instead; `xmpAtEnd`: an XMP stream there), the
 * content, the main cross-reference section. /L is the file's length.
 */
function linearizedPdf(
  title: string,
  o: { infoAtEnd?: boolean; xmpAtEnd?: boolean; size?: number } = {},
): Buffer {
  const info = `3 0 obj\n<< /Title (${title}) /Producer (Acrobat Distiller 9.0) >>\nendobj\n`;
  const xmp = '<x:xmpmeta xmlns:x="adobe:ns:meta/"></x:xmpmeta>';
  const metadata = `7 0 obj\n<< /Type /Metadata /Subtype /XML /Length ${xmp.length} >>\nstream\n${xmp}\nendstream\nendobj\n`;
  const data = filler(o.size ?? CAP * 2);
  const build = (length: number) =>
    Buffer.concat([
      Buffer.from(
        '%PDF-1.6\n%\xe2\xe3\xcf\xd3\n' +
          `1 0 obj\n<< /Linearized 1 /L ${length} /H [ 900 150 ] /O 5 /E 2000 /N 12 /T 9000 >>\nendobj\n` +
          'xref\n1 5\n0000000000 65535 f \ntrailer\n<< /Size 7 /Root 2 0 R /Info 3 0 R /ID [<0a0b> <0a0b>] /Prev 9000 >>\nstartxref\n0\n%%EOF\n' +
          `2 0 obj\n<< /Type /Catalog /Pages 4 0 R${o.xmpAtEnd ? ' /Metadata 7 0 R' : ''} >>\nendobj\n` +
          (o.infoAtEnd ? '' : info) +
          '4 0 obj\n<< /Type /Pages /Count 12 /Kids [5 0 R] >>\nendobj\n' +
          '5 0 obj\n<< /Type /Page /Parent 4 0 R >>\nendobj\n' +
          `6 0 obj\n<< /Length ${data.length} >>\nstream\n`,
        'latin1',
      ),
      data,
      Buffer.from(
        '\nendstream\nendobj\n' +
          (o.infoAtEnd ? info : '') +
          (o.xmpAtEnd ? metadata : '') +
          'xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 7 >>\nstartxref\n123\n%%EOF\n',
        'latin1',
      ),
    ]);
  // /L counts its own digits: settle the length.
  let length = build(0).length;
  while (build(length).length !== length) length = build(length).length;
  return build(length);
}

/** An incremental update appended to `file`: a new Info dictionary and trailer. */
function updated(file: Buffer, title: string): Buffer {
  const update =
    `3 0 obj\n<< /Title (${title}) /Producer (Acrobat Pro DC) >>\nendobj\n` +
    `xref\n3 1\n0000000000 00000 n \ntrailer\n<< /Size 7 /Root 2 0 R /Info 3 0 R /Prev 123 >>\nstartxref\n${file.length}\n%%EOF\n`;
  return Buffer.concat([file, Buffer.from(update, 'latin1')]);
}

describe('the end of a PDF past the cap is not asked for when it can add nothing', () => {
  it('a linearized file, not updated since, whose first part holds its metadata', async () => {
    const file = linearizedPdf('Rapport financier 2024');
    expect(linearizedLength(file.toString('latin1'))).toBe(file.length);
    const { res, meta, seen } = await fetchPdf(file, { ranges: true, etag: '"v1"' });
    expect(seen).toHaveLength(1);
    expect(res.bodyTail).toBeUndefined();
    expect(meta.title).toBe('Rapport financier 2024');
    expect(meta.pdf?.pages).toBe(12);
  });

  it('is asked for when the file was updated after it was linearized (/L is not its length)', async () => {
    const file = updated(linearizedPdf('Draft title'), 'Rapport financier 2024 (corrigé)');
    const { res, meta, seen } = await fetchPdf(file, { ranges: true, etag: '"v2"' });
    expect(seen).toHaveLength(2);
    expect(res.bodyTail).toBeDefined();
    // The update's Info dictionary wins, as in PDF readers.
    expect(meta.title).toBe('Rapport financier 2024 (corrigé)');
  });

  it('is asked for when the Info dictionary is at the end of a linearized file', async () => {
    const file = linearizedPdf('Annual report', { infoAtEnd: true });
    const { meta, seen } = await fetchPdf(file, { ranges: true });
    expect(seen).toHaveLength(2);
    expect(meta.title).toBe('Annual report');
  });

  it('pdfPrefixComplete: unknown length, a file that is not linearized, a missing object', () => {
    const lin = linearizedPdf('T');
    const prefix = lin.subarray(0, CAP);
    expect(pdfPrefixComplete(prefix, lin.length)).toBe(true);
    expect(pdfPrefixComplete(prefix, null)).toBe(false);
    expect(pdfPrefixComplete(prefix, lin.length + 1)).toBe(false);
    // pdfTeX-style: trailer and Info at the end, whatever the length says.
    const plain = bigPdf('T');
    expect(pdfPrefixComplete(plain.subarray(0, CAP), plain.length)).toBe(false);
    // The catalog names an XMP stream that the prefix does not hold.
    const withXmp = linearizedPdf('T', { xmpAtEnd: true });
    expect(linearizedLength(withXmp.toString('latin1'))).toBe(withXmp.length);
    expect(pdfPrefixComplete(withXmp.subarray(0, CAP), withXmp.length)).toBe(false);
  });

  it('fileLengthOf: only an uncompressed Content-Length', () => {
    expect(fileLengthOf({ 'content-length': '524288' })).toBe(524288);
    expect(fileLengthOf({ 'content-length': '524288', 'content-encoding': 'gzip' })).toBeNull();
    expect(fileLengthOf({ 'content-length': '10, 10' })).toBeNull();
    expect(fileLengthOf({})).toBeNull();
  });
});

describe('joinPdfParts', () => {
  it('never lets a value cut at the end of the prefix run on into the tail', () => {
    const file = bigPdf('Right title', 20_000);
    // The Info object's own number, cut inside its title: what a prefix can end with.
    const infoNum = /(\d+) 0 obj\n<< \/Title/.exec(file.toString('latin1'))![1];
    const decoy = Buffer.from(`${infoNum} 0 obj\n<< /Producer (x) /Title (Wrong`, 'latin1');
    // Cut among the page objects, past the image (a cut inside a stream hides what follows).
    const prefix = Buffer.concat([file.subarray(0, file.indexOf('endstream') + 300), decoy]);
    // Wherever the tail starts (before the Info object, inside it, inside its title), the title
    // is the right one or none.
    for (let at = file.length - 3000; at < file.length - 10; at += 7) {
      const tail = { start: at + decoy.length, bytes: file.subarray(at) };
      const title = extractPdfMeta(prefix, tail).title;
      expect(title === 'Right title' || title === null).toBe(true);
    }
  });

  it('joins overlapping parts exactly', () => {
    expect(joinPdfParts('abcdef', { start: 4, src: 'efgh' })).toBe('abcdefgh');
    expect(
      joinPdfParts('1 0 obj (a) endobj 2 0 obj (b', { start: 100, src: 'x) endobj 3 0 obj' }),
    ).toBe('1 0 obj (a) endobj\n3 0 obj');
  });

  it('tailStart: only a range that ends the file', () => {
    expect(tailStart('bytes 100-199/200')).toBe(100);
    expect(tailStart('bytes 100-150/200')).toBeNull();
    expect(tailStart('bytes */200')).toBeNull();
    expect(tailStart(undefined)).toBeNull();
  });
});
