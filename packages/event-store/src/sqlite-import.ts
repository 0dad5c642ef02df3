import type Database from "better-sqlite3";
import type { CanonicalEncoder } from "./canonical-json.js";
import { InvalidAppendError } from "./errors.js";
import type { ImportResult, RecordedEvent } from "./event-store.js";
import { importProblem } from "./hash-chain.js";
import { isUniqueEventIdViolation } from "./sqlite-group-write.js";
import type { SqliteStatements } from "./sqlite-statements.js";

/**
 * `importRecorded` of the SQLite store: events recorded elsewhere (a restore, a migration)
 * written as they are, after the log's head, in one transaction, each checked to continue its
 * stream's hash chain (`importProblem`).
 */

export interface SqliteImportContext {
  readonly db: Database.Database;
  readonly statements: SqliteStatements;
  readonly encoder: CanonicalEncoder;
}

/** Writes the events in one transaction; throws, having written none, when one cannot be imported. */
export function importRecordedEvents(context: SqliteImportContext, events: readonly RecordedEvent[]): ImportResult {
  const { db, statements, encoder } = context;
  const heads = new Map<string, { revision: number; hash: string }>();
  const headOf = (streamId: string): { revision: number; hash: string } | undefined => {
    const known = heads.get(streamId);
    if (known !== undefined) return known;
    const stored = statements.selectStream.get(streamId) as [number, string] | undefined;
    return stored === undefined ? undefined : { revision: stored[0], hash: stored[1] };
  };
  statements.begin.run();
  let head = statements.selectHead.get() as number;
  try {
    for (const event of events) {
      const problem = importProblem(event, headOf(event.streamId));
      if (problem !== null) throw new InvalidAppendError(event.streamId, `cannot import event ${event.id}: ${problem}`);
      head++;
      try {
        statements.insertEvent.run(head, event.streamId, event.revision, event.id, event.type, encoder(event.data), JSON.stringify(event.metadata));
      } catch (error) {
        if (isUniqueEventIdViolation(error)) throw new InvalidAppendError(event.streamId, `cannot import event ${event.id}: its id is already stored`);
        throw error;
      }
      heads.set(event.streamId, { revision: event.revision, hash: event.metadata.hash });
    }
    for (const [streamId, last] of heads) statements.upsertStream.run(streamId, last.revision, last.hash);
    statements.commit.run();
  } catch (error) {
    if (db.inTransaction) statements.rollback.run();
    throw error;
  }
  return { imported: events.length, position: head };
}
