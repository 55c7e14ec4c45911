/** A live progress line on a terminal: done/total, rate, ETA. Writes nothing when not a TTY. */
export function createProgress(
  write: (s: string) => void,
  enabled: boolean,
  now = () => performance.now(),
) {
  const started = now();
  let last = 0;
  return {
    update(done: number, total: number): void {
      if (!enabled) return;
      const t = now();
      if (done < total && t - last < 200) return; // redraw at most 5 times a second
      last = t;
      const elapsed = (t - started) / 1000;
      const rate = elapsed > 0 ? done / elapsed : 0;
      const eta = rate > 0 ? Math.round((total - done) / rate) : null;
      write(`\r\x1b[2K${formatProgress(done, total, rate, eta)}`);
    },
    finish(): void {
      if (enabled) write('\r\x1b[2K');
    },
  };
}

export function formatProgress(
  done: number,
  total: number,
  rate: number,
  etaSeconds: number | null,
): string {
  const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
  const eta =
    etaSeconds === null
      ? '--'
      : etaSeconds >= 60
        ? `${Math.floor(etaSeconds / 60)}m${etaSeconds % 60}s`
        : `${etaSeconds}s`;
  return `checked ${done}/${total} (${pct}%)  ${rate.toFixed(1)} URL/s  ETA ${eta}`;
}
