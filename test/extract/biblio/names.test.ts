import { describe, expect, it } from 'vitest';
import {
  cleanName,
  doiOf,
  doiOfLink,
  isOrganisation,
  isUrlLike,
  nameList,
  splitNames,
} from '../../../src/extract/biblio/index.js';

describe('splitNames', () => {
  it('turns "Last, First" into "First Last"', () => {
    expect(splitNames('Dupont, Jean')).toEqual(['Jean Dupont']);
    expect(splitNames('Le Goff, Marie-Anne')).toEqual(['Marie-Anne Le Goff']);
    expect(splitNames('Dupont, J.-P.')).toEqual(['J.-P. Dupont']);
  });

  it('drops byline words in several languages', () => {
    expect(splitNames('By Jane Smith')).toEqual(['Jane Smith']);
    expect(splitNames('Par Jean Dupont')).toEqual(['Jean Dupont']);
    expect(splitNames('Von Hans Müller')).toEqual(['Hans Müller']);
    expect(splitNames('Texte : par Jean Dupont')).toEqual(['Jean Dupont']);
    // A nobiliary particle is not a byline word.
    expect(splitNames('Von der Leyen')).toEqual(['Von der Leyen']);
  });

  it('splits several people written in one string', () => {
    expect(splitNames('Jean Dupont, Marie Curie and Paul Martin')).toEqual([
      'Jean Dupont',
      'Marie Curie',
      'Paul Martin',
    ]);
    expect(splitNames('Jean Dupont et Marie Curie')).toEqual(['Jean Dupont', 'Marie Curie']);
    expect(splitNames('Jean Dupont; Curie, Marie')).toEqual(['Jean Dupont', 'Marie Curie']);
    expect(splitNames('Dupont, Jean, Curie, Marie')).toEqual(['Jean Dupont', 'Marie Curie']);
    expect(splitNames('LEGLEYE Stéphane, ROLLAND Annaïck')).toEqual([
      'LEGLEYE Stéphane',
      'ROLLAND Annaïck',
    ]);
  });

  it('keeps organisations whole, "et" and commas included', () => {
    expect(splitNames("Ministère du Travail et de l'Emploi")).toEqual([
      "Ministère du Travail et de l'Emploi",
    ]);
    expect(splitNames('IMT Atlantique, MARSOUIN')).toEqual(['IMT Atlantique, MARSOUIN']);
    expect(splitNames('Haute Autorité de santé')).toEqual(['Haute Autorité de santé']);
    expect(isOrganisation('Université de Rennes')).toBe(true);
    expect(isOrganisation('ARCEP')).toBe(true);
    expect(isOrganisation('Jean Dupont')).toBe(false);
  });

  it('never takes a URL, an address or a handle as a name', () => {
    for (const url of [
      'https://www.facebook.com/jean.dupont',
      '//twitter.com/jd',
      'www.example.org/authors/jd',
      'example.org/author/jd',
      'jd@example.org',
      '@jdupont',
    ]) {
      expect(isUrlLike(url), url).toBe(true);
      expect(splitNames(url), url).toEqual([]);
    }
    expect(cleanName('   ')).toBeNull();
    expect(cleanName('—')).toBeNull();
  });

  it('lists names from several strings without repeats', () => {
    expect(nameList(['Jean Dupont', 'Dupont, Jean', 'JEAN DUPONT', 'Marie Curie'])).toEqual([
      'Jean Dupont',
      'Marie Curie',
    ]);
  });
});

describe('doiOf', () => {
  it('finds a DOI however it is written', () => {
    expect(doiOf('10.1000/XYZ.123')).toBe('10.1000/xyz.123');
    expect(doiOf('doi:10.1038/nphys1170')).toBe('10.1038/nphys1170');
    expect(doiOf('https://doi.org/10.1016/j.cell.2020.01.001.')).toBe('10.1016/j.cell.2020.01.001');
    expect(doiOf('info:doi/10.1000%2F182')).toBe('10.1000/182');
    expect(doiOf('ISBN 978-2-07-036822-8')).toBeNull();
    expect(doiOf('10.12/short')).toBeNull();
  });

  it('reads doi.org links only', () => {
    expect(doiOfLink('https://dx.doi.org/10.5555/12345678')).toBe('10.5555/12345678');
    expect(doiOfLink('https://example.org/10.5555/12345678')).toBeNull();
    expect(doiOfLink('not a url')).toBeNull();
  });
});
