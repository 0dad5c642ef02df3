/**
 * The API reference page (`GET /docs`, issue 21): Swagger UI from the installed
 * `swagger-ui-dist`, reading `GET /v1/openapi.json`. No inline script or style, no remote
 * origin: the page loads the bundle, its style sheet and `reference-init.js` from `/docs/`.
 */

export const referenceAssetPath = "/docs/assets";

/** The files of `swagger-ui-dist` the page loads, by the name it is served under. */
export const swaggerUiFiles: Readonly<Record<string, { readonly file: string; readonly contentType: string }>> = {
  "swagger-ui.css": { file: "swagger-ui.css", contentType: "text/css; charset=utf-8" },
  "swagger-ui-bundle.js": { file: "swagger-ui-bundle.js", contentType: "text/javascript; charset=utf-8" },
  "favicon-32x32.png": { file: "favicon-32x32.png", contentType: "image/png" },
};

/** Starts Swagger UI on the document; no validator badge (it would call a remote validator), no "try it out" by default. */
export const referenceInitScript = (documentUrl: string): string =>
  `"use strict";
window.addEventListener("load", function () {
  window.SwaggerUIBundle({
    url: ${JSON.stringify(documentUrl)},
    dom_id: "#reference",
    deepLinking: true,
    validatorUrl: null,
    tryItOutEnabled: false,
    defaultModelsExpandDepth: 0,
    displayOperationId: false,
  });
});
`;

export const referencePageHtml = (): string =>
  `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>duty-ledger API reference</title>
<link rel="icon" type="image/png" href="${referenceAssetPath}/favicon-32x32.png">
<link rel="stylesheet" href="${referenceAssetPath}/swagger-ui.css">
</head>
<body>
<div id="reference"></div>
<script src="${referenceAssetPath}/swagger-ui-bundle.js"></script>
<script src="${referenceAssetPath}/reference-init.js"></script>
</body>
</html>
`;

/**
 * The reference page's Content-Security-Policy: as strict as the web page's (this origin only,
 * no inline script or style, no framing), with `connect-src 'self'` for the document and no
 * form or worker. Swagger UI sets styles through the CSSOM, which the policy allows.
 */
export const referenceSecurityPolicy = (): string =>
  [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
