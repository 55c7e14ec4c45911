import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, type FileHandle, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ensureDir } from './dirs.js';

/** Leftover temp files older than this are from a crashed writer and may be removed. */
const STALE_TEMP_MS = 60 * 60 * 1000;

function tempPrefix(path: string): string {
  return `.${basename(path)}.`;
}

/** Text is handed to the file system in pieces of about this size (one write call each). */
const FLUSH_BYTES = 64 * 1024;

/** Text to write: one string, or pieces produced as the file is written (never all at once). */
export type TextChunks = string | Iterable<string> | AsyncIterable<string>;

/**
 * Replaces `path` with `data` so that a reader (or a crash at any point) sees either the old
 * file or the new one, never a mix: write a temp file in the same directory (rename is atomic
 * only within one file system), fsync it, rename it over the target, then fsync the directory
 * so the rename itself survives a power cut.
 *
 * `data` may be a stream of chunks: each write is awaited before the next chunk is asked for
 * (backpressure), so a report of a million links never exists whole in memory. A producer that
 * throws leaves the previous file in place and no temp file behind. Returns the bytes written.
 */
export async function writeFileAtomic(path: string, data: TextChunks): Promise<number> {
  const staged = await stageFileAtomic(path, data);
  await staged.commit();
  return staged.bytes;
}

/** A file written beside its target and not yet in place (stageFileAtomic). */
export interface StagedFile {
  readonly bytes: number;
  /** The target. */
  readonly path: string;
  /** The temp file beside the target (a copy may be taken from it once `ready`). */
  readonly tmp: string;
  /**
   * Syncs the data, renames the file over its target and syncs the folder: from here on the
   * guarantees are writeFileAtomic's. On failure the temp file is removed.
   */
  commit(): Promise<void>;
  /**
   * The first half of `commit`: the data synced to disk and the handle closed, the target not
   * touched yet. A caller replacing a set of files readies them all before placing any, so a
   * failure (a full disk) leaves the whole old set in place. On failure the temp file is removed.
   */
  ready(): Promise<void>;
  /** The second half: renames the (ready) file over its target and syncs the folder. */
  place(): Promise<void>;
  /** Removes the temp file without placing it (another file of the set failed). Idempotent. */
  discard(): Promise<void>;
}

/**
 * The first half of writeFileAtomic: `data` written to a temp file beside `path`, whose
 * `commit()` puts it in place. Waiting for the disk (fsync) is most of the time a file of a few
 * megabytes takes to land, and the CPU has nothing to do meanwhile: a caller writing several
 * files commits each in the background while it writes the next. A producer that throws leaves
 * no temp file behind. A staged file must be committed or discarded: its handle stays open
 * until then.
 */
export async function stageFileAtomic(path: string, data: TextChunks): Promise<StagedFile> {
  const dir = dirname(path);
  await ensureDir(dir);
  const tmp = tempPath(path);
  const fh = await open(tmp, 'wx', 0o644);
  let bytes: number;
  try {
    bytes = await writeChunks(fh, data);
  } catch (err) {
    await fh.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw err;
  }
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await fh.close();
  };
  const ready = async () => {
    try {
      try {
        await fh.sync();
      } finally {
        await close();
      }
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  };
  // After `ready()`: only the rename (and its directory sync) is left.
  const place = () => placeAtomic(tmp, path, async () => {});
  return {
    bytes,
    path,
    tmp,
    commit: () => placeAtomic(tmp, path, ready),
    ready,
    place,
    async discard() {
      await close().catch(() => undefined);
      await rm(tmp, { force: true });
    },
  };
}

/**
 * Replaces `path` with a copy of the file `from`, with writeFileAtomic's guarantees. The copy is
 * the file system's (a clone where it can), never read into this process.
 */
export async function copyFileAtomic(from: string, path: string): Promise<void> {
  await replaceAtomic(path, async (tmp) => {
    await copyFile(from, tmp, constants.COPYFILE_EXCL | constants.COPYFILE_FICLONE);
    const fh = await open(tmp, 'r+');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  });
}

/** `fill` writes (and syncs) a temp file beside `path`, which then replaces `path` by a rename. */
async function replaceAtomic(path: string, fill: (tmp: string) => Promise<void>): Promise<void> {
  await ensureDir(dirname(path));
  const tmp = tempPath(path);
  await placeAtomic(tmp, path, () => fill(tmp));
}

/** After `ready` (the temp file complete and synced), renames `tmp` over `path`. */
async function placeAtomic(tmp: string, path: string, ready: () => Promise<void>): Promise<void> {
  try {
    await ready();
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  await syncDir(dirname(path));
  await removeStaleTemps(path);
}

function tempPath(path: string): string {
  return join(
    dirname(path),
    `${tempPrefix(path)}${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
}

/**
 * Writes the chunks in order, gathered into writes of about FLUSH_BYTES. One write is on its way
 * to the file system while the next piece is produced (producing it is CPU work, the write is
 * the thread pool's): never more, so memory stays at two pieces whatever the file's size.
 */
async function writeChunks(fh: FileHandle, data: TextChunks): Promise<number> {
  if (typeof data === 'string') {
    await fh.writeFile(data, 'utf8');
    return Buffer.byteLength(data, 'utf8');
  }
  let pending: string[] = [];
  let pendingLength = 0;
  let bytes = 0;
  let writing: Promise<void> | null = null;
  const flush = async () => {
    if (pendingLength === 0) return;
    const buf = Buffer.from(pending.join(''), 'utf8');
    pending = [];
    pendingLength = 0;
    if (writing) await writing;
    writing = writeAll(fh, buf);
    // Awaited at the next piece or at the end; until then its failure must not go unhandled.
    writing.catch(() => undefined);
    bytes += buf.length;
  };
  for await (const chunk of data) {
    if (chunk.length === 0) continue;
    pending.push(chunk);
    pendingLength += chunk.length;
    if (pendingLength >= FLUSH_BYTES) await flush();
  }
  await flush();
  if (writing) await writing;
  return bytes;
}

/** FileHandle.write may write less than asked: loops until the buffer is on disk. */
async function writeAll(fh: FileHandle, buf: Buffer): Promise<void> {
  let offset = 0;
  while (offset < buf.length) {
    const { bytesWritten } = await fh.write(buf, offset, buf.length - offset);
    offset += bytesWritten;
  }
}

async function syncDir(dir: string): Promise<void> {
  try {
    const fh = await open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    // Some platforms cannot fsync a directory; the rename is still atomic there.
  }
}

async function removeStaleTemps(path: string): Promise<void> {
  const dir = dirname(path);
  const prefix = tempPrefix(path);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  const now = Date.now();
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const full = join(dir, name);
    try {
      if (now - (await stat(full)).mtimeMs > STALE_TEMP_MS) await rm(full, { force: true });
    } catch {
      // Gone already, or not ours to remove.
    }
  }
}
