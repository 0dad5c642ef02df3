export { asDutyEvent, foldDocument, voidingNoteOf, type AnyProjection, type Projection, type RecordedDutyEvent, type VoidingNote } from "./projection.js";
export type {
  IndexedDoc,
  IndexEntry,
  IndexHit,
  IndexQuery,
  IndexSort,
  ProjectionCheckpoint,
  ReadModelStore,
  ReadModelWriter,
} from "./read-model-store.js";
export {
  CheckpointConflictError,
  EngineNotRunningError,
  ProjectionError,
  ProjectionFailedError,
  isCheckpointConflict,
  isProjectionError,
  type ProjectionErrorCode,
} from "./errors.js";
export {
  READ_MODELS_FILE_NAME,
  createSqliteReadModelStore,
  readModelsPath,
  type ReadModelSnapshot,
  type SqliteReadModelStore,
  type SqliteReadModelStoreOptions,
} from "./sqlite-read-model-store.js";
export { READ_MODEL_SCHEMA_VERSION } from "./sqlite-read-model-schema.js";
export { createPgReadModelStore, type PgReadModelStore, type PgReadModelStoreOptions } from "./pg-read-model-store.js";
export { PG_READ_MODEL_SCHEMA_VERSION } from "./pg-read-model-schema.js";
export { PROJECTOR_LEASE_KEY, acquireProjectorLease, type ProjectorLease, type ProjectorLeaseOptions } from "./pg-projector-lease.js";
export {
  checkReadModelsEnv,
  describeReadModels,
  openReadModelStore,
  readModelSettingsOf,
  readModelsEnvShape,
  type OpenReadModelsOptions,
  type ReadModelSettings,
} from "./read-model-settings.js";
export {
  cacheLoaded,
  createCursor,
  foldChunk,
  putChangedDocuments,
  readVoidedStreams,
  routeChunk,
  type ChunkRoutes,
  type ProjectionCursor,
  type StreamSource,
  type VoidedStreams,
} from "./apply-batch.js";
export { createProjectionDocuments, evictDocuments, type CachedDocument, type ProjectionDocuments } from "./document-cache.js";
export {
  createProjectionEngine,
  type EnginePhase,
  type EngineStatus,
  type ProjectionEngine,
  type ProjectionEngineOptions,
  type ProjectionLogger,
  type ProjectionProgress,
  type ProjectionSource,
} from "./projection-engine.js";
export { createPositionWaiters, type PositionWaiters } from "./position-waiters.js";
export * from "./deputy-record-projection.js";
export * from "./deputy-record-livelihood.js";
export * from "./deputy-timeline-projection.js";
export * from "./suggestion-entries.js";
export * from "./suggestion-summary.js";
export * from "./suggestion-view-projection.js";
export * from "./suggestion-watch-projection.js";
export * from "./scoring-facts-projection.js";
export * from "./unit-registry-projection.js";
export * from "./rankings-projection.js";
export * from "./livelihood-projection.js";
export * from "./livelihood-view.js";
export * from "./livelihood-readers.js";
export * from "./registry-readers.js";
export * from "./entry-readers.js";
export * from "./gathered-opinions.js";
export * from "./suggestion-requests.js";
export * from "./deputy-record-activity.js";
export * from "./opinions-projection.js";
export * from "./opinions-view.js";
export * from "./opinion-referral-state.js";
export * from "./opinion-readers.js";
export { factsDocKnownAt } from "./scoring-facts-known-at.js";
export { occurredAtOfEntry, suggestionViewAt, type PointInTime } from "./suggestion-view-at.js";
export { combineProjections, type CombinedDoc, type ProjectionParts } from "./combined-projection.js";
export { SUGGESTIONS, suggestionFactsProjection, suggestionsProjection, type SuggestionsDoc } from "./suggestions-projection.js";
export { allProjections, projectionGroups, retiredProjections } from "./all-projections.js";
export { buildDeputyRecord, deputyProfileOf, deputyRecordsOf, type DeputyProfile, type DeputyRecord, type DeputyRecordInput } from "./deputy-record.js";
export { DEFAULT_DUE_WITHIN_DAYS, watchIndexQuery, watchItemOf, watchStatuses, type WatchItem, type WatchQueryInput, type WatchStatus } from "./watch-list.js";
export { deadlineKinds, deadlinesOf, isLongOverdue, LONG_OVERDUE_DAYS, type DeadlineContext, type DeadlineKind, type SuggestionDeadline } from "./suggestion-deadlines.js";
export { warningOf, type SupervisionWarning } from "./supervision-warning.js";
export {
  createReadModels,
  readModelProjections,
  type ReadModels,
  type ReadModelsOptions,
  type FactsOptions,
  type SuggestionListFilters,
  type SuggestionListPage,
  type TimelineItem,
  type TimelineOptions,
  type TimelinePage,
} from "./read-models.js";
export { createMemoryReadModelStore, type MemoryReadModelStore } from "./memory-read-model-store.js";
