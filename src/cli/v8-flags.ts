/**
 * The V8 tuning of the `rotwatch` command (src/cli/bin.ts sets it before anything else loads;
 * `npm run bench` sets the same, so its figures are the command's).
 *
 * A check keeps little alive (~40 MB at 10,000 URLs, ~100 MB at 100,000) but churns through
 * short-lived per-request objects. V8's default lets the old generation grow to a few times the
 * live size between full collections: 429 MB peak RSS at 100,000 URLs in the bench's skip mode.
 * How far it may grow is set by heap-growth.ts, after each full collection (at least 20%, and
 * at least 32 MB: ~250-265 MB there). `--optimize-for-size`, used before, kept memory
 * low too but cost ~50% more CPU per checked URL (1.6-1.7 ms against 1.1), because it also runs
 * every full collection in its memory-reducing mode and trades code speed for size.
 *
 * Not here: `--single-threaded-gc` works only from node's command line (NODE_OPTIONS refuses
 * it); set at run time as these are, V8 aborted at its next full collection (tried).
 * `--no-parallel-scavenge` can be set at run time, but the main thread then did more than the
 * helper threads' share of each minor collection (four pairs: 1.115-1.163 ms per URL against
 * 1.067-1.171).
 *
 * `--no-regexp-tier-up` compiles each regular expression to machine code on its first use. By
 * default V8 first builds interpreter bytecode and optimises it, which takes ~0.5 s for the
 * soft-404 phrase pattern (src/classify/soft404.ts, a few hundred alternatives) against ~0.05 s
 * for machine code: a half-second stall of every host's requests early in each run.
 */
export const V8_FLAGS = '--no-regexp-tier-up';
