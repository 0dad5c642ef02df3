import { createHash } from "node:crypto";

/**
 * The advisory locks of the PostgreSQL store (all transaction-scoped, `pg_advisory_xact_lock`):
 * one per stream, taken first by every append and import (so two writers of one stream, in any
 * processes, take turns, a stream that does not exist yet included), and one for creating the
 * schema. Keys are 64-bit; a stream's is the first 8 bytes of the SHA-256 of its id (two streams
 * sharing a key only take turns needlessly). Keys are inlined in SQL as integer literals.
 */

export const MIGRATION_LOCK = 0x6475_7479_0001n;

/** The advisory-lock key of a stream. */
export const streamLockKey = (streamId: string): bigint => createHash("sha256").update(streamId).digest().readBigInt64BE(0);
