import { describe, expect, it } from 'vitest';
import {
  contentDigest,
  type RunInfo,
  resumeConflict,
  runInfoOf,
  scopeDigest,
} from '../../src/check/run-fingerprint.js';
import { checkOptionsSchema } from '../../src/config/options.js';
import type { Citation, Target } from '../../src/model/index.js';
import type { JournalRun } from '../../src/store/index.js';

const options = checkOptionsSchema.parse({});
const cite = (file: string, line: number, title = 'A title'): Citation => ({
  id: `${file}:${line}`,
  title,
  file,
  line,
});
const targets = (): Target[] => [
  { url: 'https://a.example/1', citations: [cite('one.yaml', 3), cite('two.yaml', 9)] },
  { url: 'https://b.example/2', citations: [cite('one.yaml', 7)] },
];
const runOf = (info: unknown): JournalRun => ({
  id: 'r1',
  startedAt: '2026-06-01T06:00:00.000Z',
  finished: false,
  info,
  head: null,
});
const infoOf = (t: Target[], o = options, inputs = ['one.yaml', 'two.yaml']): RunInfo =>
  runInfoOf(inputs, o, t);

describe('scopeDigest', () => {
  it('ignores options that only change the pace, the files written or the exit code', () => {
    const gentler = checkOptionsSchema.parse({
      concurrency: 4,
      perHost: 1,
      perHostInterval: 5000,
      timeout: 60_000,
      retries: 5,
      failOn: 'error',
      formats: ['json'],
      quiet: true,
      hosts: { 'a.example': { interval: 9000, concurrency: 1 } },
    });
    expect(scopeDigest(gentler)).toBe(scopeDigest(options));
  });

  it('changes with every option that changes the URL set, the requests or the verdicts', () => {
    const changed = [
      { include: ['^https://a\\.'] },
      { exclude: ['\\.pdf$'] },
      { respectRobots: true },
      { allowPrivateAddresses: true },
      { userAgent: 'other/1.0' },
      { deadAfterRuns: 1 },
      { changedSince: 'main' },
      { hosts: { 'a.example': { skip: true } } },
    ];
    for (const c of changed)
      expect({
        c,
        same: scopeDigest(checkOptionsSchema.parse(c)) === scopeDigest(options),
      }).toEqual({ c, same: false });
  });
});

describe('contentDigest', () => {
  it('does not depend on the order of the links or of their citations', () => {
    const t = targets();
    const reordered = [
      t[1] as Target,
      { ...(t[0] as Target), citations: [...(t[0] as Target).citations].reverse() },
    ];
    expect(contentDigest(reordered)).toEqual(contentDigest(t));
  });

  it('changes when a link is added, removed or edited, or a citation moves or is retitled', () => {
    const base = contentDigest(targets()).digest;
    const edits: Target[][] = [
      [...targets(), { url: 'https://c.example/3', citations: [cite('two.yaml', 20)] }],
      targets().slice(1),
      targets().map((t, i) => (i === 1 ? { ...t, url: 'https://b.example/2b' } : t)),
      targets().map((t, i) => (i === 1 ? { ...t, citations: [cite('one.yaml', 8)] } : t)),
      targets().map((t, i) => (i === 1 ? { ...t, citations: [cite('one.yaml', 7, 'New')] } : t)),
      // A second entry now cites the same URL.
      targets().map((t, i) =>
        i === 1 ? { ...t, citations: [...t.citations, cite('two.yaml', 30)] } : t,
      ),
    ];
    for (const [i, e] of edits.entries())
      expect({ i, same: contentDigest(e).digest === base }).toEqual({ i, same: false });
  });
});

describe('resumeConflict', () => {
  it('lets the same work resume, inputs in any order, at another pace', () => {
    const then = infoOf(targets());
    const now = infoOf(
      [...targets()].reverse(),
      checkOptionsSchema.parse({ concurrency: 2, timeout: 90_000 }),
      ['two.yaml', 'one.yaml'],
    );
    expect(resumeConflict(runOf(then), now)).toBeNull();
  });

  it('refuses other inputs, other content, other options and another version', () => {
    const then = infoOf(targets());
    const now = infoOf(targets());
    expect(resumeConflict(runOf(then), { ...now, catalogues: ['one.yaml'] })).toContain(
      'other inputs (one.yaml, two.yaml)',
    );
    expect(resumeConflict(runOf(then), infoOf(targets().slice(1)))).toContain(
      'content has changed since (2 links then, 1 now',
    );
    expect(
      resumeConflict(runOf(then), infoOf(targets(), checkOptionsSchema.parse({ exclude: ['x'] }))),
    ).toContain('other options');
    expect(resumeConflict(runOf({ ...then, version: '0.0.1' }), now)).toContain(
      'by rotwatch 0.0.1',
    );
  });

  it('refuses a run from a rotwatch that recorded no fingerprint, or info that is not one', () => {
    const now = infoOf(targets());
    expect(resumeConflict(runOf({ catalogues: now.catalogues }), now)).toContain('older rotwatch');
    expect(resumeConflict(runOf(null), now)).toContain('older rotwatch');
    expect(resumeConflict(runOf('garbage'), now)).toContain('older rotwatch');
  });
});
