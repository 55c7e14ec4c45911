/**
 * Ten pages shaped like what catalogues cite, written for issue 11's figures (round 2): two news
 * articles, two blog posts, two French government pages, two journal articles with Highwire
 * tags, two PDF reports. Each carries what a careful reader finds on it (the byline or cover,
 * the date shown, the site's name, the language), written down before the extractor was run
 * on them. PDFs are built by test/extract/pdf-builder.ts. Used to measure, not to tune.
 */
import { addPageTree, literal, PdfBuilder } from '../pdf-builder.js';

export interface RealisticPage {
  name: string;
  type: 'html' | 'pdf';
  body: Buffer;
  reader: {
    authors: string[];
    /** As precise as the page shows it. */
    published: string | null;
    siteName: string | null;
    lang: string | null;
  };
}

const html = (lang: string, head: string, body: string) =>
  Buffer.from(
    `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`,
    'utf8',
  );

function pdf(info: string, catalogExtra = ''): Buffer {
  const b = new PdfBuilder();
  const catalog = b.reserve();
  const pages = addPageTree(b, 12);
  b.set(catalog, `<< /Type /Catalog /Pages ${pages} 0 R${catalogExtra} >>`);
  const infoNum = b.add(`<< ${info} >>`);
  return b.build({ root: catalog, info: infoNum });
}

