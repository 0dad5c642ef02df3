// A minimal OIDC provider for the web page's sign-in test (excluded from the build): discovery,
// an authorization endpoint that signs the reader in at once, and a token endpoint that checks
// the PKCE verifier. It is not a real provider: just enough of the protocol to drive the page.
import { createHash, createHmac, randomUUID } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";

export interface FakeOidcProvider {
  readonly issuer: string;
  readonly clientId: string;
  /** Authorization requests seen (their query). */
  readonly authorizations: Record<string, string>[];
  /** Token requests seen (their form). */
  readonly tokenRequests: Record<string, string>[];
  close(): Promise<void>;
}

interface Grant {
  readonly challenge: string;
  readonly nonce: string;
  readonly redirectUri: string;
}

const base64Url = (data: Buffer | string): string => Buffer.from(data).toString("base64url");

const hs256 = (payload: Record<string, unknown>, secret: string): string => {
  const head = `${base64Url(JSON.stringify({ alg: "HS256", typ: "JWT" }))}.${base64Url(JSON.stringify(payload))}`;
  return `${head}.${createHmac("sha256", secret).update(head).digest("base64url")}`;
};

export interface FakeOidcOptions {
  readonly clientId: string;
  /** The access token handed out (a token the API accepts). */
  readonly accessToken: () => Promise<string>;
  /** The page's origin (CORS of the token endpoint). */
  readonly pageOrigin: () => string;
}

export const startFakeOidcProvider = async (options: FakeOidcOptions): Promise<FakeOidcProvider> => {
  const grants = new Map<string, Grant>();
  const authorizations: Record<string, string>[] = [];
  const tokenRequests: Record<string, string>[] = [];
  const app = express();
  let issuer = "";
  app.get("/.well-known/openid-configuration", (_req, res) => {
    res.setHeader("Access-Control-Allow-Origin", options.pageOrigin());
    res.json({ issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`, code_challenge_methods_supported: ["S256"] });
  });
  app.get("/authorize", (req, res) => {
    const query = Object.fromEntries(Object.entries(req.query).map(([k, v]) => [k, String(v)]));
    authorizations.push(query);
    const redirect = new URL(query["redirect_uri"] ?? "");
    if (query["client_id"] !== options.clientId || query["code_challenge_method"] !== "S256" || query["response_type"] !== "code") {
      redirect.searchParams.set("error", "invalid_request");
      redirect.searchParams.set("error_description", "bad authorization request");
    } else {
      const code = randomUUID();
      grants.set(code, { challenge: query["code_challenge"] ?? "", nonce: query["nonce"] ?? "", redirectUri: query["redirect_uri"] ?? "" });
      redirect.searchParams.set("code", code);
      redirect.searchParams.set("state", query["state"] ?? "");
    }
    res.redirect(302, redirect.toString());
  });
  app.post("/token", express.urlencoded({ extended: false }), async (req, res) => {
    res.setHeader("Access-Control-Allow-Origin", options.pageOrigin());
    const form = req.body as Record<string, string>;
    tokenRequests.push(form);
    const grant = grants.get(form["code"] ?? "");
    grants.delete(form["code"] ?? "");
    const verified = grant !== undefined && createHash("sha256").update(form["code_verifier"] ?? "").digest("base64url") === grant.challenge;
    if (!verified || form["redirect_uri"] !== grant?.redirectUri || form["client_id"] !== options.clientId) {
      res.status(400).json({ error: "invalid_grant" });
      return;
    }
    const now = Math.floor(Date.now() / 1000);
    res.json({
      token_type: "Bearer",
      access_token: await options.accessToken(),
      id_token: hs256({ iss: issuer, aud: options.clientId, sub: "someone", nonce: grant.nonce, iat: now, exp: now + 600 }, "the-fake-provider-signs-its-id-tokens"),
      expires_in: 600,
    });
  });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    clientId: options.clientId,
    authorizations,
    tokenRequests,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
