export * from "./route-description.js";
export * from "./common-answers.js";
export * from "./json-schema-of.js";
export * from "./openapi-document.js";
export * from "./openapi-router.js";
export * from "./served-routes.js";
