import { describe, expect, it } from 'vitest';
import {
  renderCsv,
  renderGithub,
  renderHtml,
  renderJunit,
  renderMarkdown,
  renderSummary,
} from '../../src/report/index.js';
import { failingFor, remedyFor } from '../../src/report/view.js';
import { entry, link, sampleReport } from './fixtures.js';

/** The text of a `## Title (n)` section of the digest, up to the next heading. */
function section(md: string, title: string): string {
  const start = md.indexOf(`## ${title} (`);
  if (start < 0) throw new Error(`no section ${title}`);
  const next = md.indexOf('\n## ', start + 1);
  return md.slice(start, next < 0 ? undefined : next);
}

describe('failingFor', () => {
  const asOf = '2026-11-28T06:00:00Z';
  it('says how long in words', () => {
    expect(failingFor(null, asOf)).toBeNull();
    expect(failingFor('2026-11-28T01:00:00Z', asOf)).toBe('since today');
    expect(failingFor('2026-11-27T06:00:00Z', asOf)).toBe('for 1 day');
    expect(failingFor('2026-11-18T06:00:00Z', asOf)).toBe('for 10 days');
    expect(failingFor('2026-11-07T06:00:00Z', asOf)).toBe('for 3 weeks');
    expect(failingFor('2026-08-28T06:00:00Z', asOf)).toBe('for 3 months');
    expect(failingFor('2023-11-28T06:00:00Z', asOf)).toBe('for 3 years');
    expect(failingFor('not a date', asOf)).toBeNull();
  });
});

describe('remedyFor', () => {
  it('prefers a new URL, then an archived copy, then says why there is none', () => {
    expect(
      remedyFor(
        link('https://a.test/', { status: 'redirected', suggestedUrl: 'https://a.test/new' }),
      ),
    ).toEqual({
      kind: 'new-url',
      url: 'https://a.test/new',
    });
    const archive = {
      url: 'https://web.archive.org/web/2019/https://a.test/',
      timestamp: '2019-05-06T07:08:09Z',
      source: 'wayback' as const,
      distanceDays: 3,
    };
    expect(remedyFor(link('https://a.test/', { status: 'dead', archive }))).toEqual({
      kind: 'archive',
      url: archive.url,
      date: '2019-05-06',
      source: 'Wayback Machine',
    });
    expect(
      remedyFor(link('https://a.test/', { status: 'dead', archiveReason: 'archive-down' })),
    ).toEqual({
      kind: 'no-archive',
      reason: 'archive-down',
    });
    expect(
      remedyFor(link('https://a.test/', { status: 'ok', suggestedUrl: 'https://x.test/' })),
    ).toEqual({ kind: 'none' });
  });
});

