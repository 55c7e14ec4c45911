import { open, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Bytes read from the start of a dated report to find its start time: `run` comes first. */
const PREFIX_BYTES = 4096;

/**
 * Keeps the `retain` newest dated reports in `runsDir`, by the run's start time. The time is
 * read from the file name when it starts with one (run ids do: 2026-11-21T06-00-00-000Z-...),
 * else from the first few KiB of the file (the JSON report names `run.startedAt` near its top),
 * else from the file's modification time. No report is ever parsed whole: at a million links
 * each one is hundreds of MB.
 */
export async function pruneRuns(runsDir: string, retain: number): Promise<void> {
  if (retain === Number.POSITIVE_INFINITY) return;
  let names: string[];
  try {
    names = (await readdir(runsDir)).filter((n) => n.endsWith('.json'));
  } catch {
    return;
  }
  if (names.length <= retain) return;
  const dated: { path: string; name: string; time: number }[] = [];
  for (const name of names) {
    const path = join(runsDir, name);
    dated.push({ path, name, time: timeFromName(name) ?? (await timeFromFile(path)) });
  }
  dated.sort((a, b) => b.time - a.time || (a.name < b.name ? 1 : -1));
  await Promise.all(dated.slice(retain).map((d) => rm(d.path, { force: true })));
}

const RUN_FILE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})(?:-(\d{3}))?Z/;

/** `2026-11-21T06-00-00-000Z-1a2b.json` (or without milliseconds) -> its time. */
export function timeFromName(name: string): number | null {
  const m = RUN_FILE_TIME.exec(name);
  if (!m) return null;
  const t = Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5] ?? '000'}Z`);
  return Number.isNaN(t) ? null : t;
}

const STARTED_AT_FIELD = /"startedAt"\s*:\s*"([^"]{1,64})"/;

/** `"startedAt": "..."` in the first PREFIX_BYTES of the file, else its modification time. */
export function timeFromPrefix(prefix: string): number | null {
  const m = STARTED_AT_FIELD.exec(prefix);
  if (!m?.[1]) return null;
  const t = Date.parse(m[1]);
  return Number.isNaN(t) ? null : t;
}

async function timeFromFile(path: string): Promise<number> {
  try {
    const fh = await open(path, 'r');
    try {
      const buf = Buffer.alloc(PREFIX_BYTES);
      const { bytesRead } = await fh.read(buf, 0, PREFIX_BYTES, 0);
      const t = timeFromPrefix(buf.subarray(0, bytesRead).toString('utf8'));
      if (t !== null) return t;
      return (await fh.stat()).mtimeMs;
    } finally {
      await fh.close();
    }
  } catch {
    return stat(path).then(
      (s) => s.mtimeMs,
      () => 0,
    );
  }
}
