/** `report.language` in the config file and `--language` over it, each checked where it is read. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCatalogueText } from '../../src/catalogue/index.js';
import { loadConfig } from '../../src/check/config.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rotwatch-lang-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('report.language', () => {
  it('is read from the config file, and --language wins over it', async () => {
    await writeFile(join(dir, 'rotwatch.config.yaml'), 'report:\n  language: fr\n');
    const fromFile = await loadConfig(dir, undefined, {});
    expect(fromFile.ok && fromFile.config.report.language).toBe('fr');
    const fromCli = await loadConfig(dir, undefined, { language: 'en' });
    expect(fromCli.ok && fromCli.config.report.language).toBe('en');
    // Not a check option: the check section stays strict and clean.
    expect(fromCli.ok && 'language' in fromCli.config.options).toBe(false);
  });

  it('names the line of a language rotwatch does not speak', async () => {
    await writeFile(
      join(dir, 'rotwatch.config.yaml'),
      'check:\n  retries: 1\nreport:\n  language: de\n',
    );
    const loaded = await loadConfig(dir, undefined, {});
    expect(loaded.ok).toBe(false);
    if (!loaded.ok)
      expect(loaded.problems[0]).toMatch(/rotwatch\.config\.yaml:4: report\.language/);
  });

  it('is absent by default', async () => {
    const loaded = await loadConfig(dir, undefined, {});
    expect(loaded.ok && loaded.config.report).toEqual({});
  });
});

describe('catalogue language', () => {
  const body = (lang: string) =>
    `${lang}catalogue:\n  title: T\nentries:\n  - id: a\n    section: { number: '1', title: S }\n    creators: C\n    title: T\n    medium: report\n    links: [https://example.org/]\n`;

  it('is an optional top-level tag', () => {
    const withLang = parseCatalogueText(body('language: fr\n'), 'c.yaml');
    expect(withLang.catalogue?.language).toBe('fr');
    const without = parseCatalogueText(body(''), 'c.yaml');
    expect(without.catalogue).toBeTruthy();
    expect(without.catalogue?.language).toBeUndefined();
  });

  it('refuses what is not a language tag, at its line', () => {
    const bad = parseCatalogueText(body('language: "fran çais"\n'), 'c.yaml');
    expect(bad.catalogue).toBeNull();
    expect(bad.problems[0]?.line).toBe(1);
    expect(bad.problems[0]?.message).toMatch(/language tag/);
  });
});
