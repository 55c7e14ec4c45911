import { describe, expect, it } from 'vitest';
import { extractMeta } from '../../../src/extract/index.js';
import type { PageBiblio } from '../../../src/model/index.js';
import { CORPUS } from './corpus.js';

function biblio(html: string, contentType = 'text/html; charset=utf-8'): PageBiblio | null {
  return extractMeta({
    url: 'https://site.example.org/dir/page',
    status: 200,
    headers: { 'content-type': contentType },
    body: Buffer.from(html, 'utf8'),
    bodyTruncated: false,
  }).biblio;
}

const page = (name: string) => CORPUS.find((p) => p.name.startsWith(name))!.html;

describe('readBiblio: each source', () => {
  it('Highwire: repeated citation_author, journal, publisher, DOI, PDF URL', () => {
    expect(biblio(page('journal article with Highwire'))).toMatchObject({
      title: 'Digital exclusion among older adults: a panel study',
      authors: ['Thi Lan Nguyen', 'Paul Bernard', "Siobhan O'Neill"],
      published: '2020-06-15',
      container: 'Journal of Social Informatics',
      publisher: 'Example University Press',
      doi: '10.5555/jsi.2020.0042',
      pdfUrl: 'https://site.example.org/articles/jsi.2020.0042.pdf',
      from: { authors: 'highwire', published: 'highwire', container: 'highwire' },
    });
  });

  it('Dublin Core in any case: DC.creator, DCTERMS.issued, DC.publisher, DC.identifier', () => {
    const b = biblio(
      '<meta name="dc.Creator" content="Dupont, Jean"><meta name="DCTERMS.issued" content="2019-05-20">' +
        '<meta name="DC.Publisher" content="Éditions Exemple"><meta name="DC.identifier" scheme="DOI" content="doi:10.4000/abc.123">' +
        '<meta name="dc:language" content="fr">',
    );
    expect(b).toMatchObject({
      authors: ['Jean Dupont'],
      published: '2019-05-20',
      publisher: 'Éditions Exemple',
      doi: '10.4000/abc.123',
      lang: 'fr',
      from: { authors: 'dublincore', published: 'dublincore' },
    });
  });

  it('JSON-LD @graph: @id references, WebPage dates, WebSite name, Organization publisher', () => {
    expect(biblio(page('news article, Yoast-style'))).toMatchObject({
      title: "Le télétravail s'installe durablement",
      authors: ['Claire Martin'],
      published: '2021-03-12T07:15:00+00:00',
      modified: '2021-03-13T09:00:00+00:00',
      publisher: 'Le Quotidien du Soir',
      siteName: 'Le Quotidien du Soir',
      from: { authors: 'jsonld', published: 'jsonld' },
    });
  });

  it('JSON-LD: an array of types, given/family names, isPartOf issue -> periodical, DOI in identifier', () => {
    expect(biblio(page('journal issue page'))).toMatchObject({
      authors: ['Rachel Adams', 'Ben Cole'],
      published: '2015-09',
      container: 'Social Work Review',
      doi: '10.5555/swr.2015.3.7',
    });
    const typed = biblio(
      '<script type="application/ld+json">{"@type":["Thing","NewsArticle"],"author":"Jean Dupont; Marie Curie","datePublished":"2020-02-02"}</script>',
    );
    expect(typed).toMatchObject({
      authors: ['Jean Dupont', 'Marie Curie'],
      published: '2020-02-02',
    });
  });

  it('JSON-LD: organisations are never split or reordered', () => {
    const b = biblio(
      '<script type="application/ld+json">{"@type":"Report","author":{"@type":"Organization","name":"Dupont, Martin et Associés"},"datePublished":"2019"}</script>',
    );
    expect(b?.authors).toEqual(['Dupont, Martin et Associés']);
  });

  it('Open Graph: site name, times; a profile URL as article:author is no name', () => {
    const b = biblio(
      '<meta property="og:site_name" content="Le Site"><meta property="article:published_time" content="2020-05-01T10:00:00+02:00">' +
        '<meta property="article:modified_time" content="2020-05-02T10:00:00+02:00"><meta property="article:author" content="https://www.facebook.com/lesite">',
    );
    expect(b).toMatchObject({
      siteName: 'Le Site',
      published: '2020-05-01T10:00:00+02:00',
      modified: '2020-05-02T10:00:00+02:00',
      authors: [],
    });
    const named = biblio('<meta property="article:author" content="Jeanne Petit">');
    expect(named?.authors).toEqual(['Jeanne Petit']);
  });

  it('<meta name="author">, "Von" and "Par" bylines, several names in one string', () => {
    expect(biblio(page('German news article'))?.authors).toEqual(['Anna Schmidt']);
    expect(biblio(page('news article: several authors'))?.authors).toEqual([
      'Léa Girard',
      'Hugo Blanc',
      'Inès Chevalier',
    ]);
  });

  it('a <time datetime> in the article header is the last resort for the date', () => {
    expect(biblio(page('page with only a <time>'))).toMatchObject({
      published: '2018-10-04',
      from: { published: 'time' },
    });
    // Outside an article or header, a <time> dates something else (a comment, an event).
    expect(
      biblio('<body><aside><time datetime="2011-01-01">x</time></aside></body>')?.published,
    ).toBeNull();
    // Any structured date wins over it.
    const both = biblio(
      '<meta property="article:published_time" content="2020-01-01"><article><time datetime="2011-01-01"></time></article>',
    );
    expect(both?.published).toBe('2020-01-01');
  });

  it('microdata and rel="author" bylines', () => {
    expect(biblio(page('microdata article'))).toMatchObject({
      authors: ['Olivia Price'],
      published: '2018-02-14',
    });
    expect(biblio(page('news page: author only as a rel=author'))?.authors).toEqual([
      'Lucas Petit',
    ]);
  });

  it('a byline classed as such in the article, only when it names people', () => {
    const named = biblio(
      '<article><header><h1>T</h1><p class="post-meta byline">Par Jeanne Petit et Marc Roy</p></header></article>',
    );
    expect(named).toMatchObject({
      authors: ['Jeanne Petit', 'Marc Roy'],
      from: { authors: 'byline' },
    });
    for (const text of ['Publié dans Actualités', 'Posted on 3 May 2020 in News', 'admin']) {
      const b = biblio(`<article><div class="author">${text}</div></article>`);
      expect(b?.authors, text).toEqual([]);
    }
    // Outside the article (a sidebar's "about the author" box), nothing is taken.
    expect(biblio('<aside><p class="author">Jeanne Petit</p></aside>')?.authors).toEqual([]);
  });

  it('a header <time> without datetime is read from its text, strictly', () => {
    expect(biblio('<article><header><time>12 mars 2021</time></header></article>')?.published).toBe(
      '2021-03-12',
    );
    expect(
      biblio('<article><header><time>il y a 3 jours</time></header></article>')?.published,
    ).toBeNull();
  });

  it('a DOI in a doi.org <link>, cite-as first', () => {
    const b = biblio(
      '<link rel="alternate" href="https://doi.org/10.1111/other.1"><link rel="cite-as" href="https://doi.org/10.1111/THIS.2">',
    );
    expect(b?.doi).toBe('10.1111/this.2');
    expect(biblio('<link rel="alternate" href="https://example.org/10.1111/x">')?.doi).toBeNull();
  });

  it('the declared language when <html lang> is missing', () => {
    const m = extractMeta({
      url: 'https://site.example.org/',
      status: 200,
      headers: { 'content-type': 'text/html' },
      body: Buffer.from(page('page without lang attribute')),
      bodyTruncated: false,
    });
    expect(m.lang).toBe('fr');
    expect(m.biblio?.from.lang).toBe('meta');
  });
});

