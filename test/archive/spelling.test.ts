import { describe, expect, it } from 'vitest';
import { otherSpelling } from '../../src/archive/spelling.js';
import { archiveFixture } from './helpers.js';

describe('otherSpelling', () => {
  it('adds or removes the trailing slash of a page', () => {
    expect(otherSpelling('http://example.org/rapport')).toBe('http://example.org/rapport/');
    expect(otherSpelling('http://example.org/rapport/')).toBe('http://example.org/rapport');
    expect(otherSpelling('http://example.org/a/b/?page=2')).toBe('http://example.org/a/b?page=2');
  });

  it('has none for a site root, a file name or what does not parse', () => {
    expect(otherSpelling('http://example.org/')).toBeNull();
    expect(otherSpelling('http://example.org/docs/rapport-2019.pdf')).toBeNull();
    expect(otherSpelling('not a url')).toBeNull();
  });
});

const { finderOn, archive } = archiveFixture();

const cdxUrls = () =>
  archive()
    .seen.filter((s) => s.path === '/cdx/search/cdx')
    .map((s) => s.url.searchParams.get('url'));

describe('a page archived under the other spelling', () => {
  it('is found when the spelling written has no capture at all', async () => {
    const f = await finderOn({
      wayback: { 'http://example.org/rapport/': [{ ts: '20210301000000' }] },
    });
    const r = await f.find({
      url: 'http://example.org/rapport',
      windowEnd: '2021-04-10',
      windowStart: null,
      contentType: null,
    });
    expect(r.capture?.timestamp).toBe('2021-03-01T00:00:00.000Z');
    expect(r.capture?.url).toContain('example.org/rapport/');
  });

  it('is not asked for when the spelling written has captures', async () => {
    const f = await finderOn({
      wayback: {
        'http://example.org/guide': [{ ts: '20210301000000' }],
        'http://example.org/guide/': [{ ts: '20210401000000' }],
      },
    });
    const r = await f.find({
      url: 'http://example.org/guide',
      windowEnd: '2021-04-10',
      windowStart: null,
      contentType: null,
    });
    expect(r.capture?.timestamp).toBe('2021-03-01T00:00:00.000Z');
    expect(cdxUrls().every((u) => u === 'http://example.org/guide')).toBe(true);
  });
});
