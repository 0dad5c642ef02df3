export * from "./decider-specification.js";
export * from "./api-specification.js";
export * from "./event-store-conformance.js";
export { describeTransparencyLogConformance, referenceRootOfLog } from "./transparency-log-conformance.js";
export * from "./projection-specification.js";
export * from "./sample-log.js";
export * from "./eventstoredb-server.js";
export * from "./postgres-server.js";
export * from "./silent-logger.js";
