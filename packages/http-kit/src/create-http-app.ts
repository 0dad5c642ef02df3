import { createServer, IncomingMessage, ServerResponse, type Server } from "node:http";
import express, { type Express, type RequestHandler } from "express";
import type { Logger } from "pino";
import { jsonBody, type JsonBodyOptions } from "./json-body.js";
import { notFoundHandler } from "./not-found.js";
import { problemJson } from "./problem-json.js";
import { rateLimitByIp, type RateLimitOptions } from "./rate-limit.js";
import { requestLogging } from "./request-logging.js";
import { securityHeaders } from "./security-headers.js";
import type { TrustProxy } from "./trust-proxy.js";
import { applyServerLimits, defaultServerLimits, serverOptionsOf, type ServerLimits } from "./server-limits.js";

export interface CreateHttpAppOptions extends JsonBodyOptions {
  readonly logger: Logger;
  /** Routers/middleware mounted in order between the common middleware and the 404/error handlers. */
  readonly routes?: readonly RequestHandler[];
  /** Per-IP limit, or `false` for none. Default `defaultIpRateLimit` (1200 per minute). */
  readonly rateLimitPerIp?: RateLimitOptions | false;
  /** express's `trust proxy` (which X-Forwarded-For hops to believe for `req.ip`; `DUTY_LEDGER_TRUST_PROXY`, see `trust-proxy.ts`). Default false. */
  readonly trustProxy?: TrustProxy | undefined;
}

/** Node's `IncomingMessage` and `ServerResponse` are plain constructor functions (not classes). */
type PlainConstructor = (this: object, first: unknown, second: unknown) => void;

const isPlainConstructor = (fn: unknown): boolean =>
  typeof fn === "function" && !/^class\b/.test(Function.prototype.toString.call(fn));

/**
 * A constructor that builds what `base` builds, with `prototype` as the prototype from the start
 * (the `IncomingMessage`/`ServerResponse` options of `http.createServer`).
 */
const constructorWithPrototype = <T>(base: T, prototype: object): T => {
  const construct = function (this: object, first: unknown, second: unknown): void {
    (base as unknown as PlainConstructor).call(this, first, second);
  };
  construct.prototype = prototype;
  return construct as unknown as T;
};

/**
 * An `http.Server` for `app` whose requests and responses are born with `app`'s request and
 * response prototypes. express gives each request and response its prototypes with
 * `Object.setPrototypeOf`, which V8 cannot optimise: every property access of Node's HTTP code
 * on them then takes a slow path (measured: about half of the CPU time of a small request).
 * When the prototype is already the one express sets, that call changes nothing. Falls back to
 * a plain server should Node's constructors ever become classes (which cannot be called so).
 * The server holds `limits` (header, request and keep-alive timeouts, connection cap; default
 * `defaultServerLimits`).
 */
export const createHttpServer = (app: Express, limits: ServerLimits = defaultServerLimits): Server => {
  const options = serverOptionsOf(limits);
  const server =
    !isPlainConstructor(IncomingMessage) || !isPlainConstructor(ServerResponse)
      ? createServer(options, app)
      : createServer(
          {
            ...options,
            IncomingMessage: constructorWithPrototype(IncomingMessage, app.request),
            ServerResponse: constructorWithPrototype(ServerResponse, app.response),
          },
          app,
        );
  applyServerLimits(server, limits);
  return server;
};

/** express's `app.listen`, on a server from `createHttpServer` (with the default limits). */
const listenOn =
  (app: Express): Express["listen"] =>
  ((...args: unknown[]): Server => {
    const server = createHttpServer(app);
    const callback = args.at(-1);
    if (typeof callback === "function") {
      // As express does: the callback also hears a failure to listen, once.
      let called = false;
      const once = (...callbackArgs: unknown[]): void => {
        if (called) return;
        called = true;
        (callback as (...a: unknown[]) => void)(...callbackArgs);
      };
      args[args.length - 1] = once;
      server.once("error", once);
    }
    return (server.listen as (...a: unknown[]) => Server)(...args);
  }) as Express["listen"];

/**
 * An express app with duty-ledger's HTTP plumbing, in order: security headers, request id and
 * logging, per-IP rate limit, JSON body parsing with limits, the caller's `routes`, then 404 and
 * problem+json error handling. Authentication is per route (`authenticate`, `requireRole`).
 * Its `listen` serves it with `createHttpServer` (use that too when creating the server yourself).
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
  app.listen = listenOn(app);
  return app;
};
