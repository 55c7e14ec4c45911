import pg from 'pg';

/*
 * The connection side of the PostgreSQL store: a pool, and every statement or transaction run
 * through `retry`, so a restart of the server (or a dropped connection) in the middle of a run
 * costs a pause, not the run. A transaction is retried whole: every write the store makes is an
 * upsert or an update to a fixed value, so applying one twice (a commit whose answer was lost
 * with the connection) changes nothing.
 */

export interface PgRetryPolicy {
  /** How long to keep retrying one call before giving up (ms). */
  giveUpAfterMs: number;
  /** First pause (ms); doubled each time up to `maxDelayMs`. */
  firstDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: PgRetryPolicy = {
  giveUpAfterMs: 120_000,
  firstDelayMs: 100,
  maxDelayMs: 5_000,
};

export type Queryable = Pick<pg.ClientBase, 'query'>;

export interface Db {
  readonly pool: pg.Pool;
  /** The URL it connects to (password included: never show it; see `redact`). */
  readonly connectionString: string;
  /** One statement (autocommit), retried on transient errors. */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    values?: unknown[],
  ): Promise<pg.QueryResult<R>>;
  /** `fn` inside BEGIN ... COMMIT on one connection; retried whole on transient errors. */
  tx<T>(fn: (c: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const CONNECTION_EXCEPTION_CODE = /^08/;
const CONNECTION_LOST_MESSAGE =
  /Connection terminated|connection timeout|Client has encountered a connection error|terminating connection/i;

/**
 * Pure: whether an error is worth retrying: the connection went away or could not be made, the
 * server is starting or shutting down, or a serialisation conflict / deadlock (a retry of the
 * whole transaction is the documented answer to both).
 */
export function isTransient(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? e.code : '';
  if (CONNECTION_EXCEPTION_CODE.test(code)) return true; // connection exception class
  if (['57P01', '57P02', '57P03', '40001', '40P01', '53300'].includes(code)) return true;
  if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTCONN'].includes(code)) return true;
  const msg = typeof e?.message === 'string' ? e.message : '';
  return CONNECTION_LOST_MESSAGE.test(msg);
}

/** Pure: the pause before retry number `attempt` (0-based), with up to 25% of jitter. */
export function retryDelay(policy: PgRetryPolicy, attempt: number, random = Math.random): number {
  const base = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** attempt);
  return Math.round(base * (0.75 + 0.25 * random()));
}

export interface DbOptions {
  connectionString: string;
  /** Connections in the pool (default 4: the store is called from one run loop). */
  max?: number;
  retry?: PgRetryPolicy;
  applicationName?: string;
}

export function createDb(opts: DbOptions): Db {
  const pool = new pg.Pool({
    connectionString: opts.connectionString,
    max: opts.max ?? 4,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
    application_name: opts.applicationName ?? 'rotwatch',
  });
  // An idle connection cut by a server restart emits here; without a listener the process
  // would die. The next query takes a fresh connection.
  pool.on('error', () => undefined);
  const policy = opts.retry ?? DEFAULT_RETRY;

  async function retry<T>(fn: () => Promise<T>): Promise<T> {
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn();
      } catch (err) {
        if (!isTransient(err) || Date.now() - started > policy.giveUpAfterMs) throw err;
        await new Promise((ok) => setTimeout(ok, retryDelay(policy, attempt)));
      }
    }
  }

  let closed = false;
  return {
    pool,
    connectionString: opts.connectionString,
    query: (text, values) => retry(() => pool.query(text, values)),
    tx<T>(fn: (c: Queryable) => Promise<T>) {
      return retry(async () => {
        const client = await pool.connect();
        // A checked-out client whose connection dies emits 'error'; the failing query rejects
        // too, which is what we act on.
        const onError = () => undefined;
        client.on('error', onError);
        let broken = false;
        try {
          await client.query('BEGIN');
          const out = await fn(client);
          await client.query('COMMIT');
          return out;
        } catch (err) {
          broken = isTransient(err);
          if (!broken) await client.query('ROLLBACK').catch(() => undefined);
          throw err;
        } finally {
          if (!broken) client.removeListener('error', onError);
          // A connection that failed is not given back to the pool for reuse.
          client.release(broken ? true : undefined);
        }
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
