/**
 * The readers' language (issue 12): a typed message catalogue per language, chosen per run.
 * No i18n library: two languages, typed by hand, with Intl for numbers, plurals and dates.
 */
import type { Report, ReportLink } from '../model/index.js';
import { en, type LinkFacts, type Messages } from './en.js';
import { fr } from './fr.js';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from './language.js';

export type { CsvColumn, LinkFacts, Messages } from './en.js';
export type { ArchiveMiss, DeclaredValue, EnrichField, FixMessages } from './en-fix.js';
export * from './language.js';
export { en, fr };

const CATALOGUES: Record<Language, Messages> = { en, fr };

export function messagesFor(language: Language | undefined): Messages {
  return CATALOGUES[language ?? DEFAULT_LANGUAGE];
}

/** The language a report is written in: the run's, English for reports older than the field. */
export function reportLanguage(report: { run: { language?: string } }): Language {
  const l = report.run.language;
  return isLanguage(l) ? l : DEFAULT_LANGUAGE;
}

/** The messages of a report's language. */
export function messagesOf(report: { run: { language?: string } }): Messages {
  return messagesFor(reportLanguage(report));
}

/**
 * A link's message in the reader's language: rendered from its reason code and fields, or the
 * message written at check time (English, with the checker's every detail) when the language
 * has nothing better (English itself, or a reason code newer than this version).
 */
export function linkMessage(m: Messages, link: ReportLink): string {
  const facts: LinkFacts = {
    status: link.status,
    reason: link.reason,
    httpStatus: link.httpStatus,
    url: link.url,
    finalUrl: link.finalUrl,
    suggestedUrl: link.suggestedUrl,
    failingSince: link.failingSince,
    consecutiveFailures: link.consecutiveFailures,
    redirected: (link.redirects?.length ?? 0) > 0,
  };
  return m.linkMessage(facts) ?? link.message;
}

/** Re-labels a report for another language (`rotwatch report --language`): data unchanged. */
export function inLanguage<R extends Pick<Report, 'run'>>(report: R, language: Language): R {
  return { ...report, run: { ...report.run, language } };
}
