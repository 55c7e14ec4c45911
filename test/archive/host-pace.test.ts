/**
 * Requests to one archive host, whichever endpoint (CDX, playback, TimeMap), start a gap apart:
 * no burst from a sliding window, none from two gates of the same host at once.
 */
import { describe, expect, it } from 'vitest';
import { createHostPacer } from '../../src/archive/host-pace.js';
import { archiveFixture } from './helpers.js';

const fixture = archiveFixture();
const urls = Array.from({ length: 3 }, (_, i) => `http://example.org/doc-${i}.html`);

describe('one archive host, several endpoints', () => {
  it('never sees two requests closer than the shortest spacing of its endpoints', async () => {
    // 4 a second on each endpoint: each gate alone lets 4 through back to back.
    const rate = { requests: 4, intervalMs: 1000 };
    const finder = await fixture.finderOn(
      {
        wayback: Object.fromEntries(
          urls.map((u) => [
            u,
            [{ ts: '20200101000000', title: 'Page not found' }, { ts: '20190101000000' }],
          ]),
        ),
      },
      { rate },
      {
        tune: (o) => {
          o.wayback.playbackRate = rate;
        },
      },
    );
    const results = await Promise.all(
      urls.map((url) =>
        finder.find({ url, windowEnd: '2021-04-10', windowStart: null, contentType: null }),
      ),
    );
    expect(results.every((r) => r.capture?.timestamp === '2019-01-01T00:00:00.000Z')).toBe(true);
    const archive = fixture.archive();
    // CDX queries and playbacks, together, on the one host.
    expect(archive.count('/cdx/')).toBe(6);
    expect(archive.count('/web/')).toBe(6);
    // 250 ms apart when they leave; 120 ms leaves room for a request slowed on the wire (a new
    // connection, a busy test machine).
    expect(archive.maxInWindow('/', 120)).toBe(1);
  });
});

describe('createHostPacer (pure timing, fake clock)', () => {
  it('spaces starts per host by the shortest gap registered; other hosts do not wait', async () => {
    let t = 1_000;
    const pacer = createHostPacer(() => t);
    const never = new AbortController().signal;
    const cdx = pacer.slot('https://web.archive.example/cdx', { requests: 15, intervalMs: 60_000 });
    const play = pacer.slot('https://web.archive.example/web', {
      requests: 30,
      intervalMs: 60_000,
    });
    const other = pacer.slot('https://wikiwix.example/cache', { requests: 15, intervalMs: 60_000 });
    expect(await cdx!(t + 10_000, never)).toBe(true);
    // The next start on that host is 2 s later (30 a minute): past a deadline 1 s away, none.
    expect(await play!(t + 1_000, never)).toBe(false);
    // Another host starts at once.
    expect(await other!(t + 1, never)).toBe(true);
    t += 2_000;
    expect(await play!(t + 1, never)).toBe(true);
    expect(pacer.slot('not a url', { requests: 1, intervalMs: 1 })).toBeNull();
  });
});