describe('readBiblio: messy pages', () => {
  it('conflicting sources: the order of trust decides, a later precise date refines an agreeing one', () => {
    const b = biblio(
      '<meta name="citation_publication_date" content="2019"><meta name="citation_author" content="Curie, Marie">' +
        '<meta name="author" content="Webmaster"><meta property="article:published_time" content="2019-03-12T10:00:00+01:00">' +
        '<meta name="DC.date" content="2018-01-01">',
    );
    expect(b).toMatchObject({
      authors: ['Marie Curie'],
      published: '2019-03-12T10:00:00+01:00',
      from: { authors: 'highwire', published: 'highwire' },
    });
    // A more precise date of another year does not refine: the first trusted value stays.
    const other = biblio(
      '<meta name="citation_date" content="2019"><meta property="article:published_time" content="2020-03-12">',
    );
    expect(other?.published).toBe('2019');
  });

  it('malformed JSON-LD never crashes and never hides the other blocks', () => {
    const blocks = [
      '{"@type": "Article", "headline": "Broken", ',
      '<![CDATA[ {"@type":"Article",} ]]>',
      'not json at all',
      '{"@graph": [{"@type": "Person", "@id": "#a", "knows": {"@id": "#a"}}]}',
      '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]',
      '{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Ana\nLima"}, "datePublished": "not a date", "dateModified": "2021-01-02"}',
      '',
    ];
    const html = blocks.map((b) => `<script type="application/ld+json">${b}</script>`).join('');
    const b = biblio(html);
    expect(b).toMatchObject({ authors: ['Ana Lima'], published: null, modified: '2021-01-02' });
  });

  it('an unreadable date is null, not a guess', () => {
    const b = biblio(
      '<meta name="citation_publication_date" content="03/04/2021"><meta name="date" content="last Tuesday">',
    );
    expect(b?.published).toBeNull();
  });

  it('non-HTML responses carry no biblio; garbage HTML gives empty fields', () => {
    expect(biblio('%PDF-1.4 garbage', 'application/pdf')).toBeNull();
    const b = biblio(
      '<<<meta name=citation_author content=>>><script type="application/ld+json">{',
    );
    expect(b).toMatchObject({ authors: [], published: null, doi: null });
  });

  it('caps what a hostile page repeats', () => {
    const many = Array.from(
      { length: 500 },
      (_, i) => `<meta name="citation_author" content="Author${i} Person${i}">`,
    ).join('');
    expect(biblio(many)!.authors.length).toBeLessThanOrEqual(64);
  });
});

describe('readBiblio: pathological documents', () => {
  it('walks 30 000 unclosed elements without overflowing the stack', () => {
    const deep = `${'<div><article><header>'.repeat(10_000)}<time datetime="2020-02-02"></time>`;
    expect(biblio(deep)?.published).toBe('2020-02-02');
  });
});
