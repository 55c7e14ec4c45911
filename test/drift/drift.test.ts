/**
 * driftOf over successive runs, as pure functions: what is shown, what is counted (confirmed),
 * what the history keeps.
 */
import { describe, expect, it } from 'vitest';
import {
  type CatalogueSide,
  driftOf,
  type PageObservation,
  pagesAgree,
} from '../../src/drift/index.js';
import { textPrint } from '../../src/extract/index.js';
import type { Drift, LinkState, PageSnapshot } from '../../src/model/index.js';

const URL_ = 'https://news.example.org/2019/rapport';

function page(over: Partial<PageSnapshot> = {}): PageSnapshot {
  return {
    title: 'Le rapport sur la pauvreté – Le Journal',
    finalUrl: URL_,
    contentType: 'text/html',
    pdfPages: null,
    textPrint: null,
    seenAt: '',
    ...over,
  };
}

const CATALOGUE: CatalogueSide = { titles: ['Le rapport sur la pauvreté'], pages: [] };

/** Runs driftOf once per observation, a week apart, threading the history; returns each drift. */
function runs(observed: PageObservation[], catalogue = CATALOGUE, start?: Partial<LinkState>) {
  let prior: Pick<LinkState, 'page' | 'drift' | 'lastTitle' | 'lastCheckedAt'> | undefined = start
    ? { lastCheckedAt: '2026-10-31T06:00:00.000Z', ...start }
    : undefined;
  const out: (Drift | null)[] = [];
  observed.forEach((o, i) => {
    const at = new Date(Date.UTC(2026, 10, 7 + 7 * i, 6)).toISOString();
    const obs = o.kind === 'page' ? { kind: 'page' as const, page: { ...o.page, seenAt: at } } : o;
    const r = driftOf({ url: URL_, catalogue, prior, observed: obs, at });
    out.push(r.drift);
    prior = {
      lastCheckedAt: at,
      ...(r.page ? { page: r.page } : {}),
      ...(r.state ? { drift: r.state } : {}),
    };
  });
  return { drifts: out, last: prior };
}

const seen = (p: Partial<PageSnapshot> = {}): PageObservation => ({ kind: 'page', page: page(p) });
const unchanged: PageObservation = { kind: 'unchanged' };
const none: PageObservation = { kind: 'none' };
const state = (d: Drift | null) => (d ? (d.confirmed ? 'drifted' : 'changed') : null);

describe('drift over runs', () => {
  it('says nothing while the page matches the catalogue and itself', () => {
    const { drifts, last } = runs([seen(), seen(), unchanged]);
    expect(drifts).toEqual([null, null, null]);
    expect(last?.drift).toBeUndefined();
    expect(last?.page?.title).toBe('Le rapport sur la pauvreté – Le Journal');
  });

  it('shows a retitled page as changed, then counts it once it held', () => {
    const retitled = seen({ title: 'Recettes d’été – Le Journal' });
    const { drifts } = runs([seen(), retitled, retitled, retitled]);
    expect(drifts.map(state)).toEqual([null, 'changed', 'drifted', 'drifted']);
    expect(drifts[1]?.reasons).toEqual(['title-mismatch', 'title-changed']);
    expect(drifts[2]).toMatchObject({
      confirmed: true,
      since: drifts[1]?.since,
      runs: 2,
      catalogueTitle: 'Le rapport sur la pauvreté',
      title: 'Recettes d’été – Le Journal',
      previousTitle: 'Le rapport sur la pauvreté – Le Journal',
      similarity: 0,
    });
    expect(drifts[3]?.runs).toBe(3);
  });

  it('raises nothing for a page changed once and back (a cookie wall, an A/B test)', () => {
    const wall = seen({ title: 'Gérer vos cookies – Le Journal' });
    const { drifts, last } = runs([seen(), wall, seen(), wall, seen()]);
    expect(drifts.map(state)).toEqual([null, 'changed', null, 'changed', null]);
    expect(last?.drift).toBeUndefined();
  });

  it('reads a 304 as the page of last run: no change, and a change seen last run holds', () => {
    expect(runs([seen(), unchanged, unchanged]).drifts).toEqual([null, null, null]);
    const { drifts } = runs([seen(), seen({ title: 'Autre chose – Le Journal' }), unchanged]);
    expect(drifts.map(state)).toEqual([null, 'changed', 'drifted']);
    expect(drifts[2]?.title).toBe('Autre chose – Le Journal');
    // A 304 with nothing read before tells nothing.
    expect(runs([unchanged]).drifts).toEqual([null]);
  });

  it('keeps the history through a run that read nothing (a failure, a block)', () => {
    const retitled = seen({ title: 'Recettes d’été – Le Journal' });
    const { drifts, last } = runs([seen(), retitled, none, retitled]);
    expect(drifts.map(state)).toEqual([null, 'changed', null, 'drifted']);
    expect(last?.drift?.before?.title).toBe('Le rapport sur la pauvreté – Le Journal');
  });

  it('does not confirm a page that changes every run (a home page of news)', () => {
    const titles = ['A la une : la grève', 'A la une : la pluie', 'A la une : le match'];
    const { drifts } = runs(
      [seen({ title: 'A la une : le vote' }), ...titles.map((t) => seen({ title: t }))],
      { titles: [], pages: [] },
    );
    expect(drifts.map(state)).toEqual([null, 'changed', 'changed', 'changed']);
    expect(drifts[3]?.reasons).toEqual(['title-changed']);
  });

  it('flags a title that never matched the catalogue on the second run', () => {
    const { drifts } = runs([
      seen({ title: 'Tout autre sujet' }),
      seen({ title: 'Tout autre sujet' }),
    ]);
    expect(drifts.map(state)).toEqual(['changed', 'drifted']);
    expect(drifts[0]?.reasons).toEqual(['title-mismatch']);
    expect(drifts[0]?.previousTitle).toBeNull();
  });

  it('takes no uninformative title as a mismatch (the site name, "Accueil", none)', () => {
    for (const title of ['Accueil', 'Example', null]) {
      expect(runs([seen({ title, finalUrl: 'https://www.example.org/x' })]).drifts).toEqual([null]);
    }
  });

  it('starts from the title an older history kept', () => {
    const { drifts } = runs(
      [seen({ title: 'Le rapport sur la pauvreté, nouvelle édition 2026' })],
      { titles: [], pages: [] },
      { lastTitle: 'Le rapport sur la pauvreté 2019' },
    );
    expect(drifts[0]).toMatchObject({
      reasons: ['title-changed'],
      previousTitle: 'Le rapport sur la pauvreté 2019',
      catalogueTitle: null,
      similarity: null,
    });
  });

  it('does not raise a change the catalogue already follows (an editor updated the title)', () => {
    const catalogue = { titles: ['Le rapport sur la pauvreté, édition 2026'], pages: [] };
    const { drifts } = runs(
      [seen({ title: 'Recettes' }), seen({ title: 'Le rapport sur la pauvreté, édition 2026' })],
      catalogue,
    );
    expect(drifts[1]).toBeNull();
  });
});

