import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseUrlList } from '../../src/inputs/index.js';
import { MAX_LIST_LINE_CHARS, readUrlList } from '../../src/inputs/textlist.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rotwatch-list-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('readUrlList', () => {
  it('reads what parseUrlList reads from the whole text, line numbers included', async () => {
    const text = [
      '\ufeff# a list with a byte-order mark',
      'https://example.org/a',
      '',
      '   https://example.org/é  ',
      'not a url',
      'https://example.org/crlf\r',
      '# comment',
      'https://example.org/last-without-newline',
    ].join('\n');
    await writeFile(join(dir, 'mixed.txt'), text);
    const read = await readUrlList('mixed.txt', { cwd: dir });
    expect(read).toEqual(parseUrlList(text.replace(/^\ufeff/, ''), 'mixed.txt'));
    expect('links' in read && read.links.map((l) => l.line)).toEqual([2, 4, 6, 8]);
    expect('links' in read && read.problems.map((p) => p.line)).toEqual([5]);
  });

  it('reads a list far larger than one read chunk, multi-byte characters cut across chunks', async () => {
    const lines = Array.from({ length: 30_000 }, (_, i) => `https://example.org/é/${i}`);
    await writeFile(join(dir, 'big.txt'), `${lines.join('\n')}\n`);
    const read = await readUrlList('big.txt', { cwd: dir });
    if ('problem' in read) throw new Error(read.problem.message);
    expect(read.problems).toEqual([]);
    expect(read.links).toHaveLength(30_000);
    expect(read.links[29_999]).toEqual({
      url: 'https://example.org/é/29999',
      line: 30_000,
      title: 'https://example.org/é/29999',
    });
  });

  it('skips an endless line with a problem naming it, and reads on', async () => {
    const long = 'x'.repeat(MAX_LIST_LINE_CHARS * 3);
    await writeFile(
      join(dir, 'long.txt'),
      `https://example.org/1\n${long}\nhttps://example.org/3\n`,
    );
    const read = await readUrlList('long.txt', { cwd: dir });
    if ('problem' in read) throw new Error(read.problem.message);
    expect(read.links.map((l) => [l.url, l.line])).toEqual([
      ['https://example.org/1', 1],
      ['https://example.org/3', 3],
    ]);
    expect(read.problems).toEqual([
      expect.objectContaining({ line: 2, message: expect.stringMatching(/line longer than/) }),
    ]);
  });

  it('says why a list cannot be read', async () => {
    await writeFile(join(dir, 'latin1.txt'), Buffer.from([0x68, 0xe9, 0x0a]));
    expect(await readUrlList('latin1.txt', { cwd: dir })).toEqual({
      problem: expect.objectContaining({ file: 'latin1.txt', message: 'not valid UTF-8 text' }),
    });
    expect(await readUrlList('missing.txt', { cwd: dir })).toEqual({
      problem: expect.objectContaining({ code: 'file-unreadable', message: 'no such file' }),
    });
    expect(await readUrlList('.', { cwd: dir })).toEqual({
      problem: expect.objectContaining({ message: 'not a regular file' }),
    });
  });
});
