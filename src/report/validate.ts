/**
 * Structural check of a parsed JSON report before re-rendering it (`rotwatch report --from`):
 * enough that every renderer can trust the shape. The full contract is schema/report.schema.json.
 */
import type { Report } from '../model/index.js';
import { DRIFT_REASONS, REPORT_SCHEMA, VERDICTS } from '../model/index.js';

export type ParseReportResult = { ok: true; report: Report } | { ok: false; problems: string[] };

type Check = (v: unknown, path: string, problems: string[]) => void;

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const str: Check = (v, p, out) => {
  if (typeof v !== 'string') out.push(`${p}: expected a string`);
};
const num: Check = (v, p, out) => {
  if (typeof v !== 'number' || !Number.isFinite(v)) out.push(`${p}: expected a number`);
};
const bool: Check = (v, p, out) => {
  if (typeof v !== 'boolean') out.push(`${p}: expected true or false`);
};
const nullable =
  (inner: Check): Check =>
  (v, p, out) => {
    if (v !== null) inner(v, p, out);
  };
const optional =
  (inner: Check): Check =>
  (v, p, out) => {
    if (v !== undefined) inner(v, p, out);
  };
const oneOf =
  (values: readonly string[]): Check =>
  (v, p, out) => {
    if (typeof v !== 'string' || !values.includes(v))
      out.push(`${p}: expected one of ${values.join(', ')}`);
  };
const obj =
  (fields: Record<string, Check>): Check =>
  (v, p, out) => {
    if (!isObj(v)) {
      out.push(`${p}: expected an object`);
      return;
    }
    for (const [key, check] of Object.entries(fields)) check(v[key], `${p}.${key}`, out);
  };
const arr =
  (item: Check): Check =>
  (v, p, out) => {
    if (!Array.isArray(v)) {
      out.push(`${p}: expected an array`);
      return;
    }
    v.forEach((x, i) => {
      item(x, `${p}[${i}]`, out);
    });
  };

const verdict = oneOf(VERDICTS);
const counts = obj({
  ...Object.fromEntries(VERDICTS.map((s) => [s, num])),
  total: num,
  notChecked: optional(num),
  drifted: optional(num),
});
const entryRef = obj({ id: str, file: str, line: num, title: str, section: optional(str) });
const drift = obj({
  reasons: arr(oneOf(DRIFT_REASONS)),
  confirmed: bool,
  since: str,
  runs: num,
  catalogueTitle: nullable(str),
  title: nullable(str),
  previousTitle: nullable(str),
  similarity: nullable(num),
  pages: nullable(num),
  previousPages: nullable(num),
  cataloguePages: nullable(num),
  contentType: nullable(str),
  previousContentType: nullable(str),
  textDistance: nullable(num),
});
const link = obj({
  url: str,
  status: verdict,
  reason: nullable(str),
  message: str,
  httpStatus: nullable(num),
  finalUrl: nullable(str),
  redirects: arr(obj({ url: str, status: num, location: nullable(str) })),
  title: nullable(str),
  contentType: nullable(str),
  checkedAt: str,
  attempts: num,
  archive: nullable(
    obj({ url: str, timestamp: str, source: str, distanceDays: num, archive: optional(str) }),
  ),
  archiveReason: nullable(str),
  entries: arr(entryRef),
  failingSince: nullable(str),
  consecutiveFailures: num,
  newFailure: bool,
  suggestedUrl: nullable(str),
  meta: obj({
    canonical: nullable(str),
    lang: nullable(str),
    contentLength: nullable(num),
    lastModified: nullable(str),
    pdfPages: nullable(num),
    // Bibliographic fields (issue 11): absent in reports of older versions.
    authors: optional(arr(str)),
    published: optional(nullable(str)),
    modified: optional(nullable(str)),
    siteName: optional(nullable(str)),
    publisher: optional(nullable(str)),
    container: optional(nullable(str)),
    doi: optional(nullable(str)),
  }),
  metadataDiffers: optional(
    arr(
      obj({
        entry: str,
        field: oneOf(['creators', 'date', 'container']),
        catalogue: str,
        page: str,
      }),
    ),
  ),
  // Reports written before drift was checked lack it: read as null.
  drift: optional(nullable(drift)),
});
const report = obj({
  run: obj({
    id: str,
    startedAt: str,
    finishedAt: str,
    toolVersion: str,
    catalogues: arr(str),
    complete: bool,
    network: obj({ status: oneOf(['ok', 'down']), hostsChecked: num, hostsUnreachable: num }),
    language: optional(oneOf(['en', 'fr'])),
  }),
  summary: counts,
  links: arr(link),
  fixed: arr(
    obj({
      url: str,
      previousStatus: verdict,
      previousReason: nullable(str),
      status: verdict,
      entries: arr(entryRef),
    }),
  ),
  history: arr(
    obj({
      id: str,
      startedAt: str,
      finishedAt: str,
      complete: bool,
      network: oneOf(['ok', 'down']),
      summary: counts,
    }),
  ),
  // A snapshot of a shared store (issue 10); run reports lack it.
  snapshot: optional(
    obj({ takenAt: str, since: str, neverChecked: num, oldestCheckAt: nullable(str) }),
  ),
});

/** Checks that a parsed JSON value is a rotwatch/report@1 report; lists at most 10 problems. */
export function parseReport(value: unknown): ParseReportResult {
  if (!isObj(value)) return { ok: false, problems: ['not a JSON object'] };
  if (value.schema !== REPORT_SCHEMA) {
    const found =
      typeof value.schema === 'string' ? `"${value.schema.slice(0, 60)}"` : 'no schema field';
    return { ok: false, problems: [`schema: expected "${REPORT_SCHEMA}", found ${found}`] };
  }
  const problems: string[] = [];
  report(value, 'report', problems);
  if (problems.length > 0) return { ok: false, problems: problems.slice(0, 10) };
  const parsed = value as unknown as Report;
  // Older reports have no `drift`: every renderer reads null.
  for (const l of parsed.links) l.drift ??= null;
  return { ok: true, report: parsed };
}
