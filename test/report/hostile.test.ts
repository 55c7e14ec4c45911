/** Each attack carried by a server-controlled title, URL or message, rendered harmless per format. */
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/index.js';
import {
  csvCell,
  escapeHtml,
  githubData,
  githubProperty,
  htmlLink,
  jsonForScript,
  markdownCode,
  markdownText,
  markdownUrl,
  safeHttpUrl,
  terminalSafe,
} from '../../src/report/escape.js';
import {
  renderCsv,
  renderGithub,
  renderHtml,
  renderJunit,
  renderMarkdown,
  renderSummary,
} from '../../src/report/index.js';
import { entry, HOSTILE, link, sampleReport } from './fixtures.js';

/** A report whose every untrusted string is one attack. */
function hostileReport(text: string, url = 'https://evil.test/x'): Report {
  const report = sampleReport();
  report.links = [
    link(url, {
      status: 'dead',
      reason: 'http-404',
      message: text,
      title: text,
      newFailure: true,
      failingSince: report.run.startedAt,
      entries: [entry(text, { title: text, section: text, file: text })],
      metadataDiffers: [{ entry: text, field: 'creators', catalogue: text, page: text }],
      archive: {
        url: text,
        timestamp: '2020-01-01T00:00:00Z',
        source: 'memento',
        archive: text,
        distanceDays: 0,
      },
    }),
  ];
  report.fixed = [];
  return report;
}

const ATTACKS = Object.values(HOSTILE);
// biome-ignore lint/suspicious/noControlCharactersInRegex: asserting control characters are absent
const CONTROL_CHARS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe('terminal', () => {
  it('drops escape sequences whole and every control character', () => {
    expect(terminalSafe(HOSTILE.osc8)).toBe('click');
    expect(terminalSafe(HOSTILE.clear)).toBe('gone');
    expect(terminalSafe('a\u009b31mred\u009b0m b')).toBe('ared b');
    expect(terminalSafe('a\u009d0;title\u0007b')).toBe('ab');
    expect(terminalSafe('line1\nline2\r\tx')).toBe('line1 line2 x');
    expect(terminalSafe('abc\u202edcba')).toBe('abcdcba');
  });

  it('renderSummary prints no control sequence from any attack', () => {
    for (const attack of ATTACKS) {
      const out = renderSummary(
        hostileReport(attack, `https://evil.test/${encodeURIComponent(attack)}`),
      );
      expect(out.replace(/\n/g, '')).not.toMatch(CONTROL_CHARS);
      expect(out).not.toContain('\u001b');
    }
    const out = renderSummary(hostileReport(HOSTILE.osc8));
    expect(out).toContain('click');
  });
});

