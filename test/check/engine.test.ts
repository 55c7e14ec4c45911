import diagnostics from 'node:diagnostics_channel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../../src/check/index.js';
import type { Report, Target } from '../../src/model/index.js';
import { html, redirect, startTestWeb, status, type TestWeb } from '../support/web.js';

/** Fast settings: tests shorten delays through options instead of waiting out defaults. */
const fast = {
  allowPrivateAddresses: true,
  perHostInterval: 0,
  timeout: 2_000,
  retries: 0,
  backoffBase: 5,
  archive: { enabled: false },
};

const target = (url: string, ...ids: string[]): Target => ({
  url,
  citations: (ids.length ? ids : ['e1']).map((id, i) => ({
    id,
    file: 'cat.yaml',
    line: 10 + i,
    title: id,
  })),
});

const linkOf = (report: Report, url: string) => {
  const link = report.links.find((l) => l.url === url);
  if (!link) throw new Error(`no link ${url} in report`);
  return link;
};

describe('check() against a multi-host loopback web', () => {
  let web: TestWeb;
  beforeAll(async () => {
    web = await startTestWeb(['site.test', 'catchall.test', 'moved.test', 'wall.test']);
    const site = web.host('site.test');
    site.route('/', html('<title>Accueil</title>'));
    site.route(
      '/doc',
      html(
        '<html lang="fr"><head><title>Le rapport</title></head><body><h1>Le rapport</h1></body></html>',
      ),
    );
    site.route('/gone', status(410));
    site.route('/old', redirect(301, '/new'));
    site.route('/new', html('<title>Nouvelle adresse</title>'));
    site.route('/deep/article-42', redirect(301, '/'));
    site.route('/soft', html('<title>Page non trouvée</title><h1>Erreur 404</h1>'));
    site.route('/temp', redirect(302, '/doc'));
    const catchall = web.host('catchall.test');
    // A host that answers 200 with its home page to any path: only the probe can tell.
    const home = html(
      '<title>Catch-all Inc</title><h1>Welcome</h1><p>Our products and services.</p>',
    );
    catchall.route('/', home);
    catchall.route(
      '/real',
      html('<title>Annual report 2020</title><h1>Annual report</h1><p>Figures for 2020.</p>'),
    );
    catchall.route('*', home);
    const wall = web.host('wall.test');
    wall.route(
      '/p',
      html('<title>Just a moment...</title>', {
        status: 403,
        headers: { 'cf-mitigated': 'challenge' },
      }),
    );
    wall.route('/private', status(401));
  });
  afterAll(() => web.close());

  const url = (host: string, path: string) => `${web.host(host).origin}${path}`;

  it('gives each kind of answer its verdict and reason', async () => {
    const urls = {
      ok: url('site.test', '/doc'),
      gone: url('site.test', '/gone'),
      missing: url('site.test', '/nothing-here'),
      moved: url('site.test', '/old'),
      home: url('site.test', '/deep/article-42'),
      soft: url('site.test', '/soft'),
      temp: url('site.test', '/temp'),
      wall: url('wall.test', '/p'),
      auth: url('wall.test', '/private'),
    };
    const report = await check(
      Object.values(urls).map((u) => target(u)),
      { ...fast, lookup: web.lookup },
    );
    const verdict = (u: string) => [linkOf(report, u).status, linkOf(report, u).reason];
    expect(verdict(urls.ok)).toEqual(['ok', null]);
    expect(linkOf(report, urls.ok).title).toBe('Le rapport');
    expect(linkOf(report, urls.ok).meta.lang).toBe('fr');
    expect(verdict(urls.gone)).toEqual(['dead', 'http-410']);
    expect(verdict(urls.missing)).toEqual(['dead', 'http-404']);
    expect(verdict(urls.moved)).toEqual(['redirected', 'moved-permanently']);
    expect(linkOf(report, urls.moved).suggestedUrl).toBe(url('site.test', '/new'));
    expect(linkOf(report, urls.moved).redirects).toEqual([
      { url: urls.moved, status: 301, location: url('site.test', '/new') },
    ]);
    expect(verdict(urls.home)).toEqual(['dead', 'redirect-to-home']);
    expect(verdict(urls.soft)).toEqual(['dead', 'soft-404']);
    expect(verdict(urls.temp)).toEqual(['ok', null]);
    expect(linkOf(report, urls.temp).finalUrl).toBe(urls.ok);
    expect(linkOf(report, urls.wall).status).toBe('blocked');
    expect(linkOf(report, urls.auth).status).toBe('blocked');
    expect(report.summary.total).toBe(9);
    expect(report.run.network.status).toBe('ok');
    expect(report.run.complete).toBe(true);
  });

  it('catches a host that answers 200 to any path by probing it once, and spares its real pages', async () => {
    const vanished = url('catchall.test', '/vanished');
    const real = url('catchall.test', '/real');
    const before = web.host('catchall.test').requests.length;
    const report = await check([target(vanished), target(real)], { ...fast, lookup: web.lookup });
    expect([linkOf(report, vanished).status, linkOf(report, vanished).reason]).toEqual([
      'dead',
      'soft-404',
    ]);
    expect(linkOf(report, real).status).toBe('ok');
    const probes = web
      .host('catchall.test')
      .requests.slice(before)
      .filter((r) => r.path.includes('probe'));
    expect(probes).toHaveLength(1);
  });

  it('requests a URL once however many entries cite it, and keeps every citation', async () => {
    const u = url('site.test', '/doc');
    const before = web.host('site.test').requests.filter((r) => r.path === '/doc').length;
    const report = await check([target(u, 'a', 'b', 'c')], { ...fast, lookup: web.lookup });
    const after = web.host('site.test').requests.filter((r) => r.path === '/doc').length;
    expect(after - before).toBe(1);
    expect(linkOf(report, u).entries.map((e) => e.id)).toEqual(['a', 'b', 'c']);
  });

  it('refuses loopback addresses unless allowed: a catalogue must not make CI probe its own network', async () => {
    const u = url('site.test', '/doc');
    const report = await check([target(u)], {
      ...fast,
      allowPrivateAddresses: false,
      lookup: web.lookup,
    });
    expect([linkOf(report, u).status, linkOf(report, u).reason]).toEqual([
      'skipped',
      'private-address',
    ]);
  });
});

