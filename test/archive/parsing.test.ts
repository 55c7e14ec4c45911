import { describe, expect, it } from 'vitest';
import { archiveConfigSchema } from '../../src/archive/config.js';
import { mementosOf, parseLinkFormat } from '../../src/archive/linkformat.js';
import { isPrivateTarget } from '../../src/archive/save.js';
import { mimeFamily, sameKind, selectCandidates } from '../../src/archive/select.js';
import {
  parseAvailability,
  parseCdx,
  parseWikiwix,
  rawMementoUrl,
  timemapUrl,
} from '../../src/archive/sources.js';
import { distanceDays, makeWindow, retryAfterMs, waybackToMs } from '../../src/archive/time.js';
import type { Candidate } from '../../src/archive/types.js';

const WB = 'https://web.archive.org';
const URL_ = 'http://example.org/a';

describe('config', () => {
  it('has polite defaults', () => {
    const o = archiveConfigSchema.parse({});
    expect(o.enabled).toBe(true);
    expect(o.wayback.rate).toEqual({ requests: 15, intervalMs: 60_000 });
    expect(o.wayback.baseUrl).toBe('https://web.archive.org');
    expect(o.wikiwix.baseUrl).toBe('https://archive.wikiwix.com');
    expect(o.memento.archives).toEqual([]);
    expect(o.saveNow.enabled).toBe(false);
    expect(o.cache).toEqual({
      path: 'reports/archive-cache.json',
      foundTtlDays: 30,
      noneTtlDays: 7,
    });
  });

  it('refuses a TimeMap template without a placeholder, and trims base URLs', () => {
    expect(
      archiveConfigSchema.safeParse({
        memento: { archives: [{ name: 'x', timemapUrl: 'https://a.example/timemap/' }] },
      }).success,
    ).toBe(false);
    expect(
      archiveConfigSchema.parse({ wayback: { baseUrl: 'http://m.example/' } }).wayback.baseUrl,
    ).toBe('http://m.example');
  });
});

describe('CDX answers', () => {
  it('reads output=json rows by the header, and stops at the resume key', () => {
    const value = [
      ['timestamp', 'original', 'mimetype', 'statuscode', 'digest'],
      ['20210301000000', 'http://example.org:80/a', 'text/html', '200', 'ABC'],
      ['20200101', URL_, 'warc/revisit', '-', 'DEF'],
      [],
      ['org%2Cexample%29%2Fa+20210301000000%21'],
    ];
    const r = parseCdx(value, WB, URL_);
    expect(r.ok && r.candidates).toEqual([
      {
        source: 'wayback',
        timestampMs: Date.parse('2021-03-01T00:00:00Z'),
        playbackUrl: `${WB}/web/20210301000000/${URL_}`,
        rawUrl: `${WB}/web/20210301000000id_/${URL_}`,
        status: 200,
        mimetype: 'text/html',
        digest: 'ABC',
      },
      expect.objectContaining({ status: null, mimetype: 'warc/revisit' }),
    ]);
  });

  it('takes [] and an empty body as no capture, and anything else as unreadable', () => {
    expect(parseCdx([], WB, URL_)).toEqual({ ok: true, candidates: [] });
    expect(parseCdx(null, WB, URL_)).toEqual({ ok: true, candidates: [] });
    expect(parseCdx({ error: 'x' }, WB, URL_).ok).toBe(false);
  });

  it('reads the availability API, empty answers included', () => {
    expect(parseAvailability({ url: URL_, archived_snapshots: {} }, WB, URL_)).toEqual([]);
    const c = parseAvailability(
      {
        url: URL_,
        archived_snapshots: {
          closest: { status: '404', available: true, url: 'x', timestamp: '20130919044612' },
        },
      },
      WB,
      URL_,
    );
    expect(c[0]).toMatchObject({ status: 404, rawUrl: `${WB}/web/20130919044612id_/${URL_}` });
  });

  it('reads Wikiwix apiresponse answers, with or without a copy', () => {
    expect(parseWikiwix({ status: 404 })).toEqual([]);
    const [c] = parseWikiwix({
      status: 200,
      contenttype: 'text/html; charset=utf-8',
      timestamp: 912380400,
      datetime: '19981130000000',
      longformurl: 'https://archive.wikiwix.com/cache/19981130000000/http://x.example/',
    });
    // `timestamp` is the epoch; `datetime` the same instant in Paris local time (CET, UTC+1).
    expect(c).toMatchObject({
      source: 'wikiwix',
      timestampMs: Date.parse('1998-11-29T23:00:00Z'),
      status: 200,
      mimetype: 'text/html; charset=utf-8',
    });
  });

  it('reads a Wikiwix datetime alone as Paris local time, summer and winter', () => {
    const at = (datetime: string) =>
      parseWikiwix({ status: 200, datetime, longformurl: 'https://w.example/c' })[0]?.timestampMs;
    expect(at('19981130000000')).toBe(Date.parse('1998-11-29T23:00:00Z'));
    expect(at('20230715120000')).toBe(Date.parse('2023-07-15T10:00:00Z'));
    expect(at('20231329120000')).toBeUndefined();
  });
});

