import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TestWeb } from './web.js';

/**
 * Writes `links.txt` in `dir`: `/doc/0` .. `/doc/<perHost - 1>` on each of `hosts` of the test
 * web, host after host, as the multi-process and resume tests check them. Returns the URLs.
 */
export async function writeDocList(
  dir: string,
  web: TestWeb,
  hosts: readonly string[],
  perHost: number,
): Promise<string[]> {
  const urls = hosts.flatMap((name) => {
    const h = web.host(name);
    return Array.from({ length: perHost }, (_, i) => `http://${h.ip}:${h.port}/doc/${i}`);
  });
  await writeFile(join(dir, 'links.txt'), `${urls.join('\n')}\n`);
  return urls;
}