describe('PDFs, kinds of document and text', () => {
  const pdf = (pages: number, title: string | null = null): PageObservation =>
    seen({ title, contentType: 'application/pdf', pdfPages: pages });

  it('counts a page count that changed and held', () => {
    const { drifts } = runs([pdf(40), pdf(12), pdf(12)], { titles: [], pages: [] });
    expect(drifts.map(state)).toEqual([null, 'changed', 'drifted']);
    expect(drifts[2]).toMatchObject({ reasons: ['pages-changed'], pages: 12, previousPages: 40 });
  });

  it('holds the page count against the catalogue with a few pages of slack', () => {
    const catalogue = { titles: [], pages: [120] };
    expect(runs([pdf(124)], catalogue).drifts).toEqual([null]);
    const { drifts } = runs([pdf(12), pdf(12)], catalogue);
    expect(drifts.map((d) => d?.reasons)).toEqual([['pages-mismatch'], ['pages-mismatch']]);
    expect(drifts[1]).toMatchObject({ confirmed: true, cataloguePages: 120, pages: 12 });
    expect(pagesAgree(10, 14)).toBe(true);
    expect(pagesAgree(10, 15)).toBe(false);
    expect(pagesAgree(300, 330)).toBe(true);
  });

  it('sees a PDF that became an HTML page', () => {
    const { drifts } = runs(
      [pdf(40), seen({ title: null, contentType: 'text/html' }), seen({ title: null })],
      { titles: [], pages: [] },
    );
    expect(drifts.map(state)).toEqual([null, 'changed', 'drifted']);
    expect(drifts[2]).toMatchObject({
      reasons: ['type-changed'],
      contentType: 'text/html',
      previousContentType: 'application/pdf',
    });
  });

  it('sees text replaced under the same title, and not a small edit', () => {
    const words = (seed: number) =>
      Array.from({ length: 300 }, (_, i) => `mot${(i * 7919 + seed * 104729) % 5003}`).join(' ');
    const base = textPrint(words(1));
    const other = textPrint(words(2));
    const edited = textPrint(`${words(1)} mis à jour`);
    const { drifts } = runs([
      seen({ textPrint: base }),
      seen({ textPrint: edited }),
      seen({ textPrint: other }),
      seen({ textPrint: other }),
    ]);
    expect(drifts.map(state)).toEqual([null, null, 'changed', 'drifted']);
    expect(drifts[3]?.reasons).toEqual(['content-changed']);
    expect(drifts[3]?.textDistance).toBeGreaterThanOrEqual(16);
  });
});
