/**
 * A single-page application answers every URL with the same shell (client-side routing): the
 * cited page and a probe of a random URL look alike, and nothing in the shell tells them apart.
 * The verdict must not be dead; a heading inside <noscript> (shown only without JavaScript) made
 * it so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../../src/check/index.js';
import type { Report } from '../../src/model/index.js';
import { html, startTestWeb, type TestWeb } from '../support/web.js';

const shell = (noscript: string) =>
  html(
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme Docs</title></head>' +
      `<body><noscript>${noscript}</noscript><div id="root"></div>` +
      '<script src="/static/js/main.3f2a.js"></script></body></html>',
  );

describe('an app shell served at every URL', () => {
  let web: TestWeb;
  let report: Report;
  const urls: string[] = [];

  beforeAll(async () => {
    web = await startTestWeb(['heading.test', 'plain.test']);
    web
      .host('heading.test')
      .route('*', shell('<h1>You need to enable JavaScript to run this app.</h1>'));
    web.host('plain.test').route('*', shell('You need to enable JavaScript to run this app.'));
    for (const name of ['heading.test', 'plain.test']) {
      urls.push(`${web.host(name).origin}/guides/2023/link-rot-study`);
    }
    report = await check(
      urls.map((url) => ({
        url,
        citations: [{ id: 'e1', file: 'cat.yaml', line: 1, title: 'e1' }],
      })),
      {
        allowPrivateAddresses: true,
        perHostInterval: 0,
        timeout: 2_000,
        retries: 0,
        archive: { enabled: false },
        lookup: web.lookup,
      },
    );
  });
  afterAll(() => web.close());

  it('is not dead, with or without a heading in its <noscript>', () => {
    for (const url of urls) {
      const link = report.links.find((l) => l.url === url);
      expect([url, link?.status]).toEqual([url, 'ok']);
    }
  });
});
