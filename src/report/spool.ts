import { createReadStream } from 'node:fs';
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** Text held in memory across all keys before it is appended to the spool files. */
const DEFAULT_MEMORY_BYTES = 4 * 1024 * 1024;

/**
 * Text grouped by key on disk, for outputs whose order is not the order links arrive in (the
 * JUnit file groups test cases by catalogue file, links come by URL). Each key's text is kept
 * in memory up to a shared bound, then appended to that key's file in a private temp folder;
 * `read` gives it back in the order it was added. Memory is bounded by `memoryBytes` plus one
 * small entry per key, whatever the number of links.
 */
export class Spool {
  private readonly files = new Map<string, { path: string; pending: string[]; onDisk: boolean }>();
  private buffered = 0;

  private constructor(
    private readonly dir: string,
    private readonly memoryBytes: number,
  ) {}

  /** A spool in a new folder under `parent` (the output's folder, so it is on the same disk). */
  static async create(parent: string, memoryBytes = DEFAULT_MEMORY_BYTES): Promise<Spool> {
    return new Spool(await mkdtemp(join(parent, '.spool-')), memoryBytes);
  }

  async append(key: string, text: string): Promise<void> {
    let file = this.files.get(key);
    if (!file) {
      file = { path: join(this.dir, `${this.files.size}.part`), pending: [], onDisk: false };
      this.files.set(key, file);
    }
    file.pending.push(text);
    this.buffered += text.length;
    if (this.buffered >= this.memoryBytes) await this.flush();
  }

  keys(): string[] {
    return [...this.files.keys()];
  }

  /** The text added under `key`, in order. */
  async *read(key: string): AsyncGenerator<string> {
    const file = this.files.get(key);
    if (!file) return;
    if (file.onDisk) {
      await this.flushOne(file);
      yield* createReadStream(file.path, { encoding: 'utf8' }) as AsyncIterable<string>;
    } else {
      yield file.pending.join('');
    }
  }

  /** Removes the temp folder; call it when done, failed or not. */
  async close(): Promise<void> {
    this.files.clear();
    await rm(this.dir, { recursive: true, force: true });
  }

  private async flush(): Promise<void> {
    for (const file of this.files.values()) await this.flushOne(file);
    this.buffered = 0;
  }

  private async flushOne(file: { path: string; pending: string[]; onDisk: boolean }) {
    if (file.pending.length === 0) return;
    const text = file.pending.join('');
    file.pending = [];
    this.buffered -= text.length;
    await appendFile(file.path, text, 'utf8');
    file.onDisk = true;
  }
}
