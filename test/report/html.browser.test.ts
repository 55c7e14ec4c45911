/**
 * The HTML page in a real headless browser (Debian's Chromium driven by playwright-core):
 * it renders, filters and sorts, shows hostile text as text, and loads nothing from anywhere.
 * It fits: at 390 px (a phone) and 1,280 px (a laptop) nothing is wider than the viewport and
 * every remedy is in view, in English and in French; screenshots of each are kept in a temp
 * directory named in the test output.
 * Under CI=true a missing Chromium fails the test; elsewhere the test says it could not run.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/index.js';
import { crowdedReport, HOSTILE, sampleReport } from './fixtures.js';

/** CHROMIUM_PATH, when set, is the only place looked at (also how to see the not-found path). */
const CANDIDATES = process.env.CHROMIUM_PATH
  ? [process.env.CHROMIUM_PATH]
  : ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
const executablePath = CANDIDATES.find((p) => existsSync(p));
const inCI = process.env.CI === 'true';

const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The parts of the DOM the fit check reads, typed here: the project has no DOM library. */
interface Box {
  left: number;
  right: number;
  width: number;
  height: number;
}
interface El {
  tagName: string;
  className: unknown;
  textContent: string | null;
  getBoundingClientRect(): Box;
  getAttribute(name: string): string | null;
  querySelector(selector: string): El | null;
}
interface Doc {
  body: El & { querySelectorAll(selector: string): ArrayLike<El> };
  documentElement: { scrollWidth: number };
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): ArrayLike<El>;
}

