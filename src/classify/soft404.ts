import type { PageMeta } from '../model/index.js';
import { REMOVAL_SEGMENT_PHRASES } from './removal.js';
import { fold, words } from './text.js';

/*
 * Soft-404 wording: a page answered 200 but its title or main heading says it does not exist.
 *
 * False alarms cost more than misses (a maintainer stops reading a noisy report), so a phrase
 * must make up a whole segment of the title, not merely appear in it. Titles are cut into
 * segments at site-name separators (" | ", " - ", " — ", " · ", " » ") and sentence ends
 * ("Oups ! Page introuvable."), not at colons, which introduce subtitles in article titles
 * ("Erreur 404 : comment la corriger" stays one segment and is not flagged). A segment is
 * flagged when it is, in full, one of the phrases below, optionally preceded by interjections
 * and error numbers ("Oops!", "Désolé", "Erreur 404") and followed by polite filler.
 */

/** Interjections and error labels that may precede the phrase. */
const LEAD =
  "(?:(?:oops|oups|whoops|ups|oh no|oh non|hmm+|sorry|desole|desolee|nous sommes desoles|we're sorry|we are sorry|lo sentimos|entschuldigung|error|erreur|fehler|errore|http|404|page|seite|pagina|it seems|it looks like|looks like|il semble que|il semblerait que|apparemment|parece que) )*";
/** Filler that may follow the phrase. */
const TRAIL = '(?: (?:sorry|desole|404|error|erreur|fehler|on this server|sur ce serveur))*';

const THE = "(?:the|this|that|your|la|cette|le|ce|l'|die|diese|der|das|la|esta|el|este|questa)";
const PAGE =
  '(?:page|webpage|web page|file|document|resource|content|article|post|url|link|seite|datei|inhalt|pagina|archivo|documento|contenido|recurso|fichier|contenu|ressource|lien)';
const YOU_SOUGHT =
  "(?:you(?:'re| are)? (?:were )?(?:looking for|trying to (?:reach|access)|requested|want)|requested|que vous (?:recherchez|cherchez|demandez|avez demandee?s?|souhaitez (?:consulter|afficher))|demandee?|recherchee?|die sie (?:suchen|aufrufen wollten|angefordert haben)|(?:que|la que) (?:buscas|busca|estas buscando|esta buscando|solicitaste|ha solicitado)|solicitada|che stai cercando|richiesta)";

const ENGLISH = [
  '404',
  '(?:page|file|document|content|resource|article|url|category|item|product|video|post|entry|user) not found',
  'not found',
  'nothing (?:was )?found(?: here)?',
  `${THE}? ?${PAGE} ?(?:${YOU_SOUGHT} )?(?:does not|doesn't|did not|didn't) exist(?: anymore| any more)?`,
  `${THE}? ?${PAGE} ?(?:${YOU_SOUGHT} )?(?:is|was|has been|could not be|couldn't be|cannot be|can't be|can not be) (?:not )?(?:found|located|removed|deleted)`,
  `${THE}? ?${PAGE} ?(?:${YOU_SOUGHT} )?(?:is )?no longer (?:available|exists|online|here)`,
  `${THE}? ?${PAGE} (?:is |has )?(?:missing|gone|gone missing)`,
  `${THE}? ?${PAGE} ?(?:${YOU_SOUGHT} )?(?:might|may|could) have been (?:removed|deleted|moved)`,
  `(?:we|i) (?:can't|cannot|can not|couldn't|could not|were unable to|are unable to) (?:seem to )?find (?:${THE}|what|the page|that page|the content)(?: ?${PAGE})?(?: ${YOU_SOUGHT})?`,
  "(?:that|this|the) (?:page|content) (?:isn't|is not) (?:here|available)",
  'the requested (?:url|page|resource|document) (?:was not|could not be) found',
  '(?:page|file) (?:missing|gone)',
];

const FRENCH = [
  '(?:page|document|contenu|article|fichier|ressource|lien) (?:non trouvee?|introuvable|inexistante?|non disponible|indisponible|non existante?)',
  '(?:categorie|rubrique) (?:non trouvee|introuvable|inexistante)',
  '(?:erreur )?404(?: page)?',
  'page 404',
  `${THE}? ?${PAGE} ?(?:${YOU_SOUGHT} )?(?:est |semble |semble etre |parait )?(?:introuvable|inexistante?|indisponible)`,
  `${THE}? ?${PAGE} ?(?:${YOU_SOUGHT} )?n'existe (?:pas|plus|pas ou plus)(?: ou (?:a ete|est) (?:deplacee?|supprimee?|retiree?))?`,
  `${THE}? ?${PAGE} ?(?:${YOU_SOUGHT} )?(?:n'est (?:plus|pas|pas ou plus) (?:disponible|accessible|en ligne)|a ete (?:supprimee?|retiree?|deplacee?))`,
  `(?:nous ne (?:trouvons|parvenons pas a trouver)|impossible de trouver|on ne trouve) (?:pas )?${THE}? ?${PAGE}(?: ${YOU_SOUGHT})?`,
  'contenu indisponible',
  'introuvable',
];

const GERMAN = [
  '(?:seite|datei|dokument|inhalt|artikel|kategorie|beitrag) (?:wurde )?nicht gefunden',
  'nicht gefunden',
  `${THE}? ?${PAGE} ?(?:${YOU_SOUGHT} )?(?:existiert nicht|existiert nicht mehr|ist nicht (?:mehr )?verfugbar|konnte nicht gefunden werden)`,
  '(?:fehler|error) 404',
];

