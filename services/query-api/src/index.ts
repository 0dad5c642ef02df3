export { createQueryApi, defaultMinPositionTimeoutMs, type QueryApiOptions } from "./query-api.js";
export { readModelsProjectorView, type ProjectorView } from "./projector-view.js";
export { ProjectionLagError, catchUp, isProjectionLagError, readPositionHeader } from "./catch-up.js";
export { healthOf, type HealthAnswer, type HealthStatus } from "./health.js";
export { canReadSuggestion, overseerRoles, requireOverseerOrSelf, suggestionReaderRoles } from "./read-access.js";
export {
  deadlineFlagsOf,
  suggestionAnswerOf,
  watchListItemOf,
  type DeadlineFlags,
  type SuggestionAnswer,
  type SuggestionStatus,
  type WatchListItem,
} from "./suggestion-answers.js";
export { decodeTimelineCursor, encodeTimelineCursor } from "./timeline-cursor.js";
export { startQueryService, type RunningQueryService, type StartQueryServiceOptions } from "./query-service.js";
export { queryServiceEnvSchema, type QueryServiceConfig } from "./query-service-config.js";
export { createRankingComputer, sha256Hex, type ComputedRanking, type RankingComputer, type RankingComputerOptions, type RankingRequest } from "./ranking-computer.js";
export { readRouteDescriptions } from "./openapi/read-routes.js";
export * from "./openapi/read-answers.js";
export { createLivelihoodQueryApi, livelihoodProgrammeQuery, livelihoodProgrammesQuery, unitLivelihoodProjectsQuery, type LivelihoodQueryApiOptions } from "./livelihood-reads.js";
export { livelihoodReadRouteDescriptions, livelihoodProgrammeAnswerSchema, livelihoodProgrammesAnswerSchema, unitLivelihoodProjectsAnswerSchema } from "./openapi/livelihood-read-routes.js";
export { createVoiceQueryApi, opinionsQuery, stationRecordQuery, type VoiceQueryApiOptions } from "./voice-reads.js";
export { opinionsAnswerSchema, stationRecordAnswerSchema, voiceReadRouteDescriptions } from "./openapi/voice-read-routes.js";
export { addRegistryReads, deputiesQuery, rankingsQuery, stationsQuery, type RegistryReadsOptions } from "./registry-reads.js";
export { deputiesAnswerSchema, rankingsAnswerSchema, registryReadRouteDescriptions, stationsAnswerSchema } from "./openapi/registry-read-routes.js";
export { addMeRead, meOf, meQuery, type MeAnswer, type MeReadOptions } from "./me-read.js";
export { meAnswerSchema, meReadRouteDescription } from "./openapi/registry-read-routes.js";
export { addGatheredOpinionReads, gatheredOpinionsQuery, type GatheredOpinionReadsOptions } from "./gathered-opinions-reads.js";
export { deputyOpinionsAnswerSchema, stationOpinionsAnswerSchema } from "./openapi/voice-read-routes.js";
