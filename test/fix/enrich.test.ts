/** The pure rules of `fix --enrich`: what is proposed, what is refused and why. */
import { describe, expect, it } from 'vitest';
import { parseCatalogueText } from '../../src/catalogue/index.js';
import { doiUrl, enrichEntry } from '../../src/fix/enrich.js';
import { creatorName, isCreatorsPlaceholder, personFormOf } from '../../src/fix/names.js';
import type { Entry, LinkState, ReportLink, StoredBiblio } from '../../src/model/index.js';
import { biblioRunsAfter } from '../../src/state/biblio-runs.js';
import { link as reportLink } from '../report/fixtures.js';

function entryOf(fields: string, links: string[]): Entry {
  const text = [
    'catalogue: { title: T }',
    'entries:',
    '  - id: e',
    '    section: { number: "1", title: S }',
    '    title: "Titre"',
    '    medium: article',
    ...fields
      .split('\n')
      .filter(Boolean)
      .map((l) => `    ${l}`),
    '    links:',
    ...links.map((l) => `      - ${l}`),
    '',
  ].join('\n');
  const parsed = parseCatalogueText(text, 'c.yaml');
  expect(parsed.problems).toEqual([]);
  return parsed.catalogue!.entries[0]!;
}

const NOBIB: StoredBiblio = {
  authors: [],
  published: null,
  modified: null,
  siteName: null,
  publisher: null,
  container: null,
  doi: null,
};

function page(url: string, biblio: Partial<StoredBiblio>, over: Partial<ReportLink> = {}) {
  return reportLink(url, { meta: { ...reportLink(url).meta, ...NOBIB, ...biblio }, ...over });
}

function seen(url: string, biblio: Partial<StoredBiblio>, runs: number): LinkState {
  const full = { ...NOBIB, ...biblio };
  return {
    url,
    lastStatus: 'ok',
    lastReason: null,
    lastCheckedAt: '2026-11-28T06:00:05.000Z',
    firstFailureAt: null,
    consecutiveFailures: 0,
    lastSuccessAt: '2026-11-28T06:00:05.000Z',
    lastBiblio: full,
    biblioRuns: Object.fromEntries(
      Object.entries(full)
        .filter(([, v]) => (Array.isArray(v) ? v.length > 0 : v !== null))
        .map(([k]) => [k, runs]),
    ),
  };
}

const A = 'https://a.test/x';
const B = 'https://b.test/y';
const NOW = new Date('2026-12-01T00:00:00Z');

function run(entry: Entry, pages: ReportLink[], states: LinkState[], minRuns = 2) {
  return enrichEntry(entry, {
    links: new Map(pages.map((p) => [p.url, p])),
    states: new Map(states.map((s) => [s.url, s])),
    minRuns,
    personForm: 'Given Surname',
    now: NOW,
  });
}

