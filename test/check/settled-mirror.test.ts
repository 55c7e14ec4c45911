import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/check/index.js';
import { settledReport } from '../../src/check/run-report.js';
import { settledMirror } from '../../src/check/settled-mirror.js';
import { runReportCommand } from '../../src/cli/report.js';
import type { ReportLink } from '../../src/model/index.js';
import {
  createMemoryStore,
  type HistoryStore,
  type RunJournal,
  type SettledRow,
} from '../../src/store/index.js';
import { sampleReport } from '../report/fixtures.js';
import { captureIO } from '../support/io.js';
import { html, redirect, startTestWeb, status } from '../support/web.js';

const NETWORK = { status: 'ok', hostsChecked: 1, hostsUnreachable: 0 } as const;
const now = () => new Date('2026-06-01T00:00:00Z');

/** A store with runs r1 and r2 begun, and the sample report's links (in its own order). */
async function begun(): Promise<{ store: HistoryStore; links: ReportLink[] }> {
  const store = createMemoryStore();
  for (const id of ['r1', 'r2']) {
    await store.journal.begin({ id, startedAt: 's', finished: false, info: null, head: null });
  }
  const links = sampleReport().links;
  expect(links.length).toBeGreaterThan(3);
  // Out of URL order on purpose: the mirror must give them back sorted as the store does.
  return { store, links: [...links].reverse() };
}

const observed = (links: readonly ReportLink[]) =>
  links.map((l) => ({ url: l.url, host: null, connectionFailure: null, observation: {} }));
const rows = (links: readonly ReportLink[]): SettledRow[] =>
  links.map((link) => ({ url: link.url, link, fixed: null }));
const urlsOf = (links: readonly ReportLink[] | null) => links?.map((l) => l.url) ?? null;

async function linksOf(source: { links(): AsyncIterable<ReportLink> }) {
  const out: ReportLink[] = [];
  for await (const l of source.links()) out.push(l);
  return out;
}

describe('settledMirror', () => {
  it('gives back the links the run settled, in the order the store reads them', async () => {
    const { store, links } = await begun();
    const mirror = settledMirror(store.journal, 'r1');
    const [first, ...rest] = links as [ReportLink, ...ReportLink[]];
    // Settled as recorded (early), then the rest at the end of the run.
    await mirror.journal.recordSettled('r1', observed([first]), rows([first]), []);
    await mirror.journal.record('r1', observed(rest));
    expect(mirror.links(1)).toEqual([first]);
    await mirror.journal.settle('r1', rows(rest), []);
    const fromStore = await linksOf({ links: () => store.journal.links('r1') });
    expect(urlsOf(mirror.links(links.length))).toEqual(urlsOf(fromStore));
    // Any other count means the journal settled links the mirror did not see.
    expect(mirror.links(links.length + 1)).toBeNull();
    expect(mirror.links(links.length - 1)).toBeNull();
  });

  it('forgets a link recorded again, and never mirrors another run', async () => {
    const { store, links } = await begun();
    const mirror = settledMirror(store.journal, 'r1');
    await mirror.journal.record('r1', observed(links));
    await mirror.journal.settle('r1', rows(links), []);
    await mirror.journal.settle('r2', rows(links), []);
    expect(mirror.links(links.length)).toHaveLength(links.length);
    // Recorded again: unsettled in the store as in the mirror.
    await mirror.journal.record('r1', observed(links.slice(0, 1)));
    const totals = await store.journal.totals('r1');
    const settled = Object.values(totals.counts).reduce((a, b) => a + (b ?? 0), 0);
    expect(settled).toBe(links.length - 1);
    expect(urlsOf(mirror.links(settled))).not.toContain(links[0]?.url);
  });

  it('stops at its limit, for good', async () => {
    const { store, links } = await begun();
    const mirror = settledMirror(store.journal, 'r1', { maxLinks: 2 });
    await mirror.journal.record('r1', observed(links));
    await mirror.journal.settle('r1', rows(links.slice(0, 2)), []);
    expect(mirror.links(2)).toHaveLength(2);
    await mirror.journal.settle('r1', rows(links.slice(2, 3)), []);
    expect(mirror.links(3)).toBeNull();
    await mirror.journal.record('r1', observed(links.slice(0, 2)));
    expect(mirror.links(1)).toBeNull();
  });

  it('ends at a failed write, which still rejects', async () => {
    const { store, links } = await begun();
    let full = false;
    const failing: RunJournal = {
      ...store.journal,
      settle: (id, settled, states) =>
        full ? Promise.reject(new Error('disk full')) : store.journal.settle(id, settled, states),
    };
    const mirror = settledMirror(failing, 'r1');
    await mirror.journal.record('r1', observed(links));
    await mirror.journal.settle('r1', rows(links.slice(0, 1)), []);
    expect(mirror.links(1)).toHaveLength(1);
    full = true;
    await expect(mirror.journal.settle('r1', rows(links.slice(1)), [])).rejects.toThrow(
      'disk full',
    );
    expect(mirror.links(1)).toBeNull();
  });

  it('tells its listener of each link it keeps, and when it gives them up', async () => {
    const { store, links } = await begun();
    const told: string[] = [];
    const listener = {
      kept: (kept: readonly ReportLink[]) => told.push(...kept.map((l) => l.url)),
      dropped: () => told.push('dropped'),
    };
    const mirror = settledMirror(store.journal, 'r1', { maxLinks: 3, listener });
    await mirror.journal.record('r1', observed(links));
    await mirror.journal.settle('r2', rows(links), []);
    expect(told).toEqual([]);
    await mirror.journal.settle('r1', rows(links.slice(0, 2)), []);
    expect(told).toEqual(urlsOf(links.slice(0, 2)));
    // Past its limit: given up once, and nothing more is told.
    await mirror.journal.settle('r1', rows(links.slice(2)), []);
    await mirror.journal.settle('r1', rows(links.slice(0, 1)), []);
    expect(told).toEqual([...(urlsOf(links.slice(0, 2)) ?? []), 'dropped']);
  });

  it("serves the report's links without reading the store, and the store's when it misses one", async () => {
    const { store, links } = await begun();
    const mirror = settledMirror(store.journal, 'r1');
    const run = { id: 'r1', startedAt: 's', catalogues: [], complete: true };
    await mirror.journal.record('r1', observed(links));
    await mirror.journal.settle('r1', rows(links), []);
    const served = await linksOf((await settledReport(store, run, NETWORK, now, mirror)).source);
    // The very objects the run settled: nothing was read back.
    for (const l of served) expect(links).toContain(l);
    expect(served).toHaveLength(links.length);

    // One more link settled behind the mirror's back (another process of a shared run, say).
    const [last] = links.slice(-1) as [ReportLink];
    const elsewhere = { ...last, url: `${last.url}-elsewhere`, title: 'Settled elsewhere' };
    await store.journal.record('r1', observed([elsewhere]));
    await store.journal.settle('r1', rows([elsewhere]), []);
    const read = await linksOf((await settledReport(store, run, NETWORK, now, mirror)).source);
    expect(read).toHaveLength(links.length + 1);
    expect(read.find((l) => l.url === elsewhere.url)?.title).toBe('Settled elsewhere');
  });
});

