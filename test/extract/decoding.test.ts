import { describe, expect, it } from 'vitest';
import { decodeAs, decodeBody } from '../../src/extract/charset.js';

/**
 * Each encoding family at the bytes where decoders disagree, against the Encoding Standard's
 * index tables (index-<name>.txt: pointer = byte - 0x80 for the single-byte ones) and its
 * decoder algorithms. Chromium shows the same (checked with `chromium --headless --dump-dom`
 * on windows-1252, KOI8-U, x-mac-cyrillic and ISO-2022-JP pages).
 */

const cps = (s: string) =>
  [...s].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);

const decode = (name: string, bytes: number[]) => cps(decodeAs(Uint8Array.from(bytes), name));

describe('single-byte encodings decode as the standard indexes say', () => {
  const rows: [string, number, string][] = [
    // windows-125x: the bytes Windows leaves undefined are the C1 controls on the web, never
    // U+FFFD (iconv-lite) nor dropped (Node 20's TextDecoder).
    ['windows-1252', 0x80, 'U+20AC'],
    ['windows-1252', 0x81, 'U+0081'],
    ['windows-1252', 0x8d, 'U+008D'],
    ['windows-1252', 0x8f, 'U+008F'],
    ['windows-1252', 0x90, 'U+0090'],
    ['windows-1252', 0x9d, 'U+009D'],
    ['windows-1252', 0x9f, 'U+0178'],
    ['windows-1250', 0x83, 'U+0083'],
    ['windows-1250', 0x8a, 'U+0160'],
    ['windows-1250', 0x98, 'U+0098'],
    ['windows-1251', 0x80, 'U+0402'],
    ['windows-1251', 0x98, 'U+0098'],
    ['windows-1251', 0xff, 'U+044F'],
    ['windows-1253', 0x81, 'U+0081'],
    ['windows-1253', 0xaa, 'U+FFFD'], // no pointer 42 in index-windows-1253
    ['windows-1253', 0xd2, 'U+FFFD'],
    ['windows-1254', 0x8e, 'U+008E'],
    ['windows-1254', 0xd0, 'U+011E'],
    ['windows-1255', 0xca, 'U+05BA'],
    ['windows-1255', 0xd9, 'U+FFFD'],
    ['windows-1257', 0xa1, 'U+FFFD'],
    ['windows-1257', 0xff, 'U+02D9'],
    ['windows-1258', 0xd2, 'U+0309'],
    ['windows-874', 0x81, 'U+0081'],
    ['windows-874', 0x85, 'U+2026'],
    ['windows-874', 0xdb, 'U+FFFD'],
    // KOI8-U is KOI8-RU on the web: Belarusian ў/Ў where KOI8-R has box drawing.
    ['KOI8-U', 0xae, 'U+045E'],
    ['KOI8-U', 0xbe, 'U+040E'],
    ['KOI8-U', 0xa4, 'U+0454'],
    ['KOI8-R', 0xae, 'U+255D'],
    ['KOI8-R', 0x9a, 'U+00A0'],
    ['x-mac-cyrillic', 0xa2, 'U+0490'],
    ['x-mac-cyrillic', 0xb6, 'U+0491'],
    ['x-mac-cyrillic', 0xff, 'U+20AC'],
    ['macintosh', 0xbd, 'U+03A9'],
    ['macintosh', 0xdb, 'U+20AC'],
    ['macintosh', 0xf0, 'U+F8FF'],
    ['IBM866', 0xf0, 'U+0401'],
    ['ISO-8859-3', 0xa5, 'U+FFFD'],
    ['ISO-8859-6', 0xac, 'U+060C'],
    ['ISO-8859-7', 0xa1, 'U+2018'],
    ['ISO-8859-8', 0xfd, 'U+200E'],
    ['ISO-8859-8-I', 0xe0, 'U+05D0'],
    ['x-user-defined', 0x80, 'U+F780'],
    ['x-user-defined', 0xff, 'U+F7FF'],
  ];
  it.each(rows.map(([name, byte, cp]) => [name, byte.toString(16), byte, cp] as const))(
    '%s 0x%s',
    (name, _hex, byte, expected) => {
      expect(decode(name, [0x41, byte, 0x42])).toEqual(['U+0041', expected, 'U+0042']);
    },
  );
});

