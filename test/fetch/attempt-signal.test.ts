/**
 * The signal of one attempt (fetch/attempt-signal.ts), in the EventEmitter form undici takes:
 * it aborts once, with its first reason, and calls each listener still attached once.
 */
import { describe, expect, it } from 'vitest';
import { AttemptSignal } from '../../src/fetch/attempt-signal.js';

describe('AttemptSignal', () => {
  it('aborts once with the first reason, calling the listeners still attached', () => {
    const signal = new AttemptSignal();
    const calls: string[] = [];
    const a = () => calls.push('a');
    const b = () => calls.push('b');
    signal.once('abort', a).on('abort', b);
    signal.on('abort', () => calls.push('c')).removeListener('abort', b);
    expect(signal.aborted).toBe(false);
    signal.abort('first');
    signal.abort('second');
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe('first');
    expect(calls).toEqual(['a', 'c']);
  });
});
