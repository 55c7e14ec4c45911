/**
 * The message catalogues: every French text is French (no English left over), the language is
 * chosen in the documented order, and each reason code has its French sentence.
 */
import { describe, expect, it } from 'vitest';
import {
  chooseLanguage,
  type LinkFacts,
  linkMessage,
  messagesFor,
  reportLanguage,
  supportedLanguage,
} from '../../src/i18n/index.js';
import type { ReportLink } from '../../src/model/index.js';
import { sampleReport } from '../report/fixtures.js';
import { NAMED_REASONS } from '../support/reasons.js';

const en = messagesFor('en');
const fr = messagesFor('fr');

/** Words that are the same in both languages. */
const SAME = new Set(['ok', 'total', 'URL', 'page', 'id']);

/** Sample arguments by position: numbers where counts go, strings elsewhere. */
const SAMPLES: unknown[][] = [
  [3],
  [3, 7],
  ['2026-11-14T06:00:00.000Z', 3],
  [3, 7, 2],
  ['2026-W48', 5, 2, 1, false],
  ['x', '2026-11-28T06:00:00.000Z', '2026-11-28T06:01:30.000Z', '0.1.0', 2],
  ['creators', 'A', 'B'],
];

function leaves(value: unknown, path: string[] = []): { path: string; value: unknown }[] {
  if (typeof value === 'string' || typeof value === 'function')
    return [{ path: path.join('.'), value }];
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  }
  return [];
}

function call(fn: unknown, args: unknown[]): string | null {
  try {
    const out = (fn as (...a: unknown[]) => unknown)(...args);
    return typeof out === 'string' ? out : null;
  } catch {
    return null;
  }
}

describe('message catalogues', () => {
  it('has a French text for every English one, and none is left in English', () => {
    const enLeaves = new Map(leaves(en).map((l) => [l.path, l.value]));
    const frLeaves = leaves(fr);
    expect(frLeaves.map((l) => l.path).sort()).toEqual([...enLeaves.keys()].sort());
    const leftovers: string[] = [];
    let compared = 0;
    for (const { path, value } of frLeaves) {
      if (path === 'locale' || path === 'number' || path === 'linkMessage') continue;
      const english = enLeaves.get(path);
      if (typeof value === 'string') {
        compared++;
        if (value === english && !SAME.has(value)) leftovers.push(path);
        continue;
      }
      // A function: compared on every sample that both accept.
      for (const args of SAMPLES) {
        const a = call(value, args);
        const b = call(english, args);
        if (a === null || b === null) continue;
        // Arguments of the wrong kind give back only themselves: nothing to translate.
        const own = args.reduce<string>((t, x) => t.split(String(x)).join(''), a);
        if (!/\p{L}/u.test(own) || /undefined|NaN/.test(own)) continue;
        compared++;
        if (a === b && !SAME.has(a)) leftovers.push(`${path}(${JSON.stringify(args)})`);
      }
    }
    expect(leftovers).toEqual([]);
    expect(compared).toBeGreaterThan(150);
  });

  it('words numbers, plurals and dates the French way', () => {
    expect(fr.number(12345)).toBe('12\u202f345');
    expect(en.number(12345)).toBe('12,345');
    expect(fr.summary.broken(0)).toBe('0 cassé');
    expect(fr.summary.broken(2)).toBe('2 cassés');
    expect(fr.date('2026-12-01T06:00:00.000Z')).toBe('1er décembre 2026');
    expect(fr.date('2026-12-11')).toBe('11 décembre 2026');
    expect(en.date('2026-12-01T06:00:00.000Z')).toBe('2026-12-01');
    expect(fr.failingFor.weeks(3)).toBe('depuis 3 semaines');
    expect(fr.summary.count(1, 'dead')).toBe('1 mort');
    expect(fr.summary.count(4, 'dead')).toBe('4 morts');
  });
});

describe('language choice', () => {
  it('takes the option (command line or config), then the catalogue, then English', () => {
    expect(chooseLanguage('en', ['fr'])).toEqual({ language: 'en', source: 'option' });
    expect(chooseLanguage(undefined, [undefined, 'fr-FR', 'en'])).toEqual({
      language: 'fr',
      source: 'catalogue',
    });
    // A language rotwatch does not speak is passed over, not refused.
    expect(chooseLanguage(undefined, ['de', undefined])).toEqual({
      language: 'en',
      source: 'default',
    });
  });

  it('reads BCP 47 tags and old reports', () => {
    expect(supportedLanguage('FR_ca')).toBe('fr');
    expect(supportedLanguage('english')).toBeNull();
    const report = sampleReport();
    delete report.run.language;
    expect(reportLanguage(report)).toBe('en');
    report.run.language = 'fr';
    expect(reportLanguage(report)).toBe('fr');
  });
});

describe('link messages', () => {
  const REASONS: (string | null)[] = [
    'http-404',
    'http-503',
    'http-403',
    'http-401',
    ...NAMED_REASONS,
    null,
  ];
  const facts = (reason: string | null): LinkFacts => ({
    status: reason === 'http-404' ? 'dead' : reason?.startsWith('http-40') ? 'blocked' : 'error',
    reason,
    httpStatus: reason?.startsWith('http-') ? Number(reason.slice(5)) : 200,
    url: 'https://example.org/a',
    finalUrl: 'https://example.org/b',
    suggestedUrl: 'https://example.org/b',
    failingSince: '2026-11-01T06:00:00.000Z',
    consecutiveFailures: 3,
    redirected: true,
  });

  it('has a French sentence for each reason code, with no English in it', () => {
    const english = /\b(the|server|answered|check by hand|not checked|gone)\b/i;
    for (const reason of REASONS) {
      const text = fr.linkMessage(facts(reason));
      expect(text, String(reason)).toMatch(/\S/);
      expect(text, String(reason)).not.toMatch(english);
    }
    expect(fr.linkMessage(facts('http-404'))).toContain('Le serveur a répondu 404');
    expect(fr.linkMessage(facts('moved-permanently'))).toContain('https://example.org/b');
    expect(fr.linkMessage(facts('timeout'))).toContain(
      '3 échecs consécutifs depuis le 1er novembre',
    );
  });

  it('keeps the checker’s own sentence in English and for codes it does not know', () => {
    const link = sampleReport().links[1] as ReportLink;
    expect(linkMessage(en, link)).toBe(link.message);
    const future = { ...link, reason: 'some-new-code' } as unknown as ReportLink;
    expect(linkMessage(fr, future)).toBe(link.message);
  });
});
