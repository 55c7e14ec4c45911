import { describe, expect, it } from 'vitest';
import { charsetFromContentType, decodeBody, isValidUtf8 } from '../../src/extract/charset.js';

/** Builds a byte buffer from ASCII text pieces and raw byte arrays. */
function bytes(...parts: (string | number[])[]): Buffer {
  return Buffer.concat(
    parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))),
  );
}

// The four bytes that a control-character windows-1252 decoder loses: ’ œ – €
const CP1252_BYTES = [0x92, 0x20, 0x9c, 0x20, 0x96, 0x20, 0x80];
const CP1252_TEXT = '’ œ – €';

describe('charsetFromContentType', () => {
  it('reads plain, quoted and upper-case parameters', () => {
    expect(charsetFromContentType('text/html; charset=ISO-8859-1')).toBe('ISO-8859-1');
    expect(charsetFromContentType('text/html;charset="utf-8"')).toBe('utf-8');
    expect(charsetFromContentType('text/html; CHARSET = windows-1252')).toBe('windows-1252');
    expect(charsetFromContentType('text/html')).toBeNull();
    expect(charsetFromContentType(null)).toBeNull();
    expect(charsetFromContentType('text/html; charset=')).toBeNull();
  });
});

describe('isValidUtf8', () => {
  it('accepts UTF-8, tolerates a cut final sequence, rejects cp1252 bytes', () => {
    expect(isValidUtf8(Buffer.from('café ’'))).toBe(true);
    expect(isValidUtf8(bytes('caf', [0xe2, 0x80]))).toBe(true);
    expect(isValidUtf8(bytes('caf', [0xe9, 0x20]))).toBe(false);
    expect(isValidUtf8(Buffer.from(CP1252_BYTES))).toBe(false);
  });
});

describe('decodeBody: windows-1252 bytes 0x92 0x9C 0x96 0x80', () => {
  it('declared in the Content-Type header', () => {
    const body = bytes('<p>', CP1252_BYTES, '</p>');
    const r = decodeBody(body, 'text/html; charset=windows-1252');
    expect(r).toEqual({ text: `<p>${CP1252_TEXT}</p>`, charset: 'windows-1252' });
  });

  it('declared in <meta charset>', () => {
    const body = bytes('<meta charset="windows-1252"><p>', CP1252_BYTES, '</p>');
    const r = decodeBody(body, 'text/html');
    expect(r.charset).toBe('windows-1252');
    expect(r.text).toContain(CP1252_TEXT);
  });

  it('declared in <meta http-equiv="Content-Type">', () => {
    const body = bytes(
      '<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=windows-1252"><p>',
      CP1252_BYTES,
    );
    const r = decodeBody(body, null);
    expect(r.charset).toBe('windows-1252');
    expect(r.text.endsWith(CP1252_TEXT)).toBe(true);
  });

  it('undeclared: invalid UTF-8 falls back to windows-1252', () => {
    const r = decodeBody(bytes('<p>', CP1252_BYTES), 'text/html');
    expect(r).toEqual({ text: `<p>${CP1252_TEXT}`, charset: 'windows-1252' });
  });

  it('ISO-8859-1 declared is read as windows-1252 (WHATWG)', () => {
    const r = decodeBody(bytes(CP1252_BYTES, [0xe9]), 'text/html; charset=iso-8859-1');
    expect(r).toEqual({ text: `${CP1252_TEXT}é`, charset: 'windows-1252' });
  });

  it('latin1 label in meta is read as windows-1252 too', () => {
    const r = decodeBody(bytes('<meta charset=latin1>', CP1252_BYTES), null);
    expect(r.charset).toBe('windows-1252');
    expect(r.text).toContain(CP1252_TEXT);
  });
});

describe('decodeBody: other encodings', () => {
  it('undeclared UTF-8 stays UTF-8', () => {
    const r = decodeBody(Buffer.from('<p>café – ’ € 日本</p>'), null);
    expect(r).toEqual({ text: '<p>café – ’ € 日本</p>', charset: 'utf-8' });
  });

  it('ISO-8859-15 declared: 0xA4 is €, 0xBD is œ', () => {
    const r = decodeBody(bytes([0xa4, 0x20, 0xbd]), 'text/html; charset=ISO-8859-15');
    expect(r).toEqual({ text: '€ œ', charset: 'iso-8859-15' });
  });

  it('UTF-16LE and UTF-16BE with BOM, BOM stripped', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<p>é’</p>', 'utf16le')]);
    expect(decodeBody(le, null)).toEqual({ text: '<p>é’</p>', charset: 'utf-16le' });
    const be = Buffer.from('<p>é’</p>', 'utf16le').swap16();
    const beBom = Buffer.concat([Buffer.from([0xfe, 0xff]), be]);
    expect(decodeBody(beBom, 'text/html')).toEqual({ text: '<p>é’</p>', charset: 'utf-16be' });
  });

  it('UTF-8 BOM is stripped and wins over a lying header', () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<p>’€</p>')]);
    expect(decodeBody(body, 'text/html; charset=windows-1252')).toEqual({
      text: '<p>’€</p>',
      charset: 'utf-8',
    });
  });

  it('a UTF-16 BOM wins over a header that says UTF-8', () => {
    const body = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('ok’', 'utf16le')]);
    expect(decodeBody(body, 'text/html; charset=utf-8')).toEqual({
      text: 'ok’',
      charset: 'utf-16le',
    });
  });

  it('the header wins over <meta>', () => {
    const body = bytes('<meta charset="utf-8"><p>', CP1252_BYTES);
    const r = decodeBody(body, 'text/html; charset=windows-1252');
    expect(r.charset).toBe('windows-1252');
    expect(r.text).toContain(CP1252_TEXT);
  });

  it('an unknown header label is ignored and <meta> is used', () => {
    const body = bytes('<meta charset="windows-1252">', CP1252_BYTES);
    expect(decodeBody(body, 'text/html; charset=klingon').charset).toBe('windows-1252');
  });

  it('a UTF-8 sequence cut by truncation does not leave U+FFFD', () => {
    const body = bytes('<p>caf', [0xc3]);
    expect(decodeBody(body, 'text/html; charset=utf-8').text).toBe('<p>caf');
  });

  it('other legacy encodings: Shift_JIS in meta, KOI8-R in header', () => {
    const sjis = bytes('<meta charset="shift_jis">', [0x93, 0xfa, 0x96, 0x7b]);
    expect(decodeBody(sjis, null)).toMatchObject({ charset: 'shift_jis' });
    expect(decodeBody(sjis, null).text).toContain('日本');
    const koi = bytes([0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4]);
    expect(decodeBody(koi, 'text/plain; charset=koi8-r')).toEqual({
      text: 'Привет',
      charset: 'koi8-r',
    });
  });

  it('garbage and empty bodies decode without throwing', () => {
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256));
    expect(typeof decodeBody(garbage, 'text/html; charset=utf-16').text).toBe('string');
    expect(decodeBody(new Uint8Array(0), null)).toEqual({ text: '', charset: 'utf-8' });
  });
});
