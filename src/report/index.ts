export { renderCsv } from './csv.js';
export { type GithubOptions, renderGithub } from './github.js';
export { renderHtml } from './html.js';
export { type JunitOptions, renderJunit } from './junit.js';
export { type MarkdownOptions, renderMarkdown } from './markdown.js';
export { renderSummary, type SummaryOptions } from './summary.js';
export { type ParseReportResult, parseReport } from './validate.js';
export { FAIL_ON_LEVELS, type FailOnLevel, failingStatuses, isFailOnLevel } from './view.js';
export {
  REPORT_FORMATS,
  type ReportFormat,
  type WriteReportsOptions,
  writeReports,
} from './write.js';
