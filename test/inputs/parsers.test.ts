import { describe, expect, it } from 'vitest';
import { normaliseUrl, parseMarkdownLinks, parseUrlList } from '../../src/inputs/index.js';

const lines = (...ls: string[]) => `${ls.join('\n')}\n`;

describe('normaliseUrl', () => {
  it('drops the fragment, lowercases scheme and host, drops default ports', () => {
    expect(normaliseUrl('HTTPS://Www.Example.ORG:443/Path/A?B=1&a=2#Top')).toBe(
      'https://www.example.org/Path/A?B=1&a=2',
    );
    expect(normaliseUrl('http://example.org:80/x/')).toBe('http://example.org/x/');
    expect(normaliseUrl('http://example.org:8080/x')).toBe('http://example.org:8080/x');
    expect(normaliseUrl('https://example.org')).toBe('https://example.org/');
    // An empty fragment is a fragment too: the same URL as without it.
    expect(normaliseUrl('https://example.org/a#')).toBe('https://example.org/a');
    expect(normaliseUrl('https://example.org/a?q=%23#')).toBe('https://example.org/a?q=%23');
  });

  it('refuses what cannot be checked', () => {
    for (const bad of [
      'ftp://example.org/',
      'mailto:a@example.org',
      'https://exa mple.org',
      'nope',
      'http://',
      '',
    ]) {
      expect(normaliseUrl(bad)).toBeNull();
    }
  });
});

describe('parseUrlList', () => {
  it('reads one URL per line with comments and blank lines, bad lines as problems', () => {
    const text = lines(
      '# links to watch', // 1
      'https://example.org/a', // 2
      '',
      '   https://example.org/b   ', // 4
      'not a url', // 5
      'ftp://example.org/c', // 6
      'https://example.org/d#frag', // 7
    );
    const { links, problems } = parseUrlList(text, 'links.txt');
    expect(links.map((l) => [l.line, l.url])).toEqual([
      [2, 'https://example.org/a'],
      [4, 'https://example.org/b'],
      [7, 'https://example.org/d#frag'],
    ]);
    expect(problems.map((p) => [p.code, p.file, p.line])).toEqual([
      ['invalid-url', 'links.txt', 5],
      ['invalid-url', 'links.txt', 6],
    ]);
  });

  it('handles CRLF line endings', () => {
    const { links } = parseUrlList(
      'https://example.org/a\r\n\r\nhttps://example.org/b\r\n',
      'w.txt',
    );
    expect(links.map((l) => [l.line, l.url])).toEqual([
      [1, 'https://example.org/a'],
      [3, 'https://example.org/b'],
    ]);
  });
});

describe('parseMarkdownLinks', () => {
  const md = lines(
    '# Reading list', // 1
    '',
    'See [the report](https://example.org/report.pdf "Title") and <https://example.org/auto>.', // 3
    'Bare: https://example.org/bare, then (https://example.org/paren). Done.', // 4
    '[![badge](https://example.org/badge.svg)](https://example.org/project)', // 5
    'Inline `https://example.org/in-code` is an example.', // 6
    '```', // 7
    'https://example.org/in-fence',
    '```',
    '', // 10
    '    https://example.org/indented-code',
    '',
    '[ref]: https://example.org/reference "Ref title"', // 13
    '[Foo](https://en.wikipedia.org/wiki/Foo_(bar)) and [local](./other.md)', // 14
    '- item https://example.org/list-item;', // 15
    '    - nested [deep](https://example.org/nested)', // 16
    '<a href="https://example.org/html">x</a>', // 17
    '~~~~ js', // 18
    '~~~', // not a closing fence: shorter
    'https://example.org/still-fenced', // 20
    '~~~~',
    'Broken [link](https://) here.', // 22
    'Kept https://example.org/kept <!-- https://example.org/hidden', // 23
    'https://example.org/hidden-too -->https://example.org/after', // 24
    '<!-- https://example.org/one-line --> [x](https://example.org/x)', // 25
  );

  it('finds every kind of link with its line, and none in code or comments', () => {
    const { links, problems } = parseMarkdownLinks(md, 'notes.md');
    expect(links.map((l) => [l.line, l.url, l.title])).toEqual([
      [3, 'https://example.org/report.pdf', 'the report'],
      [3, 'https://example.org/auto', 'https://example.org/auto'],
      [4, 'https://example.org/bare', 'https://example.org/bare'],
      [4, 'https://example.org/paren', 'https://example.org/paren'],
      [5, 'https://example.org/badge.svg', 'badge'],
      [5, 'https://example.org/project', 'badge'],
      [13, 'https://example.org/reference', 'ref'],
      [14, 'https://en.wikipedia.org/wiki/Foo_(bar)', 'Foo'],
      [15, 'https://example.org/list-item', 'https://example.org/list-item'],
      [16, 'https://example.org/nested', 'deep'],
      [17, 'https://example.org/html', 'https://example.org/html'],
      [23, 'https://example.org/kept', 'https://example.org/kept'],
      [24, 'https://example.org/after', 'https://example.org/after'],
      [25, 'https://example.org/x', 'x'],
    ]);
    expect(problems.map((p) => [p.code, p.line])).toEqual([['invalid-url', 22]]);
  });
});

