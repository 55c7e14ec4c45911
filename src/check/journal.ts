import type { LinkState } from '../model/index.js';
import type { HistoryStore, JournalObservation } from '../store/index.js';
import { hostnameOf } from '../text/parsed-url.js';
import type { EarlySettler } from './early-settle.js';
import type { LinkObservation } from './engine.js';
import type { PriorMemo } from './prior-memo.js';
import { NO_BODY } from './slim.js';

/*
 * The run's side of the store: observations go to the journal as they come (never into an
 * array of the whole run), prior states are read in batches as the engine asks for them.
 */

/** An observation as the journal keeps it: JSON, without the (already emptied) body. */
export function toJournal(obs: LinkObservation): JournalObservation {
  const response = obs.outcome?.response;
  const observation = response
    ? { ...obs, outcome: { ...obs.outcome, response: { ...response, body: undefined } } }
    : obs;
  const host = obs.outcome ? hostnameOf(obs.target.url) : null;
  return {
    url: obs.target.url,
    host,
    connectionFailure: host === null ? null : obs.connectionFailure,
    observation,
  };
}

/** The observation back from the journal. */
export function fromJournal(row: JournalObservation): LinkObservation {
  const obs = row.observation as LinkObservation;
  if (obs.outcome?.response) obs.outcome.response.body = NO_BODY;
  return obs;
}

/**
 * `prior(url)` for the engine: the URLs asked within one turn of the event loop are read in
 * one batch (the engine asks for a host's next links together, and for every host at start).
 * Nothing is kept once answered: each URL is asked once per run.
 */
export function priorLoader(
  store: HistoryStore,
  /** Keeps what was read for the link's settling (prior-memo.ts). */
  memo?: PriorMemo,
): (url: string) => Promise<LinkState | undefined> {
  let waiting: Map<string, ((s: LinkState | undefined) => void)[]> | null = null;
  const flush = async (batch: Map<string, ((s: LinkState | undefined) => void)[]>) => {
    let found = new Map<string, LinkState>();
    let read = false;
    try {
      found = await store.readLinks(batch.keys());
      read = true;
    } catch {
      // Only conditional headers depend on it: a plain request is the safe fallback.
    }
    for (const [url, answers] of batch) {
      const state = found.get(url);
      // A failed read is no answer: the settling reads the state itself.
      if (read) memo?.remember(url, state);
      for (const answer of answers) answer(state);
    }
  };
  return (url) =>
    new Promise((resolve) => {
      if (!waiting) {
        const batch = new Map();
        waiting = batch;
        setImmediate(() => {
          waiting = null;
          void flush(batch);
        });
      }
      const answers = waiting.get(url);
      if (answers) answers.push(resolve);
      else waiting.set(url, [resolve]);
    });
}

export interface JournalWriter {
  /**
   * Queues the observation for the journal. Resolves at once, or, when too many wait to be
   * written, once the queue has drained.
   */
  add(obs: LinkObservation): Promise<void>;
  /** Writes what waits and resolves once everything added so far is in the journal. */
  flush(): Promise<void>;
  /** Waits for every write; rejects with the first write failure. */
  close(): Promise<void>;
}

/** Observations waiting above which they are written at once, without waiting for the timer. */
const BATCH_ROWS = 500;
/**
 * Observations per transaction, at most. A transaction blocks the event loop (~0.1 ms per row
 * with early settling): 500 rows held it ~40 ms, long enough to delay the busiest host's next
 * request past its gap; 50 rows hold it ~5 ms.
 */
const TRANSACTION_ROWS = 50;
/** How long an observation may wait for others before its batch is written. */
const BATCH_DELAY_MS = 100;
/** Observations waiting to be written above which `add` makes its caller wait (backpressure). */
const HIGH_WATER = 4 * BATCH_ROWS;

/**
 * Writes observations to the journal in batches: every BATCH_DELAY_MS, or at BATCH_ROWS, in
 * transactions of TRANSACTION_ROWS (each commit rewrites whole pages of the journal and its
 * index: a transaction per observation cost more than the rest of the store's work together).
 * A killed run loses at most the observations of the last 100 ms, and those are checked again
 * on resume.
 * `settler` says which links of a batch can be settled as they are recorded
 * (early-settle.ts): they are, in the same transaction. If it fails, the batch is only recorded
 * and the end of the run settles it. Batches recorded before the network was certain are
 * settled once it is (the settler's backlog), while the run goes on: left to the end, they
 * were ~750 links of the 10k bench settled after its last answer (~0.1 s).
 */
export function journalWriter(
  store: HistoryStore,
  runId: string,
  settler?: Pick<EarlySettler, 'settle' | 'backlog'>,
  /** True while a batch must wait for a later turn (lane-guard.ts). */
  hold: () => boolean = () => false,
): JournalWriter {
  let rows: JournalObservation[] = [];
  let observations: LinkObservation[] = [];
  let timer: NodeJS.Timeout | null = null;
  let chain: Promise<void> = Promise.resolve();
  let unwritten = 0;
  let failure: Error | null = null;
  /** A batch was recorded before the network was certain: its links wait for the backlog. */
  let behind = false;
  // A transaction holds the event loop: one per turn, so timers (the next request of a busy
  // host) run between them, and none while the busiest host's request or answer is about to pass.
  const nextTurn = () =>
    new Promise<void>((resolve) => {
      const turn = () => (hold() ? setImmediate(turn) : resolve());
      setImmediate(turn);
    });
  const write = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    for (let i = 0; i < rows.length; i += TRANSACTION_ROWS) {
      writeChunk(
        rows.slice(i, i + TRANSACTION_ROWS),
        settler ? observations.slice(i, i + TRANSACTION_ROWS) : [],
      );
    }
    rows = [];
    observations = [];
  };
  const writeChunk = (batch: JournalObservation[], seen: LinkObservation[]) => {
    chain = chain
      .then(nextTurn)
      .then(async () => {
        // Settling early is an optimisation: whatever it leaves, the end settles.
        const early = settler ? await settler.settle(seen).catch(() => null) : null;
        if (early && early.settled.length > 0) {
          await store.journal.recordSettled(runId, batch, early.settled, early.states);
        } else await store.journal.record(runId, batch);
        if (early && !early.certain) behind = true;
        else if (early?.certain && behind && settler) {
          behind = false;
          // After the batches already queued; a failure leaves the rest to the end.
          chain = chain.then(() => settler.backlog(runId, nextTurn)).catch(() => undefined);
        }
      })
      .catch((err: Error) => {
        failure ??= err;
      })
      .finally(() => {
        unwritten -= batch.length;
      });
  };
  return {
    add(obs) {
      rows.push(toJournal(obs));
      if (settler) observations.push(obs);
      unwritten++;
      if (rows.length >= BATCH_ROWS) write();
      else timer ??= setTimeout(write, BATCH_DELAY_MS);
      // The engine goes on at once, unless the store has fallen far behind.
      return unwritten > HIGH_WATER ? chain : Promise.resolve();
    },
    async flush() {
      write();
      // The chain may grow while it runs (the backlog is queued by a batch): wait for all.
      let last: Promise<void>;
      do {
        last = chain;
        await last;
      } while (last !== chain);
    },
    async close() {
      await this.flush();
      if (failure) throw failure;
    },
  };
}
