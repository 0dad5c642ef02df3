export * from "./event-store.js";
export {
  EventStoreError,
  IdempotencyConflictError,
  InvalidAppendError,
  StoreClosedError,
  TreeSizeError,
  WrongExpectedRevisionError,
  isEventStoreError,
  isIdempotencyConflict,
  isInvalidAppend,
  isStoreClosed,
  isTreeSizeError,
  isWrongExpectedRevision,
  type EventStoreErrorCode,
} from "./errors.js";
export { canonicalJson, createCanonicalEncoder, type CanonicalEncoder } from "./canonical-json.js";
export {
  hashEvent,
  sha256Hex,
  verifyStreamChain,
  type ChainBreakReason,
  type ChainEvent,
  type ChainVerification,
  type ChainVerifyOptions,
  type HashableEvent,
} from "./hash-chain.js";
export { chainEvents, encodeNewEvents, startStreamChain, type ChainedEvent, type EncodedEvent, type StreamChain } from "./event-encoding.js";
export { newEventId } from "./event-id.js";
export { startModuleWorker } from "./module-worker.js";
export type { ConsistencyProof, InclusionProof, SignedHeadsQuery, SignedTreeHead, TransparencyLog, TreeHead } from "./transparency-log.js";
export { EMPTY_ROOT, eventLeafHash, hashFromHex, leafHash, nodeHash, toHex, type Hash } from "./merkle-hash.js";
export { createMerkleFrontier, type MerkleFrontier, type PerfectNode } from "./merkle-frontier.js";
export { consistencyPath, inclusionPath, rootOf, verifyConsistency, verifyInclusion, type PerfectSubtrees } from "./merkle-proofs.js";
export { createSilentLogger, type EventStoreLogger } from "./logger.js";
export { pagedSubscription, type LogPage, type PagedSubscriptionOptions } from "./paged-subscription.js";
export {
  createSqliteEventStore,
  isSqliteEventStore,
  type SqliteDurability,
  type SqliteEventStore,
  type SqliteEventStoreOptions,
  type SqliteEventStoreStats,
} from "./sqlite-event-store.js";
export {
  createSqliteBulkWriter,
  isSqliteBulkWriter,
  SQLITE_BULK_LOAD_SETTINGS,
  type SqliteBulkLoadSettings,
  type SqliteBulkWriter,
  type SqliteBulkWriterOptions,
} from "./sqlite-bulk-writer.js";
export { SQLITE_SCHEMA_VERSION } from "./sqlite-schema.js";
export { treeFilePath } from "./sqlite-tree-file.js";
export type { EsdbEventStoreOptions } from "./esdb-options.js";
export { ESDB_CAPABILITIES, openEsdbEventStore } from "./esdb-store.js";
export type { PostgresEventStoreOptions } from "./pg-event-store.js";
export { openPostgresEventStore } from "./pg-store.js";
export { maskConnectionString, postgresUrlProblem } from "./pg-connection-string.js";
export { PG_SCHEMA_VERSION } from "./pg-schema.js";
export { onDemandStore } from "./on-demand-store.js";
export { EVENTS_FILE_NAME, StoreLocationError, checkStoreEnv, describeStore, isStoreLocationError, openStore, storeEnvShape, storeSettingsOf, type OpenStoreOptions, type StoreEnv, type StoreSettings } from "./store-settings.js";
