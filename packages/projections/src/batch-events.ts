import { Observable, type OperatorFunction } from "rxjs";

/**
 * An rxjs operator like `bufferTime(maxWaitMs, null, maxSize)`: a batch is emitted when it
 * holds `maxSize` items or `maxWaitMs` after its first item arrived; on completion of the source
 * the batch in progress is emitted, then completion. On error the batch in progress is dropped
 * (it was not applied) and the error passes on. The engine cuts its catch-up read into big,
 * slow batches and its live subscription into small, quick ones.
 */
export const batchEvents =
  <T>(limits: { readonly maxSize: number; readonly maxWaitMs: number }): OperatorFunction<T, T[]> =>
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
          if (buffer.length >= limits.maxSize) flush();
          else if (timer === undefined) timer = setTimeout(flush, limits.maxWaitMs);
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
