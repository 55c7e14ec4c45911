import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { extractMeta } from '../../src/extract/index.js';
import { setup } from '../fetch/helpers.js';
import { bytes } from '../support/web.js';

/** Fetches `body` from a loopback server with Content-Type `type` (repeated: an array). */
async function served(body: Uint8Array, type: string | string[] | null) {
  const { web, fetcher } = await setup(['pages.test']);
  const host = web.host('pages.test');
  const repeated = Array.isArray(type) ? { headers: { 'content-type': type } } : {};
  host.route('/doc', bytes(body, Array.isArray(type) ? null : type, repeated));
  const out = await fetcher.fetch(`${host.origin}/doc`);
  expect(out.error).toBeNull();
  return extractMeta(out.response!);
}

const page = (head: string, title: Buffer) =>
  Buffer.concat([Buffer.from(`<html><head>${head}<title>`), title, Buffer.from('</title>')]);

describe('encoding labels browsers know beyond html-encoding-sniffer (Chromium as reference)', () => {
  const hebrew = iconv.encode('עברית', 'iso-8859-8');
  const cyrillic = iconv.encode('Привет', 'maccyrillic');

  it.each([
    ['iso-8859-8-i', hebrew, 'עברית'],
    ['csISO88598I', hebrew, 'עברית'],
    ['logical', hebrew, 'עברית'],
    ['x-mac-cyrillic', cyrillic, 'Привет'],
    ['x-mac-ukrainian', cyrillic, 'Привет'],
  ])('%s, in the header or in a <meta>', async (label, encoded, title) => {
    const byHeader = await served(page('', encoded), `text/html; charset=${label}`);
    expect(byHeader.title).toBe(title);
    const byMeta = await served(page(`<meta charset="${label}">`, encoded), 'text/html');
    expect(byMeta.title).toBe(title);
    const byHttpEquiv = await served(
      page(`<meta http-equiv="Content-Type" content="text/html; charset=${label}">`, encoded),
      'text/html',
    );
    expect(byHttpEquiv.title).toBe(title);
  });

  it('a replacement label (iso-2022-kr, hz-gb-2312) makes the page unreadable, as in browsers', async () => {
    const ascii = Buffer.from('Readable?');
    const byHeader = await served(page('', ascii), 'text/html; charset=iso-2022-kr');
    expect(byHeader).toMatchObject({ title: null, charset: 'replacement' });
    const byMeta = await served(page('<meta charset="hz-gb-2312">', ascii), 'text/html');
    expect(byMeta).toMatchObject({ title: null, charset: 'replacement' });
    // A BOM still wins over the header.
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), page('', Buffer.from('Été'))]);
    expect((await served(bom, 'text/html; charset=iso-2022-kr')).title).toBe('Été');
  });

  it("charset='...' in single quotes is read as Chromium reads it", async () => {
    const gbk = iconv.encode('中文标题', 'gbk');
    const meta = await served(page('', gbk), "text/html; charset='gbk'");
    expect(meta).toMatchObject({ title: '中文标题', charset: 'gbk' });
  });
});

describe('an XML declaration at byte 0 of an HTML page (Chromium honours it)', () => {
  const koi8 = iconv.encode('Новости', 'koi8-r');

  it.each([
    ['<?xml version="1.0" encoding="koi8-r"?>', 'koi8-r'],
    ["<?xml version='1.0' encoding='KOI8-R' standalone='yes'?>", 'koi8-r'],
  ])('%s names the encoding', async (decl, charset) => {
    const meta = await served(Buffer.concat([Buffer.from(decl), page('', koi8)]), 'text/html');
    expect(meta).toMatchObject({ title: 'Новости', charset });
  });

  it('a <meta> wins over it, and it counts only at the very start', async () => {
    const cp1251 = iconv.encode('Новости', 'windows-1251');
    const both = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="koi8-r"?>'),
      page('<meta charset="windows-1251">', cp1251),
    ]);
    expect((await served(both, 'text/html')).charset).toBe('windows-1251');
    for (const before of ['\n', '<!DOCTYPE html>']) {
      const late = Buffer.concat([
        Buffer.from(`${before}<?xml version="1.0" encoding="koi8-r"?>`),
        page('', koi8),
      ]);
      expect((await served(late, 'text/html')).charset).toBe('windows-1252');
    }
  });
});

describe('repeated Content-Type headers: the last usable one, as Chromium reads them', () => {
  const gbk = page('', iconv.encode('中文标题', 'gbk'));

  it('the last type wins, and the last charset given for it', async () => {
    expect(await served(gbk, ['text/plain', 'text/html; charset=gbk'])).toMatchObject({
      contentType: 'text/html',
      title: '中文标题',
    });
    expect((await served(gbk, ['text/html', 'text/plain'])).title).toBeNull();
    const charsets = ['text/html; charset=koi8-r', 'text/html; charset=gbk'];
    expect(await served(gbk, charsets)).toMatchObject({ charset: 'gbk', title: '中文标题' });
  });

  it('a later value without a charset, or not a MIME type, keeps the earlier charset', async () => {
    for (const later of ['text/html', 'garbage']) {
      const meta = await served(gbk, ['text/html; charset=gbk', later]);
      expect(meta).toMatchObject({ contentType: 'text/html', charset: 'gbk', title: '中文标题' });
    }
  });
});
