import type { EncodedEvent } from "./event-encoding.js";
import type { AppendResult } from "./event-store.js";
import { StoredAppend } from "./stored-append.js";

/**
 * What the PostgreSQL store's appends return (pg-append.ts), and the SQL literals they are
 * written with.
 */

/** This process's appended events' hashes by position, for the Merkle tree (pg-merkle-tree.ts): an append answered as a repeat has none. */
export function handedHashes(results: readonly AppendResult[], hand: (firstPosition: number, hashes: readonly string[]) => void): void {
  for (const result of results) if (result instanceof StoredAppend) hand(result.firstPosition, result.hashes());
}

/** The result of an append whose events were stored at `firstRevision` and `firstPosition` on. */
export const storedAppend = (streamId: string, encoded: readonly EncodedEvent[], metadataJsons: readonly string[], firstRevision: number, firstPosition: number): AppendResult =>
  new StoredAppend(streamId, encoded, metadataJsons, firstRevision, firstPosition);

/**
 * A string as an SQL literal: what `escapeLiteral` of `pg` gives (quotes doubled; with a
 * backslash, backslashes doubled in an `E'…'` literal), by native replaces instead of a loop
 * over the characters — the appends' texts (each event's data and metadata) pass through it.
 */
export const sqlLiteral = (value: string): string =>
  value.includes("\\") ? ` E'${value.replace(/\\/g, "\\\\").replace(/'/g, "''")}'` : `'${value.replace(/'/g, "''")}'`;

/** Strings as an SQL `text[]` literal. */
export const textArray = (values: readonly string[]): string => `ARRAY[${values.map(sqlLiteral).join(",")}]::text[]`;
