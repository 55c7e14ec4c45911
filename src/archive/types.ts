import type { ArchiveMissReason, ArchiveSource } from '../model/index.js';

/** What the orchestrator asks for one link. Dates are ISO (date or date-time). */
export interface ArchiveRequest {
  url: string;
  /** Access date: the capture should be at or before it. Null: now. */
  windowEnd: string | null;
  /** Publication date: never a capture before it. */
  windowStart: string | null;
  /** MIME type the live link served or should serve (`text/html`, `application/pdf`), if known. */
  contentType: string | null;
}

/**
 * Checks one capture through its raw playback, like the live check would (soft-404, redirect to
 * home, error page). `reason` is a verdict reason code (e.g. `soft-404`) when not ok.
 */
export type CaptureJudge = (
  rawPlaybackUrl: string,
  originalUrl: string,
) => Promise<{ ok: boolean; reason: string | null }>;

/** One capture an archive told us about, before validation. */
export interface Candidate {
  source: ArchiveSource;
  /** Memento archive name. */
  archive?: string;
  timestampMs: number;
  /** URL an editor opens. */
  playbackUrl: string;
  /** URL of the unmodified capture (Wayback `id_` mode), what the judge fetches. */
  rawUrl: string;
  /** HTTP status of the captured answer; null when the archive does not say. */
  status: number | null;
  /** MIME type of the captured answer; null when the archive does not say. */
  mimetype: string | null;
  digest: string | null;
  /** A revisit record (the same content as an earlier capture); status/type are its original's. */
  revisit?: boolean;
}

/** What one source answered for one lookup. */
export type SourceResult =
  /** `fallback`: from a weaker query after the main one failed (not cached). */
  | { kind: 'captures'; candidates: Candidate[]; fallback?: boolean }
  | {
      kind: 'failed';
      reason: Extract<ArchiveMissReason, 'archive-throttled' | 'archive-down' | 'archive-excluded'>;
      message: string;
    };
