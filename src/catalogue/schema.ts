import { z } from 'zod';
import { checkDateParts, parseIsoDayOrMonth } from './dates.js';
import { urlProblem } from './url.js';

/**
 * The catalogue file format, as zod schemas over the plain data read from YAML. Strict
 * objects everywhere: an unknown field is almost always a misspelt known one.
 *
 * Custom issues carry `params.code` so the loader can give them their own problem code.
 */

const text = z.string().trim().min(1, 'must not be empty');

/** Readable slug: letters, digits and `.-_`, no spaces (used in reports and `fix`). */
const slug = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be a slug (letters, digits, ".", "-", "_")');

const medium = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, 'must be a lowercase word such as report, article, web-page');

function isoDate(allowMonth: boolean) {
  return z.string().superRefine((value, ctx) => {
    const parts = parseIsoDayOrMonth(value, allowMonth);
    if (typeof parts === 'string') ctx.addIssue({ code: 'custom', message: parts });
  });
}

const url = z.string().superRefine((value, ctx) => {
  const reason = urlProblem(value);
  if (reason) ctx.addIssue({ code: 'custom', message: reason, params: { code: 'invalid-url' } });
});

const positiveInt = z.number().int('must be a whole number').positive('must be positive');

const fuzzyDate = z
  .strictObject({
    text,
    year: z.number().int('must be a whole number').optional(),
    month: z.number().int('must be a whole number').optional(),
    day: z.number().int('must be a whole number').optional(),
  })
  .superRefine((d, ctx) => {
    const reason = checkDateParts(d.year, d.month, d.day);
    if (reason) ctx.addIssue({ code: 'custom', message: `not a real date: ${reason}` });
  });

/** An archived copy of the link kept beside it (Robust Links: URL, archived URL, its date). */
const linkArchive = z.strictObject({
  url,
  /** Capture date of the archived copy. */
  date: isoDate(false),
});

const linkObject = z.strictObject({
  url,
  role: text.optional(),
  accessed: isoDate(false).optional(),
  archive: linkArchive.optional(),
  // `fix: false` tells `rotwatch fix` to leave this link as written.
  fix: z.boolean().optional(),
});

/** A link is a mapping or, for the common case, just the URL. */
const link = z.preprocess((v) => (typeof v === 'string' ? { url: v } : v), linkObject);

export const entrySchema = z.strictObject({
  id: slug,
  section: z.strictObject({ number: text, title: text }),
  creators: text,
  title: text,
  container: text.optional(),
  date: fuzzyDate.optional(),
  extent: z.strictObject({ text, pages: positiveInt.optional() }).optional(),
  medium,
  accessed: isoDate(false).optional(),
  // Some entries cite no URL at all: the field may be left out or empty.
  links: z.array(link).default([]),
});

/** A BCP 47 language tag (`fr`, `en`, `fr-CA`): the language the catalogue is written in. */
const languageTag = z
  .string()
  .regex(/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$/, 'must be a language tag such as fr or en');

export const catalogueSchema = z.strictObject({
  /**
   * The language of the catalogue and of its readers: reports speak it when rotwatch does
   * (fr, en) and neither --language nor the config's report.language says otherwise.
   */
  language: languageTag.optional(),
  catalogue: z.strictObject({
    title: text,
    publisher: text.optional(),
    compiled: isoDate(true).optional(),
  }),
  entries: z.array(entrySchema),
});

export type CatalogueData = z.infer<typeof catalogueSchema>;
export type EntryData = z.infer<typeof entrySchema>;

/** Field names whose values are text even when YAML reads them as numbers or booleans. */
export const TEXT_FIELDS: ReadonlySet<string> = new Set([
  'id',
  'number',
  'title',
  'creators',
  'container',
  'text',
  'publisher',
  'medium',
  'role',
  'compiled',
  'accessed',
  'url',
  'date',
  'language',
]);
