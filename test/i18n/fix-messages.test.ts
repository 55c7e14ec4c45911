/**
 * `rotwatch fix`'s texts (src/i18n/en-fix.ts, fr-fix.ts): French typography and dates, no
 * English left in the French ones, and the pull request's text whatever the summary holds.
 */
import { describe, expect, it } from 'vitest';
import { renderPullRequest } from '../../src/fix/pull-request.js';
import { messagesFor } from '../../src/i18n/index.js';

const _ = '\u00a0';
const en = messagesFor('en');
const fr = messagesFor('fr');

/** Every function of the texts called once, with parameters of the right kinds. */
function everyText(m: typeof en): string[] {
  const f = m.fix;
  const since = '2026-11-16T06:00:00.000Z';
  return [
    f.summary.nothing,
    f.summary.edits(3, 2, 'r1'),
    ...Object.values(f.summary.group),
    f.summary.counted(f.summary.heldBack, 2),
    f.summary.attention,
    f.summary.leftAlone,
    f.enrichmentDiff,
    f.planWritten('plan.json'),
    f.written(['a.yaml']),
    f.nothingWritten,
    f.why.move({ trivial: false, runs: 2, since, httpStatus: 200, matched: 'catalogue' }),
    f.why.move({ trivial: true, runs: 3, since, httpStatus: 200, matched: 'trivial-move' }),
    f.why.move({ trivial: false, runs: 2, since, httpStatus: null, matched: 'before-move' }),
    f.why.archive({ reason: 'http-404', runs: 2, since, captured: '2021-03-01T00:00:00Z' }),
    f.why.archive({ reason: 'http-410', runs: 2, since: null, captured: '2021-03-01T00:00:00Z' }),
    f.why.addDate({ pdf: false, date: '2019-03', runs: 2 }),
    f.why.addDate({ pdf: true, date: '2019-03-12', runs: 2 }),
    f.why.addCreators({ placeholder: '[s.n.]', names: 'DUPONT Jean', runs: 2 }),
    f.why.addDoiLink({ doi: '10.1000/x', runs: 2 }),
    f.attention.temporaryRedirect('https://b.test/'),
    f.attention.failedOnce('Msg.', 1, 2),
    f.attention.noArchive('Msg.', { code: 'no-capture', label: m.archiveMiss['no-capture'] }),
    f.attention.noArchive('Msg.', null),
    f.attention.unplayable('https://arch.test/x', null),
    f.attention.movedOnce('https://b.test/', 1, 2),
    f.attention.targetNotOk('https://b.test/', 404),
    f.attention.titleMismatch('https://b.test/', 'Autre'),
    f.attention.titleMismatch('https://b.test/', null),
    f.attention.enrichConflict('authors', [{ url: 'https://a.test/', value: 'A' }]),
    f.attention.enrichOnce('doi', '10.1000/x', 1, 2),
    f.pullRequest.title,
    f.pullRequest.intro,
    f.pullRequest.diff,
    f.pullRequest.cut(10, 20),
  ];
}

describe('fix texts', () => {
  it('are French in French: no English word left, no colon without its no-break space', () => {
    const english =
      /\b(the|run|runs|seen|since|answers|edits?|files?|written|needs|moves?|found|declares|entry|proposed)\b/i;
    const texts = everyText(fr);
    for (const text of texts) {
      // Options, code and URLs are no prose: they are the same in every language.
      const prose = text
        .replace(/`[^`]*`/g, '')
        .replace(/rotwatch fix|--[a-z-]+|fix: false/g, '')
        .replace(/https?:\/\/\S+/g, '');
      expect(prose, text).not.toMatch(english);
      // A colon in prose has its no-break space.
      expect(prose, text).not.toMatch(/[^\u00a0]:\s/);
      expect(prose, text).not.toMatch(/[^\u00a0];/);
    }
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('write dates out in French, as precise as they are given', () => {
    const since = '2026-11-01T06:00:00.000Z';
    expect(
      fr.fix.why.archive({ reason: 'http-404', runs: 3, since, captured: '2021-03-01T00:00:00Z' }),
    ).toBe(
      `Lien mort (http-404) sur 3 passages depuis le 1er novembre 2026${_}; la copie archivée du 1er mars 2021 est ajoutée à côté de l’URL.`,
    );
    expect(fr.fix.why.addDate({ pdf: false, date: '2019-03', runs: 2 })).toBe(
      `Enrichissement${_}: la notice n’a pas de date${_}; sa page déclare une date de publication, mars 2019, lue sur 2 passages.`,
    );
    expect(fr.fix.why.addDate({ pdf: true, date: '2019', runs: 2 })).toContain(
      'une date de création, 2019,',
    );
    expect(
      fr.fix.attention.enrichConflict('published', [
        { url: 'https://a.test/1', value: '2019-06-01' },
        { url: 'https://a.test/2', value: '2020' },
      ]),
    ).toBe(
      `Les pages de la notice ne s’accordent pas sur la date de publication (https://a.test/1${_}: 1er juin 2019${_}; https://a.test/2${_}: 2020)${_}: rien n’est renseigné.`,
    );
    expect(fr.fix.attention.enrichOnce('published', '2019-03-12', 1, 2)).toBe(
      `Sa page déclare la date de publication${_}: 12 mars 2019. Valeur lue sur 1 passage${_}: proposée une fois lue sur 2 passages.`,
    );
    // English keeps ISO days, and its sentences as they were.
    expect(
      en.fix.why.archive({ reason: 'http-404', runs: 3, since, captured: '2021-03-01T00:00:00Z' }),
    ).toBe(
      'Dead (http-404) on 3 runs since 2026-11-01; archived copy of 2021-03-01 kept beside the URL.',
    );
    expect(en.fix.attention.noArchive('Gone.', { code: 'no-capture', label: 'x' })).toBe(
      'Gone. No archived copy was found (no-capture): find a new URL or a copy by hand.',
    );
  });
});

describe('the pull request’s text', () => {
  it('is the title, a blank line, then the description; a fence no summary line can close', () => {
    const summary = 'rotwatch fix: 1 edit\n  a.yaml:3 x: title ```quoted``` in a page\n';
    const text = renderPullRequest({ summary, diff: '--- a/a.yaml\n+++ b/a.yaml\n', m: en });
    const [title, blank, ...rest] = text.split('\n');
    expect([title, blank]).toEqual(['Catalogue fixes from rotwatch', '']);
    expect(rest.join('\n')).toContain(`\n\`\`\`\`\n${summary}\`\`\`\`\n`);
  });

  it('cuts a long summary or diff at a line, and says so', () => {
    const line = `${'x'.repeat(99)}\n`;
    const diff = line.repeat(1000); // 100,000 characters
    const text = renderPullRequest({ summary: 'ok\n', diff, m: fr });
    expect(text.length).toBeLessThan(45_000);
    expect(text).toContain(
      `\`\`\`\n... coupé ici${_}: 40\u202f000 caractères affichés sur 100\u202f000.\n</details>\n`,
    );
    expect(
      text
        .split('\n')
        .filter((l) => l.startsWith('x'))
        .every((l) => l.length === 99),
    ).toBe(true);
  });
});
