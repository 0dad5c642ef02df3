import { Router, type NextFunction, type Request, type Response } from "express";
import type { Logger } from "pino";
import { bundleClient, type ClientBundle, type ClientBundleStats } from "./client-bundle.js";
import type { DemoIdentitiesAnswer, WebDemoIdentity } from "./demo-identity.js";
import { pageHtml, pageIconSvg, type PageConfig } from "./page-html.js";
import { pageSecurityPolicy } from "./page-security-policy.js";
import { contentHash, createStaticAsset, sendAsset, type StaticAsset } from "./static-asset.js";

export interface WebAppOptions {
  /** The demo store's identities: the sign-in page lists them and `GET /v1/demo/identities` is mounted. Never in production. */
  readonly demoIdentities?: readonly WebDemoIdentity[] | undefined;
  /** Sign-in with this OIDC provider (authorization code flow with PKCE, in the browser). */
  readonly oidc?: { readonly issuer: string; readonly clientId: string } | undefined;
  /** Logs the bundle's build (and its failure). */
  readonly logger?: Logger | undefined;
  /** A bundle already built (tests share one); default: built now, in memory. */
  readonly bundle?: Promise<ClientBundle> | undefined;
}

/** The router, and when its bundle is ready (requests wait for it anyway). */
export type WebApp = Router & { readonly ready: Promise<ClientBundleStats> };

interface Served {
  readonly page: StaticAsset;
  readonly assets: ReadonlyMap<string, StaticAsset>;
  readonly stats: ClientBundleStats;
}

const serve = async (bundle: Promise<ClientBundle>, config: PageConfig): Promise<Served> => {
  const built = await bundle;
  const iconSvg = pageIconSvg();
  const icon = `icon-${contentHash(iconSvg)}.svg`;
  const assets = new Map(built.assets);
  assets.set(icon, await createStaticAsset("image/svg+xml", iconSvg, true));
  const html = pageHtml({ script: built.script, style: built.style, icon, preload: built.preload }, config);
  return { page: await createStaticAsset("text/html; charset=utf-8", html, false), assets, stats: built.stats };
};

/**
 * The web page of duty-ledger (issue 6): `GET /` and `GET /assets/*`, and, on the demo store
 * only, `GET /v1/demo/identities`. Mount it with the API routers inside `createHttpApp`; the
 * page calls the API on the same origin. The client is bundled in memory when this is called.
 */
export const createWebApp = (options: WebAppOptions = {}): WebApp => {
  const demo = options.demoIdentities;
  const oidc = options.oidc;
  const config: PageConfig = { demo: demo !== undefined, oidc: oidc === undefined ? null : { issuer: oidc.issuer, clientId: oidc.clientId } };
  const policy = pageSecurityPolicy(oidc?.issuer);
  const served = serve(options.bundle ?? bundleClient(), config);
  const ready = served.then((s) => {
    options.logger?.info({ ...s.stats }, "web page bundled");
    return s.stats;
  });
  ready.catch((error: unknown) => options.logger?.error({ err: error }, "the web page could not be bundled"));

  const router = Router();
  const withServed =
    (handler: (s: Served, req: Request, res: Response, next: NextFunction) => void) =>
    async (req: Request, res: Response, next: NextFunction): Promise<void> => {
      handler(await served, req, res, next);
    };

  router.get(
    "/",
    withServed((s, req, res) => {
      res.setHeader("Content-Security-Policy", policy);
      sendAsset(req, res, s.page);
    }),
  );
  router.get(
    "/assets/:name",
    withServed((s, req, res, next) => {
      const asset = s.assets.get(String(req.params["name"]));
      if (asset === undefined) {
        next();
        return;
      }
      sendAsset(req, res, asset);
    }),
  );
  if (demo !== undefined) {
    const answer: DemoIdentitiesAnswer = {
      identities: demo.map((identity) => ({
        label: identity.label,
        role: identity.role,
        sub: identity.sub,
        ...(identity.stationId === undefined ? {} : { stationId: identity.stationId }),
        token: identity.token,
      })),
    };
    router.get("/v1/demo/identities", (_req, res) => {
      res.setHeader("Cache-Control", "no-store");
      res.json(answer);
    });
  }
  return Object.assign(router, { ready });
};
