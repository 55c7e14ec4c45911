import { createHash } from 'node:crypto';
import { chmod, readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DEFAULT_MAX_BYTES } from '../catalogue/index.js';
import { writeFileAtomic } from '../fs/atomic.js';

/** A catalogue file as read for editing: the exact bytes' hash, and what to keep when writing. */
export interface CatalogueFile {
  /** As given (relative to cwd when it was), for messages and plans. */
  file: string;
  path: string;
  /** Text without the byte order mark, as the parser reads it. */
  text: string;
  /** The file started with a UTF-8 byte order mark: written back with it. */
  bom: boolean;
  /** SHA-256 (hex) of the file's bytes. */
  sha256: string;
  mode: number;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Reads one catalogue for editing; the error names the file. Never throws. */
export async function readCatalogueFile(
  file: string,
  cwd: string,
): Promise<{ ok: true; value: CatalogueFile } | { ok: false; message: string }> {
  const path = resolve(cwd, file);
  try {
    const info = await stat(path);
    if (!info.isFile()) return { ok: false, message: `${file}: not a regular file` };
    if (info.size > DEFAULT_MAX_BYTES)
      return { ok: false, message: `${file}: over the ${DEFAULT_MAX_BYTES}-byte limit` };
    const bytes = await readFile(path);
    const bom = bytes.subarray(0, 3).equals(BOM);
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(
      bom ? bytes.subarray(3) : bytes,
    );
    return {
      ok: true,
      value: { file, path, text, bom, sha256: sha256(bytes), mode: info.mode & 0o7777 },
    };
  } catch (error) {
    if (error instanceof TypeError) return { ok: false, message: `${file}: not valid UTF-8 text` };
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return {
      ok: false,
      message: `${file}: cannot read (${code === 'ENOENT' ? 'no such file' : code})`,
    };
  }
}

/**
 * Replaces the file with the new text atomically (a reader or a crash sees the old file or the
 * new one), keeping its byte order mark and permissions. Refuses when the file changed on disk
 * since it was read: someone else's edit is never overwritten.
 */
export async function writeCatalogueFile(
  original: CatalogueFile,
  text: string,
): Promise<{ ok: true } | { ok: false; message: string }> {
  try {
    const now = await readFile(original.path);
    if (sha256(now) !== original.sha256)
      return {
        ok: false,
        message: `${original.file}: changed on disk while fix was running; not written`,
      };
    await writeFileAtomic(original.path, (original.bom ? '\ufeff' : '') + text);
    await chmod(original.path, original.mode);
    return { ok: true };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return { ok: false, message: `${original.file}: cannot write (${code})` };
  }
}