describe('Memento link-format', () => {
  it('parses TimeMaps with commas inside URIs and dates, and every memento rel', () => {
    const text = `<http://example.org/a,b>; rel="original",
<https://arch.example/timemap/link/http://example.org/a,b>; rel="self"; type="application/link-format"; from="Tue, 20 Jun 2000 18:02:59 GMT",
<https://arch.example/20000620180259/http://example.org/a,b>; rel="first memento"; datetime="Tue, 20 Jun 2000 18:02:59 GMT",
<https://arch.example/20090101000000/http://example.org/a,b>;rel="memento";datetime="Thu, 01 Jan 2009 00:00:00 GMT" ,
<https://arch.example/20200101000000/http://example.org/a,b>; rel="last memento"; datetime="Wed, 01 Jan 2020 00:00:00 GMT"`;
    const links = parseLinkFormat(text);
    expect(links).toHaveLength(5);
    expect(links[1]!.params.from).toBe('Tue, 20 Jun 2000 18:02:59 GMT');
    const m = mementosOf(links);
    expect(m.map((x) => new Date(x.datetimeMs).toISOString().slice(0, 10))).toEqual([
      '2000-06-20',
      '2009-01-01',
      '2020-01-01',
    ]);
    expect(m[0]!.uri).toBe('https://arch.example/20000620180259/http://example.org/a,b');
  });

  it('ignores garbage and links without dates', () => {
    expect(mementosOf(parseLinkFormat('garbage <x>; rel="memento", <y>; rel=memento'))).toEqual([]);
    expect(parseLinkFormat('')).toEqual([]);
  });

  it('fills TimeMap templates and raw playback URLs', () => {
    expect(timemapUrl('https://a.example/timemap/{url}', 'http://x/?q=1')).toBe(
      'https://a.example/timemap/http://x/?q=1',
    );
    expect(timemapUrl('https://a.example/tm?u={urlEncoded}', 'http://x/?q=1')).toBe(
      'https://a.example/tm?u=http%3A%2F%2Fx%2F%3Fq%3D1',
    );
    expect(rawMementoUrl('https://a.example/wayback/20200101000000/http://x/')).toBe(
      'https://a.example/wayback/20200101000000id_/http://x/',
    );
  });
});

describe('dates', () => {
  it('reads Wayback timestamps of any precision', () => {
    expect(waybackToMs('2021')).toBe(Date.parse('2021-01-01T00:00:00Z'));
    expect(waybackToMs('20210315123456')).toBe(Date.parse('2021-03-15T12:34:56Z'));
    expect(waybackToMs('-')).toBeNull();
  });

  it('counts whole days from a date-only access date, 0 on the same day', () => {
    const w = makeWindow(null, '2021-04-10', 0);
    expect(distanceDays(Date.parse('2021-04-10T18:00:00Z'), w)).toBe(0);
    expect(distanceDays(Date.parse('2021-04-09T23:00:00Z'), w)).toBe(-1);
    expect(distanceDays(Date.parse('2021-04-12T01:00:00Z'), w)).toBe(2);
  });

  it('ignores a publication date later than the access date', () => {
    expect(makeWindow('2022-01-01', '2021-01-01', 0).startMs).toBeNull();
  });

  it('reads Retry-After as seconds or as a date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Thu, 01 Jan 2026 00:01:00 GMT', now)).toBe(60_000);
    expect(retryAfterMs(undefined, now)).toBeNull();
    expect(retryAfterMs('soon', now)).toBeNull();
  });
});

describe('candidate selection', () => {
  const cand = (ts: string, over: Partial<Candidate> = {}): Candidate => ({
    source: 'wayback',
    timestampMs: waybackToMs(ts)!,
    playbackUrl: ts,
    rawUrl: ts,
    status: 200,
    mimetype: 'text/html',
    digest: null,
    ...over,
  });

  it('orders before the access date latest first, then after it earliest first', () => {
    const w = makeWindow('2019-01-01', '2021-04-10', 0);
    const sel = selectCandidates(
      [
        cand('20230101'),
        cand('20200101'),
        cand('20210410230000'),
        cand('20180101'),
        cand('20210301', { status: 404 }),
        cand('20220101'),
        cand('20210201', { mimetype: 'application/pdf' }),
        cand('20210101', { status: 206 }),
      ],
      w,
      'text/html; charset=utf-8',
    );
    expect(sel.ordered.map((c) => c.playbackUrl)).toEqual([
      '20210410230000',
      '20210101',
      '20200101',
      '20220101',
      '20230101',
    ]);
    expect(sel).toMatchObject({ beforeStart: 1, errorStatus: 1, otherKind: 1 });
  });

  it('compares kinds of content, unknown types being compatible', () => {
    expect(mimeFamily('application/xhtml+xml')).toBe('html');
    expect(sameKind('text/html', 'application/pdf')).toBe(false);
    expect(sameKind('application/pdf', 'application/x-pdf')).toBe(true);
    expect(sameKind(null, 'application/pdf')).toBe(true);
    expect(sameKind('text/html', 'unk')).toBe(true);
    expect(sameKind('image/png', 'text/html')).toBe(false);
  });
});

describe('private targets for Save Page Now', () => {
  it('refuses loopback, private and local-only names', () => {
    for (const u of [
      'http://127.0.0.1/x',
      'http://10.1.2.3/',
      'http://192.168.1.1/',
      'http://172.20.0.1/',
      'http://169.254.169.254/latest',
      'http://[::1]/',
      'http://[fd00::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://localhost:8080/',
      'http://printer.local/',
      'http://intranet/',
      'not a url',
    ]) {
      expect(isPrivateTarget(u), u).toBe(true);
    }
    expect(isPrivateTarget('https://example.org/report.pdf')).toBe(false);
    expect(isPrivateTarget('http://8.8.8.8/')).toBe(false);
  });
});
