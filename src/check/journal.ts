import type { LinkState } from '../model/index.js';
import type { HistoryStore, JournalObservation } from '../store/index.js';
import type { LinkObservation } from './engine.js';
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
  let host: string | null = null;
  if (obs.outcome) {
    try {
      host = new URL(obs.target.url).hostname;
    } catch {
      host = null;
    }
  }
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
export function priorLoader(store: HistoryStore): (url: string) => Promise<LinkState | undefined> {
  let waiting: Map<string, ((s: LinkState | undefined) => void)[]> | null = null;
  const flush = async (batch: Map<string, ((s: LinkState | undefined) => void)[]>) => {
    let found = new Map<string, LinkState>();
    try {
      found = await store.readLinks(batch.keys());
    } catch {
      // Only conditional headers depend on it: a plain request is the safe fallback.
    }
    for (const [url, answers] of batch) for (const answer of answers) answer(found.get(url));
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
  /** Resolves once the observation is in the journal (with the others of its turn). */
  add(obs: LinkObservation): Promise<void>;
  /** Waits for every write; rejects with the first write failure. */
  close(): Promise<void>;
}

/**
 * Writes observations to the journal as they come, one transaction per turn of the event
 * loop: a killed run loses at most the links of the turn it died in, and those are checked
 * again on resume. `afterRecord` runs on each batch once it is in the journal (the early
 * settling, early-settle.ts); its failures are its own: the batch stays recorded.
 */
export function journalWriter(
  store: HistoryStore,
  runId: string,
  afterRecord?: (batch: readonly LinkObservation[]) => Promise<void>,
): JournalWriter {
  let pending: { rows: JournalObservation[]; written: Promise<void> } | null = null;
  let chain: Promise<void> = Promise.resolve();
  let failure: Error | null = null;
  let observations: LinkObservation[] = [];
  return {
    add(obs) {
      if (!pending) {
        const batch: JournalObservation[] = [];
        const written = new Promise<void>((resolve) => {
          setImmediate(() => {
            pending = null;
            const seen = observations;
            observations = [];
            chain = chain
              .then(async () => {
                await store.journal.record(runId, batch);
                // Settling early is an optimisation: whatever it leaves, the end settles.
                if (afterRecord) await afterRecord(seen).catch(() => undefined);
              })
              .catch((err: Error) => {
                failure ??= err;
              });
            void chain.then(resolve);
          });
        });
        pending = { rows: batch, written };
      }
      pending.rows.push(toJournal(obs));
      if (afterRecord) observations.push(obs);
      return pending.written;
    },
    async close() {
      if (pending) await pending.written;
      await chain;
      if (failure) throw failure;
    },
  };
}
