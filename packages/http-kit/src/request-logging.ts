import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestHandler } from "express";
import type { Logger } from "pino";
import { pinoHttp } from "pino-http";
import { maybePrincipalOf } from "./principal.js";

export const requestIdHeader = "X-Request-Id";

/** A client's request id is kept when it is 1-128 characters of `A-Za-z0-9._:-`. */
const saneRequestId = /^[A-Za-z0-9._:-]{1,128}$/;

/** The client's `X-Request-Id` when sane, else a new UUID. */
export const requestIdFor = (header: string | string[] | undefined): string =>
  typeof header === "string" && saneRequestId.test(header) ? header : randomUUID();

export interface RequestLoggingOptions {
  readonly logger: Logger;
}

/**
 * Express middleware: a request id (`X-Request-Id` honoured if sane, else generated; echoed in
 * the response header) and one pino line per request with method, url, status, time, principal.
 * Headers are not logged (so neither `Authorization` nor cookies are); 5xx log at error,
 * 4xx at warn, the rest at info.
 */
export const requestLogging = (options: RequestLoggingOptions): RequestHandler => {
  const middleware = pinoHttp<IncomingMessage, ServerResponse>({
    logger: options.logger,
    genReqId: (req, res) => {
      const id = requestIdFor(req.headers["x-request-id"]);
      res.setHeader(requestIdHeader, id);
      return id;
    },
    customLogLevel: (_req, res, error) =>
      error !== undefined || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "info",
    customProps: (req) => {
      const principal = maybePrincipalOf(req);
      return principal === undefined ? {} : { principal: { id: principal.id, role: principal.role } };
    },
    serializers: {
      req: (req: { id?: unknown; method?: unknown; url?: unknown; remoteAddress?: unknown }) => ({
        id: req.id,
        method: req.method,
        url: req.url,
        remoteAddress: req.remoteAddress,
      }),
      res: (res: { statusCode?: unknown }) => ({ statusCode: res.statusCode }),
    },
  });
  return (req, res, next) => {
    middleware(req, res, next);
  };
};
