/**
 * Every human format rendered in both languages from the same report: the French render speaks
 * French (and no English is left in it for a fixed sample of texts), the machine values stay.
 */
import { describe, expect, it } from 'vitest';
import { subjectFor } from '../../src/delivery/notify.js';
import type { Report } from '../../src/model/index.js';
import { renderCsv, renderHtml, renderMarkdown, renderSummary } from '../../src/report/index.js';
import { sampleReport } from '../report/fixtures.js';

function inLang(language: 'en' | 'fr'): Report {
  const report = sampleReport();
  report.run.language = language;
  return report;
}

/** Texts of each format in each language, and the other language's that must not appear. */
const FORMATS: {
  name: string;
  render: (r: Report) => string;
  en: string[];
  fr: string[];
}[] = [
  {
    name: 'terminal summary',
    render: (r) => renderSummary(r),
    en: [
      'links checked',
      'Broken links:',
      '[new]',
      'Moved link (update the URL):',
      '1 fixed since',
    ],
    fr: [
      'liens vérifiés',
      'Liens cassés\u00a0:',
      '[nouveau]',
      'Lien déplacé (mettre l’URL à jour)',
      '1 lien réparé depuis',
    ],
  },
  {
    name: 'Markdown digest',
    render: (r) => renderMarkdown(r),
    en: [
      '# Link check digest, 2026-11-28',
      '## New this week',
      '## Still broken',
      'Why: dead, `http-404`: The server answered 404 Not Found.',
      'Remedy: archived copy',
      '| Status | Links | Since last run |',
      'Broken links over the last',
    ],
    fr: [
      '# Bilan de vérification des liens, 28 novembre 2026',
      '## Nouveaux cette semaine',
      '## Toujours cassés',
      'Pourquoi\u00a0: mort, `http-404`\u00a0: Le serveur a répondu 404',
      'Remède\u00a0: copie archivée',
      '| État | Liens | Depuis le dernier passage |',
      'Liens cassés sur les',
    ],
  },
  {
    name: 'HTML page',
    // The embedded JSON carries run.language itself: the page around it is compared.
    render: (r) => renderHtml(r).replace(/<script type="application\/json"[\s\S]*?<\/script>/, ''),
    en: ['<html lang="en">', 'Link health, 2026-11-28', '>Remedy</button>', '>Broken for</button>'],
    fr: [
      '<html lang="fr">',
      'État des liens, 28 novembre 2026',
      '>Remède</button>',
      '>Cassé depuis</button>',
      'data-label="Remède"',
      'Le serveur a répondu 404',
    ],
  },
  {
    name: 'CSV worklist',
    render: (r) => renderCsv(r).split('\r\n')[0] ?? '',
    en: ['\ufeffstatus,reason,message,id,file:line,section,catalogue title'],
    fr: ['\ufeffétat,raison,explication,identifiant,fichier:ligne,rubrique,titre au catalogue'],
  },
  {
    name: 'e-mail subject',
    render: (r) => subjectFor(r, '[rotwatch]'),
    en: ['[rotwatch] Link report 2026-W48: 2 dead, 2 new, 1 fixed'],
    fr: ['[rotwatch] Rapport des liens 2026-W48\u00a0: 2 morts, 2 nouveaux, 1 réparé'],
  },
];

describe.each(FORMATS)('$name', ({ render, en, fr }) => {
  it('is in English by default and when asked', () => {
    const report = sampleReport();
    delete report.run.language;
    const out = render(report);
    for (const text of en) expect(out).toContain(text);
    expect(render(inLang('en'))).toBe(out);
  });

  it('is in French when the report is, with none of the English texts left', () => {
    const out = render(inLang('fr'));
    for (const text of fr) expect(out).toContain(text);
    for (const text of en) expect(out).not.toContain(text);
  });
});

describe('machine values in a French report', () => {
  it('keeps verdicts, reason codes and filter values as they are', () => {
    const fr = inLang('fr');
    const csv = renderCsv(fr).split('\r\n');
    const enCsv = renderCsv(inLang('en')).split('\r\n');
    expect(csv.length).toBe(enCsv.length);
    // Same number of cells per row, and the status and reason cells unchanged.
    const firstTwo = (line: string) => line.split(',').slice(0, 2).join(',');
    expect(csv.slice(1).map(firstTwo)).toEqual(enCsv.slice(1).map(firstTwo));
    expect(csv.some((line) => line.startsWith('dead,http-404,'))).toBe(true);
    const html = renderHtml(fr);
    expect(html).toContain('data-status="dead"');
    expect(html).toContain('<option value="dead">mort</option>');
    expect(html).toContain('<code>http-404</code>');
  });
});
