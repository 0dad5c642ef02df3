/**
 * The page (`GET /`): a shell that loads the client's style sheet and script and hands it its
 * configuration as a JSON data block (not executed, so the Content-Security-Policy needs no
 * inline script). Everything else the page shows, the client fetches from the API.
 */

/** What the client is told at load (see `client/app-config.ts`). */
export interface PageConfig {
  /** The demo store: the page offers `GET /v1/demo/identities` to pick from. */
  readonly demo: boolean;
  /** Sign in with this OIDC provider (authorization code with PKCE). */
  readonly oidc: { readonly issuer: string; readonly clientId: string } | null;
}

export interface PageAssets {
  readonly script: string;
  readonly style: string;
  readonly icon: string;
  readonly preload: readonly string[];
}

export const CONFIG_ELEMENT_ID = "duty-ledger-config";

const escapeAttribute = (value: string): string =>
  value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** JSON safe inside `<script type="application/json">`: no `<` (so no `</script>`), no U+2028/2029. */
export const jsonForScriptBlock = (value: unknown): string =>
  JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");

export const pageHtml = (assets: PageAssets, config: PageConfig): string => {
  const asset = (name: string): string => escapeAttribute(`/assets/${name}`);
  return [
    "<!doctype html>",
    '<html lang="zh-CN">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light">',
    '<meta name="theme-color" content="#9f1d20">',
    "<title>代表履职台账 · duty-ledger</title>",
    `<link rel="icon" type="image/svg+xml" href="${asset(assets.icon)}">`,
    `<link rel="stylesheet" href="${asset(assets.style)}">`,
    ...assets.preload.map((name) => `<link rel="modulepreload" href="${asset(name)}">`),
    `<script type="module" src="${asset(assets.script)}"></script>`,
    `<script type="application/json" id="${CONFIG_ELEMENT_ID}">${jsonForScriptBlock(config)}</script>`,
    "</head>",
    "<body>",
    '<noscript><p class="noscript">本页面需要启用 JavaScript。 This page needs JavaScript.</p></noscript>',
    '<div id="app" aria-live="polite"></div>',
    "</body>",
    "</html>",
    "",
  ].join("\n");
};

/** The page's icon: a red seal with 履 (SVG, no external font needed). */
export const pageIconSvg = (): string =>
  [
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">',
    '<rect x="4" y="4" width="56" height="56" rx="10" fill="#9f1d20"/>',
    '<path d="M18 20h28M18 32h28M18 44h28M32 14v36" stroke="#fff" stroke-width="5" stroke-linecap="round"/>',
    "</svg>",
  ].join("");
