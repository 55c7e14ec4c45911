import { describe, expect, it } from 'vitest';
import { parseDossier } from '../../src/catalogue/importer/parse.js';
import { acceptHeading, isNextInOutline } from '../../src/catalogue/importer/sections.js';
import { SAMPLE } from './samples.js';

describe('parseDossier', () => {
  const d = parseDossier(SAMPLE);

  it('keeps the dossier outline and drops curriculum numbering', () => {
    expect(d.sections.map((s) => s.number)).toEqual(['1', '1.1', '1.1.1', '1.2']);
    expect(d.sections[0]!.title).toBe('PREMIÈRE PARTIE DU DOSSIER');
  });

  it('finds entries by their lost bullet, not headings or page continuations', () => {
    expect(d.entries.map((e) => e.citation.slice(0, 5))).toEqual([
      'ALPHA',
      'BETA ',
      'DELTA',
      'EPSIL',
    ]);
  });

  it('joins wrapped citation lines, including a lone "p."', () => {
    expect(d.entries[0]!.citation).toBe(
      'ALPHA (Agence locale de l’alpha). Baromètre de l’alpha 2019 : usages et équipements. 2020.',
    );
    expect(d.entries[1]!.citation.endsWith('30 octobre 2019, 4 p.')).toBe(true);
  });

  it('collapses a URL repeated on consecutive lines (a wrapped anchor)', () => {
    const first = d.urlBlocks[0]!;
    expect(first.urls.map((u) => u.url)).toEqual([
      'https://www.alpha.example.org/barometre-alpha-2019.html',
      'https://revue.example.org/etude-gammas',
    ]);
    expect(first.urls[1]!.repeats).toBe(2);
  });

  it('marks a page that starts with the previous page’s text as continued', () => {
    expect(d.continued.has(1)).toBe(true);
    expect(d.entries[1]!.continuedNotes[0]).toMatch(/^suite de la note/);
  });

  it('reports problems as values on odd input', () => {
    expect(parseDossier('').problems.map((p) => p.code)).toEqual(['empty-input']);
    const junk = parseDossier('\u0000\u0001 ???\nhttps://\n 12 \n'.repeat(3));
    expect(junk.problems.map((p) => p.code)).toEqual(['no-sections', 'no-entries']);
  });
});

describe('outline', () => {
  it('accepts only the next steps of the outline', () => {
    expect(isNextInOutline(null, '1')).toBe(true);
    expect(isNextInOutline('1.1.4', '1.2')).toBe(true);
    expect(isNextInOutline('1.1.4', '1.1.5')).toBe(true);
    expect(isNextInOutline('1.1.4', '2')).toBe(true);
    expect(isNextInOutline('1.1.4', '2.3')).toBe(false);
    expect(isNextInOutline('1.1.4', '4.1.4')).toBe(false);
    expect(isNextInOutline('1.2.1', '1')).toBe(false);
  });

  it('wants capitals for the first two levels', () => {
    expect(acceptHeading('2.1.2', { number: '3', title: 'Droit aux prestations' })).toBe(false);
    expect(acceptHeading('2.2', { number: '3', title: 'L’USAGE DU NUMÉRIQUE' })).toBe(true);
  });
});
