import { Observable, type OperatorFunction } from "rxjs";

/**
 * An rxjs operator like `bufferTime(maxWaitMs, null, maxSize)` whose limits are read at each
 * batch: the engine uses big, slow batches while it catches up with the log (fewer document
 * writes, one transaction per many events) and small, quick ones once live (low latency).
 *
 * A batch is emitted when it holds `maxSize()` items, after an item for which `flushAfter`
 * says so, or `maxWaitMs()` after its first item arrived; on completion of the source the batch in progress is emitted, then completion.
 * On error the batch in progress is dropped (it was not applied) and the error passes on.
 */
export const batchEvents =
  <T>(limits: {
    readonly maxSize: () => number;
    readonly maxWaitMs: () => number;
    /** Emit the batch right after this item (e.g. the last event of a catch-up). */
    readonly flushAfter?: (item: T) => boolean;
  }): OperatorFunction<T, T[]> =>
  (source) =>
    new Observable<T[]>((subscriber) => {
      let buffer: T[] = [];
      let timer: NodeJS.Timeout | undefined;
      const flush = (): void => {
        if (timer !== undefined) clearTimeout(timer);
        timer = undefined;
        if (buffer.length === 0) return;
        const batch = buffer;
        buffer = [];
        subscriber.next(batch);
      };
      const subscription = source.subscribe({
        next: (item) => {
          buffer.push(item);
          if (buffer.length >= limits.maxSize() || limits.flushAfter?.(item) === true) flush();
          else if (timer === undefined) timer = setTimeout(flush, limits.maxWaitMs());
        },
        error: (error: unknown) => {
          if (timer !== undefined) clearTimeout(timer);
          buffer = [];
          subscriber.error(error);
        },
        complete: () => {
          flush();
          subscriber.complete();
        },
      });
      return () => {
        if (timer !== undefined) clearTimeout(timer);
        subscription.unsubscribe();
      };
    });
