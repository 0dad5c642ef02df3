import type { RequestHandler } from "express";
import { rateLimit } from "express-rate-limit";
import { RateLimitedError } from "./http-errors.js";
import { principalOf } from "./principal.js";

export interface RateLimitOptions {
  /** Requests allowed per window. */
  readonly limit?: number;
  /** The window, ms. Default 60 000. */
  readonly windowMs?: number;
}

export const defaultIpRateLimit = { limit: 1200, windowMs: 60_000 } as const;
export const defaultSubjectRateLimit = { limit: 600, windowMs: 60_000 } as const;

const tooManyRequests = (scope: string): RateLimitedError =>
  new RateLimitedError(`too many requests from this ${scope}; retry after the Retry-After seconds`);

/**
 * Express middleware limiting requests per client IP (`req.ip`: set express's `trust proxy`
 * behind a reverse proxy; IPv6 clients are counted per /56). Mount before `authenticate` so it
 * also slows down token guessing. Over the limit: 429 problem+json with `Retry-After`; every
 * answer carries the `RateLimit`/`RateLimit-Policy` headers (IETF draft 8). In memory, per process.
 */
export const rateLimitByIp = (options: RateLimitOptions = {}): RequestHandler =>
  rateLimit({
    limit: options.limit ?? defaultIpRateLimit.limit,
    windowMs: options.windowMs ?? defaultIpRateLimit.windowMs,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    identifier: "ip",
    requestPropertyName: "rateLimitByIp",
    handler: (_req, _res, next) => next(tooManyRequests("address")),
  });

/**
 * Express middleware limiting requests per token subject (mount after `authenticate`): one
 * principal cannot starve the others, wherever its requests come from. Same answers as `rateLimitByIp`.
 */
export const rateLimitBySubject = (options: RateLimitOptions = {}): RequestHandler =>
  rateLimit({
    limit: options.limit ?? defaultSubjectRateLimit.limit,
    windowMs: options.windowMs ?? defaultSubjectRateLimit.windowMs,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    identifier: "subject",
    requestPropertyName: "rateLimitBySubject",
    keyGenerator: (req) => `sub:${principalOf(req).id}`,
    handler: (_req, _res, next) => next(tooManyRequests("principal")),
  });
