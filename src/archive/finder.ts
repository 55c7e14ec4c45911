import { setMaxListeners } from 'node:events';
import type { ArchiveLookup } from '../model/index.js';
import { type LookupCache, openLookupCache } from './cache.js';
import type { ArchiveOptions } from './config.js';
import { createHostPacer } from './host-pace.js';
import { createHttpClient } from './http.js';
import { UNPLAYABLE } from './judge.js';
import { type SaveNowOutcome, saveNow } from './save.js';
import { selectCandidates } from './select.js';
import { type SourceSpec, sourceId, sourceSpecs } from './source-specs.js';
import type { SourceContext } from './sources.js';
import { otherSpelling } from './spelling.js';
import { createGate, type Gate, type SharedSlot } from './throttle.js';
import { makeWindow, type Window } from './time.js';
import type { ArchiveRequest, Candidate, CaptureJudge, SourceResult } from './types.js';
import { describeFound, describeMiss, type SourceReport } from './verdict.js';

export interface ArchiveFinderDeps {
  judge: CaptureJudge;
  userAgent: string;
  /** Where Save Page Now keys are read; defaults to process.env. */
  env?: Record<string, string | undefined>;
  now?: () => number;
  /**
   * The run's signal: when it aborts, lookups in progress end at once (reason `archive-down`,
   * message "stopped") and no archive is asked anything more.
   */
  signal?: AbortSignal;
  /** Where lookups are cached (the history store); default: the file at `cache.path`. */
  cache?: LookupCache;
  /**
   * Rate limits shared with other processes (a PostgreSQL history: src/scale/rates.ts): each
   * archive endpoint's limit then holds for all of them together. Default: this process's
   * own limits only.
   */
  sharedLimit?: (name: string, rate: { requests: number; intervalMs: number }) => SharedSlot;
}

export interface ArchiveFinder {
  /** Never throws: an archive that fails gives a reason, not an exception. */
  find(req: ArchiveRequest): Promise<ArchiveLookup>;
  /** Present only when `saveNow.enabled` (the contract's shape; never throws). */
  saveNow?(url: string): Promise<void>;
  /** The same, with what the archive answered. Present only when `saveNow.enabled`. */
  saveNowOutcome?(url: string): Promise<SaveNowOutcome>;
  /** Stops the queues and writes the cache. */
  close(): Promise<void>;
}

const DAY_MS = 86_400_000;

/**
 * Judge reasons that say nothing about the capture, only that its playback could not be
 * fetched: the archive did not answer, or rotwatch refused to ask (a playback on a private
 * address while `allowPrivateAddresses` is off; the run being interrupted).
 */
const INCONCLUSIVE =
  /^(http-429|http-5\d\d|timeout|connection-.*|dns-.*|tls-error|protocol-error|retry-after-exceeded|network-down|aborted|interrupted|private-address|judge-error)$/;

