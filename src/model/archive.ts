export type ArchiveSource = 'wayback' | 'wikiwix' | 'memento';

export interface ArchiveCapture {
  /** Playback URL an editor can open. */
  url: string;
  /** ISO date-time of the capture. */
  timestamp: string;
  source: ArchiveSource;
  /** Name of the Memento archive, when source is `memento`. */
  archive?: string;
  /** Days between the capture and the access date (negative: before it). */
  distanceDays: number;
}

export type ArchiveMissReason =
  | 'no-capture'
  | 'only-error-captures'
  | 'only-captures-before-publication'
  | 'archive-throttled'
  | 'archive-down'
  | 'archive-excluded'
  | 'archive-disabled';

export interface ArchiveLookup {
  capture: ArchiveCapture | null;
  /** Why there is no capture (null when there is one). */
  reason: ArchiveMissReason | null;
  /** Human sentence, e.g. "Wayback Machine throttled us (429); Wikiwix has no copy." */
  message: string | null;
}
