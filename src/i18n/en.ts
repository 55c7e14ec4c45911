/**
 * Every human-facing text of the reports, in English: the reference catalogue. Its shape (keys
 * and parameters) is the type `Messages` that every other language must fill in whole, so a
 * missing translation is a compile error. Reason codes, field names and machine values are
 * never here: they stay the same in every language.
 */
import type { ArchiveMissReason, DriftReason, Verdict } from '../model/index.js';
import { enFix } from './en-fix.js';
import { enHtml } from './en-html.js';
import { formatters } from './format.js';

const f = formatters('en');
const day = (iso: string) => iso.slice(0, 10);

/** The columns of the CSV worklist, by machine name (the header row is their label). */
export type CsvColumn =
  | 'status'
  | 'reason'
  | 'message'
  | 'id'
  | 'fileLine'
  | 'section'
  | 'catalogueTitle'
  | 'pageTitle'
  | 'currentUrl'
  | 'suggestedUrl'
  | 'archiveUrl'
  | 'archiveDate'
  | 'drift'
  | 'driftReasons'
  | 'metadataDiffers';

/** What a link message is rendered from at report time (fields of the report's link). */
export interface LinkFacts {
  status: Verdict;
  reason: string | null;
  httpStatus: number | null;
  url: string;
  finalUrl: string | null;
  suggestedUrl: string | null;
  failingSince: string | null;
  consecutiveFailures: number;
  /** True when a redirect chain was followed to get the answer. */
  redirected: boolean;
}

