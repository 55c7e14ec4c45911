import { analyse } from 'chardet';

/*
 * A page that declares no encoding (no BOM, no charset in Content-Type, no <meta>, no XML
 * declaration) and is not UTF-8. The WHATWG default is windows-1252, but browsers guess first:
 * Chromium runs its encoding detector, and an undeclared Chinese, Japanese or Russian page shows
 * right there, while read as windows-1252 its title was mojibake (and drifted from the
 * catalogue's). A guess is taken where it is safe:
 * - the multi-byte encodings of Chinese, Japanese and Korean, where byte statistics are strong
 *   (the detector's confidence is enough);
 * - the Cyrillic encodings windows-1251 and KOI8-R/-U, only when the bytes themselves look like
 *   Cyrillic text in the encoding the detector named (cyrillicProfile). The detector alone is
 *   not enough there: its confidence on real Cyrillic pages is low (16 to 51: markup is ASCII),
 *   and it confuses single-byte neighbours.
 * Other single-byte legacy pages (French, German... in windows-1252, which detectors confuse
 * with ISO-8859-2 or -9) keep the default.
 */

/** Detector names (chardet) to WHATWG encoding names. */
const MULTI_BYTE: Record<string, string> = {
  GB18030: 'gb18030',
  Big5: 'Big5',
  Shift_JIS: 'Shift_JIS',
  'EUC-JP': 'EUC-JP',
  'EUC-KR': 'EUC-KR',
};

/** How sure the detector must be of a CJK encoding (0-100); measured: ~100 on real CJK pages. */
const MIN_CONFIDENCE = 50;
/** Bytes looked at: a head and the start of the text are plenty. */
const SAMPLE_BYTES = 64 * 1024;

/** The encoding of an undeclared, non-UTF-8 body when it is clearly CJK or Cyrillic; else null. */
export function detectUndeclared(body: Uint8Array): string | null {
  const sample = body.byteLength > SAMPLE_BYTES ? body.subarray(0, SAMPLE_BYTES) : body;
  const [best] = analyse(sample);
  if (!best) return null;
  if (best.name === 'windows-1251' || best.name === 'KOI8-R') {
    return cyrillicProfile(sample, best.name === 'KOI8-R' ? 'koi8' : 'windows-1251');
  }
  if (best.confidence < MIN_CONFIDENCE) return null;
  return MULTI_BYTE[best.name] ?? null;
}

/*
 * What Cyrillic text looks like in bytes, and Western text does not:
 * - words: letters of Cyrillic words are all high bytes, so high bytes come in runs (about five
 *   long in running text); the accented letters of French, German or Spanish stand alone
 *   between ASCII letters (runs of 1, "créée" 2);
 * - letters: nearly all high bytes are letters of the encoding (C0-FF, plus Ё ё, Ukrainian and
 *   Belarusian letters), not punctuation;
 * - case: running text is mostly lower case, and the two encodings put the cases at opposite
 *   ends (windows-1251: lower case E0-FF; KOI8: lower case C0-DF), so windows-1251 read as KOI8
 *   (or the reverse) would be mostly capitals. A profile at odds with the detector's pick is
 *   no guess at all.
 */

/** Letters (C0-FF) needed before anything is guessed (a title alone has 20 or more). */
const MIN_LETTERS = 16;
/** Mean length of a run of high bytes: Cyrillic words, not lone accented letters. */
const MIN_MEAN_RUN = 3;
/** Share of high bytes that are letters of the encoding. */
const MIN_LETTER_SHARE = 0.8;
/** Share of the main letters (C0-FF) that are lower case in the encoding named. */
const MIN_LOWER_SHARE = 0.6;

/** windows-1251 letters outside C0-FF: Ђ-џ of Serbian, Macedonian, Ukrainian, Belarusian; Ё ё. */
const CP1251_EXTRA = new Set([
  0x80, 0x81, 0x83, 0x8a, 0x8c, 0x8d, 0x8e, 0x8f, 0x90, 0x9a, 0x9c, 0x9d, 0x9e, 0x9f, 0xa1, 0xa2,
  0xa3, 0xa5, 0xa8, 0xaa, 0xaf, 0xb2, 0xb3, 0xb4, 0xb8, 0xba, 0xbc, 0xbd, 0xbe, 0xbf,
]);
/** KOI8-U letters outside C0-FF (Ё ё in KOI8-R too). */
const KOI8_EXTRA = new Set([
  0xa3, 0xa4, 0xa6, 0xa7, 0xad, 0xae, 0xb3, 0xb4, 0xb6, 0xb7, 0xbd, 0xbe,
]);
/** Bytes that are letters only in KOI8-U (box drawing in KOI8-R). */
const KOI8_U_ONLY = new Set([0xa4, 0xa6, 0xa7, 0xad, 0xae, 0xb4, 0xb6, 0xb7, 0xbd, 0xbe]);

/**
 * The WHATWG encoding of `bytes` when they read as Cyrillic text in `family`, else null. Pure;
 * one pass over the bytes. KOI8 text with a Ukrainian or Belarusian letter is KOI8-U.
 */
export function cyrillicProfile(bytes: Uint8Array, family: 'windows-1251' | 'koi8'): string | null {
  const extra = family === 'koi8' ? KOI8_EXTRA : CP1251_EXTRA;
  let high = 0;
  let runs = 0;
  let letters = 0;
  let upperHalf = 0; // C0-DF
  let lowerHalf = 0; // E0-FF
  let koi8U = false;
  let inRun = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x80) {
      inRun = false;
      continue;
    }
    high++;
    if (!inRun) runs++;
    inRun = true;
    if (b >= 0xe0) lowerHalf++;
    else if (b >= 0xc0) upperHalf++;
    else if (extra.has(b)) {
      letters++;
      if (family === 'koi8' && KOI8_U_ONLY.has(b)) koi8U = true;
    }
  }
  const main = upperHalf + lowerHalf;
  letters += main;
  if (main < MIN_LETTERS || high / runs < MIN_MEAN_RUN) return null;
  if (letters / high < MIN_LETTER_SHARE) return null;
  const lower = family === 'koi8' ? upperHalf : lowerHalf;
  if (lower / main < MIN_LOWER_SHARE) return null;
  if (family === 'windows-1251') return 'windows-1251';
  return koi8U ? 'KOI8-U' : 'KOI8-R';
}
