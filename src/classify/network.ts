/*
 * Is our own network down? When most hosts fail at connection level at once, the fault is more
 * likely on our side than on theirs, and no link may be declared dead from such a run.
 */

export interface NetworkHealth {
  status: 'ok' | 'down';
  hostsChecked: number;
  hostsUnreachable: number;
}

export const DEFAULT_MIN_HOSTS = 3;
export const DEFAULT_THRESHOLD = 0.8;

/**
 * `down` when at least `minHosts` hosts were tried and at least `threshold` of them failed at
 * connection level. With fewer hosts than `minHosts`, `down` only when every one of them failed:
 * a single unreachable host cannot be told apart from a dead network, so the orchestrator must
 * confirm with its canary check before trusting such a run. No host at all: `ok` (nothing
 * failed). A host listed several times counts once, as unreachable only if every entry failed.
 */
export function assessNetwork(
  hosts: { host: string; connectionFailed: boolean }[],
  opts: { minHosts?: number; threshold?: number } = {},
): NetworkHealth {
  const minHosts = Math.max(1, opts.minHosts ?? DEFAULT_MIN_HOSTS);
  const threshold = opts.threshold ?? DEFAULT_THRESHOLD;
  const failed = new Map<string, boolean>();
  for (const { host, connectionFailed } of hosts) {
    const key = host.toLowerCase();
    failed.set(key, (failed.get(key) ?? true) && connectionFailed);
  }
  const hostsChecked = failed.size;
  let hostsUnreachable = 0;
  for (const f of failed.values()) if (f) hostsUnreachable++;
  let down: boolean;
  if (hostsChecked === 0) down = false;
  else if (hostsChecked < minHosts) down = hostsUnreachable === hostsChecked;
  else down = hostsUnreachable / hostsChecked >= threshold;
  return { status: down ? 'down' : 'ok', hostsChecked, hostsUnreachable };
}

/**
 * Whether `assessNetwork` will say `ok` at the end of the run, whatever the hosts not yet heard
 * from do: `reached` hosts have answered at least once (they can never count as unreachable) out
 * of at most `hostsAtMost` hosts in the run. The worst case is every other host failing; the
 * share of unreachable hosts only grows with the number of hosts checked, so that worst case is
 * all `hostsAtMost` hosts checked. Lets a run settle its links before it ends. Pure.
 */
export function networkCertainlyOk(
  reached: number,
  hostsAtMost: number,
  opts: { minHosts?: number; threshold?: number } = {},
): boolean {
  if (reached < 1) return false;
  const threshold = opts.threshold ?? DEFAULT_THRESHOLD;
  const hosts = Math.max(reached, hostsAtMost);
  // With fewer than minHosts hosts, `down` needs every host unreachable: one reached rules it out.
  return (hosts - reached) / hosts < threshold;
}
