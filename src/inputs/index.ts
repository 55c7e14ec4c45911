export { citationsOf } from './citations.js';
export {
  COMMAND_LINE_FILE,
  type Collected,
  type CollectOptions,
  collectTargets,
  inputLabel,
  isUrlInput,
  listInputFiles,
  STDIN_FILE,
  STDIN_INPUT,
} from './collect.js';
export type { FoundLink, FoundLinks } from './found.js';
export { parseMarkdownLinks } from './markdown.js';
export { normaliseUrl } from './normalise.js';
export { parseUrlList } from './textlist.js';
