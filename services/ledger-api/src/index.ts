export { createLedgerApi, type LedgerApiOptions, type WriteAnswer } from "./ledger-api.js";
export { createCommandHandler, type CommandHandler, type Handled } from "./command-handler.js";
export * from "./request-bodies.js";
export { createKeyedLock, type KeyedLock } from "./keyed-lock.js";
export { startLedgerService, ledgerServiceEnvSchema, type RunningLedgerService } from "./ledger-service.js";
export { recordingGraceEnvShape, recordingGraceSchema } from "./recording-grace.js";
export { createRankingApi, rankingBody, type RankingBody, type ComputeRanking, type ComputedRankingForPublication, type RankingApiOptions } from "./ranking-api.js";
