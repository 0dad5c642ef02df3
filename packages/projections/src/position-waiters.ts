/**
 * Callers waiting for a log position to be reached (`waitFor` of the projection engine and of
 * the projector's thread): each resolves `true` once `settle` finds the position reached, or,
 * after its timeout, with whether it has been; `settle(true)` resolves every one (stop, failure).
 */
export interface PositionWaiters {
  /** Waits until `position() >= target` (checked at each `settle`), at most `timeoutMs`. */
  wait(target: number, timeoutMs: number): Promise<boolean>;
  /** Resolves the waiters whose position is reached; with `all`, every waiter (`false` unless reached). */
  settle(all: boolean): void;
}

interface Waiter {
  readonly position: number;
  readonly resolve: (reached: boolean) => void;
  readonly timer: NodeJS.Timeout;
}

export const createPositionWaiters = (position: () => number): PositionWaiters => {
  let waiters: Waiter[] = [];
  return {
    wait: (target, timeoutMs) =>
      new Promise<boolean>((resolve) => {
        const waiter: Waiter = {
          position: target,
          resolve,
          timer: setTimeout(() => {
            waiters = waiters.filter((w) => w !== waiter);
            resolve(position() >= target);
          }, Math.max(0, timeoutMs)),
        };
        waiters.push(waiter);
      }),
    settle: (all) => {
      if (waiters.length === 0) return;
      const reached = position();
      const keep: Waiter[] = [];
      for (const waiter of waiters) {
        if (waiter.position <= reached || all) {
          clearTimeout(waiter.timer);
          waiter.resolve(waiter.position <= reached);
        } else {
          keep.push(waiter);
        }
      }
      waiters = keep;
    },
  };
};
