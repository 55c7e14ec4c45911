import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { metaCharset } from '../../src/extract/charset.js';
import { cyrillicProfile } from '../../src/extract/detect-encoding.js';
import { extractMeta } from '../../src/extract/index.js';
import { sniffUnknown } from '../../src/extract/sniff.js';
import { bodyLimitFor, limitAfterSniff, TEXT_BODY_LIMIT } from '../../src/fetch/body.js';
import { LONG_HEAD_LIMIT, limitForLongHead } from '../../src/fetch/long-head.js';
import type { FetchedResponse } from '../../src/model/index.js';
import { setup } from '../fetch/helpers.js';
import { bytes } from '../support/web.js';
import { addPageTree, PdfBuilder, utf16Hex } from './pdf-builder.js';

/** Fetches `body` from a loopback server with `type` (null: no Content-Type) and reads it. */
async function served(body: Uint8Array, type: string | null, maxBodyBytes = 1024 * 1024) {
  const { web, fetcher } = await setup(['pages.test'], { maxBodyBytes });
  const host = web.host('pages.test');
  host.route('/doc', bytes(body, type));
  const out = await fetcher.fetch(`${host.origin}/doc`);
  expect(out.error).toBeNull();
  return { meta: extractMeta(out.response!), read: out.response!.body.byteLength };
}

/** A page in a legacy encoding whose <meta charset> comes after `padding` bytes of head. */
function legacyPage(charset: string, title: string, padding: number, body = title): Buffer {
  // Head content browsers accept before the declaration: scripts, styles, links, comments.
  const filler = `<script>var x = "${'a'.repeat(padding)}";</script>\n`;
  const html =
    `<!DOCTYPE html><html><head>\n<!-- generated -->\n<link rel="stylesheet" href="/s.css">\n${filler}` +
    `<meta http-equiv="Content-Type" content="text/html; charset=${charset}">\n` +
    `<title>${title}</title></head><body><h1>${body}</h1></body></html>`;
  return iconv.encode(html, charset);
}

describe('charset: a page that declares none (as Chromium guesses it)', () => {
  const page = (title: string, text: string) =>
    `<!DOCTYPE html><html><head><title>${title}</title></head><body><h1>${title}</h1><p>${text}</p></body></html>`;

  it.each([
    [
      'gbk',
      '国家卫生健康委员会：关于印发通知',
      '各省、自治区、直辖市卫生健康委员会，现将有关事项通知如下。',
    ],
    [
      'big5',
      '衛生福利部：數位健康政策說明',
      '為推動醫療資訊數位化，本部訂定下列措施，請各機關配合辦理。',
    ],
    [
      'shift_jis',
      '厚生労働省：医療のデジタル化について',
      '医療情報の電子化を進めるため、次のとおり通知します。',
    ],
    [
      'euc-jp',
      '総務省：情報通信白書の公表',
      '情報通信の現状と課題について取りまとめたので公表します。',
    ],
    [
      'euc-kr',
      '보건복지부: 디지털 헬스케어 정책',
      '보건의료 데이터의 활용을 위하여 다음과 같이 안내합니다.',
    ],
  ])('%s page served as text/html without a charset', async (charset, title, text) => {
    const { meta } = await served(iconv.encode(page(title, text), charset), 'text/html');
    expect(meta.title).toBe(title);
  });

  it('keeps windows-1252 for a legacy European page (detectors confuse its neighbours)', async () => {
    const title = 'Le numérique en santé : où en est l’État ?';
    const text =
      'Les établissements médico-sociaux évaluent leurs pratiques numériques, à la demande de l’État.';
    const { meta } = await served(iconv.encode(page(title, text), 'windows-1252'), 'text/html');
    expect(meta.title).toBe(title);
    expect(meta.charset).toBe('windows-1252');
  });
});

/** A page served as text/html without a charset, read without a server (pure checks). */
function htmlResponse(body: Uint8Array): FetchedResponse {
  const headers = { 'content-type': 'text/html' };
  return { url: 'http://pages.test/doc', status: 200, headers, body, bodyTruncated: false };
}

/** A legacy page of the 2000s: scripts and navigation in ASCII around a few paragraphs. */
function portalPage(title: string, paragraphs: string[], lang: string): string {
  const [first = '', second = ''] = paragraphs[0]!.split(' ');
  return `<!DOCTYPE html>
<html lang="${lang}"><head>
<title>${title}</title>
<link rel="stylesheet" href="/css/main.css">
<script src="/js/jquery.min.js"></script>
<script>var _gaq = _gaq || []; _gaq.push(['_setAccount', 'UA-1234567-1']);</script>
</head><body>
<div id="header"><a href="/"><img src="/img/logo.gif" alt=""></a></div>
<div id="menu"><ul><li><a href="/news/">${first}</a></li><li><a href="/about/">${second}</a></li></ul></div>
<div id="content"><h1>${title}</h1>
${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
</div><div id="footer">&copy; 2009</div></body></html>`;
}

