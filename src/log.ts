import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Structured logs go to stderr: JSON lines when stderr is not a terminal (CI, cron, files),
 * human lines on a terminal. stdout stays for reports and summaries.
 */
export function createLogger(
  opts: {
    quiet?: boolean;
    level?: string;
    pretty?: boolean;
    /** Where JSON lines go instead of fd 2 (the CLI's own stderr, so tests can read it). */
    write?: (line: string) => void;
  } = {},
): Logger {
  const level = opts.level ?? process.env.ROTWATCH_LOG_LEVEL ?? (opts.quiet ? 'warn' : 'info');
  const pretty = opts.pretty ?? Boolean(process.stderr.isTTY);
  if (pretty) {
    return pino({
      level,
      transport: {
        target: 'pino-pretty',
        options: { destination: 2, colorize: true, ignore: 'pid,hostname' },
      },
    });
  }
  const destination = opts.write ? { write: opts.write } : pino.destination({ fd: 2, sync: true });
  return pino({ level, base: { name: 'rotwatch' } }, destination);
}

/** A logger that drops everything (library use, tests). */
export const silentLogger = (): Logger => pino({ level: 'silent' });
