import { readFileSync } from 'node:fs';

/**
 * CPU seconds used so far by this process's main thread, read from /proc on Linux (null
 * elsewhere). The rest of the process's CPU time (process.cpuUsage) is its other threads':
 * V8's helpers (concurrent marking, parallel scavenges, optimising compiles), libuv's pool,
 * worker threads, those that have ended included.
 */
export function mainThreadCpuSeconds(): number | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // Fields after the command name (which may hold spaces) in parentheses: utime is the 12th,
  // stime the 13th, in clock ticks that Linux reports at 100 per second (USER_HZ).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
