import { describe, expect, it } from 'vitest';
import {
  catalogueSideOf,
  comparePageTitles,
  compareWithCatalogue,
  isInformativeTitle,
} from '../../src/drift/index.js';

const matches = (cat: string, page: string) => compareWithCatalogue(cat, page).match;

describe('a page title against the catalogue title', () => {
  it('folds accents, case and punctuation', () => {
    expect(matches('Le droit à l’oubli', "LE DROIT A L'OUBLI")).toBe(true);
    expect(compareWithCatalogue('Le droit à l’oubli', 'Le droit a l oubli.').similarity).toBe(1);
  });

  it('ignores a site name before or after a separator', () => {
    expect(matches('La crise du logement', 'La crise du logement – Le Journal')).toBe(true);
    expect(matches('La crise du logement', 'Le Journal | La crise du logement')).toBe(true);
    expect(matches('La crise du logement', 'La crise du logement - Le Journal - Archives')).toBe(
      true,
    );
  });

  it('counts containment, a subtitle and parallel titles as a match', () => {
    expect(matches('Rapport annuel', 'Rapport annuel sur l’état de la France – Insee')).toBe(true);
    expect(
      matches('Climate Change 2021: The Physical Science Basis', 'Climate Change 2021 | IPCC'),
    ).toBe(true);
    expect(matches('Les inégalités scolaires / School inequalities', 'School inequalities')).toBe(
      true,
    );
    expect(matches('[Rapport] Les inégalités scolaires', 'Les inégalités scolaires')).toBe(true);
  });

  it('keeps a reworded title close and a different one far', () => {
    expect(matches('Rapport sur l’état de la France', 'L’état de la France : rapport')).toBe(true);
    const other = compareWithCatalogue('Les inégalités scolaires', 'Recettes de cuisine d’été');
    expect(other).toEqual({ match: false, similarity: 0 });
  });

  it('takes another year for another edition, even when contained', () => {
    expect(matches('Rapport annuel 2019', 'Rapport annuel 2020 – Insee')).toBe(false);
    expect(
      matches(
        'Élections municipales 2020 : les résultats',
        'Élections régionales 2021 : les résultats',
      ),
    ).toBe(false);
    expect(matches('Rapport annuel 2019', 'Rapport annuel 2019 – Insee')).toBe(true);
  });

  it('does not count a lone short word or a site part as the title', () => {
    expect(matches('Rapport sur la pauvreté', 'Rapport')).toBe(false);
    expect(matches('Ministère de la Culture : rapport annuel 2019', 'Actualités | Ministère')).toBe(
      false,
    );
  });
});

describe('informative titles', () => {
  it('rejects empty, generic, file-like and site-name titles', () => {
    expect(isInformativeTitle(null)).toBe(false);
    expect(isInformativeTitle('  ')).toBe(false);
    expect(isInformativeTitle('Accueil')).toBe(false);
    expect(isInformativeTitle('Untitled')).toBe(false);
    expect(isInformativeTitle('Microsoft Word - rapport_final.docx')).toBe(false);
    expect(isInformativeTitle('rapport-2019.indd')).toBe(false);
    expect(isInformativeTitle('Le Monde', 'www.lemonde.fr')).toBe(false);
    expect(isInformativeTitle('BBC', 'news.bbc.co.uk')).toBe(false);
    expect(isInformativeTitle('2019')).toBe(false);
    expect(isInformativeTitle('Le Monde diplomatique', 'www.lemonde.fr')).toBe(true);
    expect(isInformativeTitle('La crise du logement', 'example.org')).toBe(true);
  });
});

describe('two page titles of one URL', () => {
  it('sets aside the site name both share', () => {
    expect(comparePageTitles('Rapport 2019 – Insee', 'Insee').match).toBe(false);
    expect(comparePageTitles('Rapport 2019 – Insee', 'Rapport 2019 – Insee').match).toBe(true);
    expect(comparePageTitles('Rapport 2019 – Insee', 'Rapport 2019 | Insee').match).toBe(true);
    expect(comparePageTitles('La crise – Le Journal', 'Le sport – Le Journal').match).toBe(false);
    expect(comparePageTitles('Rapport 2019', 'Rapport 2019 (mis à jour)').match).toBe(true);
  });
});

describe('the catalogue side of a URL', () => {
  it('leaves out URL-list citations and repeats', () => {
    const url = 'https://example.org/a';
    const side = catalogueSideOf(
      [
        {
          id: 'a',
          title: 'Le rapport',
          pages: 120,
          creators: 'INSEE',
          date: { text: '2019', year: 2019 },
        },
        { id: 'b', title: 'Le rapport', pages: 120, creators: 'INSEE' },
        { id: 'links.txt:3', title: url },
        { id: 'notes.md:4', title: 'ici' },
        { id: 'notes.md:5', title: 'notes.md:5' },
        { id: 'c', title: 'https://other.example.org/' },
      ],
      url,
    );
    expect(side).toEqual({
      titles: ['Le rapport'],
      pages: [120],
      works: [{ creators: 'INSEE', year: 2019 }],
    });
  });
});
