/*
 * Removal and unavailability wordings: "Page supprimée", "Ce contenu n'existe plus", "This
 * video is no longer available", "Dieses Video ist nicht mehr verfügbar"... in French, English,
 * German, Spanish and Italian. Phrases are written over folded words (see text.ts `words`):
 * lower case, no accents, punctuation gone, apostrophes kept ("n'est", "l'article").
 *
 * Two strengths. A REMOVAL phrase says the thing is gone for good (no longer, removed,
 * deleted, does not exist any more). An UNAVAILABLE phrase ("this video is not available")
 * may also be said of a video blocked in one country or a product out of stock: it only
 * counts with more evidence (the page's title is only the site's name) and never with "in
 * your country", "currently", "temporarily" and kin around it.
 */

import { FOR_NOW, QUALIFIED, RESTRICTION, WITHHELD } from './restriction.js';

const DET_FR = "(?:ce|cet|cette|le|la|l'|les|votre)";
const DET_EN = '(?:this|that|the|your)';
const DET_DE = '(?:dieses|diese|dieser|das|die|der|ihr|ihre)';
const DET_ES = '(?:este|esta|el|la|su)';
const DET_IT = "(?:questo|questa|il|la|lo|l')";
/** Demonstratives only: "this video" is the page speaking of itself, "the video" may be news. */
const DEMONSTRATIVE =
  '(?:this|that|your|ce|cet|cette|votre|dieses|diese|dieser|este|esta|questo|questa)';

const SUBJECT = [
  // the page itself
  'page|webpage|web page|site|website|blog|content|article|post|story|document|file|resource|link|url',
  // items of video, shop and classified sites
  'video|clip|film|movie|episode|programme|program|show|recording|podcast|track|playlist|photo|image|gallery|channel|account|profile|product|item|listing|offer|ad|advert|advertisement|auction|book|ebook|title',
  // books and titles of publishers' and booksellers' catalogues
  'livre|ouvrage|titre|buch|titel|libro|titulo|titolo',
  'contenu|fichier|ressource|lien|billet|publication|emission|enregistrement|chaine|compte|produit|annonce|offre|fiche|sujet|dossier|galerie|actualite|breve|information',
  'seite|webseite|inhalt|artikel|beitrag|datei|dokument|sendung|folge|bild|kanal|konto|produkt|angebot|anzeige|inserat|meldung|nachricht',
  'pagina|sitio|contenido|articulo|archivo|documento|entrada|programa|grabacion|canal|cuenta|producto|anuncio|oferta|noticia',
  'contenuto|articolo|documento|prodotto|annuncio|offerta|puntata|programma|canale|profilo|notizia',
].join('|');

/** "you are looking for", "que vous recherchez"...: the page that was asked for. */
const SOUGHT =
  "(?:you(?:'re| are| were)? (?:looking for|trying to (?:reach|access|view|watch)|requested|want(?:ed)? to (?:see|watch|view))|(?:that )?you requested|requested|que vous (?:recherchez|cherchez|demandez|avez demandee?s?|souhaitez (?:consulter|afficher|voir|regarder))|demandee?|recherchee?|die sie (?:suchen|aufrufen wollten|angefordert haben)|(?:que|la que|el que) (?:buscas|busca|estas buscando|esta buscando|solicitaste|ha solicitado)|solicitad[oa]|che stai cercando|che cerchi|richiest[oa])";

/** Predicates that say "gone for good". */
const GONE = [
  // English
  '(?:is|has been|was) no longer (?:available|online|accessible|here|active|published|exists?)',
  '(?:is|are) not (?:available|online) any ?more',
  "isn't (?:available|online) any ?more",
  'no longer exists?',
  "(?:does not|doesn't|did not|didn't) exist any ?more",
  '(?:has been|was|have been|were) (?:(?:moved|renamed|archived) (?:or|and) )?(?:removed|deleted|taken down|withdrawn|unpublished|pulled)',
  // French
  "n'est plus (?:disponible|accessible|en ligne|visible|publiee?)",
  "n'existe plus",
  '(?:a|ont) ete (?:(?:deplacee?s?|renommee?s?|archivee?s?) ou )?(?:supprimee?s?|retiree?s?|depubliee?s?|effacee?s?|desactivee?s?)',
  '(?:est|a ete) (?:definitivement )?(?:supprimee?|retiree?)',
  // German
  'ist (?:leider )?nicht mehr (?:verfugbar|online|abrufbar|erreichbar|vorhanden)',
  'existiert (?:leider )?nicht mehr',
  'wurde (?:leider )?(?:entfernt|geloscht|depubliziert|deaktiviert|offline genommen)',
  // Spanish
  'ya no (?:esta disponible|existe|esta en linea|se encuentra disponible)',
  '(?:ha|han) sido (?:eliminad[oa]s?|retirad[oa]s?|borrad[oa]s?|dad[oa]s? de baja)',
  // Italian
  'non e piu (?:disponibile|online|accessibile|visibile)',
  'non esiste piu',
  'e stat[oa] (?:rimoss[oa]|eliminat[oa]|cancellat[oa]|ritirat[oa])',
].join('|');

