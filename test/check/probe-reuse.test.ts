/**
 * The random-path probe as the servers see it: paced with the host's other requests (its gap
 * counted from when a request really leaves), and kept in the history so that a weekly run
 * sends about one request per URL.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineDeps } from '../../src/check/engine.js';
import type { StoredProbe, Target } from '../../src/model/index.js';
import { citedOnce } from '../support/check-targets.js';
import { engineRun as runEngine } from '../support/engine-run.js';
import { html, redirect, startTestWeb, status, type TestWeb } from '../support/web.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function web(names: string[]): Promise<TestWeb> {
  const w = await startTestWeb(names);
  cleanups.push(() => w.close());
  return w;
}

type Lookup = Parameters<typeof runEngine>[1];

/** Runs the engine once over `targets` with a fetcher of its own. */
const engineRun = (
  targets: Target[],
  lookup: Lookup,
  options: Record<string, unknown>,
  deps: Partial<EngineDeps> = {},
) => runEngine(targets, lookup, { options, deps });

const verdicts = (r: Awaited<ReturnType<typeof engineRun>>) =>
  Object.fromEntries(
    r.observations.map((o) => [
      new URL(o.target.url).pathname,
      [o.classification.status, o.classification.reason],
    ]),
  );

/** A history of probe answers, in memory, as the store keeps them. */
function probeHistory() {
  const kept = new Map<string, StoredProbe>();
  return {
    kept,
    deps: {
      storedProbe: (host: string) => kept.get(host),
      onProbe: (host: string, probe: StoredProbe) => void kept.set(host, probe),
    },
  };
}

describe('the probe is paced like any request to the host', () => {
  it('keeps the interval as the server sees it, even when DNS and connections are slow', async () => {
    const w = await web(['paced.test']);
    const host = w.host('paced.test');
    for (let i = 0; i < 4; i++) {
      host.route(`/doc/${i}`, html(`<title>Document ${i}</title><h1>Document ${i}</h1>`));
    }
    host.route('/moved', redirect(302, '/doc/0'));
    // Every new connection waits for a slow resolver: requests admitted on time leave late,
    // while the next one leaves at once on a connection already open.
    const slowLookup: Lookup = (name, o, cb) => void setTimeout(() => w.lookup(name, o, cb), 95);
    const targets = [
      ...[0, 1, 2, 3].map((i) => citedOnce(`${host.origin}/doc/${i}`)),
      citedOnce(`${host.origin}/moved`),
    ];
    // A first run warms the code up, so that the measured run's requests follow each other
    // closely (the first page read of a process can take longer than the interval).
    await engineRun([citedOnce(`${host.origin}/doc/0`)], w.lookup, {});
    host.requests.length = 0;
    const result = await engineRun(targets, slowLookup, { perHost: 1, perHostInterval: 100 });
    expect(Object.values(verdicts(result)).every(([s]) => s === 'ok')).toBe(true);
    expect(host.requests.some((r) => r.path.includes('rotwatch-probe'))).toBe(true);
    const starts = host.requests.map((r) => r.startedAt).sort((a, b) => a - b);
    const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
    // Stamped on arrival, in whole milliseconds, for requests sent 100 ms apart.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(90);
  });
});

describe("a host's pages while its probe is out", () => {
  it('are fetched meanwhile: the host does not stand idle waiting for the answer', async () => {
    const w = await web(['slowprobe.test']);
    const host = w.host('slowprobe.test');
    const pages = 10;
    for (let i = 0; i < pages; i++) {
      host.route(`/doc/${i}`, html(`<title>Document ${i}</title><h1>Document ${i}</h1>`));
    }
    const seen = () => host.requests.filter((r) => r.path.startsWith('/doc/')).length;
    let seenWhenAnswered = -1;
    // The probe is answered once every page was asked for (or after 3 s, if they never are).
    host.route('*', async (_req, res) => {
      for (let waited = 0; seen() < pages && waited < 3_000; waited += 10) {
        await new Promise((r) => setTimeout(r, 10));
      }
      seenWhenAnswered = seen();
      res.writeHead(404, { 'content-type': 'text/html' }).end('<title>Not found</title>');
    });
    const targets = Array.from({ length: pages }, (_, i) => citedOnce(`${host.origin}/doc/${i}`));
    const result = await engineRun(targets, w.lookup, { perHost: 2 });
    expect(host.requests.filter((r) => r.path.includes('rotwatch-probe'))).toHaveLength(1);
    expect(seenWhenAnswered).toBe(pages);
    expect(Object.values(verdicts(result)).every(([s]) => s === 'ok')).toBe(true);
  });
});

