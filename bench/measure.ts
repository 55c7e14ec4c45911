import { readdir, stat, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

const STORE_FILE = /^state\.json$|\.(sqlite|db)(-wal|-shm)?$/;

/** Bytes of the history store (state.json, *.sqlite*, *.db*) and of the report files. */
export async function folderSizes(dir: string) {
  let store = 0;
  let reports = 0;
  const files: string[] = [];
  for (const name of await readdir(dir, { recursive: true }).catch(() => [] as string[])) {
    const info = await stat(join(dir, name)).catch(() => null);
    if (!info?.isFile()) continue;
    if (STORE_FILE.test(name)) store += info.size;
    else if (!name.startsWith('.')) {
      reports += info.size;
      files.push(`${name} ${(info.size / 2 ** 20).toFixed(1)} MB`);
    }
  }
  return { store, reports, files };
}

/** Peak heap figures, sampled every 100 ms until `stop()`. */
export function sampleHeap() {
  const peak = { heapMb: 0, heapTotalMb: 0, externalMb: 0 };
  const mb = (n: number) => n / 2 ** 20;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peak.heapMb = Math.max(peak.heapMb, mb(m.heapUsed));
    peak.heapTotalMb = Math.max(peak.heapTotalMb, mb(m.heapTotal));
    peak.externalMb = Math.max(peak.externalMb, mb(m.external + m.arrayBuffers));
  }, 100);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}

/**
 * Sampled allocations, garbage included (what the GC has to clean up, not just what stays), for
 * Chrome DevTools or a script.
 */
export async function startAllocationProfile() {
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 16_384,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  return {
    async stop(file: string) {
      const { profile } = await session.post('HeapProfiler.stopSampling');
      await writeFile(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}
