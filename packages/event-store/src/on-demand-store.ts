import { defer, mergeMap, type Observable } from "rxjs";
import { StoreClosedError } from "./errors.js";
import type { EventStore, RecordedEvent, StoreCapabilities } from "./event-store.js";

/**
 * An event store whose adapter is created on first use: `open` runs once, when a method is
 * first called, and every call goes to the store it gives. For an adapter whose module is
 * costly to load and seldom used: the EventStoreDB client is ~0.15 s of every process's (and
 * every projector thread's) start on the embedded SQLite store otherwise (docs/event-store.md).
 * A store closed before it was used never opens; a failed `open` fails every call.
 */
export const onDemandStore = (name: string, capabilities: StoreCapabilities, open: () => Promise<EventStore>): EventStore => {
  let opened: Promise<EventStore> | undefined;
  let closed = false;
  const store = (): Promise<EventStore> => {
    if (closed) return Promise.reject(new StoreClosedError(name));
    return (opened ??= open());
  };
  async function* streamOf(read: (store: EventStore) => AsyncIterable<RecordedEvent>): AsyncGenerator<RecordedEvent> {
    yield* read(await store());
  }
  return {
    name,
    capabilities,
    append: async (streamId, events, options) => (await store()).append(streamId, events, options),
    readStream: (streamId, options) => streamOf((s) => s.readStream(streamId, options)),
    readAll: (options) => streamOf((s) => s.readAll(options)),
    subscribe: (options): Observable<RecordedEvent> => defer(() => store()).pipe(mergeMap((s) => s.subscribe(options))),
    readEvent: async (eventId) => (await store()).readEvent(eventId),
    importRecorded: async (events) => (await store()).importRecorded(events),
    streamRevision: async (streamId) => (await store()).streamRevision(streamId),
    headPosition: async () => (await store()).headPosition(),
    close: async () => {
      if (closed) return;
      closed = true;
      // A store that failed to open has nothing to close.
      if (opened !== undefined) await opened.then((s) => s.close(), () => undefined);
    },
  };
};
