/** Where signals come from: `process` in production, an EventEmitter in tests. */
export interface SignalSource {
  on(signal: NodeJS.Signals, listener: () => void): unknown;
  off(signal: NodeJS.Signals, listener: () => void): unknown;
}

export const SHUTDOWN_SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

/**
 * Call `onFirst` on the first SIGTERM/SIGINT (graceful stop) and `onRepeat` on any later one
 * (the operator insists). Listening replaces Node's default "exit at once" for these signals,
 * so the partial report and the lock release get their chance. Returns a function that removes
 * the listeners.
 */
export function onShutdownSignals(
  source: SignalSource,
  handlers: {
    onFirst: (signal: NodeJS.Signals) => void;
    onRepeat?: (signal: NodeJS.Signals) => void;
  },
  signals: NodeJS.Signals[] = SHUTDOWN_SIGNALS,
): () => void {
  let seen = false;
  const listeners = signals.map((signal) => {
    const listener = () => {
      if (!seen) {
        seen = true;
        handlers.onFirst(signal);
      } else {
        handlers.onRepeat?.(signal);
      }
    };
    source.on(signal, listener);
    return [signal, listener] as const;
  });
  return () => {
    for (const [signal, listener] of listeners) source.off(signal, listener);
  };
}