export const en = {
  /** BCP 47 tag of the page (`<html lang>`) and of Intl. */
  locale: 'en',
  number: f.number,
  /** A date as readers see it: English keeps the ISO day, which no reader misreads. */
  date: day,
  dateTime: (iso: string) => iso,
  /** Between a label and its value: ": " (French puts a no-break space before the colon). */
  colon: ': ',
  /** Between the items of a list of reasons or differences. */
  listSeparator: '; ',
  /** A quoted title: “...” in English, « ... » in French. */
  quote: (text: string) => `\u201c${text}\u201d`,

  verdict: {
    ok: 'ok',
    redirected: 'redirected',
    dead: 'dead',
    error: 'error',
    blocked: 'blocked',
    skipped: 'skipped',
  } satisfies Record<Verdict, string>,

  section: {
    new: 'New this week',
    'still-broken': 'Still broken',
    fixed: 'Fixed since last run',
    moved: 'Moved (update the URL)',
  },
  noChange: 'No change',

  failingFor: {
    today: 'since today',
    days: (n: number) => `for ${f.count(n, 'day', 'days')}`,
    weeks: (n: number) => `for ${f.count(n, 'week', 'weeks')}`,
    months: (n: number) => `for ${f.count(n, 'month', 'months')}`,
    years: (n: number) => `for ${f.count(n, 'year', 'years')}`,
  },

  archiveMiss: {
    'no-capture': 'no capture found',
    'only-error-captures': 'only captures of error pages',
    'only-captures-before-publication': 'only captures from before publication',
    'archive-throttled': 'the archive throttled the lookup',
    'archive-down': 'the archive did not answer',
    'archive-excluded': 'the archive excludes this site',
    'archive-disabled': 'archive lookup disabled',
  } satisfies Record<ArchiveMissReason, string>,
  archiveInCatalogue: 'in the catalogue',

  notChecked: (n: number) => `${f.number(n)} not checked (network down)`,
  notCheckedLabel: 'not checked (network down)',
  interrupted: 'Interrupted run: only the links checked before the stop are reported.',
  networkDown: (unreachable: number, checked: number) =>
    `The checker's network looked down (${f.number(unreachable)} of ${f.number(checked)} hosts unreachable): no link was declared dead from this run.`,

  /** Links the address guard refused: why, and how to check them anyway. */
  guardHint: (n: number, total: number) => {
    const one = n === 1;
    const which =
      n === total
        ? one
          ? 'The link was'
          : `All ${f.number(n)} links were`
        : one
          ? '1 link was'
          : `${f.number(n)} links were`;
    return (
      `${which} skipped: ${one ? 'its address is' : 'their addresses are'} private, loopback or ` +
      'link-local, which rotwatch does not check by default. To check a local or intranet site, ' +
      'run again with --allow-private-addresses (or set check.allowPrivateAddresses: true in ' +
      'rotwatch.config.yaml).'
    );
  },

  remedy: {
    newUrl: 'new URL',
    archived: 'archived copy',
    captured: 'captured',
    noArchive: 'no archived copy',
    lookByHand: 'look by hand',
    noneKnown: 'none known yet',
  },

  drift: {
    status: {
      drifted: 'Drifted (held on two runs)',
      changed: 'Changed this run',
      none: 'No content change',
    },
    title: 'Content changed',
    drifted: 'Content drifted',
    changed: 'Content changed',
    titleBefore: 'Title before',
    reason: {
      'title-mismatch': (similarity: number | null) =>
        `page title differs from the catalogue title${similarity !== null ? ` (similarity ${similarity.toFixed(2)})` : ''}`,
      'title-changed': () => 'page title changed',
      'pages-mismatch': (pages: number | null, cataloguePages: number | null) =>
        `PDF has ${pages} pages, the catalogue says ${cataloguePages}`,
      'pages-changed': (before: number | null, now: number | null) =>
        `PDF pages ${before} \u2192 ${now}`,
      'type-changed': (before: string | null, now: string | null) =>
        `document type ${before} \u2192 ${now}`,
      'content-changed': (bits: number | null) =>
        `text changed (${bits} of 64 fingerprint bits differ)`,
    } satisfies Record<DriftReason, unknown>,
    since: (since: string, runs: number) => `drifted since ${day(since)} (${f.number(runs)} runs)`,
    thisRunOnly: 'changed in this run only; counted if it holds on the next run',
  },

  metadata: {
    field: { creators: 'creators', date: 'year', container: 'container' },
    difference: (field: string, catalogue: string, page: string) =>
      `${field}: catalogue \u201c${catalogue}\u201d, page \u201c${page}\u201d`,
    title: 'Metadata differs (page against catalogue)',
    differs: 'metadata differs',
    differsLabel: 'Differs',
  },

  html: enHtml,

  digest: {
    title: (date: string) => `Link check digest, ${date}`,
    intro: (p: {
      run: string;
      total: number;
      files: number;
      broken: number;
      notChecked: string | null;
      moved: number;
      fixed: number;
      drifted: number;
    }) =>
      `Run ${p.run}: ${f.count(p.total, 'link', 'links')} checked from ${f.count(p.files, 'catalogue file', 'catalogue files')}, ` +
      `${f.number(p.broken)} broken, ${p.notChecked ? `${p.notChecked}, ` : ''}${f.number(p.moved)} moved, ${f.number(p.fixed)} fixed since the last run` +
      (p.drifted ? `, ${f.count(p.drifted, 'link', 'links')} whose content drifted.` : '.'),
    interrupted: '**Interrupted run:** only the links checked before the stop are reported.',
    networkDown: (unreachable: number, checked: number) =>
      `**The checker's network looked down** (${f.number(unreachable)} of ${f.number(checked)} hosts unreachable): no link was declared dead from this run.`,
    table: { status: 'Status', links: 'Links', since: 'Since last run', total: 'total' },
    trend: (runs: number, counts: string) =>
      `Broken links over the last ${f.count(runs, 'run', 'runs')}: ${counts} (this run in bold).`,
    trendDown: (notChecked: number) => `network down, ${f.number(notChecked)} not checked`,
    trendInterrupted: 'interrupted',
    none: 'None.',
    more: (n: number) => `... and ${f.number(n)} more: see the HTML report or the CSV worklist.`,
    noEntry: '*(no catalogue entry)*',
    untitled: '(untitled)',
    from: 'from',
    andMore: (n: number) => `and ${f.number(n)} more`,
    url: 'URL',
    pageTitle: 'Page title',
    was: 'was',
    why: 'Why',
    remedy: 'Remedy',
    broken: (duration: string) => `broken ${duration}`,
    runsInARow: (n: number) => `${f.number(n)} runs in a row`,
    wasNow: (was: string, now: string) => `Was ${was}, now ${now}.`,
  },

  summary: {
    headline: (total: number, counts: string) =>
      `rotwatch: ${f.count(total, 'link', 'links')} checked${counts ? `: ${counts}` : ''}`,
    count: (n: number, status: Verdict) => `${f.number(n)} ${status}`,
    broken: (n: number) => `${f.number(n)} broken`,
    interrupted: 'Run interrupted: only the links checked so far are reported.',
    noNetwork:
      'rotwatch: no network: most hosts were unreachable at once. No link was declared dead from this run.',
    networkDown: (unreachable: number, checked: number) =>
      `Network looked down (${f.number(unreachable)} of ${f.number(checked)} hosts unreachable): no link was declared dead.`,
    brokenLinks: 'Broken links:',
    failingLinks: 'Failing links:',
    newMark: '[new]',
    citedIn: 'in',
    more: (n: number) => `... and ${f.number(n)} more`,
    moved: (n: number) => `${f.plural(n, 'Moved link', 'Moved links')} (update the URL):`,
    fixed: (n: number) => `${f.number(n)} fixed since the last run.`,
    drifted: (n: number) =>
      `${f.count(n, 'link', 'links')} whose content drifted (answers, but no longer the cited page): see the digest.`,
  },

  csv: {
    status: 'status',
    reason: 'reason',
    message: 'message',
    id: 'id',
    fileLine: 'file:line',
    section: 'section',
    catalogueTitle: 'catalogue title',
    pageTitle: 'page title',
    currentUrl: 'current URL',
    suggestedUrl: 'suggested URL',
    archiveUrl: 'archived copy URL',
    archiveDate: 'archive date',
    drift: 'drift',
    driftReasons: 'drift reasons',
    metadataDiffers: 'metadata differs',
  } satisfies Record<CsvColumn, string>,

  email: {
    subject: (week: string, dead: number, fresh: number, fixed: number, complete: boolean) =>
      `Link report ${week}: ${f.number(dead)} dead, ${f.number(fresh)} new, ${f.number(fixed)} fixed${complete ? '' : ' (incomplete)'}`,
  },

  /**
   * A link's message in this language, from its reason code and fields; null means the message
   * written at check time (in English, with every detail the checker saw) is the one to show.
   */
  linkMessage: (_link: LinkFacts): string | null => null,

  /** `rotwatch fix`'s texts (en-fix.ts). */
  fix: enFix,
};

export type Messages = typeof en;
