import { describe, expect, it } from 'vitest';
import { saysNotFound } from '../../src/classify/index.js';
import { MAX_TEXT_CHARS } from '../../src/extract/fold.js';
import { parseLastModified } from '../../src/extract/headers.js';
import { decodeBody, extractMeta, extractPdfMeta } from '../../src/extract/index.js';
import type { FetchedResponse } from '../../src/model/index.js';
import { addPageTree, PdfBuilder, utf16Hex } from './pdf-builder.js';

const URL_ = 'https://example.org/dir/page.html';

function res(
  body: string | Uint8Array,
  headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8' },
  url = URL_,
): FetchedResponse {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return { url, status: 200, headers, body: bytes, bodyTruncated: false };
}

function latin1(s: string): Buffer {
  return Buffer.from(s, 'latin1');
}

describe('extractMeta: titles', () => {
  it('reads <title> with entities decoded and whitespace folded', () => {
    const html =
      '<html><head><title>\n  Caf&eacute; &amp; bar&nbsp;&nbsp;&#8217;s\t&#x2019;\u00a0menu\n</title></head></html>';
    const m = extractMeta(res(html));
    expect(m.title).toBe('Café & bar ’s ’ menu');
    expect(m.htmlTitle).toBe(m.title);
  });

  it('falls back to og:title, and keeps both when both exist', () => {
    const og = '<head><meta property="og:title" content="Open &amp; Graph"></head><body>x</body>';
    expect(extractMeta(res(og))).toMatchObject({
      title: 'Open & Graph',
      htmlTitle: null,
      ogTitle: 'Open & Graph',
    });
    const both = `<title>Real</title>${og}`;
    expect(extractMeta(res(both))).toMatchObject({ title: 'Real', ogTitle: 'Open & Graph' });
  });

  it('an empty <title> falls back to og:title', () => {
    const html = '<title> &nbsp; </title><meta property="og:title" content="OG">';
    expect(extractMeta(res(html))).toMatchObject({ title: 'OG', htmlTitle: null });
  });

  it('takes the first <title>, even outside head, and ignores SVG titles', () => {
    const html = '<body><svg><title>icon</title></svg><title>Late</title><title>Second</title>';
    expect(extractMeta(res(html)).title).toBe('Late');
  });

  it.each(['template', 'noscript', 'iframe', 'noembed', 'noframes'])(
    'ignores a <title> inside <%s>, as document.title does (Chromium)',
    (tag) => {
      const html = `<html><head><${tag}><title>Not the page</title></${tag}><title>Real</title>`;
      expect(extractMeta(res(html)).title).toBe('Real');
    },
  );

  it('an <h1> inside <noscript> or <template> is not the page heading', () => {
    const shell =
      '<title>App</title><noscript><h1>Enable JavaScript</h1></noscript><div id="root">';
    expect(extractMeta(res(shell)).h1).toBeNull();
    const later = '<template><h1>Row</h1></template><main><h1>Real heading</h1></main>';
    expect(extractMeta(res(later)).h1).toBe('Real heading');
  });

  it('caps very long titles at 500 characters', () => {
    const html = `<title>${'word '.repeat(400)}</title>`;
    const t = extractMeta(res(html)).title!;
    expect(t.length).toBeLessThanOrEqual(500);
    expect(t.startsWith('word word')).toBe(true);
  });

  it('reads the first h1, folded', () => {
    const html = '<body><h1>\n Page <em>not</em>\n found </h1><h1>Other</h1>';
    expect(extractMeta(res(html)).h1).toBe('Page not found');
  });
});

describe('extractMeta: canonical and lang', () => {
  it('resolves canonical against the response URL, rel matched as a token', () => {
    const html = '<html lang="fr-CA"><head><link rel="Alternate CANONICAL" href="../other?a=1">';
    expect(extractMeta(res(html))).toMatchObject({
      canonical: 'https://example.org/other?a=1',
      lang: 'fr-CA',
    });
  });

  it('honours <base href> and skips non-http canonicals', () => {
    const html =
      '<base href="https://cdn.example.org/x/"><link rel=canonical href="javascript:alert(1)">' +
      '<link rel="canonical" href="y">';
    expect(extractMeta(res(html)).canonical).toBe('https://cdn.example.org/x/y');
    expect(extractMeta(res('<link rel=canonical href="mailto:a@example.org">')).canonical).toBe(
      null,
    );
  });

  it('null lang when absent or blank', () => {
    expect(extractMeta(res('<html><title>t</title>')).lang).toBeNull();
    expect(extractMeta(res('<html lang="  ">')).lang).toBeNull();
  });
});

