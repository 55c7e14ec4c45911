/**
 * Archive fallbacks (issue 4): for a dead or moved link, the archived copy closest to the date
 * the catalogue's editors saw it, validated like a live page. See docs/archive.md.
 */

export type { LookupCache } from './cache.js';
export { openLookupCache, storeLookupCache } from './cache.js';
export {
  type ArchiveConfigInput,
  type ArchiveOptions,
  archiveConfigSchema,
  type MementoArchiveOptions,
} from './config.js';
export { type ArchiveFinder, type ArchiveFinderDeps, createArchiveFinder } from './finder.js';
export { createCaptureJudge, type JudgeDeps, originalOfPlayback } from './judge.js';
export { parseLinkFormat } from './linkformat.js';
export { isPrivateTarget, type SaveNowOutcome } from './save.js';
export type { ArchiveRequest, CaptureJudge } from './types.js';