describe('HTML', () => {
  it('escapes tags, attributes and quotes', () => {
    expect(escapeHtml(HOSTILE.imgTitle)).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(escapeHtml('" onmouseover="x')).toBe('&quot; onmouseover=&quot;x');
    expect(escapeHtml("'`")).toBe('&#39;&#96;');
  });

  it('links only http(s) URLs', () => {
    expect(safeHttpUrl('javascript:alert(1)')).toBeNull();
    expect(safeHttpUrl('JaVaScRiPt:alert(1)')).toBeNull();
    expect(safeHttpUrl('java\nscript:alert(1)')).toBeNull();
    expect(safeHttpUrl(' https://ok.test/')).toBeNull();
    expect(safeHttpUrl('data:text/html,<script>alert(1)</script>')).toBeNull();
    expect(safeHttpUrl('//evil.test/')).toBeNull();
    expect(safeHttpUrl('https://ok.test/a?b="c"')).toBe('https://ok.test/a?b=%22c%22');
    expect(htmlLink('javascript:alert(1)')).toBe('<span class="url">javascript:alert(1)</span>');
    expect(htmlLink('https://ok.test/"><script>')).toBe(
      '<a href="https://ok.test/%22%3E%3Cscript%3E" rel="noopener noreferrer nofollow">https://ok.test/&quot;&gt;&lt;script&gt;</a>',
    );
  });

  it('embeds JSON that cannot close its script element', () => {
    const json = jsonForScript({ t: `${HOSTILE.scriptTitle}<!-- \u2028\u2029 &` });
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json).t).toBe(`${HOSTILE.scriptTitle}<!-- \u2028\u2029 &`);
  });

  it('renderHtml keeps every attack out of the markup', () => {
    for (const attack of ATTACKS) {
      const html = renderHtml(hostileReport(attack, 'javascript:alert(1)'));
      const body = html.slice(html.indexOf('<body>'));
      expect(body).not.toContain('<img');
      expect(body).not.toContain('<script>alert');
      expect(body).not.toContain('href="javascript:');
      expect(body).not.toContain('\u001b');
      // Exactly our two script elements: the JSON data block and the page script.
      expect(body.match(/<script/g)).toHaveLength(2);
      expect(body.match(/<\/script>/g)).toHaveLength(2);
    }
  });

  it('forbids every network load and foreign script in the page CSP', () => {
    const html = renderHtml(sampleReport());
    const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1] ?? '';
    expect(csp).toContain('default-src &#39;none&#39;');
    expect(csp).toMatch(/script-src &#39;sha256-/);
    expect(csp).not.toContain('unsafe-inline');
    expect(html).not.toMatch(
      /(src|href)="https?:\/\/(?!(alpha|beta|gamma|delta|epsilon|zeta|eta)\.test|web\.archive\.org)/,
    );
  });
});