describe('extractMeta: visible text', () => {
  it('drops script/style/noscript/template, separates blocks, keeps inline words whole', () => {
    const html =
      '<head><style>p{}</style><title>T</title></head><body><script>var x = "hidden";</script>' +
      '<p>First&nbsp;para</p><p>Sec<b>ond</b> para</p><noscript>enable js</noscript>' +
      '<template><p>tpl</p></template><div hidden>nope</div><li>item</li></body>';
    expect(extractMeta(res(html)).text).toBe('First para Second para item');
  });

  it('caps the text at about 16 KB', () => {
    const html = `<body>${'<p>lorem ipsum dolor</p>'.repeat(8000)}</body>`;
    const t = extractMeta(res(html)).text;
    expect(t.length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
    expect(t.length).toBeGreaterThan(MAX_TEXT_CHARS - 64);
    expect(t.endsWith('lorem') || t.endsWith('ipsum') || t.endsWith('dolor')).toBe(true);
  });
});

describe('extractMeta: truncated and hostile HTML', () => {
  it('a body cut mid-tag still yields title, h1 and text', () => {
    const html = '<html><head><title>Kept</title></head><body><h1>Head</h1><p>Some text<a hr';
    const r = { ...res(html), bodyTruncated: true };
    expect(extractMeta(r)).toMatchObject({ title: 'Kept', h1: 'Head', text: 'Head Some text' });
  });

  it('a body cut inside the title keeps what is there', () => {
    expect(extractMeta(res('<title>Half a ti')).title).toBe('Half a ti');
  });

  it('garbage bytes under every content type never throw', () => {
    const garbage = Buffer.from(Array.from({ length: 20000 }, (_, i) => (i * 2654435761) >>> 24));
    for (const ct of ['text/html', 'application/pdf', 'application/octet-stream', 'text/plain']) {
      const m = extractMeta(res(garbage, { 'content-type': ct }));
      expect(m.contentType).toBe(ct);
    }
    // Deep nesting (quadratic in some parsers) and unmatched end tags.
    const deep = `<body>${'<div>'.repeat(30000)}deep${'</span>'.repeat(1000)}`;
    expect(extractMeta(res(deep)).text).toBe('deep');
    // A response object with missing fields (defensive: extraction never throws).
    const broken = { url: 'not a url', status: 200 } as unknown as FetchedResponse;
    expect(extractMeta(broken)).toMatchObject({ title: null, text: '', contentType: null });
  });
});

describe('extractMeta: charsets end to end (’ œ – € as 0x92 0x9C 0x96 0x80)', () => {
  const cp1252 = '\x92 \x9c \x96 \x80';
  const expected = '’ œ – €';

  it('declared in the header', () => {
    const m = extractMeta(
      res(latin1(`<title>${cp1252}</title>`), {
        'content-type': 'text/html; charset=windows-1252',
      }),
    );
    expect(m).toMatchObject({ title: expected, charset: 'windows-1252' });
  });

  it('declared in meta', () => {
    const body = latin1(`<meta charset="windows-1252"><title>${cp1252}</title>`);
    expect(extractMeta(res(body, { 'content-type': 'text/html' }))).toMatchObject({
      title: expected,
      charset: 'windows-1252',
    });
  });

  it('undeclared', () => {
    const body = latin1(`<title>${cp1252}</title><p>caf\xe9</p>`);
    expect(extractMeta(res(body, { 'content-type': 'text/html' }))).toMatchObject({
      title: expected,
      text: 'café',
      charset: 'windows-1252',
    });
  });

  it('undeclared UTF-8 and UTF-16 with BOM', () => {
    expect(extractMeta(res('<title>’ œ – €</title>', {})).title).toBe(expected);
    const le = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('<title>Été</title>', 'utf16le'),
    ]);
    expect(extractMeta(res(le, { 'content-type': 'text/html; charset=iso-8859-1' }))).toMatchObject(
      { title: 'Été', charset: 'utf-16le' },
    );
  });

  it('decodeBody is exported from the module entry', () => {
    expect(decodeBody(latin1(cp1252), 'text/html; charset=iso-8859-1').text).toBe(expected);
  });
});

describe('extractMeta: headers', () => {
  it('content type without parameters, lower-cased; length; last-modified', () => {
    const m = extractMeta(
      res('<title>x</title>', {
        'content-type': 'Text/HTML; Charset=UTF-8',
        'content-length': ' 1234 ',
        'last-modified': 'Wed, 21 Oct 2015 07:28:00 GMT',
      }),
    );
    expect(m).toMatchObject({
      contentType: 'text/html',
      contentLength: 1234,
      lastModified: 'Wed, 21 Oct 2015 07:28:00 GMT',
      charset: 'utf-8',
    });
  });

  it('garbage header values become null', () => {
    for (const [len, lm, ct] of [
      ['12abc', 'yesterday', 'html'],
      ['-5', '0', ''],
      ['10, 11', 'not a date 2015', 'text/'],
      ['99999999999999999999', '', ';charset=utf-8'],
    ] as const) {
      const m = extractMeta(
        res('x', { 'content-length': len, 'last-modified': lm, 'content-type': ct }),
      );
      expect(m).toMatchObject({ contentLength: null, lastModified: null, contentType: null });
    }
    const repeated = extractMeta(
      res('x', { 'content-length': '7, 7', 'content-type': 'a/b, c/d' }),
    );
    // Of repeated Content-Type headers the last usable one counts (Fetch standard, Chromium).
    expect(repeated).toMatchObject({ contentLength: 7, contentType: 'c/d' });
  });
});

