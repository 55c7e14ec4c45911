import { describe, expect, it } from 'vitest';
import { createRobotsChecker } from '../../src/fetch/index.js';
import { bytes, hang, redirect, status, text } from '../support/web.js';
import { setup } from './helpers.js';

const UA = 'rotwatch';

describe('robots.txt', () => {
  it('applies the rules for our user agent, fetching robots.txt once per origin', async () => {
    const { web, fetcher } = await setup(['alpha.test']);
    const alpha = web.host('alpha.test');
    alpha.route(
      '/robots.txt',
      text('User-agent: *\nDisallow: /private/\n\nUser-agent: rotwatch\nDisallow: /no-bots\n'),
    );
    const robots = createRobotsChecker(fetcher);
    const results = await Promise.all([
      robots.isAllowed(`${alpha.origin}/public/page`, UA),
      robots.isAllowed(`${alpha.origin}/no-bots`, UA),
      robots.isAllowed(`${alpha.origin}/private/x`, 'otherbot'),
      robots.isAllowed(`${alpha.origin}/no-bots`, 'otherbot'),
    ]);
    expect(results).toEqual([true, false, false, true]);
    expect(alpha.requests.filter((r) => r.path === '/robots.txt')).toHaveLength(1);
    expect(await robots.check(`${alpha.origin}/no-bots`, UA)).toMatchObject({
      allowed: false,
      basis: 'rules',
    });
  });

  it('reads robots.txt whatever its content type, and after a redirect', async () => {
    const { web, fetcher } = await setup(['alpha.test', 'www.alpha.test']);
    const alpha = web.host('alpha.test');
    const www = web.host('www.alpha.test');
    alpha.route('/robots.txt', redirect(301, `${www.origin}/robots.txt`));
    www.route(
      '/robots.txt',
      bytes(Buffer.from('User-agent: *\nDisallow: /secret\n'), 'application/octet-stream'),
    );
    const robots = createRobotsChecker(fetcher);
    expect(await robots.isAllowed(`${alpha.origin}/secret/1`, UA)).toBe(false);
    expect(await robots.isAllowed(`${alpha.origin}/open`, UA)).toBe(true);
  });

  it('allows everything when robots.txt is 4xx', async () => {
    const { web, fetcher } = await setup(['alpha.test', 'beta.test']);
    const alpha = web.host('alpha.test');
    web.host('beta.test').route('/robots.txt', status(403));
    const robots = createRobotsChecker(fetcher);
    expect(await robots.isAllowed(`${alpha.origin}/anything`, UA)).toBe(true); // 404
    expect(await robots.check(`${alpha.origin}/anything`, UA)).toMatchObject({
      basis: 'no-robots',
    });
    expect(await robots.isAllowed(`${web.host('beta.test').origin}/x`, UA)).toBe(true);
  });

  it('disallows everything when robots.txt is 5xx, 429 or unreachable', async () => {
    const { web, fetcher } = await setup(['alpha.test', 'beta.test', 'gamma.test'], {
      timeoutMs: 100,
    });
    web.host('alpha.test').route('/robots.txt', status(503));
    web.host('beta.test').route('/robots.txt', status(429));
    web.host('gamma.test').route('/robots.txt', hang());
    const robots = createRobotsChecker(fetcher);
    for (const name of ['alpha.test', 'beta.test', 'gamma.test']) {
      const decision = await robots.check(`${web.host(name).origin}/page`, UA);
      expect(decision.allowed).toBe(false);
      expect(decision.basis).toBe('unreachable');
    }
    const timedOut = await robots.check(`${web.host('gamma.test').origin}/page`, UA);
    expect(timedOut.error?.code).toBe('timeout');
  });

  it('has no say over URLs the fetch policy refuses anyway', async () => {
    const { fetcher } = await setup(['alpha.test'], { allowPrivateAddresses: false });
    const robots = createRobotsChecker(fetcher);
    expect(await robots.check('http://alpha.test/x', UA)).toMatchObject({
      allowed: true,
      basis: 'not-applicable',
    });
    expect(await robots.isAllowed('mailto:x@example.org', UA)).toBe(true);
  });
});
