export { createAuditApi, type AuditApiOptions, type AuditEventsPage } from "./audit-api.js";
export { auditUsage, runAuditCommand, type AuditIo } from "./audit-command.js";
export { createChainChecker, type BrokenEvent, type ChainChecker, type ChainCheckerOptions, type ChainProblem, type ChainReport } from "./chain-checker.js";
export { diffValues, type Difference } from "./diff-values.js";
export { DiffAccessError, comparisonsOf, diffWithApi, isDiffAccessError, type DiffOptions, type DiffReport } from "./diff-with-api.js";
export { exportLog, type ExportLogOptions, type ExportProgress, type ExportRange, type ExportSink, type ExportSummary } from "./export-log.js";
export {
  ExportLineError,
  exportedEventLine,
  isExportLineError,
  parseExportedEvent,
  toExportedEvent,
  type ExportedEvent,
} from "./exported-event.js";
export { TargetNotEmptyError, importLog, isTargetNotEmptyError, type ImportLogOptions, type ImportProgress, type ImportSummary } from "./import-log.js";
export {
  openAuditStore,
  storeLocationOf,
} from "./open-audit-store.js";
export { createProgressBar, type ProgressBar, type ProgressStream } from "./progress-bar.js";
export { isReplayTable, replayCsv, replayTables, toCsv, type ReplayTable } from "./replay-csv.js";
export { logPrefix, recordedBy, type LogCut } from "./log-prefix.js";
export { parseReplayCut, REPLAY_CACHED_DOCUMENTS, replayAsOf, replayProjections, type Replay, type ReplayCut, type ReplayCutDone, type ReplayOptions, type ReplayProgress } from "./replay.js";
export { isRankingNotFound, RankingNotFoundError, replayRanking, type RankingReplay, type ReplayRankingOptions } from "./replay-ranking.js";
export { describeProgrammeReplay, isProgrammeNotFound, ProgrammeNotFoundError, replayProgramme, type ProgrammeDiscrepancy, type ProgrammeReplay } from "./replay-programme.js";
export { createSealHasher, formatSeal, parseSeal, type Seal, type SealHasher } from "./seal.js";
export { normaliseTime, parseTimeBound, type BoundSide } from "./time-bound.js";
export { verifyLog, type LogVerification, type SealCheck, type VerifyLogOptions, type VerifyProgress } from "./verify-log.js";
export { createVerifyGate, type VerifyGate } from "./verify-gate.js";
export { verifyInWorkerThread, type VerifyRequest, type VerifyRunner } from "./verify-thread.js";
export { checkpointBody, formatCheckpoint, isValidOrigin, noteKeyHash } from "./transparency/checkpoint-note.js";
export {
  SigningKeyError,
  isSigningKeyError,
  keyIdOf,
  loadOrCreateSigningKey,
  publicKeyFromRaw,
  signerOf,
  signingKeyFileName,
  type SigningKeyOptions,
  type TreeSigner,
} from "./transparency/signing-key.js";
export { createTransparencyApi, type TransparencyApiOptions } from "./transparency/transparency-api.js";
export { DEFAULT_TREE_HEAD_INTERVAL_MS, startTreeHeadIssuer, type TreeHeadIssuer, type TreeHeadIssuerOptions } from "./transparency/tree-head-issuer.js";
export { signTreeHead, treeHeadMessage, verifyTreeHeadSignature } from "./transparency/tree-head-signature.js";
export { transparencyEnvShape, transparencySettingsOf, type TransparencySettings } from "./transparency/transparency-settings.js";
export { checkTreeHead, createTreeChecker, type TreeCheck, type TreeChecker } from "./transparency/tree-check.js";
export { auditRouteDescriptions, transparencyRouteDescriptions } from "./openapi/audit-routes.js";
export * from "./openapi/audit-answers.js";
