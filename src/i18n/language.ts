/**
 * The languages rotwatch speaks to its readers, and how one is chosen for a run.
 * Precedence: the command line (`--language`), then the config file (`report.language`), then
 * the language the catalogue declares (`language:` at its top level), then English.
 */
export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

const LANGUAGE_TAG_SEPARATOR = /[-_]/;

/**
 * The supported language of a BCP 47 tag (`fr`, `fr-CA`, `FR`, `en_GB` ...), or null when rotwatch
 * does not speak it: a catalogue in German is read in English, not refused.
 */
export function supportedLanguage(tag: string | null | undefined): Language | null {
  if (!tag) return null;
  const primary = tag.trim().toLowerCase().split(LANGUAGE_TAG_SEPARATOR)[0];
  return isLanguage(primary) ? primary : null;
}

export type LanguageSource = 'option' | 'catalogue' | 'default';

/**
 * The run's language. `configured` is the command line's `--language` or else the config
 * file's `report.language` (loadConfig merges them, the command line winning); failing that,
 * the first catalogue, in input order, that declares a language rotwatch speaks.
 */
export function chooseLanguage(
  configured: Language | undefined,
  catalogueLanguages: readonly (string | null | undefined)[],
): { language: Language; source: LanguageSource } {
  if (configured) return { language: configured, source: 'option' };
  for (const tag of catalogueLanguages) {
    const language = supportedLanguage(tag);
    if (language) return { language, source: 'catalogue' };
  }
  return { language: DEFAULT_LANGUAGE, source: 'default' };
}
