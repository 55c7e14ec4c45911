import type { ReasonCode } from '../../src/model/index.js';

/*
 * Every named reason code (the HTTP ones, `http-NNN`, aside), for tests that must cover each:
 * test/report/schema.test.ts fails to compile when src/model adds a code missing here.
 */
/** Every named reason code; the type check below fails when src/model adds one. */
export const NAMED_REASONS = [
  'moved-permanently',
  'redirect-to-home',
  'soft-404',
  'redirect-to-search',
  'parked-domain',
  'dns-nxdomain',
  'persistent-error',
  'dns-failure',
  'timeout',
  'connection-refused',
  'connection-reset',
  'tls-error',
  'protocol-error',
  'retry-after-exceeded',
  'redirect-loop',
  'too-many-redirects',
  'invalid-redirect',
  'network-down',
  'interrupted',
  'truncated-body',
  'empty-page',
  'bot-wall',
  'login-required',
  'private-address',
  'robots',
  'excluded',
  'host-skipped',
  'unsupported-scheme',
  'invalid-url',
] as const satisfies readonly ReasonCode[];
