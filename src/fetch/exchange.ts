import type { Dispatcher } from 'undici';

/*
 * One request/response exchange as an undici dispatch handler of our own, instead of
 * `request()`: that one wraps every response body in a Readable (an AsyncResource with its
 * stream machinery, read through an async iterator) and links the abort signal through
 * listeners; here the head is a promise and the body's chunks go straight to whoever reads it
 * (body.ts), which also decides when to stop. undici calls `onRequestStart` right before it
 * writes the request on its connection (after any DNS lookup and handshake): the moment a
 * server sees as the request's start, which the host's pacing counts from.
 */

type Controller = Dispatcher.DispatchController;

/** Receives a body's chunks. */
export interface BodySink {
  /** A chunk; false asks the source to pause until `resume()` (backpressure). */
  data(chunk: Buffer): boolean;
  end(): void;
  /** The exchange failed part-way (reset, timeout, abort): nothing follows. */
  error(err: unknown): void;
}

/** A response body as it arrives. Chunks received before `pipe` are kept (a few, see HELD). */
export interface BodySource {
  /** Delivers what was kept, then each chunk as it comes; one sink per body. */
  pipe(sink: BodySink): void;
  pause(): void;
  resume(): void;
  /** No more chunks wanted: the exchange is aborted (the connection is not drained). */
  cancel(): void;
}

export interface ExchangeHead {
  status: number;
  headers: Record<string, string | string[] | undefined>;
}

/** Bytes kept for a body nobody reads yet before the socket is paused (a Readable's default). */
const HELD = 64 * 1024;

export class Exchange implements Dispatcher.DispatchHandler, BodySource {
  /** Resolves with the head (status >= 200), or with the error that ended the exchange first. */
  readonly head: Promise<ExchangeHead | { error: unknown }>;
  #settleHead!: (value: ExchangeHead | { error: unknown }) => void;
  #headDone = false;
  #controller: Controller | null = null;
  #abortReason: unknown = undefined;
  #onStart: (() => void) | undefined;
  #sink: BodySink | null = null;
  #held: Buffer[] = [];
  #heldBytes = 0;
  /** Where the body ended: null while it runs. */
  #end: { error: unknown } | 'complete' | null = null;
  #paused = false;

  constructor(onStart?: () => void) {
    this.#onStart = onStart;
    this.head = new Promise((resolve) => {
      this.#settleHead = resolve;
    });
  }

  /** Ends the exchange with `reason`: the head (if not in yet) or the body fails with it. */
  abort(reason: unknown): void {
    if (this.#abortReason !== undefined) return;
    this.#abortReason = reason;
    // A request still waiting for its connection is aborted when undici starts it
    // (onRequestStart); meanwhile nothing waits on it.
    this.#controller?.abort(reason as Error);
    this.#fail(reason);
  }

  onRequestStart(controller: Controller): void {
    this.#controller = controller;
    if (this.#abortReason !== undefined) {
      controller.abort(this.#abortReason as Error);
      return;
    }
    this.#onStart?.();
  }

  onResponseStart(
    controller: Controller,
    statusCode: number,
    headers: Record<string, string | string[] | undefined>,
  ): void {
    if (statusCode < 200 || this.#headDone) return; // 1xx: informational, the answer follows
    this.#headDone = true;
    if (this.#paused) controller.pause();
    this.#settleHead({ status: statusCode, headers });
  }

  onResponseData(controller: Controller, chunk: Buffer): void {
    if (this.#end !== null) return;
    if (this.#sink) {
      if (!this.#sink.data(chunk)) this.pause();
      return;
    }
    this.#held.push(chunk);
    this.#heldBytes += chunk.length;
    if (this.#heldBytes >= HELD) {
      this.#paused = true;
      controller.pause();
    }
  }

  onResponseEnd(): void {
    if (this.#end !== null) return;
    this.#end = 'complete';
    this.#sink?.end();
  }

  onResponseError(_controller: Controller, err: unknown): void {
    this.#fail(err);
  }

  pipe(sink: BodySink): void {
    if (this.#sink) throw new Error('a body is read once');
    this.#sink = sink;
    const held = this.#held;
    this.#held = [];
    this.#heldBytes = 0;
    this.#paused = false;
    for (const chunk of held) {
      if (this.#end !== null && this.#end !== 'complete') break;
      if (!sink.data(chunk)) this.#paused = true;
    }
    if (this.#end === 'complete') sink.end();
    else if (this.#end !== null) sink.error(this.#end.error);
    else if (this.#paused) this.#controller?.pause();
    else this.#controller?.resume();
  }

  pause(): void {
    this.#paused = true;
    this.#controller?.pause();
  }

  resume(): void {
    this.#paused = false;
    this.#controller?.resume();
  }

  cancel(): void {
    if (this.#end === null) this.#end = { error: null };
    this.#sink = null;
    this.#held = [];
    this.#controller?.pause();
    // Not from inside undici's parser callback (a sink may cancel while it delivers a chunk).
    const controller = this.#controller;
    if (controller) queueMicrotask(() => controller.abort(new Error('body not wanted')));
  }

  #fail(err: unknown): void {
    if (!this.#headDone) {
      this.#headDone = true;
      this.#end = { error: err };
      this.#settleHead({ error: err });
      return;
    }
    if (this.#end !== null) return;
    this.#end = { error: err };
    this.#sink?.error(err);
  }
}
