import { describe, expect, it } from 'vitest';
import type {
  Drift,
  FixedLink,
  LinkState,
  ReportLink,
  RunSummaryRecord,
  Verdict,
} from '../../src/model/index.js';
import type { HistoryStore } from '../../src/store/index.js';

/*
 * What every HistoryStore must do, run against each implementation (memory and SQLite here;
 * PostgreSQL later): a store that passes these can stand in for another.
 */

export function linkState(url: string, extra: Partial<LinkState> = {}): LinkState {
  return {
    url,
    lastStatus: 'ok',
    lastReason: null,
    lastCheckedAt: '2026-01-05T05:00:00.000Z',
    firstFailureAt: null,
    consecutiveFailures: 0,
    lastSuccessAt: '2026-01-05T05:00:00.000Z',
    ...extra,
  };
}

export function runRecord(id: string, total = 1): RunSummaryRecord {
  return {
    id,
    startedAt: `${id}T05:00:00.000Z`,
    finishedAt: `${id}T05:10:00.000Z`,
    complete: true,
    network: 'ok',
    summary: { ok: total, redirected: 0, dead: 0, error: 0, blocked: 0, skipped: 0, total },
  };
}

export function reportLink(url: string, status: Verdict = 'ok'): ReportLink {
  return {
    url,
    status,
    reason: status === 'ok' ? null : 'http-404',
    message: '',
    httpStatus: status === 'ok' ? 200 : 404,
    finalUrl: url,
    redirects: [],
    title: 'T',
    contentType: 'text/html',
    checkedAt: '2026-01-12T05:00:00.000Z',
    attempts: 1,
    archive: null,
    archiveReason: null,
    entries: [{ id: 'e1', file: 'catalogue/a.yaml', line: 3, title: 'Entry' }],
    failingSince: null,
    consecutiveFailures: 0,
    newFailure: false,
    suggestedUrl: null,
    meta: { canonical: null, lang: 'en', contentLength: null, lastModified: null, pdfPages: null },
    drift: null,
  };
}

/** A confirmed content drift: the journal's totals count it. */
const confirmedDrift: Drift = {
  reasons: ['title-mismatch'],
  confirmed: true,
  since: '2026-01-05T05:00:00.000Z',
  runs: 2,
  catalogueTitle: 'Entry',
  title: 'Something else',
  previousTitle: null,
  similarity: 0,
  pages: null,
  previousPages: null,
  cataloguePages: null,
  contentType: 'text/html',
  previousContentType: null,
  textDistance: null,
};

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

