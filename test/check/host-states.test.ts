import { describe, expect, it } from 'vitest';
import { hostStates } from '../../src/check/host-states.js';
import type { HostState, StoredProbe, Target } from '../../src/model/index.js';
import { createMemoryStore } from '../../src/store/index.js';

const target = (url: string): Target => ({ url, citations: [] });

const probe = (url: string, probedAt: string): StoredProbe => ({
  probedAt,
  url,
  status: 404,
  finalUrl: url,
  contentType: 'text/html',
  title: null,
  htmlTitle: 'Not found',
  h1: null,
  text: 'not found',
});

describe('hostStates', () => {
  it("reads the stored probes of the targets' origins only, keyed by scheme, host and non-default port", async () => {
    const store = createMemoryStore({
      hosts: [
        {
          host: 'https://a.example.org',
          updatedAt: 't',
          probe: probe('https://a.example.org/x', 't'),
        },
        { host: 'http://a.example.org', updatedAt: 't', probe: probe('http://a/x', 't') },
        { host: 'http://b.example.org:8080', updatedAt: 't', probe: probe('http://b/x', 't') },
        {
          host: 'https://c.example.org',
          updatedAt: 't',
          probe: probe('https://c.example.org/x', 't'),
        },
      ],
    });
    const hosts = await hostStates(store, [
      target('https://A.example.org/doc'),
      target('http://b.example.org:8080/doc'),
    ]);
    expect(hosts.probe('https://a.example.org')?.url).toBe('https://a.example.org/x');
    expect(hosts.probe('http://b.example.org:8080')?.url).toBe('http://b/x');
    // Not an origin of this run (another scheme, another host): never read, never answered.
    expect(hosts.probe('http://a.example.org')).toBeUndefined();
    expect(hosts.probe('https://c.example.org')).toBeUndefined();
  });

  it('answers a kept probe at once and writes it to the store on flush', async () => {
    const store = createMemoryStore();
    const hosts = await hostStates(store, [target('https://a.example.org/doc')]);
    const fresh = probe('https://a.example.org/zz', '2026-06-01T00:00:00.000Z');
    hosts.keep('https://a.example.org', fresh);
    expect(hosts.probe('https://a.example.org')).toEqual(fresh);
    await hosts.flush();
    const stored = await store.readHosts(['https://a.example.org']);
    expect(stored.get('https://a.example.org')).toEqual({
      host: 'https://a.example.org',
      updatedAt: '2026-06-01T00:00:00.000Z',
      probe: fresh,
    });
  });

  it('keeps what else the history knows of a host when its probe is replaced', async () => {
    const known = {
      host: 'https://a.example.org',
      updatedAt: 'old',
      probe: probe('https://a.example.org/old', 'old'),
      // A field a later version may add to HostState: carried over, never dropped.
      note: 'kept',
    } as HostState;
    const store = createMemoryStore({ hosts: [known] });
    const hosts = await hostStates(store, [target('https://a.example.org/doc')]);
    hosts.keep('https://a.example.org', probe('https://a.example.org/new', 'new'));
    await hosts.flush();
    const stored = (await store.readHosts(['https://a.example.org'])).get('https://a.example.org');
    expect(stored).toMatchObject({ note: 'kept', updatedAt: 'new' });
    expect(stored?.probe?.url).toBe('https://a.example.org/new');
  });

  it('writes every kept probe across batches by the last flush', async () => {
    const store = createMemoryStore();
    const urls = Array.from({ length: 250 }, (_, i) => `https://h${i}.example.org/doc`);
    const hosts = await hostStates(store, urls.map(target));
    urls.forEach((url, i) => {
      hosts.keep(`https://h${i}.example.org`, probe(url, `t${i}`));
    });
    await hosts.flush();
    const stored = await store.readHosts(urls.map((_, i) => `https://h${i}.example.org`));
    expect(stored.size).toBe(250);
    expect(stored.get('https://h249.example.org')?.updatedAt).toBe('t249');
  });

  it('never fails the run when the store cannot write: the flush resolves', async () => {
    const store = {
      ...createMemoryStore(),
      async writeHosts() {
        throw new Error('disk full');
      },
    };
    const hosts = await hostStates(store, [target('https://a.example.org/doc')]);
    hosts.keep('https://a.example.org', probe('https://a.example.org/zz', 't'));
    await expect(hosts.flush()).resolves.toBeUndefined();
    // The answer is still reused within this run.
    expect(hosts.probe('https://a.example.org')?.url).toBe('https://a.example.org/zz');
  });
});