/** Markdown with code spans removed: what is inside a code span is shown literally. */
function outsideCode(md: string): string {
  return md.replace(/(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g, '');
}

describe('Markdown', () => {
  it('outsideCode removes code spans only', () => {
    expect(outsideCode('a `<img>` b ``x`<y`` c')).toBe('a  b  c');
  });

  it('escapes link, image, HTML and emphasis syntax', () => {
    expect(markdownText(HOSTILE.mdLink)).toBe('\\[click\\]\\(javascript:alert\\(1\\)\\)');
    expect(markdownText(HOSTILE.mdImage)).toBe('\\!\\[x\\]\\(<https://evil.test/t.png>\\)');
    expect(markdownText(HOSTILE.imgTitle)).toBe('\\<img src=x onerror=alert\\(1\\)\\>');
    expect(markdownText('*a* _b_ `c` ~d~ | e $x$ &#64;f')).toBe(
      '\\*a\\* \\_b\\_ \\`c\\` \\~d\\~ \\| e \\$x\\$ \\&\\#\u200d64;f',
    );
  });

  it('neutralises mentions, issue references and autolinks', () => {
    expect(markdownText('@everyone @team-a')).toBe('@\u200deveryone @\u200dteam-a');
    expect(markdownText('see #123')).toBe('see \\#\u200d123');
    // A URL shows itself (autolink or code span), never hides behind other text.
    expect(markdownText('www.evil.test and http://evil.test')).toBe(
      '`www.evil.test` and `http://evil.test`',
    );
    expect(markdownText('mail me@example.org')).toBe('mail me@\u200dexample.org');
  });

  it('leaves URLs in text intact, so a URL copied from the digest works', () => {
    const cases: [string, string][] = [
      ['Moved permanently to https://epsilon.test/new.', '<https://epsilon.test/new>.'],
      ['(see https://x.test/Foo_(bar)) then', '`https://x.test/Foo_(bar)`\\) then'],
      ['at http://x.test/a?b=1&c=2, twice', '<http://x.test/a?b=1&c=2>, twice'],
      ['mirror ftp://files.test/a.pdf', '`ftp://files.test/a.pdf`'],
      ['see www.x.test/page!', '`www.x.test/page`\\!'],
    ];
    for (const [text, shown] of cases) {
      const md = markdownText(text);
      expect(md).not.toContain('\u200d');
      expect(md).toContain(shown);
    }
    const report = sampleReport();
    const md = renderMarkdown(report);
    // The moved link's message names its target: the digest shows it as a working URL.
    expect(md).toContain('Moved permanently to <https://epsilon.test/new>.');
    expect(md).not.toMatch(/:\u200d\/\//);
  });

  it('keeps rows on one line and shows URLs as code or plain autolinks only', () => {
    expect(markdownText('a\nb\r\n- c')).toBe('a b - c');
    expect(markdownCode('a`b')).toBe('``a`b``');
    expect(markdownCode('`x')).toBe('`` `x ``');
    expect(markdownUrl('https://ok.test/a')).toBe('<https://ok.test/a>');
    expect(markdownUrl('javascript:alert(1)')).toBe('`javascript:alert(1)`');
    expect(markdownUrl('https://ok.test/a>b')).toBe('`https://ok.test/a>b`');
    expect(markdownUrl('https://ok.test/a b')).toBe('`https://ok.test/a b`');
    expect(markdownUrl('https://ok.test/[x](javascript:y)')).toBe(
      '`https://ok.test/[x](javascript:y)`',
    );
  });

  it('renderMarkdown carries no live syntax from any attack', () => {
    for (const attack of ATTACKS) {
      const md = outsideCode(renderMarkdown(hostileReport(attack, `https://evil.test/${attack}`)));
      expect(md).not.toContain('[click](');
      expect(md).not.toContain('![x]');
      expect(md).not.toMatch(/(?<!\\)<(img|script|\/script)/);
      expect(md).not.toMatch(/@everyone/);
      expect(md).not.toMatch(/#123/);
      expect(md).not.toContain('\u001b');
    }
  });
});

describe('CSV', () => {
  it('prefixes formula cells and quotes per RFC 4180', () => {
    expect(csvCell(HOSTILE.formula)).toBe('"\'=HYPERLINK(""http://evil.test"")"');
    for (const lead of ['=', '+', '-', '@', '\t', '\r', '  =']) {
      expect(csvCell(`${lead}1+1`).replace(/^"/, '')).toMatch(/^'/);
    }
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('a\nb')).toBe('"a\nb"');
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell(12)).toBe('12');
    expect(csvCell(null)).toBe('');
  });

  it('renderCsv leaves no cell starting with a formula character', () => {
    const csv = renderCsv(hostileReport(HOSTILE.formula));
    const cells =
      csv
        .slice(1)
        .split('\r\n')[1]
        ?.match(/("([^"]|"")*"|[^,]*)/g) ?? [];
    for (const cell of cells.filter(Boolean)) {
      expect(cell.replace(/^"/, '')).not.toMatch(/^[=+\-@\t\r]/);
    }
    expect(csv).toContain('"\'=HYPERLINK(""http://evil.test"")"');
  });
});

describe('JUnit XML', () => {
  it('escapes markup and drops characters XML cannot carry', () => {
    const xml = renderJunit(
      hostileReport(`${HOSTILE.scriptTitle} ${HOSTILE.clear} \u0000\uffff"'&`),
    );
    expect(xml).not.toContain('<script');
    expect(xml).not.toContain('\u001b');
    expect(xml).not.toContain('\u0000');
    expect(xml).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(xml).toContain('&quot;&apos;&amp;');
  });
});

describe('GitHub workflow commands', () => {
  it('encodes % CR LF in messages and also : , in properties', () => {
    expect(githubData('50%\r\n::error::x')).toBe('50%25%0D%0A::error::x');
    expect(githubProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
  });

  it('a hostile message cannot start a new workflow command', () => {
    const attack = 'x\n::error file=.github/evil,line=1::pwned\n::add-mask::secret';
    const out = renderGithub(hostileReport(attack));
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^::error file=x%0A%3A%3Aerror file=\.github\/evil%2Cline=1%3A%3Apwned/,
    );
  });
});
