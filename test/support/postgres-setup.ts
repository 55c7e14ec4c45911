/**
 * vitest globalSetup: one throwaway PostgreSQL for the whole `npm test`, when the server's
 * binaries are on this machine (or `ROTWATCH_TEST_PG_URL` names a server to use). Tests reach it
 * through `pgTestUrl()` (test/support/postgres-db.ts). Without PostgreSQL the PostgreSQL tests
 * skip with a message, except under `CI=true`, where that is a failure: CI must run them.
 */
import type { TestProject } from 'vitest/node';
import { findPostgresBin, startTestPostgres } from './postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    rotwatchPgUrl: string | null;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.ROTWATCH_TEST_PG_URL;
  if (given) {
    project.provide('rotwatchPgUrl', given);
    return async () => undefined;
  }
  const bin = findPostgresBin();
  if (!bin) {
    const why =
      'PostgreSQL tests: no initdb/pg_ctl found (install Debian\'s "postgresql", or set ROTWATCH_PG_BIN or ROTWATCH_TEST_PG_URL)';
    if (process.env.CI === 'true') throw new Error(`${why}; under CI=true they must run.`);
    console.warn(`\n${why}: they are SKIPPED.\n`);
    project.provide('rotwatchPgUrl', null);
    return async () => undefined;
  }
  const pg = await startTestPostgres(bin);
  project.provide('rotwatchPgUrl', pg.url);
  return () => pg.stop();
}
