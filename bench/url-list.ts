import { createWriteStream } from 'node:fs';

/**
 * Writes `counts[i]` URLs of host i to `file`, as a stream: the bench itself holds no URL, so
 * the peak RSS is the checker's.
 */
export function writeUrlList(
  file: string,
  hosts: { name: string }[],
  counts: number[],
  portOf: (host: string) => number,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const out = createWriteStream(file);
    out.on('error', reject);
    let i = 0;
    let j = 0;
    const write = () => {
      let ok = true;
      while (ok && i < hosts.length) {
        const h = hosts[i]!;
        if (j >= counts[i]!) {
          i++;
          j = 0;
          continue;
        }
        ok = out.write(`http://${h.name}:${portOf(h.name)}/doc/${j}\n`);
        j++;
      }
      if (i < hosts.length) out.once('drain', write);
      else out.end(resolve);
    };
    write();
  });
}
