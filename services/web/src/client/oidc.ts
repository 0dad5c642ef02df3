/**
 * Sign-in with an OIDC provider from the browser: the authorization code flow with PKCE
 * (RFC 7636), no client secret. The page sends the reader to the provider's authorization
 * endpoint and, back on `/?code=…&state=…`, trades the code for tokens at the token endpoint.
 * The bearer token used with the API is the access token when it is a JWT carrying `role`,
 * else the ID token when that one does (the API verifies it against the provider's JWKS).
 */
import { jwtPayload, readClaims } from "./token.js";

export interface OidcClient {
  readonly issuer: string;
  readonly clientId: string;
}

interface Pending {
  readonly state: string;
  readonly nonce: string;
  readonly verifier: string;
  readonly tokenEndpoint: string;
  readonly redirectUri: string;
}

const PENDING_KEY = "duty-ledger.oidc";

export class OidcError extends Error {
  override readonly name = "OidcError";
}

const base64Url = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

const randomText = (bytes: number): string => base64Url(crypto.getRandomValues(new Uint8Array(bytes)));

const challengeOf = async (verifier: string): Promise<string> =>
  base64Url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier))));

interface ProviderMetadata {
  readonly authorization_endpoint: string;
  readonly token_endpoint: string;
}

const discover = async (issuer: string): Promise<ProviderMetadata> => {
  const response = await fetch(`${issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`, { headers: { Accept: "application/json" } });
  if (!response.ok) throw new OidcError(`discovery answered ${response.status}`);
  const meta = (await response.json()) as Partial<ProviderMetadata>;
  if (typeof meta.authorization_endpoint !== "string" || typeof meta.token_endpoint !== "string") throw new OidcError("the provider's metadata has no authorization or token endpoint");
  return { authorization_endpoint: meta.authorization_endpoint, token_endpoint: meta.token_endpoint };
};

/** The page's own address, where the provider sends the reader back. */
export const redirectUriOf = (location: Location): string => `${location.origin}/`;

/** Goes to the provider's sign-in page. */
export const beginOidcSignIn = async (client: OidcClient): Promise<void> => {
  const meta = await discover(client.issuer);
  const pending: Pending = {
    state: randomText(24),
    nonce: randomText(24),
    verifier: randomText(48),
    tokenEndpoint: meta.token_endpoint,
    redirectUri: redirectUriOf(window.location),
  };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(meta.authorization_endpoint);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", client.clientId);
  url.searchParams.set("redirect_uri", pending.redirectUri);
  url.searchParams.set("scope", "openid profile");
  url.searchParams.set("state", pending.state);
  url.searchParams.set("nonce", pending.nonce);
  url.searchParams.set("code_challenge", await challengeOf(pending.verifier));
  url.searchParams.set("code_challenge_method", "S256");
  window.location.assign(url.toString());
};

const payloadNonce = (jwt: string): unknown => jwtPayload(jwt)?.["nonce"];

/**
 * On the way back from the provider: the bearer token, or null when the address is not a
 * sign-in answer. Throws OidcError when the provider refused or the answer does not match.
 */
export const completeOidcSignIn = async (client: OidcClient, url: URL): Promise<string | null> => {
  const code = url.searchParams.get("code");
  const error = url.searchParams.get("error");
  if (code === null && error === null) return null;
  const stored = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  if (error !== null) throw new OidcError(url.searchParams.get("error_description") ?? error);
  const pending = stored === null ? null : (JSON.parse(stored) as Pending);
  if (pending === null || pending.state !== url.searchParams.get("state")) throw new OidcError("the answer does not match a sign-in started here (state)");
  const response = await fetch(pending.tokenEndpoint, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code: code ?? "",
      redirect_uri: pending.redirectUri,
      client_id: client.clientId,
      code_verifier: pending.verifier,
    }),
  });
  if (!response.ok) throw new OidcError(`the token endpoint answered ${response.status}`);
  const tokens = (await response.json()) as { access_token?: unknown; id_token?: unknown };
  const idToken = typeof tokens.id_token === "string" ? tokens.id_token : undefined;
  if (idToken !== undefined && payloadNonce(idToken) !== pending.nonce) throw new OidcError("the ID token's nonce does not match");
  for (const candidate of [tokens.access_token, idToken]) {
    if (typeof candidate === "string" && readClaims(candidate).ok) return candidate;
  }
  throw new OidcError("the provider's tokens carry no duty-ledger role");
};