export function createArchiveFinder(opts: ArchiveOptions, deps: ArchiveFinderDeps): ArchiveFinder {
  const now = deps.now ?? Date.now;
  const http = createHttpClient({ userAgent: deps.userAgent, maxBodyBytes: opts.maxBodyBytes });
  const gates: Gate[] = [];
  const pacer = createHostPacer();
  const gate = (name: string, rate: { requests: number; intervalMs: number }, endpoint: string) => {
    const hostSlot = pacer.slot(endpoint, rate);
    const g = createGate({
      name,
      ...rate,
      backoffMs: opts.backoffMs,
      retryAfterMaxMs: opts.retryAfterMaxMs,
      downAfterFailures: opts.downAfterFailures,
      ...(deps.sharedLimit ? { shared: deps.sharedLimit(name, rate) } : {}),
      ...(hostSlot ? { hostSlot } : {}),
    });
    gates.push(g);
    return g;
  };

  const sources = sourceSpecs(opts, gate);
  const saveGate = opts.saveNow.enabled
    ? gate('Save Page Now', opts.saveNow.rate, opts.saveNow.endpoint)
    : null;

  // Stopping: by the run's signal, or by close(). Aborts requests in flight and empties the
  // queues, so nothing waits out `lookupTimeoutMs` once the run is over.
  const stop = new AbortController();
  setMaxListeners(0, stop.signal);
  const halt = () => {
    if (stop.signal.aborted) return;
    stop.abort();
    for (const g of gates) g.close();
  };
  if (deps.signal?.aborted) halt();
  else deps.signal?.addEventListener('abort', halt, { once: true });
  const stopped = (): ArchiveLookup => ({
    capture: null,
    reason: 'archive-down',
    message: 'The run was stopped before the archive lookup ended.',
  });
  /** The lookup, or `stopped()` as soon as the finder stops. */
  function untilStopped(p: Promise<ArchiveLookup>): Promise<ArchiveLookup> {
    if (stop.signal.aborted) return Promise.resolve(stopped());
    return new Promise((resolve, reject) => {
      const onStop = () => resolve(stopped());
      stop.signal.addEventListener('abort', onStop, { once: true });
      p.then(resolve, reject).finally(() => stop.signal.removeEventListener('abort', onStop));
    });
  }

  let cachePromise: Promise<LookupCache> | null = null;
  const cache = () => {
    cachePromise ??= deps.cache
      ? Promise.resolve(deps.cache)
      : openLookupCache(opts.enabled ? opts.cache.path : null, now);
    return cachePromise;
  };

  async function lookSource(
    s: SourceSpec,
    c: LookupCache,
    ctx: SourceContext,
    req: ArchiveRequest,
    w: Window,
  ): Promise<SourceResult> {
    // Without an access date the window ends "now": key it so, or the cache would never hit.
    // A month or a year ends later than its first day: keyed by both ends (a day or an instant
    // keeps its key of earlier versions).
    const end = !req.windowEnd
      ? 'now'
      : w.endInclusiveMs - w.endMs < DAY_MS
        ? String(w.endMs)
        : `${w.endMs}-${w.endInclusiveMs}`;
    const key = `${s.id}|${req.url}|${w.startMs ?? ''}|${end}`;
    const hit = await c.get<Candidate[]>(key);
    if (hit) return { kind: 'captures', candidates: hit };
    const r = await s.query(ctx, req.url, w);
    if (r.kind === 'captures' && !r.fallback) {
      const ttl = r.candidates.length ? opts.cache.foundTtlDays : opts.cache.noneTtlDays;
      c.set(key, r.candidates, ttl);
    }
    return r;
  }

  async function lookup(req: ArchiveRequest): Promise<ArchiveLookup> {
    if (!opts.enabled || sources.length === 0) {
      return { capture: null, reason: 'archive-disabled', message: 'Archive lookups are off.' };
    }
    const started = now();
    const w = makeWindow(req.windowStart, req.windowEnd, started);
    const c = await cache();
    // The lookup time is the archives' time: reading a large cache file (or a busy event loop
    // meanwhile) must not use it up before the first request is even queued.
    const deadline = Date.now() + opts.lookupTimeoutMs;
    const ctx: SourceContext = {
      http,
      deadline,
      requestTimeoutMs: opts.requestTimeoutMs,
      signal: stop.signal,
    };
    let results = await Promise.all(sources.map((s) => lookSource(s, c, ctx, req, w)));
    // Nothing at all under the spelling written: the archives may hold the page under the
    // other one (spelling.ts). Only then, so a found page costs no extra query.
    const other = otherSpelling(req.url);
    if (other !== null && results.every((r) => r.kind === 'captures' && !r.candidates.length)) {
      const alt = { ...req, url: other };
      const again = await Promise.all(sources.map((s) => lookSource(s, c, ctx, alt, w)));
      if (again.some((r) => r.kind === 'captures' && r.candidates.length > 0)) results = again;
    }
    const reports: SourceReport[] = sources.map((s, i) => ({
      label: s.label,
      result: results[i]!,
    }));
    const all = results.flatMap((r) => (r.kind === 'captures' ? r.candidates : []));
    const sel = selectCandidates(all, w, req.contentType);

    const rejectedDigests = new Set<string>();
    let rejected = 0;
    let timeRanOut = false;
    const inconclusive: string[] = [];
    /** Reasons of captures listed but not played back by their archive (judge.ts). */
    const unplayable: string[] = [];
    let validations = 0;
    for (const cand of sel.ordered) {
      if (validations >= opts.maxValidations) break;
      const digestKey = cand.digest ? `${cand.source}|${cand.digest}` : null;
      if (digestKey && rejectedDigests.has(digestKey)) continue;
      const spec = sources.find((s) => s.id === sourceId(cand))!;
      const verdictKey = `judge|${cand.rawUrl}`;
      let verdict = await c.get<{ ok: boolean; reason: string | null }>(verdictKey);
      if (!verdict) {
        validations++;
        const judgeOnce = () =>
          spec.playback.run(() => judgeBefore(cand, req.url, deadline), deadline);
        // The archive throttled the playback: tell its queue (pause, or give up on a second
        // time), then ask for the same capture once more rather than settle for a worse one.
        let out = await judgeOnce();
        for (let retried = false; ; retried = true) {
          const busy = out.ok && out.value !== 'timeout' ? throttleStatus(out.value.reason) : null;
          if (!busy || !spec.playback.notice(busy) || retried) break;
          out = await judgeOnce();
        }
        if (!out.ok || out.value === 'timeout') {
          timeRanOut = true;
          break;
        }
        verdict = out.value;
        if (!verdict.ok && INCONCLUSIVE.test(verdict.reason ?? '')) {
          inconclusive.push(verdict.reason ?? 'judge-error');
          continue;
        }
        c.set(verdictKey, verdict, verdict.ok ? opts.cache.foundTtlDays : opts.cache.noneTtlDays);
      }
      if (verdict.ok) {
        await c.flush();
        return describeFound(cand, w, req, spec.label);
      }
      // Not an error page, only a capture the archive could not show: the next one is tried,
      // and its digest is not refused (the same content may play back under another capture).
      if (UNPLAYABLE.test(verdict.reason ?? '')) {
        unplayable.push(verdict.reason!);
        continue;
      }
      rejected++;
      if (digestKey) rejectedDigests.add(digestKey);
    }
    await c.flush();
    return describeMiss({ reports, sel, rejected, timeRanOut, inconclusive, unplayable });
  }

  /** The judge, bounded by the lookup's time; a throw is an inconclusive answer. */
  function judgeBefore(
    cand: Candidate,
    url: string,
    deadline: number,
  ): Promise<{ ok: boolean; reason: string | null } | 'timeout'> {
    return new Promise((resolve) => {
      const onStop = () => resolve('timeout');
      const t = setTimeout(onStop, Math.max(0, deadline - Date.now()));
      stop.signal.addEventListener('abort', onStop, { once: true });
      deps
        .judge(cand.rawUrl, url)
        .then(
          (v) => resolve(v),
          () => resolve({ ok: false, reason: 'judge-error' }),
        )
        .finally(() => {
          clearTimeout(t);
          stop.signal.removeEventListener('abort', onStop);
        });
    });
  }

  const finder: ArchiveFinder = {
    async find(req) {
      try {
        return await untilStopped(lookup(req));
      } catch (err) {
        // A bug here must not stop the run: report it as this lookup's failure.
        return {
          capture: null,
          reason: 'archive-down',
          message: `Archive lookup failed: ${(err as Error).message}`,
        };
      }
    },
    async close() {
      halt();
      if (cachePromise) await (await cachePromise).flush();
      await http.close();
    },
  };
  if (saveGate) {
    finder.saveNowOutcome = (url) =>
      saveNow(
        {
          http,
          gate: saveGate,
          opts: opts.saveNow,
          env: deps.env ?? process.env,
          requestTimeoutMs: opts.requestTimeoutMs,
          deadline: Date.now() + opts.lookupTimeoutMs,
        },
        url,
      );
    const detailed = finder.saveNowOutcome;
    finder.saveNow = async (url) => {
      await detailed(url);
    };
  }
  return finder;
}

function throttleStatus(reason: string | null): 429 | 503 | null {
  return reason === 'http-429' ? 429 : reason === 'http-503' ? 503 : null;
}
