import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { createFetcher, isPrivateAddress } from '../../src/fetch/index.js';
import { createLookup, html, redirect, startTestWeb } from '../support/web.js';
import { setup, testOptions } from './helpers.js';

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1',
    '127.0.0.2',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '100.127.255.255',
    '0.0.0.0',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fc00::1',
    'fd00:ec2::254',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:169.254.169.254',
    '::ffff:10.0.0.1',
    '[::1]',
    '0:0:0:0:0:ffff:7f00:1',
    '::127.0.0.1',
    '64:ff9b::a00:1',
    '2002:7f00:1::',
    '2002:a9fe:a9fe::1',
    'ff02::1',
    'fe80::1%eth0',
    'not-an-ip',
  ])('refuses %s', (ip) => {
    expect(isPrivateAddress(ip)).toBe(true);
  });

  it.each([
    '93.184.215.14',
    '8.8.8.8',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700::1111',
    '::ffff:8.8.8.8',
  ])('allows %s', (ip) => {
    expect(isPrivateAddress(ip)).toBe(false);
  });
});

describe('fetch: address guard', () => {
  it('refuses loopback by default, both by name and as a literal IP, without connecting', async () => {
    const web = await startTestWeb(['alpha.test']);
    const alpha = web.host('alpha.test');
    alpha.route('/', html('secret'));
    const fetcher = createFetcher(testOptions(web, { allowPrivateAddresses: false }));
    try {
      const byName = await fetcher.fetch(`${alpha.origin}/`);
      expect(byName.error).toMatchObject({ code: 'private-address', level: 'policy' });
      expect(byName.response).toBeNull();
      const literal = await fetcher.fetch(`http://${alpha.ip}:${alpha.port}/`);
      expect(literal.error?.code).toBe('private-address');
      const v6 = await fetcher.fetch('http://[::1]:1/');
      expect(v6.error?.code).toBe('private-address');
      expect(alpha.requests).toHaveLength(0);
    } finally {
      await fetcher.close();
      await web.close();
    }
  });

  it('checks every redirect hop: a "public" host cannot send us to a private one', async () => {
    const web = await startTestWeb(['public.test', 'internal.test']);
    const pub = web.host('public.test');
    const internal = web.host('internal.test');
    pub.route('/by-name', redirect(302, `${internal.origin}/admin`));
    pub.route('/by-ip', redirect(302, `http://${internal.ip}:${internal.port}/admin`));
    pub.route('/ok', html('public page'));
    internal.route('/admin', html('secret'));
    // Test hook: treat public.test's loopback address as public; the default guard stays on for the rest.
    const fetcher = createFetcher(testOptions(web, { allowPrivateAddresses: false }), {
      isRefusedAddress: (ip) => ip !== pub.ip && isPrivateAddress(ip),
    });
    try {
      const ok = await fetcher.fetch(`${pub.origin}/ok`);
      expect(ok.error).toBeNull();
      expect(ok.response?.status).toBe(200);
      for (const path of ['/by-name', '/by-ip']) {
        const out = await fetcher.fetch(`${pub.origin}${path}`);
        expect(out.error?.code).toBe('private-address');
        expect(out.hops).toHaveLength(1);
        expect(out.response).toBeNull();
      }
      expect(internal.requests).toHaveLength(0);
    } finally {
      await fetcher.close();
      await web.close();
    }
  });

  it('checks the address actually connected to (DNS answer changes between lookups)', async () => {
    const web = await startTestWeb(['alpha.test', 'beta.test']);
    const alpha = web.host('alpha.test');
    const beta = web.host('beta.test');
    alpha.route('/', html('a'));
    beta.route('/', html('b'));
    // rebind.test first resolves to the "public" alpha address, later to beta's private one.
    let calls = 0;
    const fetcher = createFetcher(
      testOptions(null, {
        allowPrivateAddresses: false,
        lookup: (host, opts, cb) =>
          createLookup({ 'rebind.test': calls++ === 0 ? alpha.ip : beta.ip })(host, opts, cb),
      }),
      { isRefusedAddress: (ip) => ip !== alpha.ip && isPrivateAddress(ip) },
    );
    try {
      const first = await fetcher.fetch(`http://rebind.test:${alpha.port}/`);
      expect(first.response?.status).toBe(200);
      expect(first.remoteAddress).toBe(alpha.ip);
      // A new connection (another port, so no keep-alive reuse) must resolve and check again.
      const second = await fetcher.fetch(`http://rebind.test:${beta.port}/`);
      expect(second.error?.code).toBe('private-address');
      expect(beta.requests).toHaveLength(0);
    } finally {
      await fetcher.close();
      await web.close();
    }
  });
});

describe('fetch: connection errors', () => {
  it('maps a name that does not resolve to dns-nxdomain', async () => {
    const { fetcher } = await setup(['alpha.test']);
    const out = await fetcher.fetch('http://missing.invalid/');
    expect(out.error).toMatchObject({ code: 'dns-nxdomain', level: 'connection' });
    expect(out.attempts).toBe(1);
  });

  it('maps a temporary DNS failure to dns-failure', async () => {
    const fetcher = createFetcher(
      testOptions(null, {
        lookup: (hostname, _opts, cb) =>
          process.nextTick(() =>
            cb(
              Object.assign(new Error(`getaddrinfo EAI_AGAIN ${hostname}`), {
                code: 'EAI_AGAIN',
                syscall: 'getaddrinfo',
              }),
            ),
          ),
      }),
    );
    try {
      const out = await fetcher.fetch('http://flaky-dns.test/');
      expect(out.error).toMatchObject({ code: 'dns-failure', level: 'connection' });
    } finally {
      await fetcher.close();
    }
  });

  it('maps a port with nothing listening to connection-refused', async () => {
    const { web, fetcher } = await setup(['alpha.test']);
    // Grab a free port on alpha's address, then close it again so nothing listens there.
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, web.host('alpha.test').ip, r));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const out = await fetcher.fetch(`http://alpha.test:${port}/`);
    expect(out.error).toMatchObject({ code: 'connection-refused', level: 'connection' });
  });

  it('rejects bad URLs and other schemes without touching the network', async () => {
    const { fetcher } = await setup(['alpha.test']);
    expect((await fetcher.fetch('not a url')).error).toMatchObject({
      code: 'invalid-url',
      level: 'policy',
    });
    expect((await fetcher.fetch('ftp://example.org/x')).error?.code).toBe('unsupported-scheme');
    expect((await fetcher.fetch('mailto:someone@example.org')).error?.code).toBe(
      'unsupported-scheme',
    );
  });

  it('maps a malformed HTTP answer to protocol-error', async () => {
    const raw = net.createServer((s) => {
      s.on('data', () => s.end('HTTP/1.1 200 OK\r\nContent-Length: nonsense\r\n\r\nhello'));
    });
    await new Promise<void>((r) => raw.listen(0, '127.0.0.2', r));
    const port = (raw.address() as net.AddressInfo).port;
    const fetcher = createFetcher(
      testOptions(null, { lookup: createLookup({ 'raw.test': '127.0.0.2' }) }),
    );
    try {
      const out = await fetcher.fetch(`http://raw.test:${port}/`);
      expect(out.error).toMatchObject({ code: 'protocol-error', level: 'http' });
    } finally {
      await fetcher.close();
      await new Promise<void>((r) => raw.close(() => r()));
    }
  });
});
