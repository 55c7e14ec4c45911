import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractPdfMeta } from '../../src/extract/pdf.js';
import { rc4 } from '../../src/extract/pdf-crypt.js';
import {
  addPageTree,
  literal,
  PdfBuilder,
  TestEncrypter,
  type TestScheme,
  xmpPacket,
} from './pdf-builder.js';

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/encrypted/${name}`, import.meta.url));

/** What the qpdf-encrypted fixtures hold (make-plain.mjs writes the clear file). */
const EXPECTED = {
  title: 'Rapport chiffré – 2021',
  pages: 1,
  authors: ['Zoé Lefèvre', 'Ana Díaz'],
  created: '2021-06-01T09:30:00+02:00',
  modified: '2022-01-15',
  doi: '10.5555/rotwatch.2021.7',
};

describe('encrypted PDFs made by qpdf (empty user password)', () => {
  it.each([
    ['plain.pdf', 'not encrypted'],
    ['rc4-40.pdf', 'RC4 40-bit, R2'],
    ['rc4-128.pdf', 'RC4 128-bit, R3'],
    ['rc4-128-v4.pdf', 'RC4 through a V4 crypt filter, R4'],
    ['rc4-128-clearmeta.pdf', 'RC4, XMP left in clear (/EncryptMetadata false)'],
    ['aes-128.pdf', 'AESV2, R4'],
    ['aes-256-r5.pdf', 'AESV3, R5'],
    ['aes-256-r6.pdf', 'AESV3, R6 (PDF 2.0)'],
    ['aes-256-objstm.pdf', 'AESV3, R6, objects packed in object streams'],
  ])('%s (%s): title, authors, dates and DOI decrypted', (name) => {
    const pdf = fixture(name);
    const text = pdf.toString('latin1');
    if (name !== 'plain.pdf') expect(text).toContain('/Encrypt');
    // The DOI is only in the XMP packet: in clear only where the file says so.
    expect(text.includes('rotwatch.2021')).toBe(/plain|clearmeta/.test(name));
    expect(extractPdfMeta(pdf)).toEqual(EXPECTED);
  });

  it.each(['rc4-128-userpw.pdf', 'aes-256-userpw.pdf'])(
    '%s: a user password is needed, so no text at all (never ciphertext)',
    (name) => {
      expect(extractPdfMeta(fixture(name))).toEqual({
        title: null,
        pages: 1,
        authors: [],
        created: null,
        modified: null,
        doi: null,
      });
    },
  );
});

/** A document whose Info strings and XMP stream are encrypted with `scheme`. */
function encryptedPdf(
  scheme: TestScheme,
  opts: { title?: string; xmpTitle?: string; packInfo?: boolean } = {},
): Buffer {
  const crypt = new TestEncrypter(scheme);
  const b = new PdfBuilder();
  const catalog = b.reserve();
  const pages = addPageTree(b, 3);
  const meta = opts.xmpTitle
    ? b.addStream(
        '/Type /Metadata /Subtype /XML',
        xmpPacket([{ lang: 'x-default', text: opts.xmpTitle }]),
        { compress: true, crypt },
      )
    : undefined;
  b.set(catalog, `<< /Type /Catalog /Pages ${pages} 0 R${meta ? ` /Metadata ${meta} 0 R` : ''} >>`);
  const encrypt = b.add(crypt.encryptDict());
  const info = b.reserve();
  const title = opts.title ?? 'Chiffré';
  if (opts.packInfo) {
    // Inside an (encrypted) object stream the strings are not encrypted on their own.
    const clear = `<< /Title ${literal(title)} /Author (Jane Roe) /CreationDate (D:2019) >>`;
    b.addObjectStream([{ num: info, body: clear }], crypt);
  } else {
    b.set(
      info,
      `<< /Title ${crypt.string(info, title)} /Author ${crypt.string(info, 'Jane Roe')}` +
        ` /CreationDate ${crypt.string(info, 'D:2019')} >>`,
    );
  }
  return b.build({ root: catalog, info, extra: `/Encrypt ${encrypt} 0 R /ID ${crypt.idArray()}` });
}

describe('encrypted PDFs built in the tests', () => {
  const schemes: TestScheme[] = ['rc4-40', 'rc4-128', 'aes-128', 'aes-256-r6'];

  it.each(schemes)('%s: Info strings decrypted with the object key', (scheme) => {
    const pdf = encryptedPdf(scheme, { title: 'Été – rapport' });
    expect(pdf.toString('latin1')).not.toContain('Jane');
    expect(extractPdfMeta(pdf)).toMatchObject({
      title: 'Été – rapport',
      authors: ['Jane Roe'],
      created: '2019',
      pages: 3,
    });
  });

  it.each(schemes)('%s: an encrypted, compressed XMP packet gives the title', (scheme) => {
    const pdf = encryptedPdf(scheme, { title: '', xmpTitle: 'Titre XMP' });
    expect(extractPdfMeta(pdf).title).toBe('Titre XMP');
  });

  it.each(schemes)('%s: Info inside an encrypted object stream', (scheme) => {
    const pdf = encryptedPdf(scheme, { packInfo: true, title: 'Packed and sealed' });
    expect(extractPdfMeta(pdf)).toMatchObject({ title: 'Packed and sealed', created: '2019' });
  });

  it('a wrong /ID (the key cannot be checked) gives no title rather than garbage', () => {
    const pdf = encryptedPdf('rc4-128').toString('latin1');
    const broken = pdf.replace(
      /\/ID \[<([0-9A-F]{32})>/,
      '/ID [<00112233445566778899AABBCCDDEEFF>',
    );
    expect(broken).not.toBe(pdf);
    expect(extractPdfMeta(Buffer.from(broken, 'latin1')).title).toBeNull();
  });

  it('an unknown security handler or revision gives no title', () => {
    const pdf = encryptedPdf('aes-128').toString('latin1');
    for (const swap of [
      ['/Filter /Standard', '/Filter /Adobe.PubSec'],
      ['/R 4', '/R 7'],
      [/\/U <[0-9A-F]+>/, ''],
    ] as const) {
      const changed = pdf.replace(swap[0], swap[1]);
      expect(changed).not.toBe(pdf);
      expect(extractPdfMeta(Buffer.from(changed, 'latin1')).title).toBeNull();
    }
  });

  it('a prefix that stops before the trailer still knows the file is encrypted', () => {
    const pdf = encryptedPdf('rc4-128');
    const cut = pdf.subarray(0, pdf.indexOf('xref'));
    expect(cut.toString('latin1')).toContain('/Filter /Standard');
    // No /ID without the trailer: the strings stay unread instead of read as plain text.
    expect(extractPdfMeta(cut)).toMatchObject({ title: null, authors: [], created: null });
  });

  it('every prefix of an AES file gives the title or null, never ciphertext', () => {
    const pdf = encryptedPdf('aes-256-r6', { title: 'Whole title' });
    for (let cut = 0; cut <= pdf.length; cut += 29) {
      expect([null, 'Whole title']).toContain(extractPdfMeta(pdf.subarray(0, cut)).title);
    }
  });
});

describe('RC4', () => {
  it('matches the published test vectors', () => {
    const enc = (key: string, text: string) =>
      rc4(Buffer.from(key), Buffer.from(text)).toString('hex').toUpperCase();
    expect(enc('Key', 'Plaintext')).toBe('BBF316E8D940AF0AD3');
    expect(enc('Wiki', 'pedia')).toBe('1021BF0420');
    expect(enc('Secret', 'Attack at dawn')).toBe('45A01F645FC35B383552544B9BF5');
  });
});
