import type { EventStore, ReadStreamsOptions, RecordedEvent } from "./event-store.js";

/** The types a `readStreams` keeps, as a set; `undefined` keeps every type (`types` absent or empty). */
export const keptTypesOf = (options: ReadStreamsOptions): ReadonlySet<string> | undefined =>
  options.types === undefined || options.types.length === 0 ? undefined : new Set(options.types);

/**
 * `readStreams` by reading each stream in turn (`readStream`) and merging them in log order:
 * the adapters that have no one-query form (EventStoreDB), and views of a store that filter
 * what it reads. Positions grow along a stream, so a stream's read stops at the first event
 * after `upTo`.
 */
export const readStreamsOneByOne = async (
  readStream: EventStore["readStream"],
  streamIds: readonly string[],
  options: ReadStreamsOptions = {},
): Promise<RecordedEvent[]> => {
  const upTo = options.upTo ?? Number.POSITIVE_INFINITY;
  const types = keptTypesOf(options);
  const perStream = await Promise.all(
    [...new Set(streamIds)].map(async (streamId) => {
      const events: RecordedEvent[] = [];
      for await (const event of readStream(streamId)) {
        if (event.position > upTo) break;
        if (types === undefined || types.has(event.type)) events.push(event);
      }
      return events;
    }),
  );
  return perStream.flat().sort((a, b) => a.position - b.position);
};