const CYRILLIC_PAGES: Record<string, [string, string[], string]> = {
  russian: [
    'Новости Министерства образования: главная страница',
    [
      'Министерство образования и науки сообщает о начале приема заявлений на участие в конкурсе.',
      'Заявки принимаются до пятнадцатого числа следующего месяца по адресу, указанному на сайте.',
      'Подробная информация о порядке проведения конкурса размещена в разделе «Документы».',
    ],
    'ru',
  ],
  ukrainian: [
    'Новини університету: вступна кампанія',
    [
      'Приймальна комісія інформує, що прийом заяв від вступників розпочнеться в липні.',
      'Усі документи подаються особисто або через електронний кабінет вступника, який діє цілодобово.',
      'Детальна інформація щодо конкурсних пропозицій та вартості навчання є на сторінці факультету.',
    ],
    'uk',
  ],
  bulgarian: [
    'Община Пловдив – обява за обществено обсъждане',
    [
      'Общината уведомява гражданите, че ще се проведе обществено обсъждане на проекта за бюджет.',
      'Предложенията се приемат в деловодството на общината или по електронната поща до края на месеца.',
      'Всички материали са публикувани в раздел „Документи“ на официалната страница.',
    ],
    'bg',
  ],
};

const WESTERN_PAGES: Record<string, [string, string[], string]> = {
  french: [
    'Le numérique en santé : où en est l’État ?',
    [
      'Les établissements médico-sociaux évaluent leurs pratiques numériques, à la demande de l’État.',
      'Après une première phase d’expérimentation, la généralisation du dossier a été décidée ; créée en 2004, l’agence a été réorganisée.',
      'Les données de santé à caractère personnel sont hébergées chez un hébergeur agréé.',
    ],
    'fr',
  ],
  german: [
    'Gemeinde Überlingen – Öffnungszeiten des Bürgerbüros',
    [
      'Das Bürgerbüro ist ab Montag wieder zu den üblichen Öffnungszeiten für Sie geöffnet.',
      'Für Anträge auf Personalausweise und Reisepässe ist eine vorherige Terminvereinbarung erforderlich.',
      'Bitte beachten Sie, dass Gebühren ausschließlich bargeldlos gezahlt werden können; Straßensperrungen sind möglich.',
    ],
    'de',
  ],
  spanish: [
    'Ayuntamiento de Cáceres: información sobre el año académico',
    [
      'La Concejalía de Educación informa de que el plazo de inscripción se abrirá en junio.',
      'Las solicitudes podrán presentarse en el registro general o a través de la sede electrónica.',
      'Para más información, diríjase a la Oficina de Atención al Ciudadano, situada en la planta baja.',
    ],
    'es',
  ],
};

describe('charset: an undeclared Cyrillic page (as Chromium guesses it)', () => {
  it.each([
    ['russian', 'windows-1251'],
    ['russian', 'koi8-r'],
    ['ukrainian', 'windows-1251'],
    ['ukrainian', 'koi8-u'],
    ['bulgarian', 'windows-1251'],
  ])('a %s page in %s, served as text/html without a charset', async (language, charset) => {
    const [title, paragraphs, lang] = CYRILLIC_PAGES[language]!;
    const html = portalPage(title, paragraphs, lang);
    const { meta } = await served(iconv.encode(html, charset), 'text/html');
    expect(meta).toMatchObject({ title, h1: title, charset });
    // A page of a title and one line is guessed too.
    const short = `<html><head><title>${title}</title></head><body><p>${paragraphs[0]}</p></body></html>`;
    expect(extractMeta(htmlResponse(iconv.encode(short, charset))).title).toBe(title);
  });

  it.each(Object.keys(WESTERN_PAGES))('a %s windows-1252 page stays windows-1252', (language) => {
    const [title, paragraphs, lang] = WESTERN_PAGES[language]!;
    const bytes = iconv.encode(portalPage(title, paragraphs, lang), 'windows-1252');
    expect(extractMeta(htmlResponse(bytes))).toMatchObject({ title, charset: 'windows-1252' });
    // Whatever a detector says: its bytes do not read as Cyrillic in either encoding.
    expect(cyrillicProfile(bytes, 'windows-1251')).toBeNull();
    expect(cyrillicProfile(bytes, 'koi8')).toBeNull();
  });

  it('the profile must agree with the detector: windows-1251 is not KOI8, nor the reverse', () => {
    const [title, paragraphs, lang] = CYRILLIC_PAGES.russian!;
    const html = portalPage(title, paragraphs, lang);
    expect(cyrillicProfile(iconv.encode(html, 'windows-1251'), 'koi8')).toBeNull();
    expect(cyrillicProfile(iconv.encode(html, 'koi8-r'), 'windows-1251')).toBeNull();
  });

  it('too few letters, or high bytes that are not letters, are no guess', () => {
    expect(
      cyrillicProfile(iconv.encode('<title>Дом</title>', 'windows-1251'), 'windows-1251'),
    ).toBeNull();
    // Decorations: runs of ¯ (0xAF, Ї in windows-1251) and of • with no letter at all.
    const rule = Buffer.from(`<pre>${'\xaf'.repeat(60)}\n${'\x95'.repeat(60)}</pre>`, 'latin1');
    expect(cyrillicProfile(rule, 'windows-1251')).toBeNull();
  });
});