describe('HTML report in Chromium', () => {
  if (!executablePath) {
    it('needs a Chromium', () => {
      if (inCI) {
        throw new Error(
          `chromium not found (looked at ${CANDIDATES.join(', ')}): the browser test must run under CI=true`,
        );
      }
      console.warn(`chromium not found (looked at ${CANDIDATES.join(', ')}): browser test not run`);
      expect(executablePath).toBeUndefined();
    });
    return;
  }

  let browser: Browser;
  let dir: string;
  let fileUrl: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rotwatch-html-'));
    const path = join(dir, 'latest.html');
    await writeFile(path, renderHtml(sampleReport()));
    fileUrl = pathToFileURL(path).href;
    browser = await chromium.launch({ executablePath, args: LAUNCH_ARGS, headless: true });
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('renders, filters, sorts, keeps hostile text inert and makes no request', async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    const dialogs: string[] = [];
    const consoleErrors: string[] = [];
    page.on('request', (req) => requests.push(req.url()));
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(msg.text());
    });
    await page.goto(fileUrl, { waitUntil: 'load' });

    const rows = page.locator('#links tbody tr');
    const visible = page.locator('#links tbody tr:not([hidden])');
    expect(await rows.count()).toBe(8);
    expect(await visible.count()).toBe(8);
    await expect.poll(() => page.locator('#shown').textContent()).toBe('8 of 8 rows shown');

    // Status filter hides the other rows.
    await page.selectOption('#f-status', 'dead');
    expect(await visible.count()).toBe(3);
    for (const status of await visible.evaluateAll((trs) =>
      trs.map((tr) => tr.getAttribute('data-status')),
    )) {
      expect(status).toBe('dead');
    }
    // Section and host filters combine with it.
    await page.selectOption('#f-host', 'gamma.test');
    expect(await visible.count()).toBe(2);
    await page.selectOption('#f-section', '2 Rapports');
    expect(await visible.count()).toBe(0);
    await page.selectOption('#f-section', '');
    await page.selectOption('#f-host', '');
    await page.selectOption('#f-status', '');
    expect(await visible.count()).toBe(8);
    // The drift filter keeps the links whose content drifted, with both titles in view.
    await page.selectOption('#f-drift', 'drifted');
    expect(await visible.count()).toBe(1);
    const drifted = (await visible.first().textContent()) ?? '';
    expect(drifted).toContain('Allocution du pr\u00e9sident, \u00e9t\u00e9 2019');
    expect(drifted).toContain('page: Bienvenue \u00e0 l\u2019\u00c9lys\u00e9e');
    expect(drifted).toContain('Content drifted:');
    await page.selectOption('#f-drift', 'none');
    expect(await visible.count()).toBe(7);
    await page.selectOption('#f-drift', '');
    expect(await visible.count()).toBe(8);
    // Text filter.
    await page.fill('#f-text', 'epsilon');
    expect(await visible.count()).toBe(1);
    await page.fill('#f-text', '');

    // Sorting by URL changes the order, and again when clicked twice.
    const urls = () =>
      page
        .locator('#links tbody tr td.c-url')
        .evaluateAll((tds) => tds.map((td) => td.textContent ?? ''));
    const before = await urls();
    await page.getByRole('button', { name: 'URL' }).click();
    const ascending = await urls();
    expect(ascending).not.toEqual(before);
    expect(ascending).toEqual(
      [...ascending].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())),
    );
    await page.getByRole('button', { name: 'URL' }).click();
    const descending = await urls();
    expect(descending).toEqual([...ascending].reverse());

    // Hostile titles are shown as text; nothing they carry was executed or created.
    const entryTexts = await page.locator('#links tbody tr td:nth-child(3)').allTextContents();
    expect(entryTexts.some((t) => t.includes(HOSTILE.imgTitle))).toBe(true);
    expect(entryTexts.some((t) => t.includes(HOSTILE.scriptTitle))).toBe(true);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(2); // the data block and our script
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(dialogs).toEqual([]);

    // The embedded report round-trips through the escaped JSON block.
    const data = JSON.parse((await page.locator('#report-data').textContent()) ?? 'null');
    const embedded = data.links[2].entries[0].title;
    expect(embedded).toBe(HOSTILE.scriptTitle);

    // The chart is there, with one bar per run (two past runs and this one).
    expect(await page.locator('svg.chart g.bar').count()).toBe(3);

    // Nothing but the page itself was requested, and the CSP blocked nothing of ours.
    expect(requests).toEqual([fileUrl]);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('the request listener sees loads, and the page policy stops a smuggled one', async () => {
    // A loopback server stands in for "the network": the listener above must be able to see it.
    const hits: string[] = [];
    const server: Server = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.end('x');
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.2', ok));
    const { port } = server.address() as AddressInfo;
    const pixel = `http://127.0.0.2:${port}/pixel.png`;
    try {
      const html = renderHtml(sampleReport());
      const withoutCsp = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
      const injected = (page: string) => page.replace('<h1>', `<img src="${pixel}" alt=""><h1>`);

      const open = async (content: string) => {
        const path = join(dir, `probe-${Math.random().toString(36).slice(2)}.html`);
        await writeFile(path, content);
        const page = await browser.newPage();
        const requests: string[] = [];
        page.on('request', (req) => requests.push(req.url()));
        await page.goto(pathToFileURL(path).href, { waitUntil: 'load' });
        await page.close();
        return requests;
      };

      // Without our CSP the injected image is requested and served: the listener sees loads.
      expect(await open(injected(withoutCsp))).toContain(pixel);
      expect(hits).toEqual(['/pixel.png']);
      // With it, the attempt is still visible to the listener, but nothing reaches the server.
      expect(await open(injected(html))).toContain(pixel);
      expect(hits).toEqual(['/pixel.png']);
    } finally {
      await new Promise<void>((ok) => server.close(() => ok()));
    }
  });

  describe.each(['en', 'fr'] as const)('fits the screen (%s)', (language) => {
    let shots: string;
    let crowded: string;

    beforeAll(async () => {
      // The screenshots are there to be looked at: kept with ROTWATCH_KEEP_SHOTS=1, else removed
      // (every run left two folders behind in the temp directory).
      shots = await mkdtemp(join(tmpdir(), `rotwatch-html-shots-${language}-`));
      const path = join(dir, `crowded-${language}.html`);
      await writeFile(path, renderHtml(crowdedReport(language)));
      crowded = pathToFileURL(path).href;
    });
    afterAll(async () => {
      if (process.env.ROTWATCH_KEEP_SHOTS !== '1')
        await rm(shots, { recursive: true, force: true });
    });

    it.each([390, 1280])('at %i px: no element overflows, every remedy in view', async (width) => {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await page.goto(crowded, { waitUntil: 'load' });
      const shot = join(shots, `report-${language}-${width}.png`);
      await page.screenshot({ path: shot, fullPage: true });
      // And what a reader sees on reaching the links: the first rows (or cards) at this width.
      const view = join(shots, `report-${language}-${width}-links.png`);
      await page.locator('#links').scrollIntoViewIfNeeded();
      await page.screenshot({ path: view });
      console.log(`screenshots: ${shot} ${view}`);

      const fit = await page.evaluate(() => {
        // The few DOM types used here (the project compiles without the DOM library).
        const { document, innerWidth: vw } = globalThis as unknown as {
          document: Doc;
          innerWidth: number;
        };
        const over: string[] = [];
        for (const el of Array.from(document.body.querySelectorAll('*'))) {
          const box = el.getBoundingClientRect();
          if (box.width === 0 && box.height === 0) continue;
          if (box.left < -0.5 || box.right > vw + 0.5) {
            over.push(`${el.tagName.toLowerCase()}.${el.className} ${Math.round(box.right)}`);
          }
        }
        const rows = Array.from(document.querySelectorAll('#links tbody tr'));
        const remedies = rows.map((tr) => {
          const td = tr.querySelector('td.c-remedy');
          const box = td?.getBoundingClientRect() ?? { left: 0, right: 0, width: 0, height: 0 };
          return {
            text: td?.textContent ?? '',
            shown: box.width > 0 && box.height > 0,
            left: box.left,
            right: box.right,
          };
        });
        const head = document.querySelector('th.c-remedy')?.getBoundingClientRect();
        return {
          vw,
          scrollWidth: document.documentElement.scrollWidth,
          over: over.slice(0, 10),
          remedies,
          statuses: rows.map((tr) => tr.getAttribute('data-status')),
          headRight: head && head.width > 0 ? head.right : null,
        };
      });
      expect(fit.vw).toBe(width);
      expect(fit.scrollWidth).toBeLessThanOrEqual(width);
      expect(fit.over).toEqual([]);
      // Every remedy written is shown, inside the viewport.
      const written = fit.remedies.filter((r) => r.text.trim() !== '');
      expect(written.length).toBeGreaterThanOrEqual(5);
      for (const r of written) {
        expect(r.shown).toBe(true);
        expect(r.left).toBeGreaterThanOrEqual(0);
        expect(r.right).toBeLessThanOrEqual(width);
      }
      // A table on the laptop (its Remedy column in view), cards on the phone (no header row).
      if (width >= 1280) {
        expect(fit.headRight).not.toBeNull();
        expect(fit.headRight ?? Infinity).toBeLessThanOrEqual(width);
      } else {
        expect(fit.headRight).toBeNull();
      }
      // The links that need work come first, the ok ones after them.
      const lastWork = Math.max(
        ...['dead', 'error', 'blocked', 'redirected'].map((s) => fit.statuses.lastIndexOf(s)),
      );
      expect(lastWork).toBeLessThan(fit.statuses.indexOf('ok'));
      await page.close();
    });
  });
});