describe('the probe answer is kept in the history and reused', () => {
  async function cleanWeb() {
    const w = await web(['one.test', 'two.test']);
    for (const name of ['one.test', 'two.test']) {
      for (let i = 0; i < 3; i++) {
        w.host(name).route(`/p/${i}`, html(`<title>${name} ${i}</title><h1>Page ${i}</h1>`));
      }
    }
    const targets = ['one.test', 'two.test'].flatMap((n) =>
      [0, 1, 2].map((i) => citedOnce(`${w.host(n).origin}/p/${i}`)),
    );
    const count = () => w.host('one.test').requests.length + w.host('two.test').requests.length;
    return { w, targets, count };
  }

  it('sends one request per URL on the second run, and probes again once the answer is old', async () => {
    const { w, targets, count } = await cleanWeb();
    const history = probeHistory();
    let today = new Date('2026-03-02T06:00:00Z');
    const now = () => today;

    await engineRun(targets, w.lookup, {}, { ...history.deps, now });
    expect(count()).toBe(targets.length + 2); // one probe per host
    expect([...history.kept.keys()].sort()).toEqual(
      [w.host('one.test'), w.host('two.test')].map((h) => h.origin).sort(),
    );
    expect(history.kept.get(w.host('one.test').origin)?.status).toBe(404);

    today = new Date('2026-03-09T06:00:00Z');
    const before = count();
    const second = await engineRun(targets, w.lookup, {}, { ...history.deps, now });
    expect(count() - before).toBe(targets.length);
    expect(Object.values(verdicts(second)).every(([s]) => s === 'ok')).toBe(true);

    // 31 days after the probes: asked again, and kept again.
    today = new Date('2026-04-02T06:00:00Z');
    const third = count();
    await engineRun(targets, w.lookup, {}, { ...history.deps, now });
    expect(count() - third).toBe(targets.length + 2);
    expect(history.kept.get(w.host('two.test').origin)?.probedAt).toBe(today.toISOString());
  });

  it('probes every run with probeReuseDays: 0', async () => {
    const { w, targets, count } = await cleanWeb();
    const history = probeHistory();
    await engineRun(targets, w.lookup, { probeReuseDays: 0 }, history.deps);
    const before = count();
    await engineRun(targets, w.lookup, { probeReuseDays: 0 }, history.deps);
    expect(count() - before).toBe(targets.length + 2);
  });

  it('still catches a catch-all host from its stored answer, and confirms it before calling a page gone', async () => {
    const w = await web(['catchall.test']);
    const host = w.host('catchall.test');
    const home = html('<title>Shop</title><h1>Welcome</h1><p>Our products and our services.</p>');
    host.route('*', home);
    host.route('/real', html('<title>Annual report</title><h1>Report</h1><p>Figures.</p>'));
    const history = probeHistory();
    const targets = [citedOnce(`${host.origin}/vanished`), citedOnce(`${host.origin}/real`)];
    const first = await engineRun(targets, w.lookup, {}, history.deps);
    expect(verdicts(first)).toEqual({ '/vanished': ['dead', 'soft-404'], '/real': ['ok', null] });

    const before = host.requests.length;
    const second = await engineRun(targets, w.lookup, {}, history.deps);
    expect(verdicts(second)).toEqual({ '/vanished': ['dead', 'soft-404'], '/real': ['ok', null] });
    // The dead call rests on a probe: confirmed by one fresh probe, not one per page.
    const probes = host.requests.slice(before).filter((r) => r.path.includes('rotwatch-probe'));
    expect(probes).toHaveLength(1);
    expect(host.requests.length - before).toBe(targets.length + 1);
  });

  it('keeps no throttled or failing answer: the next run probes again', async () => {
    const w = await web(['busy.test']);
    const host = w.host('busy.test');
    const home = html('<title>Shop</title><h1>Welcome</h1><p>Our products and our services.</p>');
    let probes = 0;
    // A catch-all host whose probe was throttled (then down) the first runs, not the page.
    host.route('*', (req, res) => {
      if (!req.url?.includes('rotwatch-probe')) return home(req, res);
      probes++;
      if (probes === 1) return status(429, { headers: { 'retry-after': '1' } })(req, res);
      if (probes === 2) return status(503)(req, res);
      return home(req, res);
    });
    const history = probeHistory();
    const targets = [citedOnce(`${host.origin}/vanished`)];
    // Without a usable probe answer the page cannot be told from the catch-all: not dead.
    expect(verdicts(await engineRun(targets, w.lookup, {}, history.deps))).toEqual({
      '/vanished': ['ok', null],
    });
    expect(history.kept.size).toBe(0);
    await engineRun(targets, w.lookup, {}, history.deps);
    expect(history.kept.size).toBe(0);
    // The answer was not kept for 30 days: the third run asks, and sees the catch-all.
    expect(verdicts(await engineRun(targets, w.lookup, {}, history.deps))).toEqual({
      '/vanished': ['dead', 'soft-404'],
    });
    expect(probes).toBe(3);
    expect(history.kept.get(host.origin)?.status).toBe(200);
  });

  it('never calls a page gone on a stale stored answer the host no longer gives', async () => {
    const w = await web(['fixed.test']);
    const host = w.host('fixed.test');
    const page = '<title>Our shop</title><h1>Welcome</h1><p>Our products and our services.</p>';
    host.route('/catalogue/item-7', html(page));
    // Stored when the host answered every path with this page; it now answers 404.
    const stale: StoredProbe = {
      probedAt: new Date().toISOString(),
      url: `${host.origin}/rotwatch-probe-0123456789abcdef`,
      status: 200,
      finalUrl: `${host.origin}/rotwatch-probe-0123456789abcdef`,
      contentType: 'text/html',
      title: 'Our shop',
      htmlTitle: 'Our shop',
      h1: 'Welcome',
      text: 'Welcome Our products and our services.',
    };
    const history = probeHistory();
    history.kept.set(host.origin, stale);
    const result = await engineRun(
      [citedOnce(`${host.origin}/catalogue/item-7`)],
      w.lookup,
      {},
      history.deps,
    );
    expect(verdicts(result)).toEqual({ '/catalogue/item-7': ['ok', null] });
    expect(host.requests.filter((r) => r.path.includes('rotwatch-probe'))).toHaveLength(1);
    expect(history.kept.get(host.origin)?.status).toBe(404);
  });
});