describe('renderMarkdown', () => {
  const md = renderMarkdown(sampleReport());

  it('puts each link in the right section', () => {
    const fresh = section(md, 'New this week');
    expect(fresh).toContain('(2)');
    expect(fresh).toContain('<https://beta.test/gone>');
    expect(fresh).toContain('<https://delta.test/flaky>');
    expect(fresh).not.toContain('gamma.test');

    const still = section(md, 'Still broken');
    expect(still).toContain('(2)');
    expect(still).toContain('<https://gamma.test/old>');
    expect(still).toContain('broken for 3 weeks, 4 runs in a row');
    expect(still).toContain('<https://zeta.test/private>');
    expect(still.indexOf('zeta.test')).toBeLessThan(still.indexOf('gamma.test')); // oldest first

    const fixed = section(md, 'Fixed since last run');
    expect(fixed).toContain('<https://eta.test/back>');
    expect(fixed).toContain('Was error, `http-503`, now ok.');

    const moved = section(md, 'Moved (update the URL)');
    expect(moved).toContain('<https://epsilon.test/moved>');
    expect(moved).toContain('Remedy: new URL <https://epsilon.test/new>');
    // ok links are not in the digest, unless their content changed; nor skipped ones.
    expect(md.replace(section(md, 'Content changed'), '')).not.toContain('alpha.test/ok');
    expect(md).not.toContain('javascript:alert(1)`');
  });

  it('lists drifted links under "Content changed" with both titles and the reasons', () => {
    const changed = section(md, 'Content changed');
    expect(changed).toContain('## Content changed (1)');
    expect(changed).toContain('**Allocution du pr\u00e9sident, \u00e9t\u00e9 2019** (`elysee`');
    expect(changed).toContain('URL: <https://alpha.test/ok>');
    expect(changed).toContain(
      'Page title: \u201cBienvenue \u00e0 l\u2019\u00c9lys\u00e9e\u201d (was \u201cAllocution du pr\u00e9sident \u2013 \u00c9lys\u00e9e\u201d)',
    );
    expect(changed).toContain(
      'Why: page title differs from the catalogue title \\(similarity 0.00\\); page title changed; drifted since 2026-11-21 \\(2 runs\\).',
    );
    expect(md).toContain('| content drifted | 1 |  |');
    expect(md).toContain('1 link whose content drifted.');
    // One run's change is listed after the drifted ones, and said to be not counted yet.
    const report = sampleReport();
    report.links.push(
      link('https://alpha.test/cookie', {
        title: 'Cookies',
        drift: {
          ...report.links[0]!.drift!,
          confirmed: false,
          runs: 1,
          reasons: ['title-changed'],
        },
      }),
    );
    const two = section(renderMarkdown(report), 'Content changed');
    expect(two.indexOf('alpha.test/ok')).toBeLessThan(two.indexOf('alpha.test/cookie'));
    expect(two).toContain('changed in this run only; counted if it holds on the next run.');
  });

  it('shows the page title next to the catalogue title where they differ', () => {
    expect(section(md, 'Moved (update the URL)')).not.toContain('Page title:'); // none read
    const report = sampleReport();
    const moved = report.links.find((l) => l.status === 'redirected')!;
    moved.title = 'Un tout autre titre';
    expect(section(renderMarkdown(report), 'Moved (update the URL)')).toContain(
      'Page title: \u201cUn tout autre titre\u201d',
    );
    moved.title = `${moved.entries[0]!.title} | Le Site`;
    expect(section(renderMarkdown(report), 'Moved (update the URL)')).not.toContain('Page title:');
  });

  it('gives entry title and id, reason and remedy on each row', () => {
    const fresh = section(md, 'New this week');
    expect(fresh).toContain('(`rapport-2019`, `catalogue/dossier.yaml:22`, `fix: false`)');
    expect(fresh).toContain('Why: dead, `http-404`: The server answered 404 Not Found.');
    expect(fresh).toContain(
      'Remedy: archived copy <https://web.archive.org/web/20190304000000/https://beta.test/gone> (captured 2019-03-04, Wayback Machine)',
    );
    expect(section(md, 'Still broken')).toContain('Remedy: no archived copy (no capture found)');
  });

  it('shows counts with the change since the last run, and the trend', () => {
    expect(md).toContain('| dead | 2 | +1 |');
    expect(md).toContain('| ok | 1 | \u22123 |');
    expect(md).toContain('Broken links over the last 3 runs: 3 \u2192 3 \u2192 **4**');
  });

  it('compares counts with the last full run, and marks interrupted or network-down runs in the trend', () => {
    const report = sampleReport();
    const full = report.history.at(-1)!;
    report.history.push(
      {
        ...full,
        id: 'interrupted',
        complete: false,
        summary: { ok: 0, redirected: 0, dead: 0, error: 1, blocked: 0, skipped: 0, total: 1 },
      },
      {
        ...full,
        id: 'offline',
        network: 'down',
        summary: { ok: 0, redirected: 0, dead: 0, error: 9, blocked: 0, skipped: 0, total: 9 },
      },
    );
    const out = renderMarkdown(report);
    expect(out).toContain('| dead | 2 | +1 |');
    expect(out).toContain('| ok | 1 | \u22123 |');
    // The offline run could look at nothing: it has no broken count, it is marked apart.
    expect(out).toContain(
      '3 \u2192 3 \u2192 1 (interrupted) \u2192 not checked (network down) \u2192 **4**',
    );
  });

  it('says when the run was interrupted or the network was down, and "None." for empty sections', () => {
    const report = sampleReport();
    report.run.complete = false;
    report.run.network = { status: 'down', hostsChecked: 10, hostsUnreachable: 9 };
    report.links = [];
    report.fixed = [];
    report.history = [];
    const out = renderMarkdown(report);
    expect(out).toContain('Interrupted run');
    expect(out).toContain('9 of 10 hosts unreachable');
    expect(section(out, 'New this week')).toContain('None.');
    expect(out).not.toContain('Broken links over');
  });
});