export function describeHistoryStore(name: string, open: () => Promise<HistoryStore>): void {
  describe(`${name}: links`, () => {
    it('reads back what it wrote, whole, with fields it does not know', async () => {
      const store = await open();
      const a = { ...linkState('https://a.example.org/'), notYetKnown: { hash: 'x', n: [1, 2] } };
      await store.writeLinks([a, linkState('https://b.example.org/', { lastStatus: 'dead' })]);
      const read = await store.readLinks(['https://a.example.org/', 'https://none.example.org/']);
      expect([...read.keys()]).toEqual(['https://a.example.org/']);
      expect(read.get('https://a.example.org/')).toEqual(a);
      // One URL alone (a lookup of its own in some stores), found and not.
      expect(
        (await store.readLinks(['https://b.example.org/'])).get('https://b.example.org/'),
      ).toEqual(linkState('https://b.example.org/', { lastStatus: 'dead' }));
      expect((await store.readLinks(['https://none.example.org/'])).size).toBe(0);
      // Replacing a link replaces the whole document.
      await store.writeLinks([linkState('https://a.example.org/', { lastStatus: 'error' })]);
      const again = await store.readLinks(['https://a.example.org/']);
      expect(again.get('https://a.example.org/')).toEqual(
        linkState('https://a.example.org/', { lastStatus: 'error' }),
      );
      await store.close();
    });

    it('reads many links at once and lists them in code-unit order', async () => {
      const store = await open();
      const urls = Array.from({ length: 2_345 }, (_, i) => `https://h${i % 7}.example.org/p/${i}`);
      urls.push('https://Z.example.org/', 'https://a.example.org/é');
      await store.writeLinks(urls.map((u) => linkState(u)));
      expect((await store.readLinks(urls)).size).toBe(urls.length);
      const listed = (await collect(store.eachLink())).map((l) => l.url);
      expect(listed).toEqual([...urls].sort());
      await store.close();
    });

    it('prunes links not kept', async () => {
      const store = await open();
      await store.writeLinks(['a', 'b', 'c'].map((x) => linkState(`https://${x}.example.org/`)));
      expect(await store.pruneLinks(new Set(['https://b.example.org/']))).toBe(2);
      expect((await collect(store.eachLink())).map((l) => l.url)).toEqual([
        'https://b.example.org/',
      ]);
      await store.close();
    });

    it('imports a whole history: links and runs in order', async () => {
      const store = await open();
      await store.importHistory(
        [linkState('https://a.example.org/')],
        [runRecord('2026-01-05'), runRecord('2026-01-12')],
      );
      expect((await store.readRuns(10)).map((r) => r.id)).toEqual(['2026-01-05', '2026-01-12']);
      expect((await store.readLinks(['https://a.example.org/'])).size).toBe(1);
      await store.close();
    });
  });

  describe(`${name}: runs, hosts, cache`, () => {
    it('keeps the newest runs, oldest first; a run written again moves to the end', async () => {
      const store = await open();
      for (const day of ['01', '02', '03', '04'])
        await store.writeRun(runRecord(`2026-01-${day}`), 3);
      expect((await store.readRuns(10)).map((r) => r.id)).toEqual([
        '2026-01-02',
        '2026-01-03',
        '2026-01-04',
      ]);
      await store.writeRun(runRecord('2026-01-03', 9), 3);
      const runs = await store.readRuns(2);
      expect(runs.map((r) => r.id)).toEqual(['2026-01-04', '2026-01-03']);
      expect(runs[1]?.summary.total).toBe(9);
      expect(await store.readRuns(0)).toEqual([]);
      await store.close();
    });

    it('stores host states whole', async () => {
      const store = await open();
      const host = {
        host: 'a.example.org',
        updatedAt: '2026-01-05T05:00:00.000Z',
        probe: {
          probedAt: '2026-01-05T05:00:00.000Z',
          url: 'https://a.example.org/zz',
          status: 404,
          finalUrl: null,
          contentType: 'text/html',
          title: null,
          htmlTitle: 'Not found',
          h1: null,
          text: 'nothing here',
        },
      };
      await store.writeHosts([host]);
      const read = await store.readHosts(['a.example.org', 'b.example.org']);
      expect([...read.values()]).toEqual([host]);
      await store.close();
    });

    it('answers cache entries until they expire, and purges expired ones', async () => {
      const store = await open();
      await store.writeCache([
        { key: 'k1', expiresAt: 1_000, value: { found: true } },
        { key: 'k2', expiresAt: 5_000, value: [1, 'x'] },
      ]);
      const at500 = await store.readCache(['k1', 'k2', 'k3'], 500);
      expect(Object.fromEntries(at500)).toEqual({ k1: { found: true }, k2: [1, 'x'] });
      expect([...(await store.readCache(['k1', 'k2'], 1_000)).keys()]).toEqual(['k2']);
      expect(await store.purgeCache(1_000)).toBe(1);
      await store.writeCache([{ key: 'k2', expiresAt: 9_000, value: 'new' }]);
      expect((await store.readCache(['k2'], 6_000)).get('k2')).toBe('new');
      await store.close();
    });
  });

  describe(`${name}: run journal`, () => {
    const obs = (url: string, host: string | null, failure: boolean | null) => ({
      url,
      host,
      connectionFailure: failure,
      observation: { url, seen: [host] },
    });

    it('records a batch and settles part of it in one step; the rest stays to settle', async () => {
      const store = await open();
      const j = store.journal;
      await j.begin({ id: 'r1', startedAt: 't1', finished: false, info: null, head: null });
      await j.recordSettled(
        'r1',
        [
          obs('https://a.example.org/', 'a.example.org', false),
          obs('https://b.example.org/', 'b.example.org', true),
        ],
        [
          {
            url: 'https://a.example.org/',
            link: reportLink('https://a.example.org/'),
            fixed: null,
          },
        ],
        [linkState('https://a.example.org/')],
      );
      expect(await j.recorded('r1', ['https://a.example.org/', 'https://b.example.org/'])).toEqual(
        new Set(['https://a.example.org/', 'https://b.example.org/']),
      );
      expect((await collect(j.unsettled('r1', 10))).flat().map((o) => o.url)).toEqual([
        'https://b.example.org/',
      ]);
      expect((await collect(j.links('r1'))).map((l) => l.url)).toEqual(['https://a.example.org/']);
      expect([...(await store.readLinks(['https://a.example.org/'])).keys()]).toEqual([
        'https://a.example.org/',
      ]);
      const health = await j.hostHealth('r1');
      expect(health.sort((x, y) => (x.host < y.host ? -1 : 1))).toEqual([
        { host: 'a.example.org', connectionFailed: false },
        { host: 'b.example.org', connectionFailed: true },
      ]);
      expect((await j.totals('r1')).counts).toEqual({ ok: 1 });
      await store.close();
    });

    it('records, settles and streams a run; finishing drops older runs', async () => {
      const store = await open();
      const j = store.journal;
      await j.begin({ id: 'r1', startedAt: 't1', finished: false, info: { c: 1 }, head: null });
      expect((await j.unfinished())?.id).toBe('r1');
      await j.record('r1', [
        obs('https://b.example.org/', 'b.example.org', false),
        obs('https://a.example.org/', 'a.example.org', true),
        obs('mailto:x', null, null),
      ]);
      expect(await j.recorded('r1', ['https://a.example.org/', 'https://c.example.org/'])).toEqual(
        new Set(['https://a.example.org/']),
      );
      const pages = await collect(j.unsettled('r1', 2));
      expect(pages.map((p) => p.map((o) => o.url))).toEqual([
        ['https://a.example.org/', 'https://b.example.org/'],
        ['mailto:x'],
      ]);
      expect(pages[0]?.[0]).toEqual(obs('https://a.example.org/', 'a.example.org', true));
      const health = await j.hostHealth('r1');
      expect(health.sort((x, y) => (x.host < y.host ? -1 : 1))).toEqual([
        { host: 'a.example.org', connectionFailed: true },
        { host: 'b.example.org', connectionFailed: false },
      ]);

      const fixed: FixedLink = {
        url: 'https://a.example.org/',
        previousStatus: 'dead',
        previousReason: 'http-404',
        status: 'ok',
        entries: [],
      };
      await j.settle(
        'r1',
        [
          {
            url: 'https://a.example.org/',
            link: { ...reportLink('https://a.example.org/'), drift: confirmedDrift },
            fixed,
          },
          {
            url: 'https://b.example.org/',
            link: reportLink('https://b.example.org/', 'dead'),
            fixed: null,
          },
        ],
        [linkState('https://a.example.org/')],
      );
      expect((await store.readLinks(['https://a.example.org/'])).size).toBe(1);
      expect((await collect(j.unsettled('r1', 10))).flat().map((o) => o.url)).toEqual(['mailto:x']);
      const totals = await j.totals('r1');
      expect(totals).toEqual({
        counts: { ok: 1, dead: 1 },
        notChecked: 0,
        drifted: 1,
        fixed: [fixed],
      });
      expect((await collect(j.links('r1'))).map((l) => [l.url, l.status])).toEqual([
        ['https://a.example.org/', 'ok'],
        ['https://b.example.org/', 'dead'],
      ]);

      await j.finish('r1', { summary: 'head' });
      expect(await j.unfinished()).toBeNull();
      expect(await j.lastFinished()).toMatchObject({
        id: 'r1',
        finished: true,
        head: { summary: 'head' },
      });
      await j.begin({ id: 'r2', startedAt: 't2', finished: false, info: null, head: null });
      await j.record('r2', [obs('https://a.example.org/', 'a.example.org', false)]);
      expect((await j.unfinished())?.id).toBe('r2');
      // r1 stays readable until a newer run finishes.
      expect(await collect(j.links('r1'))).toHaveLength(2);
      await j.finish('r2', null);
      expect(await j.get('r1')).toBeNull();
      await store.close();
    });

    it('prunes stored links the run did not record; discards a run', async () => {
      const store = await open();
      const j = store.journal;
      await store.writeLinks(['a', 'b', 'c'].map((x) => linkState(`https://${x}.example.org/`)));
      await j.begin({ id: 'r1', startedAt: 't', finished: false, info: {}, head: null });
      await j.record('r1', [obs('https://b.example.org/', 'b.example.org', false)]);
      expect(await j.pruneLinksOutside('r1')).toBe(2);
      expect((await collect(store.eachLink())).map((l) => l.url)).toEqual([
        'https://b.example.org/',
      ]);
      await j.discard('r1');
      expect(await j.get('r1')).toBeNull();
      expect(await j.unfinished()).toBeNull();
      await store.close();
    });

    it('pages a large journal without losing or repeating a row', async () => {
      const store = await open();
      const j = store.journal;
      await j.begin({ id: 'big', startedAt: 't', finished: false, info: {}, head: null });
      const urls = Array.from({ length: 1_203 }, (_, i) => `https://h.example.org/${i}`);
      await j.record(
        'big',
        urls.map((u) => obs(u, 'h.example.org', false)),
      );
      const seen: string[] = [];
      for await (const page of j.unsettled('big', 100)) {
        seen.push(...page.map((o) => o.url));
        // Settling while paging (what the run does) must not skip rows.
        await j.settle(
          'big',
          page.map((o) => ({ url: o.url, link: reportLink(o.url), fixed: null })),
          [],
        );
      }
      expect(seen).toEqual([...urls].sort());
      expect((await collect(j.links('big'))).length).toBe(urls.length);
      expect((await j.totals('big')).counts).toEqual({ ok: urls.length });
      await store.close();
    });

    it('a settled URL recorded again is unsettled again; a finished run keeps its links', async () => {
      const store = await open();
      const j = store.journal;
      const url = 'https://a.example.org/';
      await j.begin({ id: 'r1', startedAt: 't', finished: false, info: {}, head: null });
      await j.record('r1', [obs(url, 'a.example.org', false)]);
      await j.settle('r1', [{ url, link: reportLink(url, 'dead'), fixed: null }], []);
      await j.record('r1', [obs(url, 'a.example.org', false)]);
      expect(await collect(j.links('r1'))).toEqual([]);
      expect((await collect(j.unsettled('r1', 10))).flat().map((o) => o.url)).toEqual([url]);
      await j.settle('r1', [{ url, link: reportLink(url), fixed: null }], []);
      await j.finish('r1', null);
      expect((await collect(j.links('r1'))).map((l) => l.status)).toEqual(['ok']);
      expect(await j.totals('r1')).toMatchObject({ counts: { ok: 1 } });
      // Pruning after the finish still sees what the run recorded.
      await store.writeLinks([linkState(url), linkState('https://gone.example.org/')]);
      expect(await j.pruneLinksOutside('r1')).toBe(1);
      await store.close();
    });
  });
}
