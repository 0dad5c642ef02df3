import { defer, mergeMap, type Observable } from "rxjs";
import { StoreClosedError } from "./errors.js";
import type { EventStore, RecordedEvent, StoreCapabilities } from "./event-store.js";
import type { TransparencyLog } from "./transparency-log.js";

/**
 * An event store whose adapter is created on first use: `open` runs once, when a method is
 * first called, and every call goes to the store it gives. For an adapter whose module is
 * costly to load and seldom used: the EventStoreDB client is ~0.15 s of every process's (and
 * every projector thread's) start on the embedded SQLite store otherwise (docs/event-store.md).
 * A store closed before it was used never opens; a failed `open` fails every call.
 * `transparencyLog`: the adapter keeps the Merkle tree, offered here before it opens.
 */
export const onDemandStore = (
  name: string,
  capabilities: StoreCapabilities,
  open: () => Promise<EventStore>,
  options: { readonly transparencyLog?: boolean } = {},
): EventStore => {
  let opened: Promise<EventStore> | undefined;
  let closed = false;
  const store = (): Promise<EventStore> => {
    if (closed) return Promise.reject(new StoreClosedError(name));
    return (opened ??= open());
  };
  async function* streamOf(read: (store: EventStore) => AsyncIterable<RecordedEvent>): AsyncGenerator<RecordedEvent> {
    yield* read(await store());
  }
  const log = async (): Promise<TransparencyLog> => {
    const opened = (await store()).transparencyLog;
    if (opened === undefined) throw new Error(`event store ${name} keeps no Merkle tree`);
    return opened;
  };
  const transparencyLog: TransparencyLog = {
    treeHead: async (treeSize) => (await log()).treeHead(treeSize),
    inclusionProof: async (leafIndex, treeSize) => (await log()).inclusionProof(leafIndex, treeSize),
    consistencyProof: async (from, to) => (await log()).consistencyProof(from, to),
    leafHashes: async (from, count) => (await log()).leafHashes(from, count),
    saveSignedHead: async (head) => (await log()).saveSignedHead(head),
    signedHeads: async (query) => (await log()).signedHeads(query),
  };
  return {
    name,
    capabilities,
    ...(options.transparencyLog === true ? { transparencyLog } : {}),
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
