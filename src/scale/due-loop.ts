import type { Logger } from 'pino';

/*
 * What a worker in due-only mode does between its scheduled reports: check whatever is due,
 * then look again after a pause, until stopped. Each pass is an ordinary due-only check (a
 * shared run of the due links, joined by the other workers); a pass that fails is logged and
 * the next one tries again, as a scheduled run would.
 */

export interface DueLoop {
  /** Aborts the pass in progress and resolves once the loop has ended. Idempotent. */
  stop(): Promise<void>;
  /** Passes finished so far (for status and tests). */
  passes(): number;
}

export function startDueLoop(opts: {
  /** One pass: checks what is due now; resolves when done (or aborted by `signal`). */
  pass(signal: AbortSignal): Promise<unknown>;
  /** Pause between the end of a pass and the start of the next (ms). */
  everyMs: number;
  logger: Pick<Logger, 'info' | 'warn'>;
}): DueLoop {
  const ctrl = new AbortController();
  let passes = 0;
  const done = (async () => {
    while (!ctrl.signal.aborted) {
      try {
        await opts.pass(ctrl.signal);
      } catch (err) {
        opts.logger.warn(
          { event: 'due-pass-failed', err: (err as Error).message },
          'checking the due links failed; trying again after the pause',
        );
      }
      passes++;
      await pause(opts.everyMs, ctrl.signal);
    }
  })();
  return {
    async stop() {
      ctrl.abort(new Error('stopping'));
      await done;
    },
    passes: () => passes,
  };
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((ok) => {
    if (signal.aborted) return ok();
    const end = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', end);
      ok();
    };
    const timer = setTimeout(end, ms);
    signal.addEventListener('abort', end, { once: true });
  });
}
