import { describe, expect, it } from 'vitest';
import { alignPage } from '../../src/catalogue/importer/align.js';
import { importDossier } from '../../src/catalogue/importer/importer.js';
import { SAMPLE } from './samples.js';

const linksOf = (r: ReturnType<typeof importDossier>, creators: string) =>
  r.entries.find((e) => e.creators.startsWith(creators))!.links.map((l) => l.url);

describe('alignment on a dossier', () => {
  const r = importDossier(SAMPLE, { file: 'sample.yaml' });

  it('gives each entry its own links, once each', () => {
    expect(linksOf(r, 'ALPHA')).toEqual([
      'https://www.alpha.example.org/barometre-alpha-2019.html',
    ]);
    expect(linksOf(r, 'BETA')[0]).toBe('https://revue.example.org/etude-gammas');
  });

  it('gives an entry cut by a page break the link that comes in the next block', () => {
    expect(linksOf(r, 'BETA')).toEqual([
      'https://revue.example.org/etude-gammas',
      'https://data.example.org/donnees-etude-gammas.csv',
    ]);
  });

  it('lets an entry hold several links and leaves one without evidence empty', () => {
    expect(linksOf(r, 'EPSILON')).toEqual([
      'https://www.presses-exemple.example.org/produit/epsilons-deltas',
      'https://www.presses-exemple.example.org/catalogue',
    ]);
    expect(linksOf(r, 'DELTA')).toEqual([]);
  });

  it('counts what it did', () => {
    expect(r.stats).toMatchObject({ sections: 4, entries: 4, urls: 5, assigned: 5, unassigned: 0 });
    expect(r.info).toEqual({ title: 'Imported dossier' });
    expect(r.entries[0]!.section).toEqual({ number: '1.1.1', title: 'Éléments généraux' });
  });
});

const PAGE = (urls: string[]) =>
  [
    '1. PARTIE UNIQUE',
    '',
    ' OMEGA. Le rapport omega. 2019, 10 p. ',
    '',
    'Note de lecture : un rapport. ',
    '',
    ' KAPPA. Une page kappa. 2020. ',
    '',
    'Note de lecture : une page. ',
    '',
    ' SIGMA (Société internationale des grandes associations). Un autre titre. 2021. ',
    '',
    'Note de lecture : un site. ',
    '',
    ...urls,
    '',
  ].join('\n');

describe('evidence over position', () => {
  it('follows the domain that matches the creators', () => {
    const r = importDossier(
      PAGE(['https://www.omega.example.org/rapport-omega.pdf', 'https://www.sigma.example.org/']),
      { file: 'x.yaml' },
    );
    expect(linksOf(r, 'SIGMA')).toEqual(['https://www.sigma.example.org/']);
    expect(linksOf(r, 'KAPPA')).toEqual([]);
  });

  it('reports an assignment it is unsure about', () => {
    const r = importDossier(
      PAGE([
        'https://www.omega.example.org/rapport-omega.pdf',
        'https://misc.example.net/page?id=4',
        'https://www.sigma.example.org/',
      ]),
      { file: 'x.yaml' },
    );
    const unsure = r.problems.filter((p) => p.code === 'low-confidence');
    expect(unsure).toHaveLength(1);
    expect(unsure[0]!.message).toContain('https://misc.example.net/page?id=4');
    expect(r.stats.lowConfidence).toBe(1);
  });

  it('reports URLs that no entry can take and URLs that do not parse', () => {
    const r = importDossier(
      ['1. PARTIE', '', 'Un paragraphe sans référence.', 'http://[bad', ''].join('\n'),
      { file: 'x.yaml' },
    );
    expect(r.problems.map((p) => p.code)).toEqual(
      expect.arrayContaining(['no-entries', 'invalid-url', 'unassigned-url']),
    );
  });
});

describe('alignPage', () => {
  it('keeps reading order: a later URL never goes to an earlier entry', () => {
    // URL 1 looks like entry 0, but URL 0 is clearly entry 1's
    const out = alignPage({
      evidence: [
        [0, 5],
        [3, 0],
      ],
      hasLinks: [false, false],
    });
    expect(out.choice[0]).toBe(1);
    expect(out.choice[1]).toBe(1);
  });

  it('gives a confident margin to clear evidence and none to a coin toss', () => {
    const out = alignPage({
      evidence: [
        [4, 0],
        [0, 0],
        [0, 4],
      ],
      hasLinks: [false, false],
    });
    expect(out.choice).toEqual([0, expect.any(Number), 1]);
    expect(out.margin[0]).toBeGreaterThan(1);
    expect(out.margin[1]).toBeLessThan(0.1);
  });

  it('handles empty pages', () => {
    expect(alignPage({ evidence: [], hasLinks: [] }).choice).toEqual([]);
    expect(alignPage({ evidence: [[], []], hasLinks: [] }).choice).toEqual([-1, -1]);
  });
});

describe('odd input', () => {
  it('never throws on shuffled or truncated dossiers', () => {
    const lines = SAMPLE.split('\n');
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let k = 0; k < 50; k++) {
      const shuffled = [...lines]
        .sort(() => rand() - 0.5)
        .slice(0, Math.floor(rand() * lines.length));
      const r = importDossier(shuffled.join('\n'), { file: 'x.yaml' });
      expect(r.stats.urls).toBe(r.assignments.length);
    }
  });

  it('aligns a page with hundreds of links and entries', () => {
    const entries = Array.from({ length: 60 }, (_, i) => ` AUTEUR${i}. Titre numéro ${i}. 2020. `);
    const urls = Array.from(
      { length: 300 },
      (_, i) => `https://site${i % 70}.example.org/page-${i}`,
    );
    const r = importDossier(['1. PARTIE', ...entries, ...urls].join('\n\n'), { file: 'x.yaml' });
    expect(r.stats).toMatchObject({ entries: 60, urls: 300, unassigned: 0 });
  });
});