describe('politeness seen by the servers', () => {
  it('never exceeds the per-host concurrency nor the minimum gap between starts', async () => {
    const web = await startTestWeb(['busy.test', 'other.test'], { latencyMs: 20 });
    // When each request left, by host: undici announces every request it creates. (Stamped on
    // arrival at the servers instead, gaps shrank under load, the servers sharing this process's
    // event loop: the property is when rotwatch sends.)
    const sent = new Map<string, number[]>();
    const onCreate = (message: unknown) => {
      const { origin } = (message as { request: { origin: string } }).request;
      const host = new URL(origin).host;
      sent.set(host, [...(sent.get(host) ?? []), performance.now()]);
    };
    diagnostics.subscribe('undici:request:create', onCreate);
    try {
      for (let i = 0; i < 8; i++)
        web.host('busy.test').route(`/p${i}`, html(`<title>p${i}</title>`));
      for (let i = 0; i < 3; i++)
        web.host('other.test').route(`/q${i}`, html(`<title>q${i}</title>`));
      const targets = [
        ...Array.from({ length: 8 }, (_, i) => target(`${web.host('busy.test').origin}/p${i}`)),
        ...Array.from({ length: 3 }, (_, i) => target(`${web.host('other.test').origin}/q${i}`)),
      ];
      const report = await check(targets, {
        ...fast,
        perHost: 2,
        perHostInterval: 120,
        lookup: web.lookup,
      });
      expect(report.summary.ok).toBe(11);
      for (const name of ['busy.test', 'other.test']) {
        const host = web.host(name);
        expect(host.maxConcurrent).toBeLessThanOrEqual(2);
        const starts = sent.get(new URL(host.origin).host) ?? [];
        // Every page, and the probe of a path that cannot exist, went through the lane.
        expect(starts.length).toBe(host.requests.length);
        const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
        // The lane releases a request once the interval has passed; undici creates it a few
        // microtasks later, so two creations are never much closer than the interval.
        expect(Math.min(...gaps)).toBeGreaterThanOrEqual(110);
      }
    } finally {
      diagnostics.unsubscribe('undici:request:create', onCreate);
      await web.close();
    }
  });
});

