/** The deterministic data generator: `@duty-ledger/generator` (no test-runner imports, safe for production; its runtime dependencies are the domain and the event store). */
export { generateHistory, resolveHistoryOptions, defaultHistoryYears, DEFAULT_HISTORY_FROM, type GenerateHistoryOptions, type GeneratedHistory, type GeneratorStats, type HistoryIterator, type ResolvedHistoryOptions } from "./generate-history.js";
export { GeneratorRefusedError, type GeneratedAppend } from "./simulation.js";
export { generatorProfiles, type GeneratorProfile, type HistoryPlan, type RegionPlan } from "./region-plan.js";
export { calibrationTable, type CalibrationEntry, type CalibrationBasis } from "./calibration.js";
export { seedStore, createSimulatedClock, StoreNotEmptyError, isStoreNotEmptyError, type SeedHooks, type SeedProgress, type SeedResult, type SimulatedClock } from "./seed-store.js";
export { runSeedCommand, SEED_USAGE, type SeedCommandIo } from "./seed-command.js";
export { demoIdentities, createDemoIdentityCollector, type DemoIdentity, type DemoIdentityCollector } from "./demo-identities.js";
export { summarizeHistory, type HistorySummary } from "./history-summary.js";
export { checkGeneratedHistory, type HistoryCheck } from "./check-history.js";
export { createRandom as createSeededRandom, type Random as SeededRandom } from "./random.js";
