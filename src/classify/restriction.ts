/*
 * What may restrict or qualify a removal wording, in folded words (see text.ts `words`): said
 * so, the document is still there, in another form, place or time, or withheld rather than
 * gone. removal.ts reads them right after its predicates and around its "unavailable" wordings.
 */

/** "en", "in the", "au", "dans certains", "in your"...: what introduces a restriction. */
const INTRO =
  '(?:en|in|au|aux|dans|sous|on|as|im|auf|als|a|su|per|con|por|de|di|nel|nella|nei|nelle)(?: (?:la|le|les|une?|a|an|the|der|die|das|dem|einer?|el|los|las|il|lo|gli|sa|son|ses|leur|its|their|seiner?|ihrer?|sua|suo|cette|ce|this|that|diese[rm]?|esta|este|questa|questo|votre|vos|your|certains|certaines|certain|some|several|bestimmten|einigen|manchen|algunos|algunas|ciertos|alcuni|alcune|certi|tu|ihrem|deinem))?';

/**
 * A form, an edition, a language, a medium ("n'existe pas en version papier", "no longer
 * available in print", "nicht mehr auf Deutsch"), the stock or a way of access ("n'est plus
 * disponible en stock", "plus disponible en accès libre", Cairn's wording over an article that
 * left open access): a guide's first line "Ce document n'existe pas en version papier" made the
 * guide dead.
 */
const FORMS =
  'versions?|formats?|print|printed|paper|papier|papel|carta|forme|form|langues?|languages?|lingua|sprache|idiomas?|editions?|ausgabe|edicion|edizione|anglais|english|englisch|ingles|inglese|francais|french|franzosisch|frances|francese|allemand|german|deutsch|aleman|tedesco|espagnol|spanish|spanisch|espanol|spagnolo|italien|italian|italienisch|italiano|dvd|cd|blu ray|vhs|ebook|e book|pdf|hardcover|paperback|broche|poche|kiosque|newsstand|kiosk|stock|lager|existencias|magazzino|acces|access|open access|free access|libre acces|acceso|accesso|zugang|texte integral|full text|volltext|texto completo|testo completo';

/**
 * A place: "Cette vidéo n'est plus disponible en France", "no longer available in the United
 * States", "dans certains pays". A video or a replay withheld in one country is there in the
 * others (blocked, never gone: in doubt, not dead). Countries readers of the five languages
 * name most, and the words for a country or region.
 */
const PLACES =
  'pays|country|countries|region|regions|regione|regioni|territoire|territoires|territory|territories|zone|area|land|landern|paese|paesi|pais|paises|france|belgique|belgium|belgien|suisse|switzerland|schweiz|svizzera|suiza|luxembourg|monaco|canada|quebec|allemagne|germany|deutschland|alemania|germania|autriche|austria|osterreich|espagne|spain|spanien|espana|spagna|italie|italy|italia|portugal|royaume uni|united kingdom|uk|grande bretagne|great britain|england|angleterre|irlande|ireland|pays bas|netherlands|niederlande|etats unis|united states|usa|us|amerique|america|europe|europa|union europeenne|european union|eu|ue|outre mer|dom tom|maroc|morocco|algerie|algeria|tunisie|tunisia|senegal|afrique|africa|mexique|mexico|argentine|argentina|bresil|brazil|brasil|australie|australia|japon|japan|chine|china|inde|india';

/** A restriction after the predicate ("... en version papier", "... in Germany"). */
export const RESTRICTION = `${INTRO} (?:${FORMS}|${PLACES})`;

/**
 * "n'est plus disponible pour le moment", "no longer available at the moment": for the time
 * being (a product out of stock), not gone.
 */
export const FOR_NOW =
  "(?:pour le moment|pour l'instant|momentanement|temporairement|for now|for the time being|at the moment|at present|temporarily|currently|right now|im moment|derzeit|zurzeit|vorubergehend|por el momento|por ahora|temporalmente|al momento|per il momento|per ora|momentaneamente|temporaneamente)";

/** Words that make an "unavailable" sentence temporary, partial or regional. */
export const QUALIFIED =
  / (?:in your (?:country|region|area|location)|in this (?:country|region)|where you are|dans votre (?:pays|region|zone)|depuis votre (?:pays|region|localisation)|in (?:ihrem|deinem) land|in ihrer region|en tu (?:pais|region)|en su (?:pais|region)|nel tuo paese|nella tua (?:zona|regione)|currently|temporarily|at the moment|right now|yet|momentanement|actuellement|temporairement|pour le moment|encore|derzeit|vorubergehend|momentan|noch|actualmente|temporalmente|por el momento|todavia|momentaneamente|attualmente|ancora)(?= |$)/;

/**
 * Reasons a video or page is withheld rather than gone: it is private, blocked (in a country, on
 * copyright grounds), restricted, or needs a sign-in. Read in the words after an "unavailable"
 * banner or sentence, where sites give the reason.
 */
export const WITHHELD =
  / (?:private|privee?|privat|privado|privada|privato|privata|blocked|bloquee?|gesperrt|blockiert|bloquead[oa]|bloccat[oa]|restricted|restreinte?|eingeschrankt|restringid[oa]|limitat[oa]|sign in|log in|se connecter|connectez vous|anmelden|iniciar sesion|accedi)(?= |$)/;
