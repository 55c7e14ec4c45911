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
  let bytes = 0;
  await replaceAtomic(path, async (tmp) => {
    const fh = await open(tmp, 'wx', 0o644);
    try {
      bytes = await writeChunks(fh, data);
      await fh.sync();
    } finally {
      await fh.close();
    }
  });
  return bytes;
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
  const dir = dirname(path);
  await ensureDir(dir);
  const tmp = join(dir, `${tempPrefix(path)}${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await fill(tmp);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  await syncDir(dir);
  await removeStaleTemps(path);
}

/** Writes the chunks in order, gathered into writes of about FLUSH_BYTES. */
async function writeChunks(fh: FileHandle, data: TextChunks): Promise<number> {
  if (typeof data === 'string') {
    await fh.writeFile(data, 'utf8');
    return Buffer.byteLength(data, 'utf8');
  }
  let pending: string[] = [];
  let pendingLength = 0;
  let bytes = 0;
  const flush = async () => {
    if (pendingLength === 0) return;
    const buf = Buffer.from(pending.join(''), 'utf8');
    pending = [];
    pendingLength = 0;
    // FileHandle.write may write less than asked: loop until the buffer is on disk.
    let offset = 0;
    while (offset < buf.length) {
      const { bytesWritten } = await fh.write(buf, offset, buf.length - offset);
      offset += bytesWritten;
    }
    bytes += buf.length;
  };
  for await (const chunk of data) {
    if (chunk.length === 0) continue;
    pending.push(chunk);
    pendingLength += chunk.length;
    if (pendingLength >= FLUSH_BYTES) await flush();
  }
  await flush();
  return bytes;
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
