import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Router, type Request, type Response } from "express";
import { createStaticAsset, sendAsset, type StaticAsset } from "../static-asset.js";
import { referenceAssetPath, referenceInitScript, referencePageHtml, referenceSecurityPolicy, swaggerUiFiles } from "./reference-page.js";

export interface ApiReferenceOptions {
  /** Where the OpenAPI document is served. Default `/v1/openapi.json`. */
  readonly documentUrl?: string;
}

/** The folder of the installed `swagger-ui-dist` (served from the package, never a CDN). */
export const swaggerUiDistDir = (): string => dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));

/** Swagger UI's bundle is 1.5 MB: quality 11 would hold the first request for seconds; 5 is within 15 % of it. */
const lazyBrotliQuality = 5;

const loadAssets = async (documentUrl: string): Promise<ReadonlyMap<string, StaticAsset>> => {
  const dir = swaggerUiDistDir();
  const files = await Promise.all(
    Object.entries(swaggerUiFiles).map(async ([name, { file, contentType }]) => [name, await createStaticAsset(contentType, await readFile(join(dir, file)), false, lazyBrotliQuality)] as const),
  );
  const init = await createStaticAsset("text/javascript; charset=utf-8", referenceInitScript(documentUrl), false);
  const page = await createStaticAsset("text/html; charset=utf-8", referencePageHtml(), false);
  return new Map([...files, ["reference-init.js", init], ["", page]]);
};

/**
 * `GET /docs` (the interactive API reference) and `GET /docs/assets/*` (Swagger UI's files),
 * under the reference page's own strict CSP. The files are read and compressed at the first
 * request (not at start: most servers never serve them).
 */
export const createApiReference = (options: ApiReferenceOptions = {}): Router => {
  const documentUrl = options.documentUrl ?? "/v1/openapi.json";
  let assets: Promise<ReadonlyMap<string, StaticAsset>> | undefined;
  const assetsOnce = (): Promise<ReadonlyMap<string, StaticAsset>> => (assets ??= loadAssets(documentUrl));
  const serve = (name: string) => async (req: Request, res: Response, next: () => void): Promise<void> => {
    const asset = (await assetsOnce()).get(name);
    if (asset === undefined) {
      next();
      return;
    }
    res.setHeader("Content-Security-Policy", referenceSecurityPolicy());
    sendAsset(req, res, asset);
  };
  const router = Router();
  router.get("/docs", serve(""));
  router.get(`${referenceAssetPath}/:name`, (req, res, next) => serve(String(req.params["name"]))(req, res, next));
  return router;
};
