/**
 * For PostgreSQL tests: the server started by the global setup, and a fresh database on it per
 * store under test (tests running in parallel never see each other's rows).
 */
import pg from 'pg';
import { inject } from 'vitest';

/** The test server's URL, or null when PostgreSQL tests are skipped (see postgres-setup.ts). */
export function pgTestUrl(): string | null {
  return inject('rotwatchPgUrl') ?? null;
}

let n = 0;

/** Creates an empty database on the test server; returns its URL. */
export async function freshDatabase(serverUrl: string, prefix = 't'): Promise<string> {
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}_${n++}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
