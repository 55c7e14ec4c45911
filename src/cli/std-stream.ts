/**
 * Writes to the process's stdout or stderr that survive the reader going away. `rotwatch report
 * --format csv | head -1` closes the pipe after one line: Node then emits EPIPE as an 'error'
 * event on the stream, and with no listener that is an uncaught exception (a stack trace, exit
 * 1, which for `check` means "failures found"). A reader that stopped reading wanted no more:
 * the rest of the output is dropped and the command ends with its own exit code.
 */

/** Error codes that mean the other end of the stream is gone (a closed pipe or socket). */
const READER_GONE = new Set(['EPIPE', 'ECONNRESET', 'ERR_STREAM_DESTROYED']);

/** Pure: whether a write error on a standard stream only says that nobody reads it any more. */
export function readerGone(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && READER_GONE.has(code);
}

interface Guarded {
  closed: boolean;
}

// One listener per stream, however many times a command's IO is built (tests call main often).
const guards = new WeakMap<NodeJS.WritableStream, Guarded>();

/** A writer for `stream` that stops writing, silently, once its reader has gone. */
export function guardedWriter(stream: NodeJS.WritableStream): (text: string) => void {
  let guard = guards.get(stream);
  if (!guard) {
    const state: Guarded = { closed: false };
    stream.on('error', (err: unknown) => {
      if (!readerGone(err)) throw err; // anything else stays as loud as it was
      state.closed = true;
    });
    guards.set(stream, state);
    guard = state;
  }
  const state = guard;
  return (text) => {
    if (!state.closed) stream.write(text);
  };
}
