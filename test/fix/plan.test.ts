import { describe, expect, it } from 'vitest';
import { parseCatalogueText } from '../../src/catalogue/index.js';
import { titlesMatch } from '../../src/drift/title.js';
import { isTrivialMove, planFixes } from '../../src/fix/plan.js';
import type { Catalogue, LinkState, ReportLink } from '../../src/model/index.js';
import { link as reportLink } from '../report/fixtures.js';

const URLS = {
  moved: 'https://a.test/old',
  trivial: 'http://a.test/guide',
  dead: 'https://a.test/dead',
  once: 'https://a.test/once',
  noarch: 'https://a.test/noarch',
  blocked: 'https://a.test/blocked',
  other: 'https://a.test/other-title',
  frozen: 'https://a.test/frozen',
  kept: 'https://a.test/kept',
};

function catalogue(): Catalogue {
  const entry = (id: string, title: string, link: string) =>
    [
      `  - id: ${id}`,
      '    section: { number: "1", title: S }',
      '    creators: C',
      `    title: "${title}"`,
      '    medium: report',
      '    links:',
      link,
    ].join('\n');
  const text = [
    'catalogue:',
    '  title: T',
    'entries:',
    entry('moved', 'Rapport annuel sur la santé 2020', `      - ${URLS.moved}`),
    entry('trivial', 'Guide', `      - ${URLS.trivial}`),
    entry('dead', 'Dead', `      - ${URLS.dead}`),
    entry('once', 'Once', `      - ${URLS.once}`),
    entry('noarch', 'No archive', `      - ${URLS.noarch}`),
    entry('blocked', 'Blocked', `      - ${URLS.blocked}`),
    entry('other', 'Les chiffres clés du handicap', `      - ${URLS.other}`),
    entry('frozen', 'Frozen', `      - { url: ${URLS.frozen}, fix: false }`),
    entry(
      'kept',
      'Kept',
      `      - { url: ${URLS.kept}, archive: { url: "https://arch.test/k", date: 2020-01-01 } }`,
    ),
    '',
  ].join('\n');
  const parsed = parseCatalogueText(text, 'c.yaml');
  expect(parsed.problems).toEqual([]);
  return parsed.catalogue!;
}

const capture = {
  url: 'https://arch.test/web/20210301000000/x',
  timestamp: '2021-03-01T00:00:00Z',
  source: 'wayback' as const,
  distanceDays: -10,
};
const dead = (url: string, over: Partial<ReportLink> = {}) =>
  reportLink(url, {
    status: 'dead',
    reason: 'http-404',
    message: 'Gone.',
    httpStatus: 404,
    consecutiveFailures: 2,
    failingSince: '2026-11-16T06:00:00Z',
    ...over,
  });
const moved = (url: string, to: string, title: string) =>
  reportLink(url, {
    status: 'redirected',
    reason: 'moved-permanently',
    suggestedUrl: to,
    finalUrl: to,
    title,
    redirects: [{ url, status: 301, location: to }],
  });
const state = (
  url: string,
  to: string,
  runs: number,
  titleBefore: string | null = null,
): LinkState => ({
  url,
  lastStatus: 'redirected',
  lastReason: 'moved-permanently',
  lastCheckedAt: '2026-11-23T06:00:00Z',
  firstFailureAt: null,
  consecutiveFailures: 0,
  lastSuccessAt: '2026-11-23T06:00:00Z',
  moved: { to, since: '2026-11-16T06:00:00Z', runs, titleBefore },
});

function plan(links: ReportLink[], states: LinkState[], maxEdits?: number) {
  return planFixes({
    report: { id: 'r1', finishedAt: '2026-11-23T07:00:00Z' },
    catalogues: [{ catalogue: catalogue(), sha256: 'abc' }],
    links: new Map(links.map((l) => [l.url, l])),
    states: new Map(states.map((s) => [s.url, s])),
    now: new Date('2026-11-24T00:00:00Z'),
    ...(maxEdits !== undefined ? { maxEdits } : {}),
  });
}

const all = () => ({
  links: [
    moved(URLS.moved, 'https://b.test/rapport-2020', 'Rapport annuel sur la santé 2020 | B'),
    reportLink(URLS.trivial, {
      status: 'ok',
      finalUrl: 'https://a.test/guide/',
      redirects: [{ url: URLS.trivial, status: 301, location: 'https://a.test/guide/' }],
      title: 'Welcome',
    }),
    dead(URLS.dead, { archive: capture }),
    dead(URLS.once, { archive: capture, consecutiveFailures: 1 }),
    dead(URLS.noarch, { archiveReason: 'no-capture' }),
    reportLink(URLS.blocked, { status: 'blocked', reason: 'http-403', message: 'Forbidden.' }),
    moved(URLS.other, 'https://b.test/other', 'Page introuvable | B'),
    moved(URLS.frozen, 'https://b.test/frozen', 'Frozen'),
    dead(URLS.kept, {
      catalogueArchive: {
        url: 'https://arch.test/k',
        date: '2020-01-01',
        status: 'ok',
        reason: null,
      },
    }),
  ],
  states: [
    state(URLS.moved, 'https://b.test/rapport-2020', 2),
    state(URLS.trivial, 'https://a.test/guide/', 3),
    state(URLS.other, 'https://b.test/other', 2, 'Les chiffres clés'),
    state(URLS.frozen, 'https://b.test/frozen', 2),
  ],
});

