/**
 * The Content-Security-Policy of the page. The API's own header (helmet's, deny-all) is
 * replaced on the page's answers by this one: scripts and styles from this origin only (the
 * bundle), no inline script, no plugin, no framing; `fetch` to this origin and, when one is
 * configured, to the OIDC provider (discovery and token endpoint). No inline style either:
 * the client and the chart library set styles through the CSSOM, which the policy allows.
 */
export const pageSecurityPolicy = (oidcIssuer: string | undefined): string => {
  const connect = ["'self'"];
  if (oidcIssuer !== undefined) connect.push(new URL(oidcIssuer).origin);
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src ${connect.join(" ")}`,
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
};
