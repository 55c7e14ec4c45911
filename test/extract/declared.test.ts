import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBody, metaCharset } from '../../src/extract/charset.js';
import { extractMeta } from '../../src/extract/index.js';
import type { FetchedResponse } from '../../src/model/index.js';
import { setup } from '../fetch/helpers.js';
import { bytes } from '../support/web.js';

/**
 * Where a page declares its encoding, as Chromium reads the declaration (each case checked
 * against Chromium 156's document.characterSet and document.title on a loopback server).
 */

const TITLE = 'Новости дня: главная страница';
const cp1251 = (s: string) => iconv.encode(s, 'windows-1251');
const latin1 = (s: string) => Buffer.from(s, 'latin1');

/** A windows-1251 page declaring windows-1251, with `before` in its head first. */
function page(before: string): Buffer {
  return Buffer.concat([
    latin1(`<html><head>${before}<meta charset="windows-1251"><title>`),
    cp1251(TITLE),
    latin1('</title></head><body></body></html>'),
  ]);
}

function response(body: Uint8Array, type: string | null): FetchedResponse {
  const headers: Record<string, string> = type === null ? {} : { 'content-type': type };
  return { url: 'http://pages.test/doc', status: 200, headers, body, bodyTruncated: false };
}

describe('a <meta> that is text to the tokenizer is no declaration, even in the first 1024 bytes', () => {
  // The WHATWG prescan reads bytes and takes these; Chromium's meta charset parser is a
  // tokenizer and does not: read as KOI8-R, the title was mojibake.
  it.each([
    ['a script string', `<script>var s = '<meta charset="koi8-r">';</script>`],
    ['a style comment', '<style>/* <meta charset="koi8-r"> */</style>'],
    ['a textarea', '<textarea><meta charset="koi8-r"></textarea>'],
    ['an xmp', '<xmp><meta charset="koi8-r"></xmp>'],
    ['an iframe', '<iframe><meta charset="koi8-r"></iframe>'],
    ['a comment', '<!-- <meta charset="koi8-r"> -->'],
  ])('in %s', (_where, before) => {
    expect(metaCharset(page(before))).toBe('windows-1251');
    expect(extractMeta(response(page(before), 'text/html'))).toMatchObject({
      title: TITLE,
      charset: 'windows-1251',
    });
  });

  it('a <meta> in <noscript> or <template> is a declaration (their content is markup there)', () => {
    expect(metaCharset(page('<noscript><meta charset="koi8-r"></noscript>'))).toBe('KOI8-R');
    expect(metaCharset(page('<template><meta charset="koi8-r"></template>'))).toBe('KOI8-R');
  });

  it('a quoted ">" in an attribute does not end the tag; after <plaintext> all is text', () => {
    const quoted = Buffer.concat([
      latin1('<html><head><meta name="a>b" charset="windows-1251"><title>'),
      cp1251(TITLE),
      latin1('</title>'),
    ]);
    expect(metaCharset(quoted)).toBe('windows-1251');
    expect(metaCharset(latin1('<plaintext><meta charset="koi8-r">'))).toBeNull();
  });
});

describe('XHTML parsed as XML: BOM, header, XML declaration, else UTF-8; a <meta> is no declaration', () => {
  const xhtml = (decl: string, head: string, title: Buffer) =>
    Buffer.concat([
      latin1(`${decl}<html xmlns="http://www.w3.org/1999/xhtml"><head>${head}<title>`),
      title,
      latin1('</title></head><body/></html>'),
    ]);
  const metaLies = xhtml(
    '',
    '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251"/>',
    Buffer.from(TITLE, 'utf8'),
  );

  it('application/xhtml+xml with a <meta> naming another encoding is UTF-8', async () => {
    const { web, fetcher } = await setup(['pages.test']);
    const host = web.host('pages.test');
    host.route('/doc', bytes(metaLies, 'application/xhtml+xml'));
    const out = await fetcher.fetch(`${host.origin}/doc`);
    expect(extractMeta(out.response!)).toMatchObject({ title: TITLE, charset: 'utf-8' });
  });

  it('an untyped body starting <?xml is XML too', () => {
    const untyped = Buffer.concat([latin1('<?xml version="1.0"?>'), metaLies]);
    expect(extractMeta(response(untyped, null))).toMatchObject({ title: TITLE, charset: 'utf-8' });
  });

  it('the XML declaration, then the header, then a BOM win in turn', () => {
    const declared = xhtml('<?xml version="1.0" encoding="windows-1251"?>', '', cp1251(TITLE));
    expect(decodeBody(declared, 'application/xhtml+xml', 'xml').charset).toBe('windows-1251');
    const header = xhtml('<?xml version="1.0" encoding="utf-8"?>', '', cp1251(TITLE));
    expect(decodeBody(header, 'application/xhtml+xml; charset=windows-1251', 'xml').charset).toBe(
      'windows-1251',
    );
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), metaLies]);
    expect(decodeBody(bom, 'application/xhtml+xml; charset=koi8-r', 'xml').charset).toBe('utf-8');
    // Undeclared bytes that are not UTF-8 are not guessed: XML says UTF-8.
    expect(decodeBody(xhtml('', '', cp1251(TITLE)), 'application/xhtml+xml', 'xml').charset).toBe(
      'utf-8',
    );
  });

  it('an XHTML document served as text/xml has its title read', () => {
    const declared = xhtml('<?xml version="1.0" encoding="windows-1251"?>', '', cp1251(TITLE));
    expect(extractMeta(response(declared, 'text/xml'))).toMatchObject({
      title: TITLE,
      charset: 'windows-1251',
    });
    // Other XML (a feed, a sitemap) has no page title.
    const feed = latin1(
      '<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title></channel></rss>',
    );
    expect(extractMeta(response(feed, 'text/xml')).title).toBeNull();
  });

  it('the same page served as text/html keeps its <meta> (look-alike)', () => {
    expect(extractMeta(response(page(''), 'text/html'))).toMatchObject({
      title: TITLE,
      charset: 'windows-1251',
    });
    const xhtmlAsHtml = xhtml(
      '',
      '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251"/>',
      cp1251(TITLE),
    );
    expect(extractMeta(response(xhtmlAsHtml, 'text/html')).charset).toBe('windows-1251');
  });
});