describe('planFixes', () => {
  it('proposes moves (trivial apart) and archives on two runs, and lists everything else with a reason', () => {
    const { links, states } = all();
    const p = plan(links, states);
    expect(
      p.items.map((i) => [i.kind, i.entry, i.kind === 'replace-url' ? i.trivial : null, i.new]),
    ).toEqual([
      ['replace-url', 'moved', false, 'https://b.test/rapport-2020'],
      ['replace-url', 'trivial', true, 'https://a.test/guide/'],
      ['add-archive', 'dead', null, { url: capture.url, date: '2021-03-01' }],
    ]);
    expect(p.attention.map((a) => [a.entry, a.reason])).toEqual([
      ['once', 'failed-once'],
      ['noarch', 'no-archive'],
      ['blocked', 'http-403'],
      ['other', 'title-mismatch'],
    ]);
    expect(p.leftAlone.map((a) => [a.entry, a.reason])).toEqual([['frozen', 'fix-false']]);
    expect(p.files).toEqual([{ file: 'c.yaml', sha256: 'abc' }]);
    expect(p.items[0]!.line).toBe(10);
  });

  it('waits for a second run of a move, and for the same target', () => {
    const { links } = all();
    const p1 = plan(links, [state(URLS.moved, 'https://b.test/rapport-2020', 1)]);
    const p2 = plan(links, [state(URLS.moved, 'https://b.test/somewhere-else', 5)]);
    for (const p of [p1, p2]) {
      expect(p.items.some((i) => i.entry === 'moved')).toBe(false);
      expect(p.attention.find((a) => a.entry === 'moved')?.reason).toBe('moved-once');
    }
  });

  it('accepts the title seen before the move when the catalogue title differs', () => {
    const links = [moved(URLS.other, 'https://b.test/other', 'Tableau de bord 2021 – B')];
    const p = plan(links, [state(URLS.other, 'https://b.test/other', 2, 'Tableau de bord 2021')]);
    expect(p.items[0]).toMatchObject({
      kind: 'replace-url',
      evidence: { titleMatched: 'before-move' },
    });
  });

  it('writes its notes and reasons in the language it is given, and records it', () => {
    const _ = '\u00a0';
    const { links, states } = all();
    // The trivial move's page declares a date, read on this run only: an enrichment note.
    const dated = links.map((l) =>
      l.url === URLS.trivial ? { ...l, meta: { ...l.meta, published: '2019-03-12' } } : l,
    );
    const p = planFixes({
      report: { id: 'r1', finishedAt: '2026-11-23T07:00:00Z' },
      catalogues: [{ catalogue: catalogue(), sha256: 'abc' }],
      links: new Map(dated.map((l) => [l.url, l])),
      states: new Map(states.map((s) => [s.url, s])),
      now: new Date('2026-11-24T00:00:00Z'),
      enrich: true,
      language: 'fr',
    });
    expect(p.language).toBe('fr');
    const note = (reason: string) => p.attention.find((a) => a.reason === reason)!.message;
    // The link's message as the French reports render it, not the stored "Forbidden.".
    expect(note('http-403')).toBe(
      `Le serveur a répondu 403${_}: il refuse les accès automatisés${_}; à vérifier à la main.`,
    );
    expect(note('failed-once')).toBe(
      `Le serveur a répondu 404${_}: le document n’est plus à cette adresse. En échec sur 1 passage${_}: une copie archivée sera proposée après 2 passages en échec.`,
    );
    expect(note('no-archive')).toContain(
      'Aucune copie archivée n’a été trouvée (aucune capture trouvée)',
    );
    expect(note('title-mismatch')).toContain(`(\u00ab${_}Page introuvable | B${_}\u00bb)`);
    expect(note('enrich-once')).toBe(
      `Sa page déclare la date de publication${_}: 12 mars 2019. Valeur lue sur 1 passage${_}: proposée une fois lue sur 2 passages.`,
    );
    expect(p.items[0]!.why).toBe(
      `Déplacement définitif constaté sur 2 passages depuis le 16 novembre 2026${_}; la nouvelle page répond 200 et son titre correspond à celui du catalogue.`,
    );
    // Without a language: English, as before.
    const english = plan(links, states);
    expect(english.language).toBe('en');
    expect(english.attention.find((a) => a.reason === 'http-403')!.message).toBe('Forbidden.');
  });

  it('caps edits with maxEdits and counts the rest', () => {
    const { links, states } = all();
    const p = plan(links, states, 1);
    expect(p.items).toHaveLength(1);
    expect(p.heldBack).toBe(2);
  });
});

describe('isTrivialMove and titlesMatch', () => {
  it('tells respellings from moves', () => {
    expect(isTrivialMove('http://a.test/x', 'https://a.test/x')).toBe(true);
    expect(isTrivialMove('https://a.test/x', 'https://www.a.test/x/')).toBe(true);
    expect(isTrivialMove('https://a.test/x', 'http://a.test/x')).toBe(false);
    expect(isTrivialMove('https://a.test/x', 'https://a.test/y')).toBe(false);
    expect(isTrivialMove('https://a.test/x?a=1', 'https://a.test/x?a=2')).toBe(false);
  });

  it('matches folded titles, site suffixes and containment of three words or more, never one word', () => {
    expect(titlesMatch('Baromètre du numérique 2019', 'BAROMETRE DU NUMERIQUE 2019 – Arcep')).toBe(
      true,
    );
    expect(titlesMatch('Le guide', 'Arcep | Le guide')).toBe(true);
    expect(
      titlesMatch('Rapport sur la santé numérique', 'Le rapport sur la santé numérique en France'),
    ).toBe(true);
    expect(titlesMatch('Le monde du numérique en santé', 'Page introuvable - Le Monde')).toBe(
      false,
    );
    expect(titlesMatch('Accueil', 'Accueil')).toBe(false);
    expect(titlesMatch('Un titre', null)).toBe(false);
  });
});