describe('charset: a <meta> declaration past the first 1024 bytes (as Chromium reads it)', () => {
  it.each([
    ['gbk', '中文网页标题 – 新闻'],
    ['shift_jis', '日本語のページ「ニュース」'],
    ['windows-1251', 'Новости: главная страница'],
    ['iso-8859-15', 'Prix en € : Œuvres'],
    ['euc-kr', '한국어 뉴스 페이지'],
  ])('%s page declared at about byte 1180, served without a charset', async (charset, title) => {
    const page = legacyPage(charset, title, 1100);
    const at = page.indexOf('charset=');
    expect(at).toBeGreaterThan(1024);
    const { meta } = await served(page, 'text/html');
    expect(meta.title).toBe(title);
    expect(meta.h1).toBe(title);
  });

  it('<meta charset> short form, after a long inline style', () => {
    const html = `<html><head><style>${'p{color:red}'.repeat(150)}</style><meta charset="gbk"><title>标题</title>`;
    expect(metaCharset(iconv.encode(html, 'gbk'))).toBe('GBK');
  });

  it('a declaration in the body, or after a tag that ends the head, is not honoured', () => {
    const inBody = `<html><head><title>x</title></head><body><p>${'y'.repeat(1200)}</p><meta charset="gbk">`;
    expect(metaCharset(Buffer.from(inBody))).toBeNull();
    const afterDiv = `<html><head><title>x</title><div>${'y'.repeat(1200)}</div><meta charset="gbk">`;
    expect(metaCharset(Buffer.from(afterDiv))).toBeNull();
  });

  it('a <meta> inside a script, a comment or a title is text, not a declaration', () => {
    for (const wrap of [
      (m: string) => `<script>document.write('${m}')</script>`,
      (m: string) => `<!-- ${m} -->`,
      (m: string) => `<title>${m}</title>`,
    ]) {
      const html = `<html><head>${' '.repeat(1100)}${wrap('<meta charset="gbk">')}</head>`;
      expect(metaCharset(Buffer.from(html))).toBeNull();
    }
  });

  it('UTF-16 in a late <meta> means UTF-8, as in the prescan; the header still wins', async () => {
    const html = `<html><head>${' '.repeat(1100)}<meta charset="utf-16"><title>Été</title>`;
    expect(metaCharset(Buffer.from(html))).toBe('UTF-8');
    const gbk = legacyPage('gbk', '标题', 1100);
    const { meta } = await served(gbk, 'text/html; charset=windows-1252');
    expect(meta.charset).toBe('windows-1252');
  });
});

function pdfFile(title: string, fillerBytes = 0): Buffer {
  const b = new PdfBuilder();
  const catalog = b.reserve();
  const pages = addPageTree(b, 2);
  // An incompressible stream makes the file large; the Info dictionary comes after it.
  if (fillerBytes > 0) {
    const filler = Buffer.alloc(fillerBytes);
    for (let i = 0; i < filler.length; i++) filler[i] = (i * 2654435761) >>> 24;
    b.addStream('/Subtype /Image', filler);
  }
  b.set(catalog, `<< /Type /Catalog /Pages ${pages} 0 R >>`);
  const info = b.add(`<< /Title ${utf16Hex(title)} /Producer (x) >>`);
  return b.build({ root: catalog, info });
}