describe('a run reported from what it kept', () => {
  it('writes every file as the history renders it again, over two runs', async () => {
    const web = await startTestWeb(['alpha.test', 'beta.test']);
    const dir = await mkdtemp(join(tmpdir(), 'rotwatch-mirror-'));
    try {
      const closed = createServer();
      await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
      const deadPort = (closed.address() as { port: number }).port;
      await new Promise((r) => closed.close(r));
      const alpha = web.host('alpha.test');
      const beta = web.host('beta.test');
      alpha.route('/rapport', html('<title>Le rapport annuel</title><p>Un rapport.</p>'));
      alpha.route('/ancien', redirect(301, '/rapport'));
      alpha.route('/panne', status(500));
      beta.route('/guide', html('<title>Guide « pratique » &amp; co</title><p>Texte.</p>'));
      beta.route('/retire', html('<title>Page supprimée</title><h1>Ce contenu n’existe plus</h1>'));
      const entry = (id: string, title: string, urls: string[]) => [
        `  - id: ${id}`,
        '    section: { number: "1", title: "Sources, « premières »" }',
        '    creators: "Quelqu’un"',
        `    title: "${title}"`,
        '    medium: web',
        '    links:',
        ...urls.map((u) => `      - ${u}`),
      ];
      await writeFile(
        join(dir, 'dossier.yaml'),
        [
          'catalogue:',
          '  title: Dossier',
          'entries:',
          ...entry('rapport', 'Le rapport annuel', [`${alpha.origin}/rapport`]),
          ...entry('ancien', 'Un ancien lien', [`${alpha.origin}/ancien`, `${beta.origin}/guide`]),
          ...entry('panne', 'Une panne', [`${alpha.origin}/panne`, `${alpha.origin}/absent`]),
          ...entry('guide', 'Le guide, cité deux fois', [`${beta.origin}/guide`]),
          ...entry('retire', 'Un contenu retiré', [`${beta.origin}/retire`]),
          ...entry('ferme', 'Un serveur fermé', [`http://127.0.0.1:${deadPort}/x`]),
          '',
        ].join('\n'),
      );
      await writeFile(join(dir, 'rotwatch.config.yaml'), 'archive:\n  enabled: false\n');
      for (const day of ['2026-06-01', '2026-06-08']) {
        const result = await runCheck({
          cwd: dir,
          inputs: ['dossier.yaml'],
          lookup: web.lookup,
          collect: false,
          now: () => new Date(`${day}T06:00:00Z`),
          overrides: {
            allowPrivateAddresses: true,
            perHostInterval: 0,
            retries: 0,
            timeout: 2_000,
            formats: ['md', 'html', 'csv', 'junit'],
          },
        });
        expect(result.problems).toEqual([]);
        expect(result.head?.summary.total).toBe(7);
        expect(result.head?.summary.ok).toBeLessThan(4);
        for (const [format, ext] of [
          ['json', 'json'],
          ['md', 'md'],
          ['html', 'html'],
          ['csv', 'csv'],
          ['junit', 'xml'],
        ] as const) {
          const io = captureIO(dir);
          expect(await runReportCommand({ store: true, format }, io)).toBe(0);
          const written = await readFile(join(dir, 'reports', `latest.${ext}`), 'utf8');
          expect(written, format).toBe(io.out);
        }
      }
    } finally {
      await web.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
