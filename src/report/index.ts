export { CSV_COLUMNS, csvChunks, renderCsv } from './csv.js';
export { digestRenderers } from './digest.js';
export { type GithubOptions, renderGithub } from './github.js';
export { renderHtml } from './html.js';
export { htmlChunks } from './html-stream.js';
export { jsonChunks } from './json.js';
export { type JunitOptions, junitChunks, renderJunit } from './junit.js';
export { type MarkdownOptions, markdownChunks, renderMarkdown } from './markdown.js';
export { collectReport, reportSourceOf, toSource } from './source.js';
export {
  renderSummary,
  renderSummaryFacts,
  type SummaryOptions,
  summaryFactOptions,
} from './summary.js';
export { type SummaryFacts, summaryFactsFrom, summaryFactsOf } from './summary-facts.js';
export { type ParseReportResult, parseReport } from './validate.js';
export { FAIL_ON_LEVELS, type FailOnLevel, failingStatuses, isFailOnLevel } from './view.js';
export {
  REPORT_FORMATS,
  type ReportFormat,
  type ReportSlot,
  slotPath,
  slotStem,
  type WriteReportsOptions,
  writeReports,
} from './write.js';
