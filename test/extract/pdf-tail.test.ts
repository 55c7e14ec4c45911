import type http from 'node:http';
import { describe, expect, it } from 'vitest';
import { extractMeta, extractPdfMeta } from '../../src/extract/index.js';
import { joinPdfParts } from '../../src/extract/pdf-join.js';
import { PDF_TAIL_BYTES, tailStart } from '../../src/fetch/tail.js';
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