describe('MIME sniffing of bodies served without a usable type', () => {
  it.each([
    ['a leading comment', '<!-- built 2024 -->\n<html><head><title>Commented</title>'],
    ['a leading script', '<script>var a=1;</script><title>Scripted</title>'],
    ['a leading style', '  \n\t<style>p{}</style><title>Styled</title>'],
    ['upper-case tags', '<HTML><HEAD><TITLE>Shouting</TITLE>'],
    ['a table', '<table><tr><td>x</td></tr></table><title>Tabled</title>'],
    [
      'XHTML after <?xml',
      '<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Extensible</title>',
    ],
  ])('untyped HTML with %s gets its title', async (_, page) => {
    const { meta } = await served(Buffer.from(page), null);
    expect(meta.title).toMatch(/^(Commented|Scripted|Styled|Shouting|Tabled|Extensible)$/);
    expect(meta.contentType).toBeNull();
  });

  it('what browsers show as text is not read as HTML', async () => {
    for (const page of [
      'Hello <title>plain</title>', // text before the first tag
      '\ufeff<html><title>BOM</title>', // a BOM makes it text/plain (the standard, Chromium)
      '<?xml version="1.0"?><rss><channel><title>Feed</title></channel></rss>',
      '<htmlx><title>No</title>', // not one of the tags
    ]) {
      const { meta } = await served(Buffer.from(page), null);
      expect(meta.title).toBeNull();
    }
  });

  it.each([
    'application/octet-stream',
    'binary/octet-stream',
    'application/force-download',
    'application/x-download',
    'application/unknown',
  ])('%s: a PDF and an HTML page are read as what they are', async (type) => {
    const pdf = await served(pdfFile('Typed as nothing'), type);
    expect(pdf.meta).toMatchObject({
      title: 'Typed as nothing',
      contentType: type,
      pdf: { pages: 2 },
    });
    const page = await served(Buffer.from('<!DOCTYPE html><title>A page</title>'), type);
    expect(page.meta).toMatchObject({ title: 'A page', pdf: null });
  });

  it.each(['application/acrobat', 'application/nappdf', 'application/vnd.pdf', 'image/pdf'])(
    '%s (an alias of application/pdf) is read as a PDF',
    async (type) => {
      const pdf = await served(pdfFile('Aliased type'), type);
      expect(pdf.meta).toMatchObject({ title: 'Aliased type', contentType: type });
    },
  );

  it.each(['application/x-octet-stream', 'application/octetstream', 'application/save'])(
    '%s (a variant of octet-stream) is sniffed',
    async (type) => {
      const pdf = await served(pdfFile('Variant download'), type);
      expect(pdf.meta.title).toBe('Variant download');
    },
  );

  it('a Content-Type that is not a MIME type is no type: the body is sniffed, as browsers do', async () => {
    for (const type of ['pdf', 'html', 'text', '']) {
      const pdf = await served(pdfFile('Mislabelled'), type);
      expect(pdf.meta).toMatchObject({ title: 'Mislabelled', contentType: null });
      const page = await served(Buffer.from('<!DOCTYPE html><title>A page</title>'), type);
      expect(page.meta).toMatchObject({ title: 'A page', contentType: null });
    }
  });

  it('a binary download with an unknown type is not read past its first bytes', async () => {
    const zip = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(200_000, 1)]);
    const { meta, read } = await served(zip, 'application/octet-stream');
    expect(meta.title).toBeNull();
    expect(read).toBeLessThan(20_000);
  });

  it.each([null, 'application/octet-stream', 'text/html'])(
    'a PDF over 256 KiB typed %s is read as a PDF (PDF cap), so its title is found',
    async (type) => {
      const big = pdfFile('Large untyped report', 400 * 1024);
      expect(big.length).toBeGreaterThan(TEXT_BODY_LIMIT + 100_000);
      expect(big.indexOf('/Title')).toBeGreaterThan(TEXT_BODY_LIMIT);
      const { meta, read } = await served(big, type);
      expect(read).toBe(big.length);
      expect(meta.title).toBe('Large untyped report');
    },
  );

  it('the PDF cap still holds for a sniffed PDF', async () => {
    const big = pdfFile('Too large', 400 * 1024);
    const { read } = await served(big, null, 300 * 1024);
    expect(read).toBe(300 * 1024);
  });
});

