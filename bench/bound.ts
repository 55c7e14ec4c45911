/** URL counts per host following a Zipf-like law: a few hosts hold many URLs. Sums to `total`. */
export function zipfCounts(total: number, hosts: number, skew: number): number[] {
  const weights = Array.from({ length: hosts }, (_, i) => 1 / (i + 1) ** skew);
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.max(1, Math.floor((w / sum) * total)));
  let diff = total - counts.reduce((a, b) => a + b, 0);
  for (let i = 0; diff !== 0; i = (i + 1) % hosts) {
    if (diff > 0) {
      counts[i]!++;
      diff--;
    } else if (counts[i]! > 1) {
      counts[i]!--;
      diff++;
    }
  }
  return counts;
}

/**
 * The shortest wall time the politeness policy allows: no host can finish before its n requests
 * started at least `interval` apart and ran at most `perHost` at a time, each taking `latency`;
 * and all requests together can't beat the global cap.
 */
export function lowerBoundMs(
  counts: number[],
  p: { latencyMs: number; perHost: number; intervalMs: number; concurrency: number },
): number {
  const perHost = counts.map((n) =>
    Math.max((n - 1) * p.intervalMs + p.latencyMs, Math.ceil(n / p.perHost) * p.latencyMs),
  );
  const total = counts.reduce((a, b) => a + b, 0);
  const global = Math.ceil(total / p.concurrency) * p.latencyMs;
  return Math.max(...perHost, global);
}