describe('network health', () => {
  it('calls the run inconclusive, not the catalogue dead, when no host answers', async () => {
    // Every name fails DNS like an offline machine's resolver does (ENOTFOUND).
    const offline = (_h: string, _o: object, cb: (...args: unknown[]) => void) =>
      cb(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }));
    const targets = ['a', 'b', 'c', 'd'].map((h) => target(`https://${h}.example.org/page`));
    const report = await check(targets, { ...fast, lookup: offline });
    expect(report.run.network.status).toBe('down');
    expect(report.summary.dead).toBe(0);
    expect(report.links.every((l) => l.status === 'error' && l.reason === 'network-down')).toBe(
      true,
    );
  });
});

describe('a small run that fails everywhere', () => {
  it('asks a canary: a dead domain on a working network is not "network down"', async () => {
    const web = await startTestWeb(['canary.test']);
    try {
      const canary = web.host('canary.test');
      // gone.test does not resolve; canary.test does, through the same lookup the checker uses.
      const lookup = (host: string, o: object, cb: (...args: unknown[]) => void) =>
        host === 'gone.test'
          ? cb(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }))
          : web.lookup(host, o, cb);
      const gone = target('https://gone.test/report.pdf');
      const up = await check([gone], { ...fast, lookup, networkCanaries: [canary.origin] });
      expect(up.run.network.status).toBe('ok');
      expect([up.links[0]?.status, up.links[0]?.reason]).toEqual(['error', 'dns-nxdomain']);
      expect(canary.requests).toHaveLength(0); // a TCP connection, no request

      const closed = `http://canary.test:1/`;
      const down = await check([gone], { ...fast, lookup, networkCanaries: [closed] });
      expect(down.run.network.status).toBe('down');
      expect(down.links[0]?.reason).toBe('network-down');
    } finally {
      await web.close();
    }
  });
});

describe('a run stopped while a probe is out', () => {
  it('leaves the link out rather than calling it ok without the probe', async () => {
    const web = await startTestWeb(['slowprobe.test']);
    const controller = new AbortController();
    try {
      const host = web.host('slowprobe.test');
      host.route('/page', html('<title>Some page</title><h1>Some page</h1><p>text</p>'));
      // The probe reaches the catch-all route: the run is stopped then, and it never answers.
      host.route('*', () => controller.abort());
      const report = await check([target(`${host.origin}/page`)], {
        ...fast,
        lookup: web.lookup,
        signal: controller.signal,
      });
      expect(host.requests.some((r) => r.path.includes('probe'))).toBe(true);
      expect(report.run.complete).toBe(false);
      expect(report.links).toHaveLength(0);
    } finally {
      await web.close();
    }
  });
});

describe('a run stopped while robots.txt hangs', () => {
  it('returns at once and calls no link skipped by robots', async () => {
    const web = await startTestWeb(['robots.test']);
    const controller = new AbortController();
    try {
      const host = web.host('robots.test');
      host.route('/page', html('<title>Page</title>'));
      host.route('/robots.txt', () => controller.abort()); // stop the run; never answer
      const report = await check([target(`${host.origin}/page`)], {
        ...fast,
        timeout: 60_000, // a robots.txt fetch that ignored the stop would outlast the test
        respectRobots: true,
        lookup: web.lookup,
        signal: controller.signal,
      });
      expect(report.run.complete).toBe(false);
      expect(report.links).toHaveLength(0);
    } finally {
      await web.close();
    }
  });
});
