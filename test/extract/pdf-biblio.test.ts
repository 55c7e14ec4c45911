import { describe, expect, it } from 'vitest';
import { extractPdfMeta } from '../../src/extract/pdf.js';
import { parseIsoDate, parsePdfDate } from '../../src/extract/pdf-dates.js';
import { normaliseDoi, xmpBiblio } from '../../src/extract/pdf-xmp.js';
import { addPageTree, literal, PdfBuilder, utf16Hex } from './pdf-builder.js';

describe('parsePdfDate', () => {
  it.each([
    ["D:20240305143012+01'00'", '2024-03-05T14:30:12+01:00'],
    ["D:20240305143012-05'30", '2024-03-05T14:30:12-05:30'],
    ['D:20240305143012Z', '2024-03-05T14:30:12Z'],
    ["D:20240305143012Z00'00'", '2024-03-05T14:30:12Z'],
    ['D:20240305143012+02', '2024-03-05T14:30:12+02:00'],
    ['D:20240305143012', '2024-03-05T14:30:12'],
    ['D:202403051430', '2024-03-05T14:30'],
    ['D:2024030514', '2024-03-05T14:00'],
    ['D:20240305', '2024-03-05'],
    ['D:202403', '2024-03'],
    ['D:2024', '2024'],
    ['20240305143012', '2024-03-05T14:30:12'],
    ["D:20240305143012+01'00'\0", '2024-03-05T14:30:12+01:00'],
    ['2024-03-05T14:30:12+01:00', '2024-03-05T14:30:12+01:00'],
    ['D:2024-03', '2024-03'],
  ])('%s -> %s', (raw, iso) => {
    expect(parsePdfDate(raw)).toBe(iso);
  });

  it.each([
    'D:20241305',
    'D:20240230',
    'D:20240305250000',
    'D:20240305146100',
    'Tue Mar 05 14:30:12 2024',
    'D:0000',
    '',
    "D:20240305143012+25'00'",
  ])('refuses %j', (raw) => {
    expect(parsePdfDate(raw)).toBeNull();
  });

  it('ISO dates of XMP: checked, normalised, as precise as given', () => {
    expect(parseIsoDate('2021')).toBe('2021');
    expect(parseIsoDate('2021-06')).toBe('2021-06');
    expect(parseIsoDate('2021-06-01T09:30+02:00')).toBe('2021-06-01T09:30+02:00');
    expect(parseIsoDate('2021-06-01T09:30:05.123Z')).toBe('2021-06-01T09:30:05Z');
    expect(parseIsoDate('2021-06-01T09:30:05+0200')).toBe('2021-06-01T09:30:05+02:00');
    expect(parseIsoDate('2021-02-29')).toBeNull();
    expect(parseIsoDate('June 2021')).toBeNull();
  });
});

const packet = (description: string, attrs = '') =>
  [
    '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    `<rdf:Description rdf:about=""${attrs}>`,
    description,
    '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>',
  ].join('\n');

describe('xmpBiblio', () => {
  it('reads creators from an rdf:Seq or rdf:Bag, dates as elements and as attributes', () => {
    const xml = packet(
      '<dc:creator><rdf:Seq><rdf:li>Doe, Jane</rdf:li><rdf:li>ACME &amp; Co</rdf:li></rdf:Seq></dc:creator>' +
        '<dc:date><rdf:Seq><rdf:li>2020-05</rdf:li></rdf:Seq></dc:date>' +
        '<xmp:ModifyDate>2022-01-02T03:04:05Z</xmp:ModifyDate>',
      ' xmp:CreateDate="2020-05-17T10:00:00+02:00"',
    );
    expect(xmpBiblio(xml)).toEqual({
      authors: ['Doe, Jane', 'ACME & Co'],
      date: '2020-05',
      created: '2020-05-17T10:00:00+02:00',
      modified: '2022-01-02T03:04:05Z',
      doi: null,
    });
    const bag = packet(
      '<dc:creator><rdf:Bag><rdf:li><![CDATA[Müller]]></rdf:li></rdf:Bag></dc:creator>',
    );
    expect(xmpBiblio(bag).authors).toEqual(['Müller']);
  });

  it('finds the DOI in prism:doi, else in a dc:identifier that is one', () => {
    expect(xmpBiblio(packet('<prism:doi>10.1234/abc.5</prism:doi>')).doi).toBe('10.1234/abc.5');
    expect(xmpBiblio(packet('', ' prism:doi="doi:10.1234/X-Y"')).doi).toBe('10.1234/X-Y');
    const ident = packet(
      '<dc:identifier>ISBN 978-2-1234</dc:identifier><dc:identifier>https://doi.org/10.5555/a%2Fb</dc:identifier>',
    );
    expect(xmpBiblio(ident).doi).toBe('10.5555/a/b');
    expect(xmpBiblio(packet('<prism:doi>not a doi</prism:doi>')).doi).toBeNull();
  });

  it('never throws on broken packets and invents nothing', () => {
    expect(xmpBiblio('<dc:creator><rdf:Seq><rdf:li>cut')).toEqual({
      authors: [],
      date: null,
      created: null,
      modified: null,
      doi: null,
    });
    expect(xmpBiblio(packet('<xmp:CreateDate>yesterday</xmp:CreateDate>')).created).toBeNull();
  });

  it('normaliseDoi', () => {
    expect(normaliseDoi('http://dx.doi.org/10.1000/182.')).toBe('10.1000/182');
    expect(normaliseDoi('info:doi/10.1000/182')).toBe('10.1000/182');
    expect(normaliseDoi('10.12/x')).toBeNull();
  });
});