const SPANISH_ITALIAN = [
  '(?:pagina|archivo|documento|contenido|articulo|categoria|producto) no encontrad[oa]',
  'no encontrad[oa]',
  `${THE}? ?${PAGE} ?(?:${YOU_SOUGHT} )?no (?:existe|esta disponible|se encuentra|se ha encontrado)`,
  'no se (?:encontro|ha encontrado|pudo encontrar) (?:la )?pagina',
  '(?:pagina|articolo|categoria|contenuto|prodotto) non trovat[oa]',
  `${THE}? ?${PAGE} ?(?:${YOU_SOUGHT} )?non (?:esiste|e disponibile)`,
];

/*
 * A bare "introuvable" segment ("Introuvable | Site") is accepted, but a bare noun phrase such as
 * "Le patient introuvable" is not: only the listed subjects (page, document, contenu...) may
 * precede the adjective.
 */
const PHRASES = [...ENGLISH, ...FRENCH, ...GERMAN, ...SPANISH_ITALIAN, ...REMOVAL_SEGMENT_PHRASES];
const SEGMENT = new RegExp(`^${LEAD}(?:${PHRASES.join('|')})${TRAIL}$`);

/**
 * Words one of which every phrase above contains, outside any optional part: a segment
 * without any cannot match SEGMENT, and is rejected at once. Why: SEGMENT backtracks through
 * its many optional groups on ordinary titles that start like a phrase ("Page d'accueil",
 * "La page des actualités"): about 0.1-1 ms a title, the largest cost of checking a page.
 * A phrase added above or in removal.ts must contain one of these words, outside any optional
 * part (the soft-404 tests of each phrase then pass).
 */
export const PHRASE_WORDS =
  /404|found|exist|esiste|locat|remov|delet|longer|missing|gone|have been|find|isn't|is not|trouv|disponib|n'est|a ete|gefunden|verfugbar|encontr|encuentra|trovat|more|taken|withdrawn|unpublish|pulled|ont ete|supprim|retir|nicht mehr|entfernt|geloscht|depubli|deaktiv|offline|ya no|sido|piu|e stat|unavailable|eliminad|rimoss|eliminat|cancellat|ritirat|borrad|baja|effac|desactiv/;

/** The phrase sources, for the test that each one holds one of PHRASE_WORDS. */
export const PHRASE_SOURCES: readonly string[] = PHRASES;

/**
 * Site-name separators and sentence ends. Colons and question marks are left alone on purpose:
 * they make article titles ("Erreur 404 : comment la corriger", "Page introuvable ? Voici
 * pourquoi"), not error banners.
 */
const SEPARATORS = /\s+[|\-–—·»•~]+\s+|\s*\|\s*|[.!¡…]+(?:\s+|$)|^[¡]/u;

const MAX_SEGMENT_WORDS = 24;

export function segments(text: string): string[] {
  return fold(text)
    .split(SEPARATORS)
    .map((s) => words(s ?? ''))
    .filter((s) => s !== '');
}

/**
 * Answers of matchingSegments for titles seen lately: a host's probe title and site name are
 * asked about once per page of that host, and SEGMENT is the costliest test of a title.
 */
const recentSegments = new Map<string, readonly string[]>();
const RECENT_SEGMENTS = 512;

/** The segments of a title or heading that say, as a whole phrase, that the page is missing. */
function matchingSegments(text: string | null | undefined): readonly string[] {
  if (!text) return [];
  if (text.length > 300) return []; // a heading that long is prose, not an error banner
  const known = recentSegments.get(text);
  if (known !== undefined) return known;
  // Error banners are short; the word cap also bounds the regex's backtracking.
  const found = segments(text).filter(
    (s) => s.split(' ').length <= MAX_SEGMENT_WORDS && PHRASE_WORDS.test(s) && SEGMENT.test(s),
  );
  if (recentSegments.size >= RECENT_SEGMENTS) recentSegments.clear();
  recentSegments.set(text, found);
  return found;
}

/** True when the text (a title or heading) says, as a whole phrase, that the page is missing. */
export function saysNotFound(text: string | null | undefined): boolean {
  return matchingSegments(text).length > 0;
}

export interface NotFoundWording {
  /** The title or heading that says so, trimmed (for the message). */
  text: string;
  /**
   * True when every matching segment leans on the number 404 ("404 Not Found", "HTTP 404",
   * "Erreur 404"). Such a title is also the title of articles about the status code (MDN's
   * "404 Not Found - HTTP | MDN", Wikipedia's "HTTP 404"), so it needs corroboration; words
   * alone ("Page introuvable") do not.
   */
  numeric: boolean;
}

const STANDALONE_404 = /(^| )404( |$)/;

/** Which of the page's title and h1 says "not found", if any, and whether only by number. */
export function notFoundWordingOf(meta: PageMeta | null): NotFoundWording | null {
  if (!meta || meta.pdf) return null;
  let found: NotFoundWording | null = null;
  for (const c of [meta.htmlTitle ?? meta.title, meta.h1]) {
    const hits = matchingSegments(c);
    if (hits.length === 0) continue;
    const numeric = hits.every((s) => STANDALONE_404.test(s));
    if (!numeric) return { text: (c ?? '').trim(), numeric: false };
    found ??= { text: (c ?? '').trim(), numeric: true };
  }
  return found;
}

/** Which of the page's title and h1 says "not found", if any (for the message). */
export function notFoundWording(meta: PageMeta | null): string | null {
  return notFoundWordingOf(meta)?.text ?? null;
}
