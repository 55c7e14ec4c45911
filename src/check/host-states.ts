// The engine asks for a host's stored probe synchronously and hands back fresh ones one by
// one; the history is asynchronous and wants batches. This is the adapter between the two.
import { probeOriginKeys } from '../classify/index.js';
import type { HostState, StoredProbe, Target } from '../model/index.js';
import type { HistoryStore } from '../store/index.js';

/** Fresh probe answers kept before they are written to the history together. */
const WRITE_BATCH = 100;

/**
 * What the history knows of the run's hosts (their probe answers), read once before the
 * engine asks (its accessor is synchronous); fresh probe answers are written back in batches.
 */
export async function hostStates(store: HistoryStore, targets: Target[]) {
  const keys = probeOriginKeys(targets.map((t) => t.url));
  const known = await store.readHosts(keys);
  let fresh: HostState[] = [];
  let writing: Promise<void> = Promise.resolve();
  const write = () => {
    const batch = fresh;
    fresh = [];
    // A probe not kept costs one request next run: never worth failing the run for.
    writing = writing.then(() => store.writeHosts(batch)).catch(() => undefined);
    return writing;
  };
  return {
    probe: (host: string): StoredProbe | undefined => known.get(host)?.probe,
    keep: (host: string, probe: StoredProbe) => {
      const state: HostState = { ...known.get(host), host, updatedAt: probe.probedAt, probe };
      known.set(host, state);
      fresh.push(state);
      if (fresh.length >= WRITE_BATCH) void write();
    },
    flush: write,
  };
}
