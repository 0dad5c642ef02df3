import express, { type Express, type RequestHandler } from "express";
import type { Logger } from "pino";
import { jsonBody, type JsonBodyOptions } from "./json-body.js";
import { notFoundHandler } from "./not-found.js";
import { problemJson } from "./problem-json.js";
import { rateLimitByIp, type RateLimitOptions } from "./rate-limit.js";
import { requestLogging } from "./request-logging.js";
import { securityHeaders } from "./security-headers.js";

export interface CreateHttpAppOptions extends JsonBodyOptions {
  readonly logger: Logger;
  /** Routers/middleware mounted in order between the common middleware and the 404/error handlers. */
  readonly routes?: readonly RequestHandler[];
  /** Per-IP limit, or `false` for none. Default `defaultIpRateLimit` (1200 per minute). */
  readonly rateLimitPerIp?: RateLimitOptions | false;
  /** express's `trust proxy` (which X-Forwarded-For hops to believe for `req.ip`). Default false. */
  readonly trustProxy?: boolean | number | string | readonly string[];
}

/**
 * An express app with duty-ledger's HTTP plumbing, in order: security headers, request id and
 * logging, per-IP rate limit, JSON body parsing with limits, the caller's `routes`, then 404 and
 * problem+json error handling. Authentication is per route (`authenticate`, `requireRole`).
 */
export const createHttpApp = (options: CreateHttpAppOptions): Express => {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", options.trustProxy ?? false);
  app.use(securityHeaders());
  app.use(requestLogging({ logger: options.logger }));
  if (options.rateLimitPerIp !== false) app.use(rateLimitByIp(options.rateLimitPerIp ?? {}));
  app.use(jsonBody(options));
  for (const route of options.routes ?? []) app.use(route);
  app.use(notFoundHandler);
  app.use(problemJson(options.logger));
  return app;
};
