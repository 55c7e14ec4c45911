/**
 * The page's own metadata strengthening drift (issue 11): a different title together with
 * different creators and year is confirmed on its first run; name forms, organisations,
 * placeholders and generic bylines never make a disagreement.
 */
import { describe, expect, it } from 'vitest';
import { driftOf, metadataDisagreement } from '../../src/drift/index.js';
import type { PageSnapshot } from '../../src/model/index.js';

const URL_ = 'https://revue.example.org/article/42';
const page = (title: string): PageSnapshot => ({
  title,
  finalUrl: URL_,
  contentType: 'text/html',
  pdfPages: null,
  textPrint: null,
  seenAt: '2026-11-16T06:00:00.000Z',
});
const WORK = { creators: 'DUPONT Jean, CURIE Marie', year: 2019 };
const catalogue = { titles: ['Les déserts médicaux en France'], pages: [], works: [WORK] };
const other = { authors: ['Paul Martin'], published: '2023-05-02' };

function once(title: string, biblio?: { authors: string[]; published: string | null }) {
  return driftOf({
    url: URL_,
    catalogue,
    prior: undefined,
    observed: { kind: 'page', page: page(title) },
    at: '2026-11-16T06:00:00.000Z',
    ...(biblio ? { biblio } : {}),
  }).drift;
}

describe('metadataDisagreement', () => {
  it('holds only when the authors and the year both differ', () => {
    expect(metadataDisagreement([WORK], other)).toEqual({
      authors: ['Paul Martin'],
      published: '2023-05-02',
      creators: WORK.creators,
      year: 2019,
    });
    expect(metadataDisagreement([WORK], { ...other, published: '2019-12-01' })).toBeNull();
    expect(metadataDisagreement([WORK], { ...other, authors: ['Curie, Marie'] })).toBeNull();
    expect(metadataDisagreement([WORK], { ...other, published: null })).toBeNull();
    expect(metadataDisagreement([], other)).toBeNull();
  });

  it('reads names in any form: "Last, First", accents, initials, organisations by acronym', () => {
    const w = (creators: string) => [{ creators, year: 2019 }];
    expect(metadataDisagreement(w('DUPONT Jean'), { ...other, authors: ['J. Dupont'] })).toBeNull();
    expect(
      metadataDisagreement(w('Hélène Lefèvre'), { ...other, authors: ['LEFEVRE H.'] }),
    ).toBeNull();
    expect(
      metadataDisagreement(w('CNIL'), {
        ...other,
        authors: ["Commission nationale de l'informatique et des libertés"],
      }),
    ).toBeNull();
  });

  it('takes no placeholder, generic byline or partial disagreement as evidence', () => {
    expect(metadataDisagreement([{ creators: '[s.n.]', year: 2019 }], other)).toBeNull();
    expect(
      metadataDisagreement([WORK], { ...other, authors: ['admin', 'La rédaction'] }),
    ).toBeNull();
    // Two entries cite the URL: one agrees, so the page may well be the cited work.
    expect(metadataDisagreement([WORK, { creators: 'MARTIN Paul', year: 2023 }], other)).toBeNull();
  });
});

describe('drift strengthened by the page metadata', () => {
  it('confirms a title mismatch on its first run when authors and year differ too', () => {
    const d = once('Le marché de l’immobilier à Lyon', other);
    expect(d).toMatchObject({
      reasons: ['title-mismatch'],
      confirmed: true,
      runs: 1,
      metadata: { authors: ['Paul Martin'], published: '2023-05-02', year: 2019 },
    });
  });

  it('leaves the two-run rule alone otherwise', () => {
    const sameAuthors = once('Le marché de l’immobilier à Lyon', {
      authors: ['Jean Dupont'],
      published: '2023-05-02',
    });
    expect(sameAuthors).toMatchObject({ confirmed: false });
    expect(sameAuthors).not.toHaveProperty('metadata');
    expect(once('Le marché de l’immobilier à Lyon')).toMatchObject({ confirmed: false });
    // The title matches: other authors and year alone are "metadata differs", not drift.
    expect(once('Les déserts médicaux en France – Revue', other)).toBeNull();
  });
});