describe('renderMarkdown length cap', () => {
  it('stays under maxLength with many broken links, saying how many were left out', () => {
    const report = sampleReport();
    report.links = Array.from({ length: 2000 }, (_, i) =>
      link(`https://many.test/page/${String(i).padStart(4, '0')}`, {
        status: 'dead',
        reason: 'http-404',
        message: 'The server answered 404 Not Found.',
        newFailure: i % 2 === 0,
        failingSince: '2026-10-01T00:00:00Z',
        entries: [
          entry(`entry-${i}`, { title: `Un titre assez long pour l\u2019entr\u00e9e ${i}` }),
        ],
      }),
    );
    const md = renderMarkdown(report);
    expect(md.length).toBeLessThanOrEqual(60_000);
    expect(md).toContain('## New this week (1,000)');
    expect(md).toContain('## Still broken (1,000)');
    expect(md).toMatch(/- \.\.\. and \d+ more: see the HTML report or the CSV worklist\./);
    expect(md).toContain('## Fixed since last run (1)');
    expect(md).toContain('## Moved (update the URL) (0)');
    const small = renderMarkdown(report, { maxLength: 5_000 });
    expect(small.length).toBeLessThanOrEqual(5_000);
    expect(small).toContain('## Moved (update the URL) (0)');
    // Nothing is cut from a digest that fits.
    expect(renderMarkdown(sampleReport())).not.toContain('... and');
  });
});

describe('renderSummary', () => {
  it('counts statuses and lists broken links with reason and place', () => {
    const out = renderSummary(sampleReport());
    expect(out.split('\n')[0]).toBe(
      'rotwatch: 7 links checked: 1 ok, 1 redirected, 2 dead, 1 error, 1 blocked, 1 skipped',
    );
    expect(out).toContain('dead    http-404 [new]  https://beta.test/gone');
    expect(out).toContain('in rapport-2019 (catalogue/dossier.yaml:22)');
    expect(out).not.toContain('alpha.test');
    expect(renderSummary(sampleReport(), { maxLinks: 1 })).toContain('... and 3 more');
  });
});

describe('renderCsv', () => {
  const csv = renderCsv(sampleReport());
  const lines = csv.slice(1).split('\r\n');

  it('is UTF-8 with BOM and CRLF, one row per entry and link', () => {
    expect(
      csv.startsWith(
        '\ufeffstatus,reason,message,id,file:line,section,catalogue title,page title,current URL,suggested URL,archived copy URL,archive date,drift,drift reasons,metadata differs\r\n',
      ),
    ).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toContain('\n');
    expect(lines.filter(Boolean)).toHaveLength(1 + 8); // gamma.test is cited twice
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('keeps accents and fills every column', () => {
    expect(csv).toContain(
      'ok,,The server answered 200 OK.,elysee,catalogue/dossier.yaml:4,1 Sources,"Allocution du pr\u00e9sident, \u00e9t\u00e9 2019",Bienvenue \u00e0 l\u2019\u00c9lys\u00e9e,https://alpha.test/ok,,,,drifted,title-mismatch title-changed,\r\n',
    );
    expect(csv).toContain(
      'dead,http-404,The server answered 404 Not Found.,rapport-2019,catalogue/dossier.yaml:22,2 Rapports,<img src=x onerror=alert(1)>,,https://beta.test/gone,,https://web.archive.org/web/20190304000000/https://beta.test/gone,2019-03-04,,,\r\n',
    );
    expect(csv).toContain(',,https://epsilon.test/moved,https://epsilon.test/new,,,,,\r\n');
  });

  it('is a worklist: failing rows first, then drifted, then moved, then the rest', () => {
    const statusOf = (line: string) => line.split(',')[0];
    const urls = lines.filter(Boolean).slice(1);
    expect(urls.map(statusOf)).toEqual([
      'blocked', // failing since 2026-10-01
      'dead', // since 2026-11-07 (gamma.test, cited twice)
      'dead',
      'dead', // since 2026-11-28, then by URL: beta.test before delta.test
      'error',
      'ok', // drifted
      'redirected',
      'skipped',
    ]);
  });
});

describe('renderJunit', () => {
  it('tells a drifted ok link in its output without failing it', () => {
    const xml = renderJunit(sampleReport());
    const start = xml.indexOf('name="elysee: https://alpha.test/ok"');
    const testcase = xml.slice(start, xml.indexOf('</testcase>', start));
    expect(testcase).not.toContain('<failure');
    expect(testcase).toContain(
      'Content drifted (title-mismatch, title-changed): page title differs from the catalogue title (similarity 0.00); page title changed; drifted since 2026-11-21 (2 runs).',
    );
    expect(testcase).toContain(
      'Page title before: Allocution du pr\u00e9sident \u2013 \u00c9lys\u00e9e',
    );
  });

  it('has a testsuite per catalogue file and a failure per dead citation by default', () => {
    const xml = renderJunit(sampleReport());
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
    expect(xml).toMatch(
      /<testsuites name="rotwatch [^"]+" tests="8" failures="3" errors="0" skipped="1"/,
    );
    expect(xml).toContain('<testsuite name="catalogue/dossier.yaml" tests="7" failures="2"');
    expect(xml).toContain('<testsuite name="catalogue/other.yaml" tests="1" failures="1"');
    expect(xml).toContain(
      'name="rapport-2019: https://beta.test/gone" file="catalogue/dossier.yaml" line="22"',
    );
    expect(xml).toContain(
      '<failure type="http-404" message="dead (http-404): The server answered 404 Not Found.">',
    );
    expect(xml).toContain('<skipped message="skipped (unsupported-scheme)');
    expect(xml.match(/<testcase /g)).toHaveLength(8);
  });

  it('follows the fail-on policy', () => {
    expect(renderJunit(sampleReport(), { failOn: 'error' })).toMatch(
      /<testsuites [^>]*failures="4"/,
    );
    expect(renderJunit(sampleReport(), { failOn: 'redirected' })).toMatch(
      /<testsuites [^>]*failures="5"/,
    );
    expect(renderJunit(sampleReport(), { failOn: 'none' })).toMatch(
      /<testsuites [^>]*failures="0"/,
    );
  });
});

describe('renderGithub', () => {
  it('points errors at catalogue lines and warns for moved links', () => {
    const out = renderGithub(sampleReport());
    const lines = out.trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('::error '))).toHaveLength(3);
    expect(lines).toContain(
      '::error file=catalogue/other.yaml,line=31,title=Link dead (dns-nxdomain)::hostile-md: https://gamma.test/old: The host name does not exist.',
    );
    expect(lines.find((l) => l.includes('epsilon.test'))).toBe(
      '::warning file=catalogue/dossier.yaml,line=50,title=Moved link (moved-permanently)::formula: https://epsilon.test/moved: Moved permanently to https://epsilon.test/new.%0AUpdate the URL to https://epsilon.test/new',
    );
    expect(out).not.toContain('alpha.test');
    expect(out).not.toContain('javascript:');
  });

  it('makes errors of what the fail-on policy counts', () => {
    const out = renderGithub(sampleReport(), { failOn: 'redirected' });
    expect(out.split('\n').filter((l) => l.startsWith('::error '))).toHaveLength(5);
    expect(renderGithub(sampleReport(), { failOn: 'none' })).not.toContain('::error');
  });

  it('escapes : and , in file names', () => {
    const report = sampleReport();
    report.links = [
      link('https://a.test/', {
        status: 'dead',
        reason: 'http-410',
        entries: [entry('x', { file: 'a,b:c.yaml', line: 3 })],
      }),
    ];
    expect(renderGithub(report)).toMatch(
      /^::error file=a%2Cb%3Ac\.yaml,line=3,title=Link dead \(http-410\)::/,
    );
  });
});