describe('a page whose head is longer than the 256 KiB text cap', () => {
  const script = (bytes: number) => `<script>var state = "${'x'.repeat(bytes)}";</script>`;

  it.each(['text/html', null])(
    'typed %s: read on until its title, as a browser does',
    async (type) => {
      const page = `<!DOCTYPE html><html><head>${script(300_000)}<title>After the state</title></head><body>x</body></html>`;
      const { meta, read } = await served(Buffer.from(page), type);
      expect(meta.title).toBe('After the state');
      expect(read).toBe(page.length);
    },
  );

  it('a late <meta charset> past the cap is found too', async () => {
    const page = `<html><head>${script(300_000)}<meta charset="koi8-r"><title>`;
    const body = Buffer.concat([
      Buffer.from(page),
      iconv.encode('Новости', 'koi8-r'),
      Buffer.from('</title>'),
    ]);
    const { meta } = await served(body, 'text/html');
    expect(meta).toMatchObject({ title: 'Новости', charset: 'koi8-r' });
  });

  it('a page whose title came early still stops at the cap; a head that never ends at 1 MiB', async () => {
    const early = `<html><head><title>Early</title>${script(600_000)}</head>`;
    const first = await served(Buffer.from(early), 'text/html');
    expect(first).toMatchObject({ meta: { title: 'Early' }, read: TEXT_BODY_LIMIT });
    const endless = `<html><head>${script(3_000_000)}<title>Too far</title>`;
    const second = await served(Buffer.from(endless), 'text/html', 8 * 1024 * 1024);
    expect(second).toMatchObject({ meta: { title: null }, read: LONG_HEAD_LIMIT });
    // The chunk that crossed the cap may hold the title: only the first bytes decide.
    const crossing = Buffer.from(`<head>${'x'.repeat(TEXT_BODY_LIMIT)}<title>In the last chunk`);
    const max = 8 * 1024 * 1024;
    expect(limitForLongHead('text/html', max, TEXT_BODY_LIMIT, () => crossing)).toBe(
      LONG_HEAD_LIMIT,
    );
    expect(limitForLongHead('text/plain', max, TEXT_BODY_LIMIT, () => crossing)).toBe(
      TEXT_BODY_LIMIT,
    );
    // Not HTML (no head opened): the text cap holds.
    const plain = await served(Buffer.from('a'.repeat(600_000)), 'text/html');
    expect(plain.read).toBe(TEXT_BODY_LIMIT);
  });
});

describe('control characters in titles', () => {
  it('a UTF-16 PDF title ending in NUL (as many producers write it) is the title without it', async () => {
    const { meta } = await served(pdfFile('Annual report\u0000'), 'application/pdf');
    expect(meta.title).toBe('Annual report');
    const mid = await served(pdfFile('Ann\u0000ual\u0007 report\u007f'), 'application/pdf');
    expect(mid.meta.title).toBe('Annual report');
  });

  it('a NUL byte in an HTML title is dropped', async () => {
    const page = Buffer.from('<title>Annual\u0000 report\u0001</title>', 'latin1');
    const { meta } = await served(page, 'text/html');
    expect(meta.title).toBe('Annual report');
  });
});

describe('sniffing (pure)', () => {
  it('follows the standard pattern table', () => {
    const s = (t: string | number[]) => sniffUnknown(Buffer.from(t as string));
    expect(s('  <!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN">')).toBe('html');
    expect(s('<!-- x -->')).toBe('html');
    expect(s('<a href="/">')).toBe('html');
    expect(s('<br>')).toBe('html');
    expect(s('<bx>')).toBe('text');
    expect(s('<?xml version="1.0"?>')).toBe('xml');
    expect(s('%PDF-1.4')).toBe('pdf');
    expect(s([0xfe, 0xff, 0, 0x3c])).toBe('text');
    expect(s([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])).toBe('binary');
    expect(s('just words')).toBe('text');
  });

  it('limitAfterSniff: PDF to the PDF cap, unknown binaries stop, the rest unchanged', () => {
    const max = 10 * 1024 * 1024;
    const pdf = Buffer.from('%PDF-1.7\n');
    const init = (t: string | undefined) => bodyLimitFor(t, max);
    expect(limitAfterSniff(undefined, max, init(undefined), pdf)).toBe(max);
    expect(limitAfterSniff('text/plain', max, init('text/plain'), pdf)).toBe(max);
    const zip = Buffer.from('PK\x03\x04\x00\x00', 'latin1');
    expect(
      limitAfterSniff('application/octet-stream', max, init('application/octet-stream'), zip),
    ).toBeLessThan(2000);
    expect(limitAfterSniff('text/html', max, init('text/html'), zip)).toBe(TEXT_BODY_LIMIT);
    expect(limitAfterSniff('image/png', max, init('image/png'), pdf)).toBe(0);
  });
});
