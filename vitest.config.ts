import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // A throwaway PostgreSQL for the PostgreSQL tests, when its binaries are here (see the file).
    globalSetup: ['test/support/postgres-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Tests start real servers on loopback; forks keep sockets and globals isolated.
    pool: 'forks',
    // Most test time is waiting on loopback servers, timers and child processes, not CPU:
    // Vitest's default of one fork per core but one (a single fork on 2 cores) left half the
    // machine idle (4 min 18 s at 100% CPU; 2 min 50 s with two forks, measured on 2 cores).
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
