/**
 * `@duty-ledger/testing/bench`: what the `pnpm bench` workloads measure with — timing and
 * result tables (bench-measure.ts), the cached generated logs (bench-log-cache.ts), runs in
 * child processes (bench-children.ts), the bare-scan baselines (bench-scan.ts, bench-scan-pg.ts).
 * Only this entry re-exports them; none of them imports it.
 */
export * from "./bench-measure.js";
export {
  cachedProvinceLog,
  generatorVersion,
  type CachedLogManifest,
  type CachedLogOptions,
  type CachedLogProfile,
} from "./bench-log-cache.js";
export { copyStoreFiles, moveStoreFiles } from "./store-files.js";
export { mib, reportToParent, runInChild, type ChildOptions } from "./bench-children.js";
export { bareScanSubject, benchLog, countLogEvents, type BenchLog } from "./bench-scan.js";
export { pgBareScanSubject } from "./bench-scan-pg.js";
export { silentLogger } from "./silent-logger.js";
