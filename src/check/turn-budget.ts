/*
 * Reading pages costs CPU (decode, parse, classify: about half a millisecond each), and answers
 * come in bursts: dozens of sockets are readable in one turn of the event loop, and reading
 * every page in that turn holds the loop for tens of milliseconds. Timers wait meanwhile,
 * among them the one that sends the busiest host's next request: each such delay adds to the
 * run's wall time, since that host's lane is the politeness bound. So the pages are read a few
 * milliseconds' worth per turn, and the rest waits for the next turn, after the timers.
 */

/** CPU a turn of the event loop may spend on gated work before the rest waits for the next. */
export const TURN_BUDGET_MS = 3;

export interface TurnBudget {
  /**
   * Undefined when the current turn still has budget (go on at once); otherwise a promise that
   * resolves in a later turn, when the caller may go on.
   */
  gate(): Promise<void> | undefined;
}

export interface TurnBudgetOptions {
  /** Default TURN_BUDGET_MS. */
  budgetMs?: number;
  now?: () => number;
  /** True while gated work must wait for a later turn whatever its budget (lane-guard.ts). */
  hold?: () => boolean;
}

export function turnBudget({
  budgetMs = TURN_BUDGET_MS,
  now = () => performance.now(),
  hold = () => false,
}: TurnBudgetOptions = {}): TurnBudget {
  /** When this turn's budget started (null: no gated work yet this turn). */
  let turnStart: number | null = null;
  const waiting: (() => void)[] = [];
  let scheduled = false;

  // A new turn: its budget starts with the first caller; callers that waited go first.
  const nextTurn = () => {
    scheduled = false;
    turnStart = null;
    release();
  };
  // One waiter at a time: its synchronous part runs (as the microtask its resolve queues)
  // before this checks the budget again for the next.
  const release = () => {
    if (waiting.length === 0) return;
    if (!admit()) {
      schedule();
      return;
    }
    waiting.shift()?.();
    queueMicrotask(release);
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(nextTurn);
  };
  // True when the work may run in this turn; starts the turn's budget on first use.
  const admit = (): boolean => {
    if (hold()) return false;
    const t = now();
    if (turnStart === null) {
      turnStart = t;
      // The budget is per turn: forget it once this turn is over.
      schedule();
      return true;
    }
    return t - turnStart < budgetMs;
  };

  return {
    gate() {
      if (waiting.length === 0 && admit()) return undefined;
      return new Promise<void>((resolve) => {
        waiting.push(resolve);
        schedule();
      });
    },
  };
}