/**
 * Predicates that say a shop no longer sells or delivers the item ("Dieser Artikel ist nicht mehr
 * lieferbar"): gone from the shop for good, unlike "out of stock" ("ausverkauft", "agotado",
 * "esaurito", "épuisé", "derzeit nicht lieferbar"), which is temporary and matches nothing here.
 * Sentences only, never title segments: "Der Zauberberg - nicht mehr lieferbar" titles a page
 * that still presents the book. Hits are marked `sale` (see SALE_AFTER).
 */
const GONE_FROM_SALE =
  'ist (?:leider )?nicht mehr (?:lieferbar|bestellbar|erhaltlich|im sortiment)';

/**
 * Predicates that say the thing asked for is not there ("the page you requested does not exist"):
 * as final as a removal when the page says it of itself.
 */
const MISSING = [
  "(?:does not|doesn't) exist|(?:could not|couldn't|cannot|can't) be found|was not found",
  '(?:may|might|could) have been (?:(?:moved|renamed) (?:or|and) )?(?:removed|deleted|moved|renamed)',
  "n'existe pas|est introuvable|n'a pas ete trouvee?|est inexistante?",
  'existiert (?:leider )?nicht|(?:wurde|konnte) (?:leider )?nicht gefunden(?: werden)?',
  'no existe|no (?:se ha podido|se pudo|pudo ser) encontrar',
  'non esiste|non e stat[oa] trovat[oa]',
].join('|');

/**
 * A first predicate joined to the final one: "does not exist or has been deleted", "has expired
 * and is no longer available", "n'existe pas ou a été déplacée".
 */
const FIRST_CLAUSE = `(?:(?:has expired|(?:has been|was) (?:moved|archived)|a expire|a ete (?:deplacee?|archivee?)|ist abgelaufen|wurde verschoben|ha caducado|ha sido movid[oa]|e scadut[oa]|e stat[oa] spostat[oa]|${MISSING}) (?:and|or|et|ou|und|oder|y|o|e) )`;
/** "Cette page n'existe pas encore", "does not exist yet": a page to come, not a page gone. */
const NOT_YET = '(?! (?:yet|encore|noch|todavia|aun|ancora)(?: |$))';
/** Not followed by a restriction (see RESTRICTION) nor "for now" (FOR_NOW). */
const UNRESTRICTED = `(?! (?:${RESTRICTION}|${FOR_NOW})(?: |$))`;
const RESTRICTED_AFTER = new RegExp(`^ ${RESTRICTION}(?: |$)`);

/** Removed or no longer there, possibly after a first predicate. */
const FINAL_GONE = `(?:${FIRST_CLAUSE}?(?:${GONE}|${GONE_FROM_SALE}))${UNRESTRICTED}`;
/** Also "not there": said only of the page itself ("Le document n'existe pas en version papier"). */
const FINAL = `(?:${FIRST_CLAUSE}?(?:${GONE}|${GONE_FROM_SALE}|(?:${MISSING})${NOT_YET}))${UNRESTRICTED}`;

/** Predicates that only say "not available" (may be temporary or regional). */
const UNAVAILABLE = [
  "(?:is|was) (?:not|n't) available|isn't available|is unavailable",
  "n'est pas disponible|est indisponible|n'est pas accessible",
  'ist nicht verfugbar|ist leider nicht verfugbar|ist nicht abrufbar',
  'no esta disponible|no se encuentra disponible',
  'non e disponibile',
].join('|');

