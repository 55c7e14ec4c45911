import { describe, expect, it } from 'vitest';
import { parseCitation, parseDate, parseExtent } from '../../src/catalogue/importer/fields.js';

describe('parseCitation', () => {
  it('splits creators, title, container, date and extent', () => {
    expect(
      parseCitation(
        'BETA Jean, GAMMA Luc. Une étude sur les gammas. Revue Beta, n°12, 30 octobre 2019, 4 p.',
      ),
    ).toEqual({
      creators: 'BETA Jean, GAMMA Luc',
      title: 'Une étude sur les gammas',
      container: 'Revue Beta, n°12',
      date: { text: '30 octobre 2019', year: 2019, month: 10, day: 30 },
      extent: { text: '4 p.', pages: 4 },
      medium: 'article',
    });
  });

  it('keeps initials with the names', () => {
    const f = parseCitation(
      'ZED H., OMEGA A. Outils : un état des lieux. Études, n°5, Janvier 2020, 5 p.',
    );
    expect(f.creators).toBe('ZED H., OMEGA A.');
    expect(f.title).toBe('Outils : un état des lieux');
  });

  it('ends a title at a question mark when a date follows', () => {
    const f = parseCitation('DOE John. Peut-on vivre sans ? Le Journal, août 2019');
    expect(f).toMatchObject({ title: 'Peut-on vivre sans ?', container: 'Le Journal' });
    expect(f.date).toEqual({ text: 'août 2019', year: 2019, month: 8 });
  });

  it('reads a bare site name as a website', () => {
    expect(parseCitation('exemple.example.org')).toMatchObject({
      creators: 'exemple.example.org',
      title: 'exemple.example.org',
      medium: 'website',
    });
    expect(parseCitation('SITE DES DONNÉES. 2020.')).toMatchObject({
      title: 'SITE DES DONNÉES',
      date: { text: '2020', year: 2020 },
    });
  });

  it('recognises videos, podcasts, books and genre words', () => {
    expect(
      parseCitation('X. Une vidéo. You Tube, mise en ligne 4 novembre 2019, 18 min 15.').medium,
    ).toBe('video');
    expect(
      parseCitation('France Inter. Une émission. Secrets d’info, 5 mars 2020, 28 min.').medium,
    ).toBe('podcast');
    expect(
      parseCitation('EPSILON Marie. Un livre. Presses de l’Exemple, 2015, 190 p.').medium,
    ).toBe('book');
    const r = parseCitation('Institut. Un rapport ! Rapport, Juin 2020, 111 p.');
    expect(r).toMatchObject({ title: 'Un rapport !', medium: 'report' });
    expect(r.container).toBeUndefined();
  });

  it('never throws on odd text', () => {
    for (const t of ['', '.', '. . .', '???', 'x'.repeat(5000), '« »']) {
      expect(() => parseCitation(t)).not.toThrow();
    }
  });
});

describe('dates and extents', () => {
  it('reads the machine parts where known', () => {
    expect(parseDate('Mise à jour le 18 novembre 2020')).toEqual({
      text: 'Mise à jour le 18 novembre 2020',
      year: 2020,
      month: 11,
      day: 18,
    });
    expect(parseDate('2011/1')).toEqual({ text: '2011/1', year: 2011 });
    expect(parseDate('Tome 1')).toBeNull();
    expect(parseExtent('79 pages')).toEqual({ text: '79 pages', pages: 79 });
    expect(parseExtent('pp.67-74')).toEqual({ text: 'pp.67-74' });
    expect(parseExtent('26’40')).toEqual({ text: '26’40' });
  });
});
