import { randomUUID } from "node:crypto";
import { IncomingMessage, type ServerResponse } from "node:http";
import type { RequestHandler } from "express";
import type { Level, Logger } from "pino";
import { maybePrincipalOf } from "./principal.js";

declare module "http" {
  interface IncomingMessage {
    /** The request id (`requestLogging`): the client's sane `X-Request-Id` or a new UUID. */
    id?: string;
    /** A child of the app's logger bound to this request (`requestLogging`), made on first use. */
    log?: Logger;
  }
}

export const requestIdHeader = "X-Request-Id";

/** A client's request id is kept when it is 1-128 characters of `A-Za-z0-9._:-`. */
const saneRequestId = /^[A-Za-z0-9._:-]{1,128}$/;

/** The client's `X-Request-Id` when sane, else a new UUID. */
export const requestIdFor = (header: string | string[] | undefined): string =>
  typeof header === "string" && saneRequestId.test(header) ? header : randomUUID();

export interface RequestLoggingOptions {
  readonly logger: Logger;
}

const startedAt: unique symbol = Symbol("duty-ledger.http-kit.request-started-at");
const boundLogger: unique symbol = Symbol("duty-ledger.http-kit.request-logger");

type LoggedRequest = IncomingMessage & { originalUrl?: string; [boundLogger]?: Logger };
type LoggedResponse = ServerResponse & { [startedAt]?: number };

/**
 * The URL as logged: every query string value replaced by `[redacted]`, names kept
 * (`/x?access_token=[redacted]&flag`): a query may carry a token or another secret.
 */
export const redactedUrl = (url: string | undefined): string | undefined => {
  if (url === undefined) return undefined;
  const start = url.indexOf("?");
  if (start === -1) return url;
  const query = url
    .slice(start + 1)
    .split("&")
    .map((part) => {
      const equals = part.indexOf("=");
      return equals === -1 ? part : `${part.slice(0, equals)}=[redacted]`;
    })
    .join("&");
  return `${url.slice(0, start)}?${query}`;
};

/** The request as logged: no headers, so neither `Authorization` nor cookies reach the logs. */
const requestFields = (req: LoggedRequest): { id: string | undefined; method: string | undefined; url: string | undefined } => ({
  id: req.id,
  method: req.method,
  url: redactedUrl(req.originalUrl ?? req.url),
});

const levelOf = (status: number): Level => (status >= 500 ? "error" : status >= 400 ? "warn" : "info");

/**
 * Express middleware: a request id (`X-Request-Id` honoured if sane, else generated; echoed in
 * the response header, kept as `req.id`) and one pino line per request when its response
 * closes: `req` (id, method, url with every query value redacted, remoteAddress), `principal` (id, role) when authenticated,
 * `res.statusCode`, `responseTime` (ms); "request completed" (5xx: "request errored"; closed
 * before the answer was sent: "request aborted"). Headers are not logged (so neither
 * `Authorization` nor cookies are); 5xx log at error, 4xx at warn, the rest at info.
 *
 * Lean on purpose, it runs on every request: no per-request logger or closure; nothing is built
 * when the line's level is disabled. `req.log` (a child logger bound to the request) is made
 * only when something asks for it, e.g. the error handler.
 */
export const requestLogging = ({ logger }: RequestLoggingOptions): RequestHandler => {
  const onClose = function (this: LoggedResponse): void {
    const status = this.statusCode;
    const level = levelOf(status);
    if (!logger.isLevelEnabled(level)) return;
    const req = this.req as LoggedRequest;
    const principal = maybePrincipalOf(req);
    const aborted = req.readableAborted || !this.writableEnded;
    const message = aborted ? "request aborted" : status >= 500 ? "request errored" : "request completed";
    logger[level](
      {
        req: { id: req.id, method: req.method, url: redactedUrl(req.originalUrl ?? req.url), remoteAddress: req.socket.remoteAddress },
        ...(principal === undefined ? {} : { principal: { id: principal.id, role: principal.role } }),
        res: { statusCode: status },
        responseTime: Date.now() - (this[startedAt] ?? Date.now()),
      },
      message,
    );
  };

  // `req.log`, made on first use: a getter on the app's request prototype (express gives every
  // app its own), else, on a plain Node request, made at once.
  const withGetter = new WeakSet<object>();
  const childFor = (req: LoggedRequest): Logger => (req[boundLogger] ??= logger.child({ req: requestFields(req) }));
  const installGetter = (prototype: object): void => {
    withGetter.add(prototype);
    Object.defineProperty(prototype, "log", {
      configurable: true,
      get(this: LoggedRequest): Logger {
        return childFor(this);
      },
      set(this: LoggedRequest, value: Logger) {
        this[boundLogger] = value;
      },
    });
  };

  return (req, res, next) => {
    const id = requestIdFor(req.headers["x-request-id"]);
    req.id = id;
    res.setHeader(requestIdHeader, id);
    (res as LoggedResponse)[startedAt] = Date.now();
    res.on("close", onClose);
    const prototype = Object.getPrototypeOf(req) as object;
    if (!withGetter.has(prototype)) {
      if (prototype === IncomingMessage.prototype) req.log = childFor(req);
      else installGetter(prototype);
    }
    next();
  };
};
