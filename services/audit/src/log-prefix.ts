import type { RecordedEvent } from "@duty-ledger/event-store";
import type { ProjectionSource } from "@duty-ledger/projections";
import { filter, NEVER } from "rxjs";

/** Where the replay cuts the log: positions up to `upTo`, and with a time cut only the events recorded by then. */
export interface LogCut {
  readonly upTo: number;
  /** Epoch ms; events recorded (`recordedAt`) after it are left out. */
  readonly timeCut: number | undefined;
}

/** Whether the event was recorded by the time cut (every event without one). */
export const recordedBy = (event: RecordedEvent, timeCut: number | undefined): boolean =>
  timeCut === undefined || Date.parse(event.metadata.recordedAt) <= timeCut;

/**
 * The log as it stood at a cut, as the projection engine reads it: its head is the cut, the
 * catch-up read ends there (every event read, whatever the engine's type filter, so that
 * `onEvent` sees each one the replay counts), a stream is read up to the cut, and the live
 * subscription after it never delivers.
 */
export const logPrefix = (log: ProjectionSource, cut: LogCut, onEvent: (event: RecordedEvent) => void): ProjectionSource => {
  const kept = (event: RecordedEvent): boolean => event.position <= cut.upTo && recordedBy(event, cut.timeCut);
  return {
    headPosition: async () => cut.upTo,
    subscribe: (options = {}) => {
      const after = options.after ?? 0;
      if (after >= cut.upTo) return NEVER;
      const typed = options.filter?.eventTypes === undefined ? undefined : new Set(options.filter.eventTypes);
      // One operator for the three steps (kept, counted, of a type asked for), not three chained
      // ones: each costs a subscriber call per event of the log.
      return log.subscribe({ after, until: cut.upTo }).pipe(
        filter((event) => {
          if (!kept(event)) return false;
          onEvent(event);
          return typed === undefined || typed.has(event.type);
        }),
      );
    },
    readStream: async function* (streamId, options) {
      for await (const event of log.readStream(streamId, options)) if (kept(event)) yield event;
    },
  };
};
