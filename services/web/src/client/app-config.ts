/** The configuration the server put in the page (see the server's `page-html.ts`). */

export interface AppConfig {
  readonly demo: boolean;
  readonly oidc: { readonly issuer: string; readonly clientId: string } | null;
}

const CONFIG_ELEMENT_ID = "duty-ledger-config";

export const readAppConfig = (doc: Document): AppConfig => {
  const text = doc.getElementById(CONFIG_ELEMENT_ID)?.textContent ?? "{}";
  const raw = JSON.parse(text) as Partial<AppConfig>;
  const oidc = raw.oidc;
  return {
    demo: raw.demo === true,
    oidc: oidc !== null && oidc !== undefined && typeof oidc.issuer === "string" && typeof oidc.clientId === "string" ? oidc : null,
  };
};
