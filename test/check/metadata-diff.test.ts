import { describe, expect, it } from 'vitest';
import { metadataDifferences } from '../../src/check/metadata-diff.js';
import { NO_BIBLIO, type ReportedBiblio } from '../../src/extract/biblio/reported.js';
import type { Citation } from '../../src/model/index.js';

const cite = (over: Partial<Citation>): Citation => ({
  id: 'e1',
  file: 'catalogue/c.yaml',
  line: 3,
  title: 'T',
  ...over,
});
const page = (over: Partial<ReportedBiblio>): ReportedBiblio => ({ ...NO_BIBLIO, ...over });

describe('metadataDifferences: creators', () => {
  it('agrees across accents, case, "Last First" order and initials', () => {
    const c = cite({ creators: 'LEGLEYE Stéphane, ROLLAND Annaïck' });
    expect(metadataDifferences(page({ authors: ['Stephane Legleye'] }), [c])).toEqual([]);
    expect(metadataDifferences(page({ authors: ['S. Legleye', 'A. Rolland'] }), [c])).toEqual([]);
    expect(metadataDifferences(page({ authors: ['Annaick ROLLAND'] }), [c])).toEqual([]);
  });

  it('agrees between an organisation and its acronym, both ways', () => {
    const long = cite({ creators: "Commission nationale de l'informatique et des libertés" });
    expect(metadataDifferences(page({ authors: ['CNIL'] }), [long])).toEqual([]);
    const short = cite({
      creators: 'ARCEP (Autorité de régulation des communications électroniques)',
    });
    expect(metadataDifferences(page({ authors: ['Arcep'] }), [short])).toEqual([]);
  });

  it('reports creators that share nothing, with both values', () => {
    const c = cite({ creators: 'ANAP' });
    expect(metadataDifferences(page({ authors: ['Jean Dupont', 'Marie Curie'] }), [c])).toEqual([
      { entry: 'e1', field: 'creators', catalogue: 'ANAP', page: 'Jean Dupont; Marie Curie' },
    ]);
  });

  it('holds generic bylines and absent values against nobody', () => {
    const c = cite({ creators: 'Jean Dupont' });
    expect(metadataDifferences(page({ authors: ['admin', 'La rédaction'] }), [c])).toEqual([]);
    expect(metadataDifferences(page({ authors: [] }), [c])).toEqual([]);
    expect(metadataDifferences(page({ authors: ['Marie Curie'] }), [cite({})])).toEqual([]);
  });
});

describe('metadataDifferences: year and container', () => {
  it('compares the publication year only, as the page wrote it', () => {
    const c = cite({ date: { text: 'mars 2019', year: 2019, month: 3 } });
    expect(metadataDifferences(page({ published: '2019-11-02' }), [c])).toEqual([]);
    expect(metadataDifferences(page({ published: '2023' }), [c])).toEqual([
      { entry: 'e1', field: 'date', catalogue: 'mars 2019', page: '2023' },
    ]);
    // No date on either side: nothing to compare.
    expect(metadataDifferences(page({ published: null }), [c])).toEqual([]);
    expect(metadataDifferences(page({ published: '2023' }), [cite({})])).toEqual([]);
  });

  it('compares containers by significant words and acronyms', () => {
    const c = cite({ container: 'INSEE première, n°1780' });
    expect(metadataDifferences(page({ container: 'Insee Première' }), [c])).toEqual([]);
    expect(
      metadataDifferences(page({ container: 'Revue française des affaires sociales' }), [c]),
    ).toEqual([
      {
        entry: 'e1',
        field: 'container',
        catalogue: 'INSEE première, n°1780',
        page: 'Revue française des affaires sociales',
      },
    ]);
  });

  it('one finding per entry and field, even when an entry cites the URL twice', () => {
    const c = cite({ creators: 'ANAP', date: { text: '2019', year: 2019 } });
    const diffs = metadataDifferences(page({ authors: ['Jean Dupont'], published: '2021' }), [
      c,
      c,
    ]);
    expect(diffs.map((d) => d.field)).toEqual(['creators', 'date']);
  });
});
