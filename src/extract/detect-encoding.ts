import { analyse } from 'chardet';

/*
 * A page that declares no encoding (no BOM, no charset in Content-Type, no <meta>, no XML
 * declaration) and is not UTF-8. The WHATWG default is windows-1252, but browsers guess first:
 * Chromium runs its encoding detector, and an undeclared Chinese or Japanese page shows right
 * there, while read as windows-1252 its title was mojibake (and drifted from the catalogue's).
 * The guess is taken only for the multi-byte encodings of Chinese, Japanese and Korean, where
 * byte statistics are strong; single-byte legacy pages (French, German... in windows-1252, which
 * detectors confuse with ISO-8859-2 or -9) keep the default.
 */

/** Detector names (chardet) to WHATWG encoding names. */
const MULTI_BYTE: Record<string, string> = {
  GB18030: 'gb18030',
  Big5: 'Big5',
  Shift_JIS: 'Shift_JIS',
  'EUC-JP': 'EUC-JP',
  'EUC-KR': 'EUC-KR',
};

/** How sure the detector must be (its 0-100 scale); measured: ~100 on real CJK pages. */
const MIN_CONFIDENCE = 50;
/** Bytes looked at: a head and the start of the text are plenty. */
const SAMPLE_BYTES = 64 * 1024;

/** The encoding of an undeclared, non-UTF-8 body when it is clearly CJK; else null. */
export function detectUndeclared(body: Uint8Array): string | null {
  const sample = body.byteLength > SAMPLE_BYTES ? body.subarray(0, SAMPLE_BYTES) : body;
  const [best] = analyse(sample);
  if (!best || best.confidence < MIN_CONFIDENCE) return null;
  return MULTI_BYTE[best.name] ?? null;
}
