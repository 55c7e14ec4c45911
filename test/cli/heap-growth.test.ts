import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import {
  growingPercentFor,
  HEADROOM_BYTES,
  MAX_PERCENT,
  MIN_PERCENT,
} from '../../src/cli/heap-growth.js';

const MB = 1024 * 1024;

describe('growingPercentFor', () => {
  it('leaves at least the headroom past a small heap, capped at MAX_PERCENT', () => {
    expect(growingPercentFor(0)).toBe(MAX_PERCENT);
    expect(growingPercentFor(8 * MB)).toBe(MAX_PERCENT);
    expect(growingPercentFor(32 * MB)).toBe(100);
    expect(growingPercentFor(40 * MB)).toBe(80);
    // 32 / 55 = 58.2%: rounded up to the next step of 5, never below the headroom.
    expect(growingPercentFor(55 * MB)).toBe(60);
    for (const live of [33, 47, 64, 90, 128].map((n) => n * MB)) {
      expect((live * growingPercentFor(live)) / 100).toBeGreaterThanOrEqual(HEADROOM_BYTES);
    }
  });

  it('keeps MIN_PERCENT once that is more than the headroom (large runs keep their memory)', () => {
    expect(growingPercentFor(160 * MB)).toBe(MIN_PERCENT);
    expect(growingPercentFor(1024 * MB)).toBe(MIN_PERCENT);
  });
});

describe('followHeapGrowth', () => {
  it('follows full collections without keeping the process alive', async () => {
    // The module as plain JS (it imports only node's own), in a process that collects its
    // heap fully a few times and then has nothing left to do.
    const source = await readFile(new URL('../../src/cli/heap-growth.ts', import.meta.url), 'utf8');
    const js = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2023 },
    }).outputText;
    const dir = await mkdtemp(join(tmpdir(), 'rotwatch-heap-'));
    try {
      await writeFile(join(dir, 'heap-growth.mjs'), js);
      const script = `
        const { followHeapGrowth } = await import(${JSON.stringify(pathToFileURL(join(dir, 'heap-growth.mjs')).href)});
        followHeapGrowth();
        const kept = [];
        for (let i = 0; i < 3; i++) { kept.push(new Array(200_000).fill(i)); globalThis.gc(); }
        await new Promise((r) => setImmediate(r));
        console.log('done', kept.length);
      `;
      const run = spawnSync(
        process.execPath,
        ['--expose-gc', '--input-type=module', '-e', script],
        {
          encoding: 'utf8',
          timeout: 30_000,
        },
      );
      expect(run.stderr).toBe('');
      expect(run.stdout.trim()).toBe('done 3');
      expect(run.status).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
