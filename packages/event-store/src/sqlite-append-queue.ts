import type { CanonicalEncoder } from "./canonical-json.js";
import { InvalidAppendError } from "./errors.js";
import { encodeNewEvents } from "./event-encoding.js";
import type { AppendOptions, AppendResult, ExpectedRevision, NewEvent } from "./event-store.js";
import type { PendingAppend } from "./sqlite-group-write.js";

/**
 * The append queue of the group commit: appends are checked and encoded when called, then
 * wait for the next turn of the event loop, where all those that came in the meantime (at
 * most `maxGroupSize`) are handed to `write` as one group: one transaction, one fsync for all.
 */

export interface AppendQueueOptions {
  /** At most this many appends in one group. */
  readonly maxGroupSize: number;
  readonly encoder: CanonicalEncoder;
  /** Throws when the store is closed. */
  readonly assertOpen: () => void;
  /** Writes a group taken from the queue and settles its appends (synchronously). */
  readonly write: (group: readonly PendingAppend[]) => void;
}

export interface AppendQueue {
  append(streamId: string, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult>;
  /** Writes every queued append now, a group at a time, as the next turns would. */
  drain(): void;
  /** Appends waiting for their group. */
  readonly length: number;
}

function checkExpectedRevision(streamId: string, expected: unknown): ExpectedRevision {
  if (expected === "any" || expected === "no_stream" || expected === "stream_exists") return expected;
  if (typeof expected === "number" && Number.isSafeInteger(expected) && expected >= 0) return expected;
  throw new InvalidAppendError(streamId, `invalid expected revision ${String(expected)}`);
}

export function createAppendQueue(options: AppendQueueOptions): AppendQueue {
  const { maxGroupSize, encoder, assertOpen, write } = options;
  const queue: PendingAppend[] = [];
  let flushImmediate: NodeJS.Immediate | undefined;

  const scheduleFlush = (): void => {
    if (flushImmediate === undefined) flushImmediate = setImmediate(flush);
  };

  function flush(): void {
    flushImmediate = undefined;
    const group = queue.splice(0, maxGroupSize);
    if (group.length === 0) return;
    if (queue.length > 0) scheduleFlush();
    write(group);
  }

  return {
    append: (streamId, events, appendOptions) => {
      try {
        assertOpen();
        const expected = checkExpectedRevision(streamId, appendOptions?.expectedRevision ?? "any");
        const encoded = encodeNewEvents(streamId, events, encoder);
        return new Promise<AppendResult>((resolve, reject) => {
          queue.push({ streamId, events: encoded, expected, resolve, reject });
          scheduleFlush();
        });
      } catch (error) {
        return Promise.reject(error as Error);
      }
    },
    drain: () => {
      if (flushImmediate !== undefined) clearImmediate(flushImmediate);
      flushImmediate = undefined;
      while (queue.length > 0) flush();
    },
    get length() {
      return queue.length;
    },
  };
}
