/**
 * Serialises async work per key within one process: `run(key, fn)` starts `fn` once every
 * earlier `run` with the same key has settled (at once when none is pending). Keys with nothing
 * queued hold no memory.
 */
export interface KeyedLock {
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
}

const start = <T>(work: () => Promise<T>): Promise<T> => {
  try {
    return work();
  } catch (error) {
    return Promise.reject(error as Error);
  }
};

export const createKeyedLock = (): KeyedLock => {
  // Per key, a promise that settles (never rejects) when the last work queued for it has settled.
  const tails = new Map<string, Promise<void>>();
  return {
    run<T>(key: string, work: () => Promise<T>): Promise<T> {
      const previous = tails.get(key);
      const result = previous === undefined ? start(work) : previous.then(work);
      const release = (): void => {
        if (tails.get(key) === tail) tails.delete(key);
      };
      const tail: Promise<void> = result.then(release, release);
      tails.set(key, tail);
      return result;
    },
  };
};