function infoPdf(info: string, xmp?: string): Buffer {
  const b = new PdfBuilder();
  const catalog = b.reserve();
  const pages = addPageTree(b, 1);
  const meta = xmp ? b.addStream('/Type /Metadata /Subtype /XML', xmp) : undefined;
  b.set(catalog, `<< /Type /Catalog /Pages ${pages} 0 R${meta ? ` /Metadata ${meta} 0 R` : ''} >>`);
  const infoNum = b.add(`<< ${info} /Producer (x) >>`);
  return b.build({ root: catalog, info: infoNum });
}

describe('extractPdfMeta: bibliographic facts', () => {
  it('Info /Author (split at semicolons), /CreationDate and /ModDate', () => {
    const pdf = infoPdf(
      `/Author ${utf16Hex('Zoé Lefèvre; Ana Díaz ;')} /CreationDate (D:20210601093000+02'00') /ModDate <443A3230323230313135>`,
    );
    expect(extractPdfMeta(pdf)).toMatchObject({
      authors: ['Zoé Lefèvre', 'Ana Díaz'],
      created: '2021-06-01T09:30:00+02:00',
      modified: '2022-01-15',
      doi: null,
    });
  });

  it('Info wins over XMP for dates; XMP fills what Info lacks', () => {
    const xmp = packet(
      '<dc:creator><rdf:Seq><rdf:li>From XMP</rdf:li></rdf:Seq></dc:creator><prism:doi>10.4242/x</prism:doi>',
      ' xmp:CreateDate="2001-01-01" xmp:ModifyDate="2002-02-02"',
    );
    const pdf = infoPdf('/CreationDate (D:19990101) /Author (Administrator)', xmp);
    expect(extractPdfMeta(pdf)).toMatchObject({
      authors: ['From XMP'],
      created: '1999-01-01',
      modified: '2002-02-02',
      doi: '10.4242/x',
    });
  });

  it('falls back to dc:date for the creation date', () => {
    const xmp = packet('<dc:date><rdf:Seq><rdf:li>2018-09</rdf:li></rdf:Seq></dc:date>');
    expect(extractPdfMeta(infoPdf('/Title (T)', xmp)).created).toBe('2018-09');
  });

  it('account-name placeholders and malformed dates are dropped, not guessed', () => {
    const pdf = infoPdf(
      `/Author ${literal('Microsoft Office User; user')} /CreationDate (Tuesday) /ModDate (D:20241399)`,
    );
    expect(extractPdfMeta(pdf)).toMatchObject({ authors: [], created: null, modified: null });
  });

  it('an image metadata stream is not the document: its creator is not an author', () => {
    const b = new PdfBuilder();
    const pages = addPageTree(b, 1);
    b.addStream(
      '/Type /Metadata /Subtype /XML',
      packet('<dc:creator><rdf:Seq><rdf:li>Photographer</rdf:li></rdf:Seq></dc:creator>'),
    );
    const catalog = b.add(`<< /Type /Catalog /Pages ${pages} 0 R >>`);
    expect(extractPdfMeta(b.build({ root: catalog })).authors).toEqual([]);
  });
});