describe('multi-byte encodings decode as the standard algorithms say', () => {
  it.each([
    ['gbk', [0x80], ['U+20AC']],
    ['gbk', [0xa1, 0xa1], ['U+3000']],
    ['gb18030', [0x81, 0x30, 0x81, 0x30], ['U+0080']],
    ['gb18030', [0x84, 0x31, 0xa4, 0x39], ['U+FFFF']],
    ['gb18030', [0x90, 0x30, 0x81, 0x30], ['U+10000']],
    ['gb18030', [0x84, 0x31, 0xa9, 0x30], ['U+FFFD']], // a four-byte pointer with no code point
    ['Big5', [0xa4, 0x40], ['U+4E00']],
    ['Big5', [0x88, 0x62], ['U+00CA', 'U+0304']], // one pointer, two code points
    ['Big5', [0xf9, 0xfe], ['U+FFED']],
    ['Big5', [0x81, 0x87], ['U+FFFD']], // no pointer below lead 0x87
    ['Shift_JIS', [0x93, 0xfa], ['U+65E5']],
    ['Shift_JIS', [0x80], ['U+0080']],
    ['Shift_JIS', [0xb1], ['U+FF71']],
    ['Shift_JIS', [0xf0, 0x40], ['U+E000']], // user-defined area
    ['Shift_JIS', [0x81, 0xad], ['U+FFFD']], // a non-ASCII trail byte goes with the error
    ['EUC-JP', [0xc6, 0xfc], ['U+65E5']],
    ['EUC-JP', [0x8e, 0xb1], ['U+FF71']],
    ['EUC-JP', [0x8f, 0xb0, 0xa1], ['U+4E02']], // JIS X 0212
    ['EUC-KR', [0xb0, 0xa1], ['U+AC00']],
    ['EUC-KR', [0x81, 0x41], ['U+AC02']],
    [
      'ISO-2022-JP',
      [0x1b, 0x24, 0x42, 0x46, 0x7c, 0x4b, 0x5c, 0x1b, 0x28, 0x42],
      ['U+65E5', 'U+672C'],
    ],
    ['ISO-2022-JP', [0x1b, 0x28, 0x4a, 0x5c, 0x7e], ['U+00A5', 'U+203E']],
    ['ISO-2022-JP', [0x1b, 0x28, 0x49, 0x31], ['U+FF71']],
    ['UTF-16LE', [0x00, 0xd8, 0x41, 0x00], ['U+FFFD', 'U+0041']],
    ['UTF-16BE', [0xd8, 0x3d, 0xde, 0x00], ['U+1F600']],
  ])('%s %j', (name, bytes, expected) => {
    expect(decode(name, bytes)).toEqual(expected);
  });

  it.each([
    ['gbk', 0x81],
    ['Big5', 0xa1],
    ['Shift_JIS', 0x81],
    ['EUC-JP', 0xa1],
    ['EUC-KR', 0xc9],
  ])(
    '%s: an ASCII byte after a bad lead byte is kept (a "<" of the markup is not eaten)',
    (name, lead) => {
      expect(decode(name, [lead, 0x3c, 0x2f])).toEqual(['U+FFFD', 'U+003C', 'U+002F']);
    },
  );

  it('a sequence cut off by the body cap is dropped, not turned into U+FFFD', () => {
    expect(decode('Shift_JIS', [0x41, 0x93])).toEqual(['U+0041']);
    expect(decode('gb18030', [0x41, 0x81, 0x30, 0x81])).toEqual(['U+0041']);
    expect(decode('UTF-16LE', [0x41, 0x00, 0x42])).toEqual(['U+0041']);
  });

  it('an unknown name falls back to windows-1252; replacement gives one U+FFFD', () => {
    expect(decodeAs(Uint8Array.of(0x80), 'x-no-such-encoding')).toBe('€');
    expect(decodeAs(Uint8Array.of(0x41, 0x42), 'replacement')).toBe('\uFFFD');
    expect(decodeAs(new Uint8Array(0), 'replacement')).toBe('');
  });
});

describe('ISO-2022-JP pages (their labels were unknown: read as UTF-8, escapes in the title)', () => {
  const title = [0x1b, 0x24, 0x42, 0x46, 0x7c, 0x4b, 0x5c, 0x1b, 0x28, 0x42];
  const page = (head: string) =>
    Buffer.concat([
      Buffer.from(`<html><head>${head}<title>`),
      Uint8Array.from(title),
      Buffer.from('</title>'),
    ]);

  it('declared in the header, in <meta charset> or in http-equiv', () => {
    expect(decodeBody(page(''), 'text/html; charset=ISO-2022-JP')).toMatchObject({
      charset: 'iso-2022-jp',
    });
    expect(decodeBody(page('<meta charset="iso-2022-jp">'), 'text/html').text).toContain(
      '<title>日本</title>',
    );
    const httpEquiv = page(
      '<meta http-equiv="Content-Type" content="text/html; charset=csISO2022JP">',
    );
    expect(decodeBody(httpEquiv, 'text/html').text).toContain('<title>日本</title>');
  });
});
