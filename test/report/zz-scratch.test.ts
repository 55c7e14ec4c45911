import { writeFileSync } from 'node:fs';
import { it } from 'vitest';
import {
  renderCsv,
  renderGithub,
  renderHtml,
  renderJunit,
  renderMarkdown,
  renderSummary,
} from '../../src/report/index.js';
import { sampleReport } from './fixtures.js';

it('scratch', () => {
  const r = sampleReport();
  writeFileSync('/tmp/scratch/summary.txt', renderSummary(r));
  writeFileSync('/tmp/scratch/d.md', renderMarkdown(r));
  writeFileSync('/tmp/scratch/d.csv', renderCsv(r));
  writeFileSync('/tmp/scratch/d.xml', renderJunit(r));
  writeFileSync('/tmp/scratch/gh.txt', renderGithub(r));
  writeFileSync('/tmp/scratch/d.html', renderHtml(r));
});
