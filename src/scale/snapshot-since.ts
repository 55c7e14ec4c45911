/*
 * Pure: whether a failure (or a fix) recorded in the shared store is new to a snapshot report,
 * that is, not shown by the previous report of the whole catalogue.
 *
 * A time rule ("recorded after the previous report finished") loses events: a due pass checks
 * a link at 10:00 and commits at 10:05; a snapshot that read the store at 10:02 did not see it,
 * and the next one, "since 10:02", skips a check made at 10:00. So each snapshot keeps what it
 * read as PostgreSQL names it (txid_current_snapshot(): the transactions it saw committed), and
 * each event carries the transaction that wrote it: an event is new exactly when the previous
 * snapshot did not see its transaction, whatever the clocks said. The time rule stays for what
 * has no such record (a previous report that was a run, or rows written before this existed).
 */

/** What one read of the store saw: PostgreSQL's `xmin:xmax:xip,...` (64-bit txids). */
export interface StoreRead {
  xmin: bigint;
  xmax: bigint;
  inProgress: ReadonlySet<bigint>;
}

const STORE_READ_MARK = /^(\d+):(\d+):([\d,]*)$/;

/** Parses txid_current_snapshot()'s text; null when it is not one. */
export function parseStoreRead(text: string | null | undefined): StoreRead | null {
  const m = STORE_READ_MARK.exec(text?.trim() ?? '');
  if (!m) return null;
  const xmin = BigInt(m[1] as string);
  const xmax = BigInt(m[2] as string);
  if (xmax < xmin) return null;
  const inProgress = new Set((m[3] as string).split(',').filter(Boolean).map(BigInt));
  return { xmin, xmax, inProgress };
}

/** Whether a read saw the work of transaction `txid` (committed before the read began). */
export function sawWrite(read: StoreRead, txid: bigint): boolean {
  if (txid < read.xmin) return true;
  return txid < read.xmax && !read.inProgress.has(txid);
}

/** An event on a link in the store: its check's time and the transaction that recorded it. */
export interface StoreEvent {
  /** When the link was checked (ISO date-time), null when unknown. */
  at: string | null;
  /** The recording transaction (txid as text), null for rows older than the column. */
  txid: string | null;
}

/** What "new" is measured against in one snapshot. */
export interface NewBasis {
  /** The previous report of the whole catalogue ended then (the time rule's start). */
  since: string;
  /** What the previous report read, when it was a snapshot that recorded it. */
  previous: StoreRead | null;
  /** What this snapshot reads. */
  current: StoreRead;
}

/**
 * The basis of one snapshot. A previous read that claims transactions this read has not seen
 * (a database restored into another cluster, whose counter started again) is no basis.
 */
export function newBasis(since: string, previous: string | null, current: string): NewBasis {
  const now = parseStoreRead(current) ?? { xmin: 0n, xmax: 0n, inProgress: new Set<bigint>() };
  const before = parseStoreRead(previous);
  return { since, previous: before && before.xmax <= now.xmax ? before : null, current: now };
}

const DIGITS_ONLY = /^\d+$/;

/** Whether the event is new since the previous report (see the comment at the top). */
export function isNewSince(event: StoreEvent | null, basis: NewBasis): boolean {
  if (!event) return false;
  const txid = event.txid !== null && DIGITS_ONLY.test(event.txid) ? BigInt(event.txid) : null;
  // A row this read sees was written by a transaction it saw; one that says otherwise comes
  // from another cluster (a restore), and only its time can be trusted.
  if (txid !== null && basis.previous && sawWrite(basis.current, txid)) {
    return !sawWrite(basis.previous, txid);
  }
  const t = event.at ? Date.parse(event.at) : Number.NaN;
  return Number.isFinite(t) && t > Date.parse(basis.since);
}