describe('enrichEntry', () => {
  const bib = { published: '2019-03-12T09:30:00+01:00', authors: ['Jean Dupont'], doi: '10.1/x' };

  it('proposes a date as precise as given (the local calendar day), creators and a DOI link', () => {
    const e = entryOf('creators: "s.n."', [A]);
    const r = run(e, [page(A, bib)], [seen(A, bib, 2)]);
    expect(r.attention).toEqual([]);
    expect(r.items.map((i) => [i.kind, i.new])).toEqual([
      ['add-date', { text: '2019-03-12', year: 2019, month: 3, day: 12 }],
      ['add-creators', 'Jean Dupont'],
      ['add-doi-link', 'https://doi.org/10.1/x'],
    ]);
  });

  it('keeps a year-only or month date at its precision', () => {
    const e = entryOf('creators: C', [A]);
    const r = run(e, [page(A, { published: '2019-03' })], [seen(A, { published: '2019-03' }, 3)]);
    expect(r.items[0]!.new).toEqual({ text: '2019-03', year: 2019, month: 3 });
  });

  it('never replaces what the entry has: a date, real creators', () => {
    const e = entryOf('creators: "DUPONT J."\ndate: { text: "2017", year: 2017 }', [A]);
    expect(run(e, [page(A, { ...bib, doi: null })], [seen(A, bib, 5)])).toEqual({
      items: [],
      attention: [],
    });
  });

  it('waits for a second run, and a value that changed counts again from one', () => {
    const e = entryOf('creators: C', [A]);
    const once = run(e, [page(A, bib)], [seen(A, bib, 1)]);
    expect(once.items).toEqual([]);
    expect(once.attention.map((a) => a.reason)).toEqual(['enrich-once', 'enrich-once']);
    // The history kept another date: this one was read on this run only.
    const changed = run(e, [page(A, bib)], [seen(A, { ...bib, published: '2018-01-01' }, 4)]);
    expect(changed.items.map((i) => i.kind)).toEqual(['add-doi-link']);
  });

  it('lists pages that disagree for a person, and takes the more precise of agreeing dates', () => {
    const e = entryOf('creators: C', [A, B]);
    const conflict = run(
      e,
      [page(A, { published: '2019' }), page(B, { published: '2020-01-01' })],
      [seen(A, { published: '2019' }, 2), seen(B, { published: '2020-01-01' }, 2)],
    );
    expect(conflict.items).toEqual([]);
    expect(conflict.attention[0]).toMatchObject({ reason: 'enrich-conflict', url: A });
    const agree = run(
      e,
      [page(A, { published: '2019' }), page(B, { published: '2019-06-01' })],
      [seen(A, { published: '2019' }, 2), seen(B, { published: '2019-06-01' }, 2)],
    );
    expect(agree.items[0]).toMatchObject({
      kind: 'add-date',
      link: 1,
      new: { text: '2019-06-01' },
    });
  });

  it('ignores failing pages, generic bylines, future and impossible dates, linked DOIs', () => {
    const e = entryOf('creators: "[s.n.]"', [A, `https://doi.org/10.1/X`]);
    const dead = page(A, bib, { status: 'dead', reason: 'http-404' });
    expect(run(e, [dead], [seen(A, bib, 3)]).items).toEqual([]);
    const odd = { authors: ['admin'], published: '2031-01-01', doi: '10.1/x' };
    const r = run(e, [page(A, odd)], [seen(A, odd, 3)]);
    expect(r).toEqual({ items: [], attention: [] });
  });

  it('writes a DOI link that a URL parser keeps as one path', () => {
    expect(doiUrl('10.1002/(sici)1097-4571;2-#')).toBe(
      'https://doi.org/10.1002/(sici)1097-4571%3B2-%23',
    );
  });
});

describe('creators as the catalogue writes them', () => {
  it('reads the catalogue\u2019s habit and turns persons round, never organisations', () => {
    expect(personFormOf(['DUBREUIL Muriel', 'LEGLEYE Stéphane, ROLLAND Annaïck', 'CNIL'])).toBe(
      'SURNAME Given',
    );
    expect(personFormOf(['Muriel Dubreuil', 'CNIL', 'Jean Dupont'])).toBe('Given Surname');
    expect(creatorName('Jean Dupont', 'SURNAME Given')).toBe('DUPONT Jean');
    expect(creatorName('J. P. Martin', 'SURNAME Given')).toBe('MARTIN J. P.');
    expect(creatorName('Ministère de la Santé', 'SURNAME Given')).toBe('Ministère de la Santé');
    expect(creatorName('Jean Dupont', 'Given Surname')).toBe('Jean Dupont');
  });

  it('takes only explicit "unknown" markers as placeholders', () => {
    for (const p of ['[s.n.]', 's.n.', 'S. n.', 'Inconnu', 'unknown', 'N/A', '?', '—'])
      expect(isCreatorsPlaceholder(p)).toBe(true);
    for (const p of ['Anonyme', 'CNIL', 'SN Conseil', 'Snow John'])
      expect(isCreatorsPlaceholder(p)).toBe(false);
  });
});

describe('biblioRunsAfter', () => {
  const b = { ...NOBIB, published: '2019', authors: ['A B'] };
  it('counts each field while it holds, starts again when it changes, keeps on failures', () => {
    const first = biblioRunsAfter(undefined, b, true);
    expect(first).toEqual({ published: 1, authors: 1 });
    const second = biblioRunsAfter(
      { lastBiblio: b, biblioRuns: first },
      { ...b, published: '2020' },
      true,
    );
    expect(second).toEqual({ published: 1, authors: 2 });
    const notModified = biblioRunsAfter({ lastBiblio: b, biblioRuns: second }, undefined, true);
    expect(notModified).toEqual({ published: 2, authors: 3 });
    expect(biblioRunsAfter({ lastBiblio: b, biblioRuns: second }, NOBIB, false)).toBe(second);
    // An older history has the value without counts: it was read on one run.
    expect(biblioRunsAfter({ lastBiblio: b }, b, true)).toEqual({ published: 2, authors: 2 });
  });
});
