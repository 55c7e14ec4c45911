import { randomBytes } from 'node:crypto';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gzipHeaderLength } from '../../src/fetch/gzip-header.js';
import { bodyLimitFor, TEXT_BODY_LIMIT } from '../../src/fetch/index.js';
import { bytes, endless, gzipBomb, gzipped, hangMidBody } from '../support/web.js';
import { setup, utf8 } from './helpers.js';

const FAST_BROTLI = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1 } };
const page = `<html><head><title>Packed</title></head><body>${'x'.repeat(5000)}</body></html>`;

describe('fetch: body reading', () => {
  it.each(['gzip', 'deflate', 'br'] as const)('decompresses %s', async (encoding) => {
    const { web, fetcher } = await setup(['alpha.test']);
    const alpha = web.host('alpha.test');
    alpha.route('/p', gzipped(Buffer.from(page), 'text/html', encoding));
    const out = await fetcher.fetch(`${alpha.origin}/p`);
    expect(out.error).toBeNull();
    expect(utf8(out.response!.body)).toBe(page);
    expect(out.response?.bodyTruncated).toBe(false);
    expect(out.response?.headers['content-encoding']).toBe(encoding);
  });

  it('accepts raw deflate (no zlib header) too', async () => {
    const { web, fetcher } = await setup(['alpha.test']);
    const alpha = web.host('alpha.test');
    alpha.route(
      '/raw',
      bytes(zlib.deflateRawSync(Buffer.from(page)), 'text/html', {
        headers: { 'content-encoding': 'deflate' },
      }),
    );
    const out = await fetcher.fetch(`${alpha.origin}/raw`);
    expect(utf8(out.response!.body)).toBe(page);
  });

  it('ignores what follows a gzip member, as Chromium does (a newline after the page)', async () => {
    const { web, fetcher } = await setup(['alpha.test']);
    const alpha = web.host('alpha.test');
    const small = '<html><title>Trailing newline</title></html>';
    for (const [path, text, junk] of [
      ['/small', small, '\n\n'],
      ['/large', page, 'PHP Notice: undefined index\n'],
      ['/two', small, zlib.gzipSync('second member').toString('latin1')],
    ] as const) {
      const body = Buffer.concat([zlib.gzipSync(text), Buffer.from(junk, 'latin1')]);
      alpha.route(path, bytes(body, 'text/html', { headers: { 'content-encoding': 'gzip' } }));
      const out = await fetcher.fetch(`${alpha.origin}${path}`);
      expect(out.error).toBeNull();
      expect(utf8(out.response!.body)).toBe(text);
      expect(out.response?.bodyTruncated).toBe(false);
    }
  });

  it('reads a gzip header with a file name, comment, extra field and header CRC, however split', async () => {
    const { web, fetcher } = await setup(['alpha.test']);
    const alpha = web.host('alpha.test');
    // FTEXT | FHCRC | FEXTRA | FNAME | FCOMMENT
    const header = Buffer.concat([
      Buffer.from([0x1f, 0x8b, 8, 0x1f, 0, 0, 0, 0, 0, 3]),
      Buffer.from([4, 0, 0x41, 0x42, 0, 0]),
      Buffer.from('index.html\0a comment\0', 'latin1'),
      Buffer.from([0x12, 0x34]),
    ]);
    const gz = Buffer.concat([header, zlib.deflateRawSync(page), Buffer.alloc(8)]);
    expect(gzipHeaderLength(header)).toBe(header.length);
    for (let cut = 0; cut < header.length; cut++) {
      expect(gzipHeaderLength(header.subarray(0, cut))).toBeNull();
    }
    expect(gzipHeaderLength(Buffer.from('<html>'))).toBe(-1);
    alpha.route('/split', async (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
      res.write(gz.subarray(0, 13));
      await new Promise((r) => setTimeout(r, 20));
      res.end(gz.subarray(13));
    });
    const out = await fetcher.fetch(`${alpha.origin}/split`);
    expect(utf8(out.response!.body)).toBe(page);
  });

  it('reads the body as it is under a Content-Encoding that names no compression', async () => {
    const { web, fetcher } = await setup(['alpha.test']);
    const alpha = web.host('alpha.test');
    for (const coding of ['utf-8', 'none', 'binary', 'UTF-8, identity']) {
      alpha.route(
        '/p',
        bytes(Buffer.from(page), 'text/html', { headers: { 'content-encoding': coding } }),
      );
      const out = await fetcher.fetch(`${alpha.origin}/p`);
      expect(utf8(out.response!.body)).toBe(page);
    }
    // A compression rotwatch cannot undo: nothing useful to read.
    alpha.route(
      '/z',
      bytes(Buffer.from('(\xb5/\xfd garbage'), 'text/html', {
        headers: { 'content-encoding': 'zstd' },
      }),
    );
    const z = await fetcher.fetch(`${alpha.origin}/z`);
    expect(z.response?.body.length).toBe(0);
  });

  it('stops a gzip bomb at the cap, counting decompressed bytes', async () => {
    const { web, fetcher } = await setup(['alpha.test'], { maxBodyBytes: 64 * 1024 });
    const alpha = web.host('alpha.test');
    alpha.route('/bomb', gzipBomb(1024 * 1024 * 1024)); // 1 GiB of zeros
    const out = await fetcher.fetch(`${alpha.origin}/bomb`);
    expect(out.error).toBeNull();
    expect(out.response?.status).toBe(200);
    expect(out.response?.body.length).toBe(64 * 1024);
    expect(out.response?.bodyTruncated).toBe(true);
  });

  it('caps HTML at 256 KiB even when maxBodyBytes is larger, and stops an endless body', async () => {
    const { web, fetcher } = await setup(['alpha.test'], { maxBodyBytes: 10 * 1024 * 1024 });
    const alpha = web.host('alpha.test');
    alpha.route('/endless', endless('text/html'));
    const out = await fetcher.fetch(`${alpha.origin}/endless`);
    expect(out.error).toBeNull();
    expect(out.response?.body.length).toBe(TEXT_BODY_LIMIT);
    expect(out.response?.bodyTruncated).toBe(true);
  });

  it('undoes stacked encodings in reverse order, and reads a large compressed body whole', async () => {
    const { web, fetcher } = await setup(['alpha.test'], { maxBodyBytes: 8 * 1024 * 1024 });
    const alpha = web.host('alpha.test');
    // Random bytes do not compress: megabytes go through both decoders, past their buffers.
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(2 * 1024 * 1024)]);
    alpha.route(
      '/doc.pdf',
      bytes(zlib.brotliCompressSync(zlib.gzipSync(pdf), FAST_BROTLI), 'application/pdf', {
        headers: { 'content-encoding': 'gzip, br' },
      }),
    );
    const out = await fetcher.fetch(`${alpha.origin}/doc.pdf`);
    expect(out.error).toBeNull();
    expect(out.response?.bodyTruncated).toBe(false);
    expect(Buffer.from(out.response!.body).equals(pdf)).toBe(true);
  });

  it('reads a PDF up to maxBodyBytes', async () => {
    const { web, fetcher } = await setup(['alpha.test'], { maxBodyBytes: 512 * 1024 });
    const alpha = web.host('alpha.test');
    alpha.route('/doc.pdf', endless('application/pdf'));
    alpha.route('/small.pdf', bytes(Buffer.from('%PDF-1.4 tiny'), 'application/pdf'));
    const big = await fetcher.fetch(`${alpha.origin}/doc.pdf`);
    expect(big.response?.body.length).toBe(512 * 1024);
    expect(big.response?.bodyTruncated).toBe(true);
    const small = await fetcher.fetch(`${alpha.origin}/small.pdf`);
    expect(utf8(small.response!.body)).toBe('%PDF-1.4 tiny');
    expect(small.response?.bodyTruncated).toBe(false);
  });

  it('does not read bodies of other types', async () => {
    const { web, fetcher } = await setup(['alpha.test']);
    const alpha = web.host('alpha.test');
    alpha.route('/video', endless('video/mp4'));
    const out = await fetcher.fetch(`${alpha.origin}/video`);
    expect(out.error).toBeNull();
    expect(out.response?.status).toBe(200);
    expect(out.response?.headers['content-type']).toBe('video/mp4');
    expect(out.response?.body.length).toBe(0);
    expect(out.response?.bodyTruncated).toBe(true);
  });

  it('keeps what arrived when a server stalls mid-body', async () => {
    const { web, fetcher } = await setup(['alpha.test'], { timeoutMs: 200 });
    const alpha = web.host('alpha.test');
    alpha.route('/slow', hangMidBody('<title>slow'));
    const out = await fetcher.fetch(`${alpha.origin}/slow`);
    expect(out.error).toBeNull();
    expect(out.response?.status).toBe(200);
    expect(utf8(out.response!.body)).toBe('<title>slow');
    expect(out.response?.bodyTruncated).toBe(true);
  });

  it('stops a body that trickles forever at the attempt deadline', async () => {
    const { web, fetcher } = await setup(['alpha.test'], { timeoutMs: 100 });
    const alpha = web.host('alpha.test');
    alpha.route('/drip', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      const t = setInterval(() => res.write('a'), 20); // never idle long enough for bodyTimeout
      res.once('close', () => clearInterval(t));
    });
    const out = await fetcher.fetch(`${alpha.origin}/drip`);
    expect(out.error).toBeNull();
    expect(out.response?.bodyTruncated).toBe(true);
    expect(out.response?.body.length).toBeGreaterThan(0);
    expect(out.response?.body.length).toBeLessThan(100);
  });

  it('decides the body limit from the content type', () => {
    expect(bodyLimitFor('text/html; charset=utf-8', 1e9)).toBe(TEXT_BODY_LIMIT);
    expect(bodyLimitFor('application/xhtml+xml', 1000)).toBe(1000);
    expect(bodyLimitFor(undefined, 1e9)).toBe(TEXT_BODY_LIMIT);
    expect(bodyLimitFor('application/pdf', 5e6)).toBe(5e6);
    expect(bodyLimitFor('image/png', 5e6)).toBe(0);
    expect(bodyLimitFor('image/png', 5e6, true)).toBe(TEXT_BODY_LIMIT);
  });

  it('reads an unlabelled small body', async () => {
    const { web, fetcher } = await setup(['alpha.test']);
    const alpha = web.host('alpha.test');
    alpha.route('/plain', bytes(Buffer.from('<title>No type</title>'), null));
    const out = await fetcher.fetch(`${alpha.origin}/plain`);
    expect(utf8(out.response!.body)).toBe('<title>No type</title>');
  });
});
