export { createWebApp, type WebApp, type WebAppOptions } from "./web-app.js";
export type { DemoIdentitiesAnswer, WebDemoIdentity } from "./demo-identity.js";
export { bundleClient, defaultClientDir, type BundleClientOptions, type ClientBundle, type ClientBundleStats } from "./client-bundle.js";
export { pageHtml, jsonForScriptBlock, CONFIG_ELEMENT_ID, type PageConfig, type PageAssets } from "./page-html.js";
export { pageSecurityPolicy } from "./page-security-policy.js";
export { acceptedEncodings, createStaticAsset, sendAsset, type StaticAsset } from "./static-asset.js";
export { createApiReference, swaggerUiDistDir, type ApiReferenceOptions } from "./api-reference/api-reference.js";
export { referenceSecurityPolicy } from "./api-reference/reference-page.js";
