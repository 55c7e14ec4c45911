import { createHash } from 'node:crypto';
import type { Verdict } from '../model/index.js';

/*
 * When each link is next due, as Wikipedia's archive bot does it: live links a week after
 * their last check, failing ones after three days. A catalogue checked in one burst would stay
 * one burst every week; instead each link has a fixed phase in the period, drawn from a hash
 * of its URL, and is next due at the first instant of its phase at least half a period after
 * its check. After one round, checks are spread evenly over the period, whatever the first run
 * looked like, and two checks of a link are between half and one and a half periods apart
 * (one period on average).
 */

export interface DuePolicy {
  /** Days between checks of a link that answered (ok, redirected, skipped). */
  liveDays: number;
  /** Days between checks of a link that failed (dead, error, blocked). */
  failingDays: number;
}

export const DEFAULT_DUE: DuePolicy = { liveDays: 7, failingDays: 3 };

const DAY = 86_400_000;

/** Pure: the link's phase in [0, 1), from its URL (stable across runs and machines). */
export function phaseOf(url: string): number {
  const h = createHash('sha256').update(url).digest();
  return h.readUInt32BE(0) / 2 ** 32;
}

/** Pure: when a link checked at `checkedAt` (ms) with this verdict is next due (ms). */
export function nextDue(
  url: string,
  status: Verdict,
  checkedAt: number,
  policy: DuePolicy,
): number {
  const live = status === 'ok' || status === 'redirected' || status === 'skipped';
  const period = (live ? policy.liveDays : policy.failingDays) * DAY;
  const offset = phaseOf(url) * period;
  const earliest = checkedAt + period / 2;
  // The first instant offset + k * period at or after `earliest`.
  const k = Math.ceil((earliest - offset) / period);
  return offset + k * period;
}
