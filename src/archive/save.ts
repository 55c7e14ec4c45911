import { isIP } from 'node:net';
import { unbracketed } from '../text/host.js';
import type { ArchiveOptions } from './config.js';
import { type HttpClient, parseJson } from './http.js';
import type { Gate } from './throttle.js';

/**
 * Save Page Now 2 (off by default): asks the Wayback Machine to capture a live link that has no
 * capture yet. `POST <endpoint>` with `Authorization: LOW <access>:<secret>`,
 * `Accept: application/json` and a form body `url=...`; the answer is `{url, job_id}` or
 * `{status: "error", status_ext, message}`. We do not poll the job: the next run's lookup
 * finds the capture. Never for private, loopback or intranet names.
 */

export type SaveNowOutcome =
  | { ok: true; jobId: string | null; message: string }
  | {
      ok: false;
      reason:
        | 'disabled'
        | 'no-keys'
        | 'private-address'
        | 'invalid-url'
        | 'archive-throttled'
        | 'archive-down'
        | 'refused';
      message: string;
    };

const TRAILING_DOT = /\.$/;
const IPV4_MAPPED_DOTTED = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/;
const IPV4_MAPPED_HEX = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/;
const IPV6_UNIQUE_LOCAL = /^f[cd]/;
const IPV6_LINK_LOCAL = /^fe[89ab]/;
const LOCAL_NETWORK_SUFFIX = /\.(localhost|local|internal|home\.arpa|lan)$/;

/** Literal private/loopback/link-local IPs and local-only names (no DNS lookup here). */
export function isPrivateTarget(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return true;
  }
  host = unbracketed(host).replace(TRAILING_DOT, '');
  const v = isIP(host);
  if (v === 4) return privateV4(host);
  if (v === 6) {
    const mapped = IPV4_MAPPED_DOTTED.exec(host);
    if (mapped) return privateV4(mapped[1]!);
    // The URL parser writes IPv4-mapped addresses in hex: ::ffff:7f00:1.
    const hex = IPV4_MAPPED_HEX.exec(host);
    if (hex) {
      const hi = Number.parseInt(hex[1]!, 16);
      const lo = Number.parseInt(hex[2]!, 16);
      return privateV4(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
    }
    return (
      host === '::1' || host === '::' || IPV6_UNIQUE_LOCAL.test(host) || IPV6_LINK_LOCAL.test(host)
    );
  }
  if (!host.includes('.')) return true; // localhost, intranet single-label names
  return LOCAL_NETWORK_SUFFIX.test(host);
}

function privateV4(ip: string): boolean {
  const [a, b] = ip.split('.').map(Number) as [number, number];
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 100 && b >= 64 && b <= 127) ||
    a >= 224
  );
}

const HTTP_SCHEME = /^https?:\/\//i;

export async function saveNow(
  deps: {
    http: HttpClient;
    gate: Gate;
    opts: ArchiveOptions['saveNow'];
    env: Record<string, string | undefined>;
    requestTimeoutMs: number;
    deadline: number;
  },
  url: string,
): Promise<SaveNowOutcome> {
  const { opts, env } = deps;
  if (!opts.enabled) return { ok: false, reason: 'disabled', message: 'Save Page Now is off' };
  if (!HTTP_SCHEME.test(url)) {
    return { ok: false, reason: 'invalid-url', message: `not an http(s) URL: ${url}` };
  }
  if (isPrivateTarget(url)) {
    return { ok: false, reason: 'private-address', message: `not sent to an archive: ${url}` };
  }
  const access = env[opts.accessKeyEnv];
  const secret = env[opts.secretKeyEnv];
  if (!access || !secret) {
    return {
      ok: false,
      reason: 'no-keys',
      message: `Save Page Now needs ${opts.accessKeyEnv} and ${opts.secretKeyEnv}`,
    };
  }
  const r = await deps.gate.request(
    (left) =>
      deps.http.send({
        url: opts.endpoint,
        method: 'POST',
        headers: {
          accept: 'application/json',
          authorization: `LOW ${access}:${secret}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ url }).toString(),
        timeoutMs: Math.min(left, deps.requestTimeoutMs),
      }),
    deps.deadline,
  );
  if (r.kind === 'failed') return { ok: false, reason: r.reason, message: r.message };
  const parsed = parseJson(r.res.body);
  const v = (parsed.ok ? parsed.value : null) as Record<string, unknown> | null;
  if (r.res.status === 200 && v && typeof v.job_id === 'string') {
    return { ok: true, jobId: v.job_id, message: `Save Page Now job ${v.job_id} for ${url}` };
  }
  const why = v && typeof v.message === 'string' ? v.message : `HTTP ${r.res.status}`;
  const ext = v && typeof v.status_ext === 'string' ? ` (${v.status_ext})` : '';
  return { ok: false, reason: 'refused', message: `Save Page Now refused ${url}: ${why}${ext}` };
}
