export * from "./decider-specification.js";
export * from "./api-specification.js";
