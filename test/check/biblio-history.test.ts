import { describe, expect, it } from 'vitest';
import { assembleReport } from '../../src/check/assemble.js';
import type { LinkObservation } from '../../src/check/engine.js';
import type { PageMeta, RunState } from '../../src/model/index.js';
import { DEFAULT_HISTORY_POLICY, emptyState } from '../../src/state/index.js';
import { checkState } from '../../src/state/validate.js';
import { page } from '../classify/build.js';

/* A 304 Not Modified has no body: the page's metadata from the last good copy is reported. */

const URL_ = 'https://docs.example.org/report.html';
const BIBLIO: NonNullable<PageMeta['biblio']> = {
  title: 'Report',
  authors: ['Claire Martin'],
  published: '2023-05-04',
  modified: null,
  siteName: 'Observatoire',
  publisher: null,
  container: null,
  doi: '10.5555/x.1',
  lang: 'fr',
  pdfUrl: null,
  from: {},
};

function observe(status: number, meta: PageMeta, day: string): LinkObservation {
  return {
    target: {
      url: URL_,
      citations: [
        {
          id: 'report',
          title: 'Report',
          file: 'c.yaml',
          line: 3,
          creators: 'ANAP',
          date: { text: '2019', year: 2019 },
        },
      ],
    },
    outcome: {
      requestedUrl: URL_,
      response: { url: URL_, status, headers: {}, body: new Uint8Array(0), bodyTruncated: false },
      hops: [],
      error: null,
      attempts: 1,
    },
    meta,
    classification: { status: 'ok', reason: null, message: 'ok' },
    checkedAt: `${day}T06:00:00.000Z`,
    connectionFailure: false,
  };
}

function run(prior: RunState, obs: LinkObservation) {
  return assembleReport({
    run: {
      id: obs.checkedAt,
      startedAt: obs.checkedAt,
      finishedAt: obs.checkedAt,
      toolVersion: 'test',
      catalogues: ['c.yaml'],
      complete: true,
    },
    network: { status: 'ok', hostsChecked: 1, hostsUnreachable: 0 },
    observations: [obs],
    prior,
    archives: new Map(),
    policy: DEFAULT_HISTORY_POLICY,
    now: new Date(obs.checkedAt),
  });
}

describe('bibliographic metadata across runs', () => {
  it('a 304 reports what the last good copy declared, and the differences with it', () => {
    const first = run(emptyState(), observe(200, page({ biblio: BIBLIO }), '2026-11-02'));
    expect(first.state.links[URL_]?.lastBiblio?.authors).toEqual(['Claire Martin']);
    const second = run(first.state, observe(304, page({ biblio: null }), '2026-11-09'));
    const link = second.report.links[0]!;
    expect(link.meta).toMatchObject({ authors: ['Claire Martin'], published: '2023-05-04' });
    expect(link.metadataDiffers?.map((d) => d.field)).toEqual(['creators', 'date']);
    // A fresh 200 that declares nothing replaces it.
    const third = run(second.state, observe(200, page({ biblio: null }), '2026-11-16'));
    expect(third.report.links[0]!.meta.authors).toEqual([]);
    expect(third.state.links[URL_]?.lastBiblio?.authors).toEqual([]);
  });

  it('the history keeps it through state.json; a malformed one is dropped, not fatal', () => {
    const first = run(emptyState(), observe(200, page({ biblio: BIBLIO }), '2026-11-02'));
    const json = JSON.parse(JSON.stringify(first.state));
    const read = checkState(json);
    expect(read.ok && read.value.links[URL_]?.lastBiblio?.doi).toBe('10.5555/x.1');
    json.links[URL_].lastBiblio = { authors: 'not a list' };
    const broken = checkState(json);
    expect(broken.ok).toBe(true);
    expect(broken.ok && broken.value.links[URL_]?.lastBiblio).toBeUndefined();
  });
});