describe('renderHtml', () => {
  it('is one self-contained page with every citation as a row', () => {
    const html = renderHtml(sampleReport());
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<(link|iframe|object|embed|img)\b/);
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html.match(/<tr data-status=/g)).toHaveLength(8);
    expect(html).toContain(
      '<tr data-status="dead" data-change="new" data-drift="none" data-section="2 Rapports" data-host="beta.test">',
    );
    expect(html).toContain('Fixed since last run (1)');
    expect(html).toContain('<span class="url">javascript:alert(1)</span>');
    expect(html).toContain('for 3 weeks');
  });

  it('shows the page title beside the catalogue title, the drift, and a drift filter', () => {
    const html = renderHtml(sampleReport());
    expect(html).toContain(
      'Allocution du pr\u00e9sident, \u00e9t\u00e9 2019<br><span class="page-title">page: Bienvenue \u00e0 l\u2019\u00c9lys\u00e9e</span>',
    );
    expect(html).toMatch(/<tr data-status="ok" data-change="none" data-drift="drifted"/);
    expect(html).toContain(
      '<strong>Content drifted:</strong> page title differs from the catalogue title (similarity 0.00); page title changed; drifted since 2026-11-21 (2 runs).',
    );
    expect(html).toContain(
      '<select id="f-drift" data-filter="drift"><option value="">all</option><option value="drifted">Drifted (held on two runs)</option><option value="none">No content change</option></select>',
    );
    expect(html).toContain('<li>content drifted: <strong>1</strong></li>');
  });

  it('draws a bar per run and marks runs whose numbers are not comparable', () => {
    const report = sampleReport();
    report.history[0]!.network = 'down';
    report.run.complete = false;
    const html = renderHtml(report);
    expect(html.match(/<g class="bar/g)).toHaveLength(3);
    // The errors of a run whose network was down were not checked: grey, framed apart.
    expect(html).toContain(
      '<g class="bar network-down"><title>2026-11-14 (network down): 5 ok, 1 skipped, 1 not checked, 1 blocked, 1 dead</title>',
    );
    expect(html.match(/class="not-checked-frame"/g)).toHaveLength(1);
    expect(html).toContain('<title>2026-11-28 (this run) (interrupted): ');
  });
});
