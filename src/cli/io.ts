import { addAbortSignal } from 'node:stream';
import { guardedWriter } from './std-stream.js';

/** What a command may touch of the outside world; tests pass their own. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  /** True when stdout is an interactive terminal (colours, layout). */
  isTTY: boolean;
  /** True when stderr is an interactive terminal: the live progress line goes there. */
  stderrIsTTY?: boolean;
  /**
   * Reads standard input to its end (for the input `-`); absent: no stdin to read. An abort
   * (Ctrl-C, SIGTERM) ends the read at once with what came so far: a writer that never closes
   * the pipe must not hold the command past its signal.
   */
  readStdin?: (signal?: AbortSignal) => Promise<string>;
}

export const processIO = (): CliIO => ({
  // A closed pipe (`| head -1`) must not crash the command nor change its exit code.
  stdout: guardedWriter(process.stdout),
  stderr: guardedWriter(process.stderr),
  cwd: process.cwd(),
  isTTY: Boolean(process.stdout.isTTY),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  readStdin: async (signal) => {
    const chunks: Buffer[] = [];
    if (signal) addAbortSignal(signal, process.stdin);
    try {
      for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
    } catch (err) {
      if (!signal?.aborted) throw err;
    }
    return Buffer.concat(chunks).toString('utf8');
  },
});
