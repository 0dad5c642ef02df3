import type { EncodedEvent } from "./event-encoding.js";
import type { AppendResult, EventMetadata, RecordedEvent } from "./event-store.js";

/**
 * What the PostgreSQL store's appends return (pg-append.ts), and the SQL literals they are
 * written with.
 */

/**
 * The result of an accepted append. Its `events` are parsed from the stored texts only when
 * read (most callers want the revision and position; parsing each event's data and metadata
 * back is a large share of a batched append's CPU); until then it holds the texts.
 */
class StoredPgAppend implements AppendResult {
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
    const firstPosition = this.position - this.#encoded.length + 1;
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
  get(this: StoredPgAppend): readonly RecordedEvent[] {
    return this.parse();
  },
};

/** This process's appended events' hashes by position, for the Merkle tree (pg-merkle-tree.ts): an append answered as a repeat has none. */
export function handedHashes(results: readonly AppendResult[], hand: (firstPosition: number, hashes: readonly string[]) => void): void {
  for (const result of results) if (result instanceof StoredPgAppend) hand(result.firstPosition, result.hashes());
}

/** The result of an append whose events were stored at `firstRevision` and `firstPosition` on. */
export const storedAppend = (streamId: string, encoded: readonly EncodedEvent[], metadataJsons: readonly string[], firstRevision: number, firstPosition: number): AppendResult =>
  new StoredPgAppend(streamId, encoded, metadataJsons, firstRevision, firstPosition);

/**
 * A string as an SQL literal: what `escapeLiteral` of `pg` gives (quotes doubled; with a
 * backslash, backslashes doubled in an `E'…'` literal), by native replaces instead of a loop
 * over the characters — the appends' texts (each event's data and metadata) pass through it.
 */
export const sqlLiteral = (value: string): string =>
  value.includes("\\") ? ` E'${value.replace(/\\/g, "\\\\").replace(/'/g, "''")}'` : `'${value.replace(/'/g, "''")}'`;

/** Strings as an SQL `text[]` literal. */
export const textArray = (values: readonly string[]): string => `ARRAY[${values.map(sqlLiteral).join(",")}]::text[]`;
