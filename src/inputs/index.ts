export { citationsOf } from './citations.js';
export { type Collected, type CollectOptions, collectTargets, listInputFiles } from './collect.js';
export type { FoundLink, FoundLinks } from './found.js';
export { parseMarkdownLinks } from './markdown.js';
export { normaliseUrl } from './normalise.js';
export { parseUrlList } from './textlist.js';
