import type { CaptureJudge } from '../archive/index.js';
import { rawMementoUrl } from '../archive/sources.js';
import type { CatalogueArchive, LinkArchive, Target } from '../model/index.js';

/** What checking a catalogue's archived copy found; keyed by the live URL it stands for. */
export type CatalogueArchiveResults = ReadonlyMap<
  string,
  Pick<CatalogueArchive, 'status' | 'reason'>
>;

/** The archived copy the catalogue keeps for a target: its first citation that has one. */
export function catalogueArchiveOf(target: Target): LinkArchive | null {
  return target.citations.find((c) => c.archive)?.archive ?? null;
}

/** The report's view of it: the copy and what this run found when playing it back. */
export function catalogueArchiveField(
  target: Target,
  results: CatalogueArchiveResults | undefined,
): CatalogueArchive | null {
  const archive = catalogueArchiveOf(target);
  if (!archive) return null;
  const found = results?.get(target.url) ?? { status: 'unchecked' as const, reason: null };
  return { url: archive.url, date: archive.date, ...found };
}

/**
 * Plays back every archived copy the catalogues keep (sites come back, and captures go too:
 * an archive can drop or exclude one), through the capture judge, which classifies the raw
 * capture like a live page. Archives are few hosts: a couple of requests at a time is polite.
 */
export async function checkCatalogueArchives(
  targets: readonly Target[],
  judge: CaptureJudge,
  opts: { concurrency?: number; signal?: AbortSignal } = {},
): Promise<CatalogueArchiveResults> {
  const queue = targets
    .map((t) => ({ url: t.url, archive: catalogueArchiveOf(t) }))
    .filter((t): t is { url: string; archive: LinkArchive } => t.archive !== null);
  const results = new Map<string, Pick<CatalogueArchive, 'status' | 'reason'>>();
  const lane = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      if (opts.signal?.aborted) return;
      try {
        // Wayback-style playback URLs have a raw (`id_`) form: the capture without the
        // archive's banner and rewriting, which is what the judge must see.
        const verdict = await judge(rawMementoUrl(next.archive.url), next.url);
        results.set(
          next.url,
          verdict.ok
            ? { status: 'ok', reason: null }
            : { status: 'unplayable', reason: verdict.reason },
        );
      } catch {
        // A judge failing on one capture leaves it unchecked; the run goes on.
        results.set(next.url, { status: 'unchecked', reason: null });
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency ?? 2 }, lane));
  return results;
}
