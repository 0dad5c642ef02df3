import Database from "better-sqlite3";
import { IdempotencyConflictError, WrongExpectedRevisionError } from "./errors.js";
import { startStreamChain, type EncodedEvent } from "./event-encoding.js";
import type { AppendResult, ExpectedRevision } from "./event-store.js";
import type { EventStoreLogger } from "./logger.js";
import { toRecordedEvent, type EventRow, type SqliteStatements } from "./sqlite-statements.js";
import { StoredAppend } from "./stored-append.js";

/**
 * Writing a group of appends into the open transaction: the expected revisions checked, each
 * event chained and inserted, repeats of stored appends answered with their original result.
 * Committing is the caller's (sqlite-group-commit.ts, one transaction per group;
 * sqlite-bulk-writer.ts, one transaction over many groups).
 */

/** An append waiting in the queue, encoded, its promise's settlers with it. */
export interface PendingAppend {
  readonly streamId: string;
  readonly events: readonly EncodedEvent[];
  readonly expected: ExpectedRevision;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

export type Outcome = { readonly ok: true; readonly result: AppendResult } | { readonly ok: false; readonly error: unknown };

/** The outcomes of a group's appends, in order, and the events it wrote. */
export interface AppliedGroup {
  readonly outcomes: Outcome[];
  readonly written: number;
}


/**
 * The hashes of the events a committed group wrote, from the position of its first one: what
 * the Merkle tree's worker integrates next (sqlite-tree-integrator.ts), handed over so that it
 * need not read them back. `null` when the group wrote nothing. A group's appends take
 * consecutive positions, so the written ones form one run.
 */
export function writtenHashes(group: AppliedGroup): { readonly firstPosition: number; readonly hex: string } | null {
  let firstPosition = 0;
  let hex = "";
  for (const outcome of group.outcomes) {
    if (!outcome.ok || !(outcome.result instanceof StoredAppend)) continue; // refused, or a repeat answered from the log
    if (hex === "") firstPosition = outcome.result.firstPosition;
    hex += outcome.result.hashes().join("");
  }
  return hex === "" ? null : { firstPosition, hex };
}

/** Thrown when an event id is already stored, before any row of the append was written (or inside its savepoint). */
class DuplicateEventId extends Error {}

/**
 * Thrown when an append applied without a savepoint fails after some of its rows were written:
 * only rolling the whole group back undoes them; the group is then applied again, with a
 * savepoint per append.
 */
class PartiallyWrittenAppend extends Error {}

export const isUniqueEventIdViolation = (error: unknown): boolean =>
  error instanceof Database.SqliteError && error.code === "SQLITE_CONSTRAINT_UNIQUE" && error.message.includes("events.event_id");

function expectationMet(expected: ExpectedRevision, actual: number | null): boolean {
  switch (expected) {
    case "any":
      return true;
    case "no_stream":
      return actual === null;
    case "stream_exists":
      return actual !== null;
    default:
      return actual === expected;
  }
}

export interface GroupWriter {
  /**
   * Runs a group's appends in the open transaction, without a savepoint per append (each
   * costs a statement and a copy of every page it touches) unless `guarded`. Returns `null`,
   * leaving the undoing to the caller, when an unguarded append failed half-written: the
   * caller rolls the group back and runs it again `guarded`, so that a refused append is
   * rolled back alone. Throws when SQLite rolled the whole transaction back.
   */
  runGroup(group: readonly PendingAppend[], recordedAt: string, guarded: boolean): AppliedGroup | null;
  /** Rolls the open transaction back, if any, logging a failure rather than throwing it. */
  rollbackQuietly(): void;
}

export function createGroupWriter(db: Database.Database, statements: SqliteStatements, logger: EventStoreLogger): GroupWriter {
  const { selectEventById, selectStream, insertEvent, insertStream, updateStream } = statements;

  /** The original result of an append whose events are all stored already; throws on any mismatch. */
  const findOriginal = (append: PendingAppend): AppendResult | null => {
    const rows: EventRow[] = [];
    for (const event of append.events) {
      const row = selectEventById.get(event.id) as EventRow | undefined;
      if (row !== undefined) rows.push(row);
    }
    if (rows.length === 0) return null;
    if (rows.length < append.events.length) {
      const stored = rows[0] as EventRow;
      throw new IdempotencyConflictError(
        append.streamId,
        stored[3],
        `is already stored but ${append.events.length - rows.length} other event(s) of this append are not (partial overlap)`,
      );
    }
    const firstRevision = (rows[0] as EventRow)[2];
    append.events.forEach((event, i) => {
      const row = rows[i] as EventRow;
      if (row[1] !== append.streamId) {
        throw new IdempotencyConflictError(append.streamId, event.id, `is already stored in stream "${row[1]}"`);
      }
      if (row[2] !== firstRevision + i) {
        throw new IdempotencyConflictError(append.streamId, event.id, `is already stored at another revision (${row[2]})`);
      }
      if (row[4] !== event.type || row[5] !== event.dataJson) {
        throw new IdempotencyConflictError(append.streamId, event.id, "is already stored with another type or data");
      }
    });
    const last = rows[rows.length - 1] as EventRow;
    return { nextExpectedRevision: last[2], position: last[0], events: rows.map(toRecordedEvent) };
  };

  /**
   * Applies one append inside the group's transaction; returns its result and the new head.
   * `guarded`: the append runs inside its own savepoint, which the caller rolls back if it
   * throws. Unguarded, a failure before any row of the append is written leaves nothing to
   * undo (a failed statement is rolled back by SQLite) and is thrown as is; a failure after
   * that throws `PartiallyWrittenAppend`.
   */
  const applyAppend = (append: PendingAppend, head: number, recordedAt: string, guarded: boolean): { result: AppendResult; head: number } => {
    const stream = selectStream.get(append.streamId) as [number, string] | undefined;
    const actual = stream === undefined ? null : stream[0];
    if (!expectationMet(append.expected, actual)) {
      const original = findOriginal(append);
      if (original !== null) return { result: original, head };
      throw new WrongExpectedRevisionError(append.streamId, append.expected, actual);
    }
    const firstRevision = actual === null ? 0 : actual + 1;
    // Each event is inserted as soon as it is chained: no object per event lives through the
    // group (objects that do survive young-generation collections and are promoted).
    const chain = startStreamChain(append.streamId, stream === undefined ? null : stream[1], recordedAt);
    const events = append.events;
    const metadataJsons = new Array<string>(events.length);
    for (let i = 0; i < events.length; i++) {
      const event = events[i] as EncodedEvent;
      const metadataJson = chain.next(event, firstRevision + i);
      metadataJsons[i] = metadataJson;
      try {
        insertEvent.run(head + 1 + i, append.streamId, firstRevision + i, event.id, event.type, event.dataJson, metadataJson);
      } catch (error) {
        if (!guarded && i > 0) throw new PartiallyWrittenAppend(append.streamId, { cause: error });
        if (isUniqueEventIdViolation(error)) throw new DuplicateEventId(event.id);
        throw error;
      }
    }
    const lastRevision = firstRevision + events.length - 1;
    try {
      if (stream === undefined) insertStream.run(append.streamId, lastRevision, chain.lastHash);
      else updateStream.run(lastRevision, chain.lastHash, append.streamId);
    } catch (error) {
      if (!guarded) throw new PartiallyWrittenAppend(append.streamId, { cause: error });
      throw error;
    }
    return { result: new StoredAppend(append.streamId, events, metadataJsons, firstRevision, head + 1), head: head + events.length };
  };

  /** The outcome of an append that threw `error` and left nothing written. */
  const refusedOutcome = (append: PendingAppend, error: unknown): Outcome => {
    if (!(error instanceof DuplicateEventId)) return { ok: false, error };
    try {
      const original = findOriginal(append);
      if (original === null) throw new Error(`event id ${error.message} collided but is not stored`);
      return { ok: true, result: original };
    } catch (conflict) {
      return { ok: false, error: conflict };
    }
  };

  const runGroup = (group: readonly PendingAppend[], recordedAt: string, guarded: boolean): AppliedGroup | null => {
    const outcomes: Outcome[] = [];
    let written = 0;
    let head = statements.selectHead.get() as number;
    for (const append of group) {
      if (guarded) statements.savepoint.run();
      try {
        const applied = applyAppend(append, head, recordedAt, guarded);
        if (guarded) statements.release.run();
        written += applied.head - head;
        head = applied.head;
        outcomes.push({ ok: true, result: applied.result });
      } catch (error) {
        if (!db.inTransaction) throw error; // SQLite rolled the whole transaction back: the group fails
        if (error instanceof PartiallyWrittenAppend) return null;
        if (guarded) {
          statements.rollbackToSavepoint.run();
          statements.release.run();
        }
        outcomes.push(refusedOutcome(append, error));
      }
    }
    return { outcomes, written };
  };

  const rollbackQuietly = (): void => {
    if (!db.inTransaction) return;
    try {
      statements.rollback.run();
    } catch (rollbackError) {
      logger.error({ err: rollbackError }, "event store: rollback after a failed group commit failed");
    }
  };

  return { runGroup, rollbackQuietly };
}
