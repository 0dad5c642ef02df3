import pg, { type CustomTypesConfig } from "pg";
import type { EventFilter, EventMetadata, RecordedEvent } from "./event-store.js";

/**
 * The rows of the PostgreSQL store's `events` table (pg-schema.ts) and the SQL that selects
 * them: read in array mode (no object per row from the driver), positions as numbers (the
 * pool's type parser turns `bigint` into a JavaScript number; positions stay far below 2^53).
 */

/** A row of `events` in array mode: position, stream_id, revision, event_id, type, data, metadata. */
export type PgEventRow = [number, string, number, string, string, string, string];

export const EVENT_COLUMNS = "position, stream_id, revision, event_id, type, data, metadata";

export const toRecordedEvent = (row: PgEventRow): RecordedEvent => ({
  id: row[3],
  type: row[4],
  streamId: row[1],
  revision: row[2],
  position: row[0],
  data: JSON.parse(row[5]) as unknown,
  metadata: JSON.parse(row[6]) as EventMetadata,
});

/** The `WHERE` terms of a filter of the global log, numbering its parameters from `$first`, and their values. */
export function filterSql(filter: EventFilter | undefined, first: number): { readonly terms: string[]; readonly values: unknown[] } {
  const terms: string[] = [];
  const values: unknown[] = [];
  const types = filter?.eventTypes ?? [];
  const prefixes = filter?.streamPrefixes ?? [];
  if (types.length > 0) {
    values.push([...types]);
    terms.push(`type = ANY($${first}::text[])`);
  }
  if (prefixes.length > 0) {
    values.push([...prefixes]);
    terms.push(`EXISTS (SELECT 1 FROM unnest($${first + values.length - 1}::text[]) AS p WHERE left(stream_id, length(p)) = p)`);
  }
  return { terms, values };
}

/** The type parsers of the store's pools: `bigint` (OID 20) as a number, everything else as pg parses it. */
export const PG_TYPES: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => (oid === 20 ? Number : pg.types.getTypeParser(oid, format))) as CustomTypesConfig["getTypeParser"],
};