/** Bare banners without a subject sentence that say the item is gone: "Contenu supprimé". */
const GONE_BANNERS = [
  '(?:video|content|page|product|item|listing|article|post) (?:removed|deleted|no longer available)',
  "(?:page|video|contenu|article|produit|annonce|fiche|publication) (?:supprimee?|retiree?|plus disponible|n'est plus disponible)",
  '(?:seite|video|inhalt|artikel|produkt|angebot) (?:entfernt|geloscht|nicht mehr verfugbar)',
  '(?:pagina|video|contenido|articulo|producto|anuncio) (?:eliminad[oa]|retirad[oa])',
  '(?:pagina|video|contenuto|articolo|prodotto|annuncio) (?:rimoss[oa]|eliminat[oa]|non piu disponibile)',
].join('|');

/**
 * Banners that only say "unavailable": YouTube shows "Video unavailable" over a removed video,
 * but also over a private one, one blocked in the reader's country or on copyright grounds,
 * with the reason in the next sentence.
 */
const UNAVAILABLE_BANNERS = [
  '(?:video|content|page|product|item|listing|article|post) unavailable',
  '(?:page|video|contenu|article|produit|annonce|fiche|publication) indisponible',
  '(?:seite|video|inhalt|artikel|produkt|angebot) nicht verfugbar',
  '(?:pagina|video|contenido|articulo|producto|anuncio) no disponible',
  '(?:pagina|video|contenuto|articolo|prodotto|annuncio) non disponibile',
].join('|');

/** Both kinds, for titles (where soft404.ts reads them as whole segments). */
const BANNERS = `${GONE_BANNERS}|${UNAVAILABLE_BANNERS}`;

/** How far after an "unavailable" wording its reason is looked for. */
const REASON_WORDS = 12;

const subjectOf = (det: string) => `(?:(?:${det}) ?)(?:${SUBJECT})(?: (?:${SOUGHT}))?`;
/** German puts "the one you chose" before the noun: "der von Ihnen gewählte Artikel". */
const CHOSEN_DE =
  '(?:von (?:ihnen|dir) )?(?:gewahlte|gesuchte|gewunschte|aufgerufene|angeforderte|angefragte)n?';
const ANY_DET = `${DET_EN}|${DET_FR}|${DET_DE}|${DET_ES}|${DET_IT}`;

/** A whole title segment that says so (used by soft404.ts with its own lead and trail). */
export const REMOVAL_SEGMENT_PHRASES: string[] = [
  `(?:${subjectOf(ANY_DET)} |(?:${SUBJECT}) )?(?:${GONE})`,
  `(?:${BANNERS})`,
  'no longer available|plus disponible|nicht mehr verfugbar|ya no esta disponible|non piu disponibile',
  'contenu supprime|page supprimee|article supprime|content removed|page removed|seite entfernt',
];

/** "this video", or any subject that is the page asked for ("the page you requested"). */
const OWN_SUBJECT = `(?:${DEMONSTRATIVE}) ?(?:${SUBJECT})(?: (?:${SOUGHT}))?|(?:(?:${ANY_DET}) ?)?(?:${SUBJECT}) (?:${SOUGHT})|(?:${DET_DE}) ${CHOSEN_DE} (?:${SUBJECT})`;
const ANY_SUBJECT = `${subjectOf(ANY_DET)}|(?:${DET_DE}) ${CHOSEN_DE} (?:${SUBJECT})`;

/**
 * German main clauses put the verb second: "Leider ist dieser Artikel nicht mehr verfügbar",
 * "Leider wurde dieses Video entfernt". Only German determiners introduce the subject there,
 * and the adverb must be there: with the verb first, "Ist dieser Artikel nicht mehr
 * verfügbar? Dann..." is a question.
 */
const invertedDe = (det: string) => {
  const subject = `(?:${det}) (?:${CHOSEN_DE} )?(?:${SUBJECT}) (?:leider )?`;
  const verbs = [
    `ist ${subject}nicht mehr (?:verfugbar|online|abrufbar|erreichbar|vorhanden|lieferbar|bestellbar|erhaltlich|im sortiment)`,
    `existiert ${subject}nicht mehr`,
    `wurde ${subject}(?:entfernt|geloscht|depubliziert|deaktiviert|offline genommen)`,
  ].join('|');
  return `(?:leider|bedauerlicherweise|inzwischen|mittlerweile) (?:${verbs})`;
};

