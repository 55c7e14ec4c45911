/**
 * Counts turns of the event loop (one immediate that queues itself each turn), for tests of
 * work that must be spread over several turns rather than run in one.
 */
export function countTurns(): { readonly turn: number; stop(): void } {
  let turn = 0;
  let counting = true;
  const count = () => {
    turn++;
    if (counting) setImmediate(count);
  };
  setImmediate(count);
  return {
    get turn() {
      return turn;
    },
    stop() {
      counting = false;
    },
  };
}
