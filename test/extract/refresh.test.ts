import { describe, expect, it } from 'vitest';
import { extractMeta } from '../../src/extract/index.js';
import { parseRefresh } from '../../src/extract/refresh.js';
import type { FetchedResponse } from '../../src/model/index.js';

const URL_ = 'https://example.org/dir/page.html';

function res(body: string, contentType = 'text/html; charset=utf-8'): FetchedResponse {
  return {
    url: URL_,
    status: 200,
    headers: { 'content-type': contentType },
    body: Buffer.from(body, 'utf8'),
    bodyTruncated: false,
  };
}

const refreshOf = (content: string, extra = '') =>
  extractMeta(res(`<html><head>${extra}<meta http-equiv="refresh" content="${content}"></head>`))
    .refresh;

describe('parseRefresh', () => {
  const cases: [string, { delaySeconds: number; url: string | null } | null][] = [
    ['0;url=/x', { delaySeconds: 0, url: '/x' }],
    ['0; URL=/x', { delaySeconds: 0, url: '/x' }],
    ["0; URL='/x y'", { delaySeconds: 0, url: '/x y' }],
    ['  3 , Url = "/x"  ', { delaySeconds: 3, url: '/x' }],
    ['0;/x', { delaySeconds: 0, url: '/x' }],
    ['0 url=/x', { delaySeconds: 0, url: '/x' }],
    ['1.5; url=/x', { delaySeconds: 1, url: '/x' }],
    ['.5;url=/x', { delaySeconds: 0, url: '/x' }],
    ["0;url='/x'trailing", { delaySeconds: 0, url: '/x' }],
    ['300', { delaySeconds: 300, url: null }],
    ['0;', { delaySeconds: 0, url: null }],
    ['0; url=', { delaySeconds: 0, url: null }],
    ['url=/x', null],
    ['soon;url=/x', null],
    ['0x;url=/x', null],
    ['', null],
  ];
  it.each(cases)('%j', (content, expected) => {
    expect(parseRefresh(content)).toEqual(expected);
  });
});

describe('extractMeta: meta refresh', () => {
  it('resolves the target against the response URL', () => {
    expect(refreshOf('0; url=/')).toEqual({ delaySeconds: 0, url: 'https://example.org/' });
    expect(refreshOf("0;URL='../new/page.html?id=3'")).toEqual({
      delaySeconds: 0,
      url: 'https://example.org/new/page.html?id=3',
    });
    expect(refreshOf('5;url=http://other.example.org/x')).toEqual({
      delaySeconds: 5,
      url: 'http://other.example.org/x',
    });
  });

  it('resolves against <base href> and matches http-equiv in any case', () => {
    const html =
      '<base href="https://cdn.example.org/a/"><meta HTTP-EQUIV=" Refresh " content="0;url=b">';
    expect(extractMeta(res(html)).refresh).toEqual({
      delaySeconds: 0,
      url: 'https://cdn.example.org/a/b',
    });
  });

  it('decodes entities in the attribute', () => {
    expect(refreshOf('0;url=/a?x=1&amp;y=2')?.url).toBe('https://example.org/a?x=1&y=2');
  });

  it('is null without a URL, with a long delay, or with a non-http(s) target', () => {
    expect(refreshOf('30')).toBeNull();
    expect(refreshOf('0')).toBeNull();
    expect(refreshOf('11;url=/elsewhere')).toBeNull();
    expect(refreshOf('10;url=/elsewhere')?.url).toBe('https://example.org/elsewhere');
    expect(refreshOf('0;url=javascript:alert(1)')).toBeNull();
    expect(refreshOf('0;url=mailto:a@example.org')).toBeNull();
    expect(refreshOf('0;url=http://[bad')).toBeNull();
    expect(extractMeta(res('<title>No refresh</title>')).refresh).toBeNull();
  });

  it('takes the first refresh that parses, as browsers do', () => {
    expect(refreshOf('0;url=/second', '<meta http-equiv="refresh" content="garbage">')?.url).toBe(
      'https://example.org/second',
    );
    // A valid reload first wins: the later redirect never happens.
    expect(refreshOf('0;url=/second', '<meta http-equiv="refresh" content="60">')).toBeNull();
  });

  it('ignores a refresh inside <noscript> or <template>', () => {
    const noscript =
      '<head><noscript><meta http-equiv="refresh" content="0;url=/enable-js"></noscript></head>';
    expect(extractMeta(res(noscript)).refresh).toBeNull();
    const template =
      '<template><meta http-equiv="refresh" content="0;url=/x"></template><p>Text</p>';
    expect(extractMeta(res(template)).refresh).toBeNull();
  });

  it('is read from an untyped body that looks like HTML, not from other types', () => {
    const body = '<html><meta http-equiv="refresh" content="0;url=/y"></html>';
    expect(extractMeta(res(body, 'application/octet-stream')).refresh?.url).toBe(
      'https://example.org/y',
    );
    expect(extractMeta(res(body, 'text/plain')).refresh).toBeNull();
  });
});
