import type { EncodedEvent } from "./event-encoding.js";
import type { AppendResult, EventMetadata, RecordedEvent } from "./event-store.js";

/**
 * The result of an accepted append, as the SQLite and PostgreSQL stores return it. Its `events`
 * are parsed from the stored texts only when read: most callers want the revision and position,
 * and parsing each event's data and metadata back is a large share of a batched append's CPU.
 * It keeps the stored texts, not an object per event. The Merkle tree takes the events' hashes
 * from it (`hashes`), so that they need not be read back from the log.
 */
export class StoredAppend implements AppendResult {
  readonly nextExpectedRevision: number;
  readonly position: number;
  declare readonly events: readonly RecordedEvent[];
  readonly #streamId: string;
  readonly #encoded: readonly EncodedEvent[];
  readonly #metadataJsons: readonly string[];
  #parsed: readonly RecordedEvent[] | undefined;

  constructor(streamId: string, encoded: readonly EncodedEvent[], metadataJsons: readonly string[], firstRevision: number, firstPosition: number) {
    this.nextExpectedRevision = firstRevision + encoded.length - 1;
    this.position = firstPosition + encoded.length - 1;
    this.#streamId = streamId;
    this.#encoded = encoded;
    this.#metadataJsons = metadataJsons;
    // An own enumerable property like the others, so that spreads, JSON and deep equality see it.
    Object.defineProperty(this, "events", eventsProperty);
  }

  /** The position of the append's first event. */
  get firstPosition(): number {
    return this.position - this.#encoded.length + 1;
  }

  /** The events' hashes, in order: the 64 hex digits each stored metadata ends with (`…,"hash":"…"}`). */
  hashes(): string[] {
    return this.#metadataJsons.map((metadataJson) => metadataJson.slice(-66, -2));
  }

  parse(): readonly RecordedEvent[] {
    const firstRevision = this.nextExpectedRevision - this.#encoded.length + 1;
    const firstPosition = this.firstPosition;
    return (this.#parsed ??= this.#encoded.map(
      (event, i): RecordedEvent => ({
        id: event.id,
        type: event.type,
        streamId: this.#streamId,
        revision: firstRevision + i,
        position: firstPosition + i,
        data: JSON.parse(event.dataJson) as unknown,
        metadata: JSON.parse(this.#metadataJsons[i] as string) as EventMetadata,
      }),
    ));
  }
}

const eventsProperty: PropertyDescriptor = {
  enumerable: true,
  get(this: StoredAppend): readonly RecordedEvent[] {
    return this.parse();
  },
};
