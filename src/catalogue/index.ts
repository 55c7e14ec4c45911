export { daysInMonth, publishedIso, toIsoDay } from './dates.js';
export {
  type CatalogueSummary,
  type EntryRow,
  entryRows,
  renderCatalogueSummary,
  summarise,
  terminalSafeJson,
} from './listing.js';
export {
  DEFAULT_MAX_BYTES,
  type LoadOptions,
  type LoadResult,
  loadCatalogueFile,
  loadCatalogues,
  readInputText,
} from './loader.js';
export { DEFAULT_PARSE_LIMITS, type ParseLimits, parseCatalogueText } from './parse.js';
export { formatProblem, sortProblems, stripControl } from './problems.js';
export { urlProblem } from './url.js';
