/**
 * Reading drift's history back (LinkState.page, LinkState.drift) from a stored document that
 * another version may have written. What does not have the expected shape is dropped, never
 * fatal: drift then starts again from this run's page, and the rest of the history stands.
 */
import type { DriftReason, DriftState, PageSnapshot } from '../model/index.js';
import { DRIFT_REASONS } from '../model/index.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const strOrNull = (v: unknown) => v === null || typeof v === 'string';
const countOrNull = (v: unknown) =>
  v === null || (typeof v === 'number' && Number.isInteger(v) && v >= 0);

const HEX_DIGEST = /^[0-9a-f]{16}$/;

export function readPageSnapshot(v: unknown): PageSnapshot | undefined {
  if (!isObj(v)) return undefined;
  const ok =
    strOrNull(v.title) &&
    strOrNull(v.finalUrl) &&
    strOrNull(v.contentType) &&
    countOrNull(v.pdfPages) &&
    (v.textPrint === null || (typeof v.textPrint === 'string' && HEX_DIGEST.test(v.textPrint))) &&
    typeof v.seenAt === 'string';
  if (!ok) return undefined;
  return {
    title: v.title as string | null,
    finalUrl: v.finalUrl as string | null,
    contentType: v.contentType as string | null,
    pdfPages: v.pdfPages as number | null,
    textPrint: v.textPrint as string | null,
    seenAt: v.seenAt as string,
  };
}

export function readDriftState(v: unknown): DriftState | undefined {
  if (!isObj(v) || !Array.isArray(v.reasons)) return undefined;
  const reasons = v.reasons.filter((r): r is DriftReason =>
    (DRIFT_REASONS as readonly unknown[]).includes(r),
  );
  if (reasons.length === 0 || typeof v.since !== 'string') return undefined;
  if (typeof v.runs !== 'number' || !Number.isInteger(v.runs) || v.runs < 1) return undefined;
  const before = v.before === null ? null : readPageSnapshot(v.before);
  if (before === undefined) return undefined;
  return { reasons, since: v.since, runs: v.runs, before };
}