export const REALISTIC: RealisticPage[] = [
  {
    name: 'regional news article, two authors in JSON-LD, OG times',
    type: 'html',
    body: html(
      'fr-FR',
      `<title>Déserts médicaux : la Bretagne teste les cabines de téléconsultation | Ouest Matin</title>
<meta property="og:site_name" content="Ouest Matin">
<meta property="og:type" content="article">
<meta property="article:published_time" content="2023-10-04T06:30:00+02:00">
<meta property="article:modified_time" content="2023-10-04T09:12:00+02:00">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Déserts médicaux : la Bretagne teste les cabines de téléconsultation","datePublished":"2023-10-04T06:30:00+02:00","author":[{"@type":"Person","name":"Sophie Lambert"},{"@type":"Person","name":"Karim Benali"}],"publisher":{"@type":"Organization","name":"Ouest Matin"}}</script>`,
      '<article><h1>Déserts médicaux : la Bretagne teste les cabines de téléconsultation</h1><p class="signature">Sophie Lambert et Karim Benali</p><p>Texte.</p></article>',
    ),
    reader: {
      authors: ['Sophie Lambert', 'Karim Benali'],
      published: '2023-10-04',
      siteName: 'Ouest Matin',
      lang: 'fr-FR',
    },
  },
  {
    name: 'English news article, meta author and a header <time>',
    type: 'html',
    body: html(
      'en-GB',
      `<title>NHS app downloads pass 30 million - The Daily Ledger</title>
<meta name="author" content="Tom Hardy">
<meta property="og:site_name" content="The Daily Ledger">
<meta property="og:title" content="NHS app downloads pass 30 million">`,
      '<article><header><h1>NHS app downloads pass 30 million</h1><p>By <a rel="author" href="/profile/tom-hardy">Tom Hardy</a>, Health correspondent</p><time datetime="2022-06-15T12:00:00Z">15 June 2022</time></header><p>Text.</p></article>',
    ),
    reader: {
      authors: ['Tom Hardy'],
      published: '2022-06-15',
      siteName: 'The Daily Ledger',
      lang: 'en-GB',
    },
  },
  {
    name: 'WordPress blog post, Yoast @graph, author by @id',
    type: 'html',
    body: html(
      'fr-FR',
      `<title>Dix ans d'inclusion numérique à la médiathèque - Le blog des médiateurs</title>
<meta property="og:site_name" content="Le blog des médiateurs">
<meta property="article:published_time" content="2021-01-18T17:45:10+00:00">
<meta name="author" content="Marie Dubois">
<script type="application/ld+json" class="yoast-schema-graph">{"@context":"https://schema.org","@graph":[{"@type":"Article","@id":"https://blog.example.org/dix-ans/#article","author":{"name":"Marie Dubois","@id":"https://blog.example.org/#/schema/person/abc"},"headline":"Dix ans d'inclusion numérique à la médiathèque","datePublished":"2021-01-18T17:45:10+00:00","dateModified":"2021-02-01T08:00:00+00:00"},{"@type":"Person","@id":"https://blog.example.org/#/schema/person/abc","name":"Marie Dubois"},{"@type":"WebSite","@id":"https://blog.example.org/#website","name":"Le blog des médiateurs"}]}</script>`,
      '<article><h1>Dix ans d’inclusion numérique à la médiathèque</h1><p>Publié le 18 janvier 2021 par Marie Dubois</p></article>',
    ),
    reader: {
      authors: ['Marie Dubois'],
      published: '2021-01-18',
      siteName: 'Le blog des médiateurs',
      lang: 'fr-FR',
    },
  },
  {
    name: 'personal blog, byline only, date in French words',
    type: 'html',
    body: html(
      'fr',
      '<title>Pourquoi j’ai quitté Doctolib — Carnet de Julien</title>',
      '<main><article><h1>Pourquoi j’ai quitté Doctolib</h1><div class="post-meta"><span class="author">Julien Roux</span> · <span class="date">3 mars 2020</span></div><p>Texte.</p></article></main><footer>Carnet de Julien</footer>',
    ),
    reader: {
      authors: ['Julien Roux'],
      published: '2020-03-03',
      siteName: 'Carnet de Julien',
      lang: 'fr',
    },
  },
  {
    name: 'French ministry news page (DSFR), no author, date in text only',
    type: 'html',
    body: html(
      'fr',
      `<title>Lancement du plan France Santé numérique - Ministère du Travail, de la Santé et des Solidarités</title>
<meta property="og:site_name" content="Ministère du Travail, de la Santé et des Solidarités">
<meta property="og:type" content="website">`,
      '<main><div class="fr-container"><h1>Lancement du plan France Santé numérique</h1><p class="fr-text--sm">Publié le 12/04/2024</p><p>Texte.</p></div></main>',
    ),
    reader: {
      authors: [],
      published: '2024-04-12',
      siteName: 'Ministère du Travail, de la Santé et des Solidarités',
      lang: 'fr',
    },
  },
  {
    name: 'vie-publique-like page, JSON-LD with an organisation as author',
    type: 'html',
    body: html(
      'fr',
      `<title>La loi relative à l'accessibilité numérique | vie-publique.fr</title>
<meta property="og:site_name" content="vie-publique.fr">
<meta name="dcterms.date" content="2020-11-20">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"Article","headline":"La loi relative à l'accessibilité numérique","datePublished":"2020-11-20T10:00:00+01:00","author":{"@type":"Organization","name":"Direction de l'information légale et administrative"}}</script>`,
      '<article><h1>La loi relative à l’accessibilité numérique</h1><p>Publié le 20 novembre 2020</p></article>',
    ),
    reader: {
      authors: ["Direction de l'information légale et administrative"],
      published: '2020-11-20',
      siteName: 'vie-publique.fr',
      lang: 'fr',
    },
  },
  {
    name: 'French journal article (Cairn-like), Highwire, "Last, First" authors, month date',
    type: 'html',
    body: html(
      'fr',
      `<title>Le numérique au service du travail social ? | Cairn.info</title>
<meta name="citation_title" content="Le numérique au service du travail social ?">
<meta name="citation_author" content="Granjon, Fabien">
<meta name="citation_author" content="Legleye, Stéphane">
<meta name="citation_author" content="Rolland, Annaïck">
<meta name="citation_publication_date" content="2019/06">
<meta name="citation_journal_title" content="Vie sociale">
<meta name="citation_publisher" content="ERES">
<meta name="citation_doi" content="10.3917/vsoc.192.0045">
<meta property="og:site_name" content="Cairn.info">`,
      '<h1>Le numérique au service du travail social ?</h1>',
    ),
    reader: {
      authors: ['Fabien Granjon', 'Stéphane Legleye', 'Annaïck Rolland'],
      published: '2019-06',
      siteName: 'Cairn.info',
      lang: 'fr',
    },
  },
  {
    name: 'English journal article (publisher platform), Highwire with online and print dates',
    type: 'html',
    body: html(
      'en',
      `<title>Telehealth use among older adults | Journal of Digital Health | SpringerLink</title>
<meta name="citation_title" content="Telehealth use among older adults">
<meta name="citation_author" content="Jane K. Smith">
<meta name="citation_author" content="Wei Zhang">
<meta name="citation_online_date" content="2021/01/28">
<meta name="citation_publication_date" content="2021/03/15">
<meta name="citation_journal_title" content="Journal of Digital Health">
<meta name="citation_doi" content="10.1007/s41666-021-00089-x">
<meta name="dc.date" content="2021-01-28">
<meta property="og:site_name" content="SpringerLink">`,
      '<h1>Telehealth use among older adults</h1><p>Published: 15 March 2021</p>',
    ),
    reader: {
      authors: ['Jane K. Smith', 'Wei Zhang'],
      published: '2021-03-15',
      siteName: 'SpringerLink',
      lang: 'en',
    },
  },
  {
    name: 'PDF report of an agency, organisation in /Author',
    type: 'pdf',
    body: pdf(
      `/Title ${literal('Les Français et le numérique en santé')} /Author ${literal('DREES')} /CreationDate (D:20200312094500+01'00') /ModDate (D:20200313100000+01'00')`,
      ' /Lang (fr-FR)',
    ),
    reader: { authors: ['DREES'], published: '2020-03-12', siteName: null, lang: 'fr-FR' },
  },
  {
    name: 'PDF report written in Word, login name in /Author',
    type: 'pdf',
    body: pdf(
      `/Title ${literal('Microsoft Word - rapport_final_v3.docx')} /Author ${literal('jdupont')} /CreationDate (D:20181105143000Z)`,
    ),
    // The cover says "Jean Dupont, novembre 2018".
    reader: { authors: ['Jean Dupont'], published: '2018-11', siteName: null, lang: 'fr' },
  },
];
