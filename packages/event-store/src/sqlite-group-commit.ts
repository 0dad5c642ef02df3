import type { EventStoreLogger } from "./logger.js";
import type { AppliedGroup, GroupWriter, Outcome, PendingAppend } from "./sqlite-group-write.js";
import type { SqliteStatements } from "./sqlite-statements.js";

/**
 * Committing groups of appends and settling their promises: the live store commits each
 * group taken from the queue in one transaction (one fsync in `"full"` durability for all
 * its appends); the counters of `stats()`.
 */

/** Counters of the group commit, since the store (or the bulk writer) was opened. */
export interface SqliteEventStoreStats {
  /** Write transactions committed (or attempted). Each costs one fsync in `"full"` durability. */
  readonly transactions: number;
  /** Appends handled (accepted, idempotent repeats and refused). */
  readonly appends: number;
  /** Appends refused (wrong expected revision, idempotency conflict, failed commit). */
  readonly refusedAppends: number;
  /** Events written. */
  readonly events: number;
  /** Most appends in one group (one transaction; in a bulk writer, one of the groups sharing a transaction). */
  readonly largestGroup: number;
}

type Counters = { -readonly [K in keyof SqliteEventStoreStats]: SqliteEventStoreStats[K] };

/** Settles appends with their outcomes, and counts. */
export interface AppendSettler {
  /** The counters, to add to (transactions, imported events). */
  readonly counters: Counters;
  /** A group was taken from the queue. */
  countGroup(size: number): void;
  /** Settles the appends of a committed transaction with their outcomes. */
  settle(appends: readonly PendingAppend[], outcomes: readonly Outcome[], written: number): void;
  /** Rejects every append of a transaction that could not commit. */
  failAll(appends: readonly PendingAppend[], error: unknown): void;
  stats(): SqliteEventStoreStats;
}

/** `onWritten`: events were committed (e.g. to wake the subscriptions). */
export function createAppendSettler(logger: EventStoreLogger, onWritten: () => void): AppendSettler {
  const counters: Counters = { transactions: 0, appends: 0, refusedAppends: 0, events: 0, largestGroup: 0 };
  return {
    counters,
    countGroup: (size) => {
      counters.largestGroup = Math.max(counters.largestGroup, size);
    },
    settle: (appends, outcomes, written) => {
      counters.appends += appends.length;
      counters.events += written;
      appends.forEach((append, i) => {
        const outcome = outcomes[i];
        if (outcome === undefined) append.reject(new Error("event store: append lost in group commit"));
        else if (outcome.ok) append.resolve(outcome.result);
        else {
          counters.refusedAppends++;
          append.reject(outcome.error);
        }
      });
      if (written > 0) onWritten();
    },
    failAll: (appends, error) => {
      logger.error({ err: error, appends: appends.length }, "event store: group commit failed, no append of the group was stored");
      counters.appends += appends.length;
      counters.refusedAppends += appends.length;
      for (const append of appends) append.reject(error);
    },
    stats: () => ({ ...counters }),
  };
}

export interface GroupCommitContext {
  readonly statements: SqliteStatements;
  readonly writer: GroupWriter;
  readonly settler: AppendSettler;
  /** The clock stamping each group's `recordedAt`. */
  readonly now: () => Date;
  /** A group committed (before its appends are settled): e.g. to hand its events' hashes to the Merkle tree. */
  readonly onCommitted?: (applied: AppliedGroup) => void;
}

/** Applies a group in ONE transaction and commits it; throws when the group cannot commit. */
function commitGroup(context: GroupCommitContext, group: readonly PendingAppend[]): AppliedGroup {
  const { statements, writer, settler } = context;
  statements.begin.run();
  settler.counters.transactions++;
  try {
    const recordedAt = context.now().toISOString();
    let applied = writer.runGroup(group, recordedAt, false);
    if (applied === null) {
      statements.rollback.run();
      statements.begin.run();
      settler.counters.transactions++;
      applied = writer.runGroup(group, recordedAt, true) as AppliedGroup;
    }
    statements.commit.run();
    return applied;
  } catch (error) {
    writer.rollbackQuietly();
    throw error;
  }
}

/** The live store's way to write a group from the queue: its own transaction, committed, then settled. */
export const commitEachGroup =
  (context: GroupCommitContext) =>
  (group: readonly PendingAppend[]): void => {
    let committed: AppliedGroup;
    try {
      committed = commitGroup(context, group);
    } catch (error) {
      context.settler.failAll(group, error);
      return;
    }
    context.onCommitted?.(committed);
    context.settler.settle(group, committed.outcomes, committed.written);
  };