const GONE_SENTENCE = new RegExp(
  `(?:^| )(?:(?:${OWN_SUBJECT}) ${FINAL}|${invertedDe('dieses|diese|dieser|ihr|ihre')})(?= |$)`,
);
const GONE_SENTENCE_ANY = new RegExp(
  `(?:^| )(?:(?:${ANY_SUBJECT}) ${FINAL_GONE}|(?:${OWN_SUBJECT}) ${FINAL}|${invertedDe(DET_DE)})(?= |$)`,
);
const UNAVAILABLE_SENTENCE = new RegExp(
  `(?:^| )(?:${subjectOf(ANY_DET)}) (?:${UNAVAILABLE})(?= |$)((?: [^ ]+){0,6})`,
);
/** Sales banners ("Artikel nicht mehr lieferbar"): in the text only, as GONE_FROM_SALE. */
const SALE_BANNERS =
  '(?:artikel|produkt|buch|titel) nicht mehr (?:lieferbar|bestellbar|erhaltlich)';
const GONE_BANNER = new RegExp(`(?:^| )(?:${GONE_BANNERS}|${SALE_BANNERS})(?= |$)`);
const UNAVAILABLE_BANNER = new RegExp(`(?:^| )(?:${UNAVAILABLE_BANNERS})(?= |$)`);
/** "If the page no longer exists...", "when a video was removed": advice, not a banner. */
const CONDITIONAL =
  /^(?:if|when|whether|unless|once|si|lorsque|quand|wenn|falls|ob|sobald|cuando|aunque|se|quando|qualora)$/;

/** A text made of a banner and little else (a link home, a search box). */
const MAX_BANNER_PAGE_WORDS = 12;

export type RemovalStrength = 'gone' | 'unavailable';

export interface RemovalHit {
  strength: RemovalStrength;
  /** Index of the first word of the phrase in the folded text. */
  wordIndex: number;
  phrase: string;
  /**
   * The wording says the item is no longer sold or ordered ("n'est plus disponible à la
   * commande", "no longer available for purchase", "nicht mehr lieferbar"), not that the page is
   * gone: a page that still presents the item (a headline of its own) is the catalogue's page.
   */
  sale: boolean;
  /**
   * The wording names a place the item was removed from that is not the site: "has been removed
   * from the reading list", "a été retirée de la plateforme", "retiré du programme". Under a
   * title or heading of its own the page is about the item, which is gone from somewhere else.
   */
  elsewhere: boolean;
}

/** Sales predicates and banners (GONE_FROM_SALE, SALE_BANNERS) end with one of these. */
const SALE_PHRASE = / (?:lieferbar|bestellbar|erhaltlich|im sortiment)$/;
/**
 * Words right after a removal wording that restrict it to sale or loan ("à la commande", "au
 * prêt": a library record whose copy is withdrawn still describes the book).
 */
const SALE_AFTER =
  /^ (?:a la (?:commande|vente)|en vente|for (?:purchase|sale|order|ordering|loan|lending|borrowing|checkout)|to (?:buy|order|purchase|borrow)|zum kauf|zur bestellung|zum bestellen|zur ausleihe|a la venta|para (?:la )?(?:compra|venta)|en venta|in vendita|per l'acquisto|all'acquisto|per l'ordine|au pret|pour le pret|a l'emprunt|en prestamo|para (?:el )?prestamo|in prestito|per il prestito)(?= |$)/;
/**
 * "removed from the reading list", "retirée de la plateforme", "aus dem Programm": a place
 * named after the wording that is not the site itself ("du site", "from our website", "de ce
 * serveur" name the site: the page is gone).
 */
