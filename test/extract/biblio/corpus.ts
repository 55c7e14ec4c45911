/**
 * Twenty hand-written pages shaped like the ones catalogues cite (news, blogs, journals,
 * French institutions, reports), each with what a careful reader finds on it: the byline,
 * the publication date (as precise as the page shows it), the site's name, the language.
 * Written before the extractor was run on them; used to measure, not to tune.
 */

export interface CorpusPage {
  name: string;
  html: string;
  /** What a careful reader finds. Dates: the day (YYYY-MM-DD), or coarser when the page is. */
  reader: {
    authors: string[];
    published: string | null;
    siteName: string | null;
    lang: string | null;
  };
}

const head = (inner: string, lang = 'fr') =>
  `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8">${inner}</head>`;

export const CORPUS: CorpusPage[] = [
  {
    name: 'news article, Yoast-style JSON-LD @graph with @id references',
    html: `${head(`<title>Le télétravail s'installe durablement - Le Quotidien du Soir</title>
<meta property="og:site_name" content="Le Quotidien du Soir">
<meta property="og:type" content="article">
<meta property="article:published_time" content="2021-03-12T08:15:00+01:00">
<meta property="article:modified_time" content="2021-03-13T10:00:00+01:00">
<meta property="article:author" content="https://www.facebook.com/quotidiendusoir">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
 {"@type":"Organization","@id":"https://quotidien.example.org/#org","name":"Le Quotidien du Soir"},
 {"@type":"WebSite","@id":"https://quotidien.example.org/#website","name":"Le Quotidien du Soir","publisher":{"@id":"https://quotidien.example.org/#org"}},
 {"@type":"WebPage","@id":"https://quotidien.example.org/teletravail#webpage","isPartOf":{"@id":"https://quotidien.example.org/#website"},"datePublished":"2021-03-12T07:15:00+00:00","dateModified":"2021-03-13T09:00:00+00:00"},
 {"@type":"NewsArticle","@id":"https://quotidien.example.org/teletravail#article","isPartOf":{"@id":"https://quotidien.example.org/teletravail#webpage"},"author":{"@id":"https://quotidien.example.org/#/schema/person/1"},"headline":"Le télétravail s'installe durablement","datePublished":"2021-03-12T07:15:00+00:00","publisher":{"@id":"https://quotidien.example.org/#org"}},
 {"@type":"Person","@id":"https://quotidien.example.org/#/schema/person/1","name":"Claire Martin"}
]}</script>`)}
<body><article><header><h1>Le télétravail s'installe durablement</h1>
<p class="byline">Par Claire Martin, publié le 12 mars 2021 à 8h15</p></header><p>Texte.</p></article></body></html>`,
    reader: {
      authors: ['Claire Martin'],
      published: '2021-03-12',
      siteName: 'Le Quotidien du Soir',
      lang: 'fr',
    },
  },
  {
    name: 'personal blog, Open Graph + meta author, English',
    html: `${head(
      `<title>Why I moved my notes to plain text | Sam's notebook</title>
<meta name="author" content="Sam Okafor">
<meta property="og:site_name" content="Sam's notebook">
<meta property="og:title" content="Why I moved my notes to plain text">
<meta property="article:published_time" content="2019-11-02T17:40:00Z">`,
      'en',
    )}<body><main><article><h1>Why I moved my notes to plain text</h1>
<p class="meta">November 2, 2019 · Sam Okafor</p></article></main></body></html>`,
    reader: {
      authors: ['Sam Okafor'],
      published: '2019-11-02',
      siteName: "Sam's notebook",
      lang: 'en',
    },
  },
  {
    name: 'journal article with Highwire tags (several citation_author, Last, First)',
    html: `${head(
      `<title>Digital exclusion among older adults | Journal of Social Informatics</title>
<meta name="citation_title" content="Digital exclusion among older adults: a panel study">
<meta name="citation_author" content="Nguyen, Thi Lan">
<meta name="citation_author" content="Bernard, Paul">
<meta name="citation_author" content="O'Neill, Siobhan">
<meta name="citation_publication_date" content="2020/06/15">
<meta name="citation_journal_title" content="Journal of Social Informatics">
<meta name="citation_publisher" content="Example University Press">
<meta name="citation_doi" content="10.5555/jsi.2020.0042">
<meta name="citation_pdf_url" content="/articles/jsi.2020.0042.pdf">
<meta property="og:site_name" content="Journal of Social Informatics">`,
      'en',
    )}<body><h1>Digital exclusion among older adults: a panel study</h1>
<p>Thi Lan Nguyen, Paul Bernard, Siobhan O'Neill</p><p>Published: 15 June 2020</p></body></html>`,
    reader: {
      authors: ['Thi Lan Nguyen', 'Paul Bernard', "Siobhan O'Neill"],
      published: '2020-06-15',
      siteName: 'Journal of Social Informatics',
      lang: 'en',
    },
  },
  {
    name: 'French institutional page with Dublin Core tags (upper-case DC, DCTERMS)',
    html: `${head(`<title>Rapport sur l'inclusion numérique - Ministère des Solidarités</title>
<meta name="DC.title" content="Rapport sur l'inclusion numérique">
<meta name="DC.creator" content="Direction générale de la cohésion sociale">
<meta name="DCTERMS.issued" content="2019-05-20">
<meta name="DC.publisher" content="Ministère des Solidarités et de la Santé">
<meta name="DC.language" content="fr">`)}<body>
<div id="header"><span class="site">Ministère des Solidarités et de la Santé</span></div>
<h1>Rapport sur l'inclusion numérique</h1><p>Publié le 20 mai 2019 — Direction générale de la cohésion sociale</p></body></html>`,
    reader: {
      authors: ['Direction générale de la cohésion sociale'],
      published: '2019-05-20',
      siteName: null,
      lang: 'fr',
    },
  },
  {
    name: 'page with only a <time> in the article header',
    html: `${head('<title>Compte rendu de la journée d’étude</title>')}<body>
<article><header><h1>Compte rendu de la journée d’étude</h1><time datetime="2018-10-04">4 octobre 2018</time></header>
<p>...</p></article></body></html>`,
    reader: { authors: [], published: '2018-10-04', siteName: null, lang: 'fr' },
  },
  {
    name: 'WordPress blog post: JSON-LD BlogPosting with author array, og tags',
    html: `${head(`<title>Accompagner les usagers éloignés du numérique – Le blog des aidants</title>
<meta property="og:site_name" content="Le blog des aidants">
<meta property="og:locale" content="fr_FR">
<meta property="article:published_time" content="2020-01-27T09:00:00+00:00">
<script type="application/ld+json">
{"@context":"http://schema.org","@type":"BlogPosting","headline":"Accompagner les usagers éloignés du numérique",
 "author":[{"@type":"Person","name":"Julie Bernard"},{"@type":"Person","name":"Karim Haddad"}],
 "datePublished":"2020-01-27T10:00:00+01:00","dateModified":"2020-02-03T10:00:00+01:00",
 "publisher":{"@type":"Organization","name":"Association Les Aidants"}}
</script>`)}<body><article><h1>Accompagner les usagers éloignés du numérique</h1>
<div class="entry-meta">27 janvier 2020 par Julie Bernard et Karim Haddad</div></article></body></html>`,
    reader: {
      authors: ['Julie Bernard', 'Karim Haddad'],
      published: '2020-01-27',
      siteName: 'Le blog des aidants',
      lang: 'fr',
    },
  },
  {
    name: 'news site: malformed JSON-LD (trailing commas, HTML comment) plus a second valid block',
    html: `${head(
      `<title>City council approves broadband plan - The Valley Courier</title>
<meta property="og:site_name" content="The Valley Courier">
<script type="application/ld+json"><!--
{"@context":"https://schema.org","@type":"NewsArticle","headline":"City council approves broadband plan",
 "author":{"@type":"Person","name":"Maria Gonzalez",},"datePublished":"2022-09-08T14:30:00-07:00",}
--></script>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"BreadcrumbList","itemListElement":[]}</script>`,
      'en-US',
    )}<body><article><h1>City council approves broadband plan</h1><p>By Maria Gonzalez | Sept. 8, 2022</p></article></body></html>`,
    reader: {
      authors: ['Maria Gonzalez'],
      published: '2022-09-08',
      siteName: 'The Valley Courier',
      lang: 'en-US',
    },
  },
  {
    name: 'JSON-LD in CDATA, author as a plain string with "By"',
    html: `${head(
      `<title>Five years of open data</title>
<script type="application/ld+json">//<![CDATA[
{"@context":"https://schema.org","@type":"Article","headline":"Five years of open data","author":"By Tom Becker","datePublished":"2017-04-03","publisher":{"@type":"Organization","name":"Open Data Weekly"}}
//]]></script>
<meta property="og:site_name" content="Open Data Weekly">`,
      'en',
    )}<body><h1>Five years of open data</h1><p>By Tom Becker — April 3, 2017</p></body></html>`,
    reader: {
      authors: ['Tom Becker'],
      published: '2017-04-03',
      siteName: 'Open Data Weekly',
      lang: 'en',
    },
  },
  {
    name: 'report landing page: ScholarlyArticle-free, Report type, organisation author',
    html: `${head(`<title>Baromètre du numérique 2019 | Observatoire des usages</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"Report","name":"Baromètre du numérique 2019",
"author":{"@type":"Organization","name":"Observatoire des usages numériques"},"datePublished":"2019-11-27",
"publisher":{"@type":"Organization","name":"Observatoire des usages numériques"}}</script>
<meta property="og:site_name" content="Observatoire des usages">`)}<body><h1>Baromètre du numérique 2019</h1>
<p>Édition 2019 — publiée le 27 novembre 2019</p></body></html>`,
    reader: {
      authors: ['Observatoire des usages numériques'],
      published: '2019-11-27',
      siteName: 'Observatoire des usages',
      lang: 'fr',
    },
  },
  {
    name: 'news page with conflicting sources (meta author is the site, JSON-LD names the journalist)',
    html: `${head(`<title>Les maisons France services en chiffres - Info Régions</title>
<meta name="author" content="Info Régions">
<meta property="og:site_name" content="Info Régions">
<meta name="date" content="2023-02-01">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Les maisons France services en chiffres",
"author":[{"@type":"Person","name":"Hélène Roux"}],"datePublished":"2023-01-31T18:00:00+01:00"}</script>`)}
<body><article><h1>Les maisons France services en chiffres</h1><p>Hélène Roux — 31/01/2023</p></article></body></html>`,
    reader: {
      authors: ['Hélène Roux'],
      published: '2023-01-31',
      siteName: 'Info Régions',
      lang: 'fr',
    },
  },
  {
    name: 'German news article: "Von" byline in meta author, og:locale only',
    html: `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Digitale Verwaltung kommt langsam voran</title>
<meta name="author" content="Von Anna Schmidt">
<meta property="og:site_name" content="Nordkurier Online">
<meta property="og:locale" content="de_DE">
<meta property="article:published_time" content="2021-07-19T06:00:00+02:00"></head>
<body><h1>Digitale Verwaltung kommt langsam voran</h1><p>Von Anna Schmidt, 19. Juli 2021</p></body></html>`,
    reader: {
      authors: ['Anna Schmidt'],
      published: '2021-07-19',
      siteName: 'Nordkurier Online',
      lang: 'de-DE',
    },
  },
  {
    name: 'association page: visible byline only, no metadata at all',
    html: `${head('<title>Notre action auprès des seniors</title>')}<body>
<div class="content"><h1>Notre action auprès des seniors</h1><p class="auteur">Rédigé par Paul Lefèvre le 5 juin 2020</p>
<p>...</p></div></body></html>`,
    reader: { authors: ['Paul Lefèvre'], published: '2020-06-05', siteName: null, lang: 'fr' },
  },
  {
    name: 'microdata article (itemprop author/name, datePublished on <time>)',
    html: `${head(
      '<title>How libraries teach digital skills</title>',
      'en-GB',
    )}<body><article itemscope itemtype="https://schema.org/Article">
<h1 itemprop="headline">How libraries teach digital skills</h1>
<p>By <span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Olivia Price</span></span>,
<time itemprop="datePublished" datetime="2018-02-14">14 February 2018</time></p></article></body></html>`,
    reader: {
      authors: ['Olivia Price'],
      published: '2018-02-14',
      siteName: null,
      lang: 'en-GB',
    },
  },
  {
    name: 'open archive record (HAL-like): Highwire + DC, "Last, First" names, date year only',
    html: `${head(`<title>Les usages du numérique en EHPAD - Archive ouverte</title>
<meta name="citation_title" content="Les usages du numérique en EHPAD">
<meta name="citation_author" content="Moreau, Sophie">
<meta name="citation_author" content="Faure, Nicolas">
<meta name="citation_publication_date" content="2016">
<meta name="citation_language" content="fr">
<meta name="DC.creator" content="Moreau, Sophie">
<meta name="DC.creator" content="Faure, Nicolas">
<meta name="DC.date" content="2016">
<meta property="og:site_name" content="Archive ouverte">`)}
<body><h1>Les usages du numérique en EHPAD</h1><p>Sophie Moreau, Nicolas Faure. 2016.</p></body></html>`,
    reader: {
      authors: ['Sophie Moreau', 'Nicolas Faure'],
      published: '2016',
      siteName: 'Archive ouverte',
      lang: 'fr',
    },
  },
  {
    name: 'video page: VideoObject, uploadDate only, channel as author',
    html: `${head(`<title>Webinaire : l'illectronisme - VidéoTube</title>
<meta property="og:site_name" content="VidéoTube">
<meta itemprop="datePublished" content="2021-04-08">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"VideoObject","name":"Webinaire : l'illectronisme","uploadDate":"2021-04-08T10:00:00Z","author":{"@type":"Person","name":"Collectif Inclusion"}}</script>`)}
<body><h1>Webinaire : l'illectronisme</h1><a href="/c/collectif">Collectif Inclusion</a><p>8 avr. 2021</p></body></html>`,
    reader: {
      authors: ['Collectif Inclusion'],
      published: '2021-04-08',
      siteName: 'VidéoTube',
      lang: 'fr',
    },
  },
  {
    name: 'news page: author only as a rel=author link, date in og',
    html: `${head(`<title>Santé connectée : les promesses et les doutes</title>
<meta property="og:site_name" content="Santé Mag">
<meta property="article:published_time" content="2018-06-21T12:00:00+02:00">`)}<body>
<article><h1>Santé connectée : les promesses et les doutes</h1><p>par <a rel="author" href="/auteurs/lucas-petit">Lucas Petit</a></p></article></body></html>`,
    reader: {
      authors: ['Lucas Petit'],
      published: '2018-06-21',
      siteName: 'Santé Mag',
      lang: 'fr',
    },
  },
  {
    name: 'government page: dates only in "Mis à jour le" text, publisher in DC',
    html: `${head(`<title>Le pass numérique | economie.example.gouv</title>
<meta name="DC.publisher" content="Ministère de l'Économie">
<meta property="og:site_name" content="economie.example.gouv">`)}<body>
<h1>Le pass numérique</h1><p>Mis à jour le 14/02/2022</p></body></html>`,
    reader: {
      authors: [],
      published: null,
      siteName: 'economie.example.gouv',
      lang: 'fr',
    },
  },
  {
    name: 'news article: several authors in one meta author string ("A, B et C")',
    html: `${head(`<title>Enquête : la fracture numérique à la campagne</title>
<meta name="author" content="Léa Girard, Hugo Blanc et Inès Chevalier">
<meta property="og:site_name" content="Rural Info">
<meta name="pubdate" content="20220503">`)}<body><h1>Enquête : la fracture numérique à la campagne</h1>
<p>Léa Girard, Hugo Blanc et Inès Chevalier — 3 mai 2022</p></body></html>`,
    reader: {
      authors: ['Léa Girard', 'Hugo Blanc', 'Inès Chevalier'],
      published: '2022-05-03',
      siteName: 'Rural Info',
      lang: 'fr',
    },
  },
  {
    name: 'journal issue page: JSON-LD ScholarlyArticle with isPartOf PublicationIssue -> Periodical, DOI in identifier',
    html: `${head(
      `<title>Telecare and social work practice</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"ScholarlyArticle","headline":"Telecare and social work practice",
"author":[{"@type":"Person","givenName":"Rachel","familyName":"Adams"},{"@type":"Person","givenName":"Ben","familyName":"Cole"}],
"datePublished":"2015-09","isPartOf":{"@type":"PublicationIssue","issueNumber":"3","isPartOf":{"@type":"Periodical","name":"Social Work Review"}},
"identifier":{"@type":"PropertyValue","propertyID":"DOI","value":"10.5555/swr.2015.3.7"}}</script>
<meta property="og:site_name" content="Social Work Review">`,
      'en',
    )}<body><h1>Telecare and social work practice</h1><p>Rachel Adams, Ben Cole · September 2015</p></body></html>`,
    reader: {
      authors: ['Rachel Adams', 'Ben Cole'],
      published: '2015-09',
      siteName: 'Social Work Review',
      lang: 'en',
    },
  },
  {
    name: 'page without lang attribute: content-language http-equiv, DC date in French words',
    html: `<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Language" content="fr">
<title>Guide des démarches en ligne - CCAS de Villeneuve</title>
<meta name="DC.date" content="3 septembre 2019">
<meta name="DC.creator" content="CCAS de Villeneuve"></head>
<body><h1>Guide des démarches en ligne</h1><p>CCAS de Villeneuve, 3 septembre 2019</p></body></html>`,
    reader: {
      authors: ['CCAS de Villeneuve'],
      published: '2019-09-03',
      siteName: null,
      lang: 'fr',
    },
  },
];