describe('parseMarkdownLinks: link destinations as CommonMark reads them', () => {
  it('resolves backslash escapes and entity references in inline links and definitions', () => {
    const md = lines(
      '[Foo](https://en.wikipedia.org/wiki/Foo_\\(bar\\)) escaped parentheses', // 1
      '[search](https://example.org/find?q=r%C3%A9f&amp;page=2&#38;lang=fr) HTML-escaped', // 2
      '[half](https://example.org/a\\)b) one escaped closing parenthesis', // 3
      '[def]: https://example.org/def?a=1&amp;b=2', // 4
      '[under](https://example.org/snake\\_case) escaped underscore', // 5
      '[odd](https://example.org/x?y=&unknown;) unknown entity kept', // 6
    );
    const { links, problems } = parseMarkdownLinks(md, 'notes.md');
    expect(problems).toEqual([]);
    expect(links.map((l) => [l.line, l.url])).toEqual([
      [1, 'https://en.wikipedia.org/wiki/Foo_(bar)'],
      [2, 'https://example.org/find?q=r%C3%A9f&page=2&lang=fr'],
      [3, 'https://example.org/a)b'],
      [4, 'https://example.org/def?a=1&b=2'],
      [5, 'https://example.org/snake_case'],
      [6, 'https://example.org/x?y=&unknown;'],
    ]);
  });
});

describe('parseMarkdownLinks on hostile input', () => {
  // Each of these would take minutes with a quadratic scan; they must finish (no timing asserted).
  it('handles megabyte lines of unmatched delimiters', () => {
    const hostile = [
      '[](<'.repeat(250_000),
      '[]('.repeat(300_000),
      '['.repeat(1_000_000),
      '`a``b'.repeat(200_000),
      '[a](https://example.org/x "'.repeat(30_000),
    ];
    for (const line of hostile) {
      const { links } = parseMarkdownLinks(`${line}\n`, 'hostile.md');
      expect(links.filter((l) => !l.url.startsWith('https://example.org/x')).length).toBe(0);
    }
  });

  it('finds every one of many links on one long line', () => {
    const line = Array.from({ length: 20_000 }, (_, i) => `[t${i}](https://example.org/${i})`).join(
      ' ',
    );
    const { links } = parseMarkdownLinks(line, 'many.md');
    expect(links).toHaveLength(20_000);
    expect(links[19_999]).toEqual({ url: 'https://example.org/19999', line: 1, title: 't19999' });
  });

  it('does not take a bracketed aside for a link label', () => {
    const { links } = parseMarkdownLinks('[note] see [the page](https://example.org/p)\n', 'a.md');
    expect(links).toEqual([{ url: 'https://example.org/p', line: 1, title: 'the page' }]);
  });
});
