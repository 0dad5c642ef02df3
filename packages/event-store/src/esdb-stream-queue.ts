/**
 * Runs tasks one at a time per key, in call order; tasks of different keys run concurrently.
 * The esdb store queues the appends of one stream behind each other: in-process appends to a
 * stream would otherwise all read the same head and all but one lose the race for it.
 */
export interface KeyedQueue {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
  /** Keys with a task running or waiting. */
  readonly size: number;
}

export const createKeyedQueue = (): KeyedQueue => {
  /** The last task queued per key (settled or not); removed once the key's queue is empty. */
  const tails = new Map<string, Promise<unknown>>();
  return {
    run<T>(key: string, task: () => Promise<T>): Promise<T> {
      const previous = tails.get(key);
      const result = previous === undefined ? task() : previous.then(task, task);
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
    get size() {
      return tails.size;
    },
  };
};