const FROM_ELSEWHERE =
  /^ (?:from|de|du|des|aus|von|vom|dal|dalla|dallo|della|del|dai|dalle)(?: (?:the|a|la|le|les|l'|der|die|dem|den|das|el|los|las|il|lo|gli|un|une|einer|einem))? (?!(?:site|sites|website|websites|web|page|pages|server|serveur|servidor|our|this|notre|nos|ce|cet|cette|unserer|unseren|unserem|dieser|diesem|nuestro|nuestra|nuestros|este|esta|nostro|nostra|nostri|questo|questa|internet|sitio|sito|seite|webseite|homepage|portal|portail)(?: |$))[^ ]+/;
/** How many words after a wording SALE_AFTER reads. */
const SALE_WORDS = 4;

function hit(text: string, re: RegExp, strength: RemovalStrength): RemovalHit | null {
  const m = re.exec(text);
  if (!m) return null;
  const start = m.index + (m[0].startsWith(' ') ? 1 : 0);
  const before = text.slice(0, start).trim();
  const prior = before === '' ? [] : before.split(' ');
  // "If this page no longer exists, ...": advice about pages in general, not a banner.
  if (CONDITIONAL.test(prior.at(-1) ?? '')) return null;
  const phrase = m[0].trim();
  const next = text
    .slice(start + phrase.length)
    .split(' ', SALE_WORDS + 1)
    .join(' ');
  const sale = SALE_PHRASE.test(` ${phrase}`) || SALE_AFTER.test(next);
  return { strength, wordIndex: prior.length, phrase, sale, elsewhere: FROM_ELSEWHERE.test(next) };
}

/**
 * The first removal or unavailability sentence in folded words, if any. `strict` (no other
 * evidence that the page is an error page): only "gone" sentences whose subject is a
 * demonstrative ("this video", "ce contenu") or the page asked for, and banners.
 */
export function findRemoval(folded: string, opts: { strict: boolean }): RemovalHit | null {
  const gone = hit(folded, opts.strict ? GONE_SENTENCE : GONE_SENTENCE_ANY, 'gone');
  // "...removed from YouTube but remains available below": gone from one place, not from here.
  if (gone && !stillThere(folded, gone)) return gone;
  // A bare banner ("Vidéo retirée") is a banner only when it opens the text, and, without other
  // evidence, when it is nearly all there is: "Une vidéo retirée de la plateforme" is news.
  const words = folded === '' ? 0 : folded.split(' ').length;
  const opening = (b: RemovalHit | null) =>
    b !== null && b.wordIndex === 0 && (!opts.strict || words <= MAX_BANNER_PAGE_WORDS);
  const banner = hit(folded, GONE_BANNER, 'gone');
  if (opening(banner)) return banner;
  // "Video unavailable" counts as gone unless the next words give a reason that is not
  // ("This video is private", "...not made this video available in your country").
  const unavailable = hit(folded, UNAVAILABLE_BANNER, 'gone');
  if (opening(unavailable) && !withheld(folded, unavailable!)) return unavailable;
  if (opts.strict) return null;
  const m = UNAVAILABLE_SENTENCE.exec(folded);
  if (!m) return null;
  // "not available in your country", "currently not available", "in print": not gone.
  const around = ` ${folded.slice(Math.max(0, m.index - 30), m.index)} ${m[0]} `;
  if (QUALIFIED.test(around) || RESTRICTED_AFTER.test(m[1] ?? '')) return null;
  const sentence = hit(folded, UNAVAILABLE_SENTENCE, 'unavailable');
  return sentence && !withheld(folded, sentence) ? sentence : null;
}

/**
 * The page says, right after its removal sentence, that the document is still there, elsewhere
 * or in another form: "...but remains available below", "elle est hébergée désormais sur notre
 * site", "reste téléchargeable", "ist weiterhin verfügbar".
 */
const STILL_THERE =
  / (?:remains? (?:available|online|accessible)|still (?:available|online|accessible|here)|(?:is|are) now (?:available|hosted|published)|now (?:hosted|available) (?:on|at|here|below)|available (?:here|below|on our)|(?:reste|restent|demeure) (?:disponibles?|accessibles?|consultables?|telechargeables?|en ligne)|toujours (?:disponibles?|accessibles?|consultables?|en ligne)|desormais (?:disponibles?|accessibles?|hebergee?s?|en ligne|sur)|hebergee?s? desormais|disponibles? (?:ici|ci dessous|sur notre|sur ce site)|(?:ist|sind|bleibt|bleiben) (?:aber )?(?:weiterhin|nun|jetzt|hier|noch)(?: [a-z]+){0,3} (?:verfugbar|abrufbar|online)|sigue disponible|sigue estando disponible|ahora (?:disponible|esta disponible|se encuentra)|resta disponibile|rimane disponibile|ora (?:disponibile|e disponibile))(?= |$)/;

/** What the page says in the words after a removal sentence keeps the document there. */
function stillThere(folded: string, at: RemovalHit): boolean {
  const after = at.wordIndex + at.phrase.split(' ').length;
  return STILL_THERE.test(
    ` ${folded
      .split(' ')
      .slice(after, after + REASON_WORDS)
      .join(' ')} `,
  );
}

/** The words of an "unavailable" wording and the few after it give a reason that is not removal. */
function withheld(folded: string, at: RemovalHit): boolean {
  const end = at.wordIndex + at.phrase.split(' ').length + REASON_WORDS;
  const next = ` ${folded.split(' ').slice(at.wordIndex, end).join(' ')} `;
  return WITHHELD.test(next) || QUALIFIED.test(next);
}