describe('extractMeta: PDFs and other types', () => {
  function pdf(title: string, pages: number): Buffer {
    const b = new PdfBuilder();
    const tree = addPageTree(b, pages);
    const catalog = b.add(`<< /Type /Catalog /Pages ${tree} 0 R >>`);
    const info = b.add(`<< /Title ${utf16Hex(title)} /Producer (x) >>`);
    return b.build({ root: catalog, info });
  }

  it('application/pdf: title and pages', () => {
    const m = extractMeta(res(pdf('Déjà vu – PDF', 5), { 'content-type': 'application/pdf' }));
    expect(m).toMatchObject({
      title: 'Déjà vu – PDF',
      htmlTitle: null,
      contentType: 'application/pdf',
      charset: null,
      pdf: { title: 'Déjà vu – PDF', pages: 5 },
      text: '',
    });
    expect(extractPdfMeta(pdf('x', 3)).pages).toBe(3);
  });

  it('a PDF sent as application/octet-stream or without a type is detected by magic', () => {
    const variants: Record<string, string>[] = [{ 'content-type': 'application/octet-stream' }, {}];
    for (const headers of variants) {
      expect(extractMeta(res(pdf('Magic', 2), headers))).toMatchObject({
        title: 'Magic',
        pdf: { title: 'Magic', pages: 2 },
      });
    }
  });

  it('an HTML error page sent as application/pdf is read as HTML, so its wording counts', () => {
    const page =
      '<!DOCTYPE html><html lang="fr"><head><meta charset="windows-1252"><title>Document introuvable</title></head><body><h1>Erreur</h1></body></html>';
    const m = extractMeta(res(latin1(page), { 'content-type': 'application/pdf' }));
    expect(m).toMatchObject({
      title: 'Document introuvable',
      htmlTitle: 'Document introuvable',
      contentType: 'application/pdf',
      pdf: null,
      lang: 'fr',
    });
    expect(saysNotFound(m.title)).toBe(true);
  });

  it('a body that starts with %PDF- is a PDF whatever the label', () => {
    for (const ct of ['text/html', 'text/plain', 'application/x-pdf']) {
      expect(extractMeta(res(pdf('Mislabelled', 1), { 'content-type': ct }))).toMatchObject({
        title: 'Mislabelled',
        contentType: ct,
        pdf: { pages: 1 },
      });
    }
  });

  it('untyped HTML is sniffed; images and plain text give no title and no text', () => {
    expect(extractMeta(res('\n <!DOCTYPE html><title>Sniffed</title>', {})).title).toBe('Sniffed');
    const png = extractMeta(
      res(Buffer.from([0x89, 0x50, 0x4e, 0x47]), { 'content-type': 'image/png' }),
    );
    expect(png).toMatchObject({ title: null, text: '', pdf: null, charset: null });
    const txt = extractMeta(res('<title>not html</title>', { 'content-type': 'text/plain' }));
    expect(txt).toMatchObject({ title: null, text: '', charset: 'utf-8' });
  });
});

describe('parseLastModified', () => {
  it('accepts HTTP-date forms and ISO 8601, rejects the rest', () => {
    for (const ok of [
      'Sun, 06 Nov 1994 08:49:37 GMT',
      'Sunday, 06-Nov-94 08:49:37 GMT',
      'Sun Nov  6 08:49:37 1994',
      '2024-03-01T10:00:00Z',
      '2024-03-01',
    ]) {
      expect(parseLastModified(ok)).toBe(ok);
    }
    for (const bad of ['not a date 2015', '1', 'Sun, 99 Nov 1994 08:49:37 GMT', '2024-13-45', '']) {
      expect(parseLastModified(bad)).toBeNull();
    }
  });
});

describe('extractMeta: text after heavy indentation', () => {
  it('whitespace-only nodes do not use up the text budget', () => {
    const nav = `<ul>${'<li>\n                                        </li>'.repeat(400)}</ul>`;
    const html = `<body>${nav}<main><p>The actual content</p></main></body>`;
    expect(extractMeta(res(html)).text).toBe('The actual content');
  });
});
