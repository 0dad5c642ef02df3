import type { IncomingMessage } from "node:http";
import { ConflictError, ValidationError } from "@duty-ledger/domain";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { Logger } from "pino";
import { requestFingerprint } from "./fingerprint.js";
import type { IdempotencyStore } from "./idempotency-store.js";
import { principalOf, type Principal } from "./principal.js";

export const idempotencyKeyHeader = "Idempotency-Key";
export const idempotentReplayHeader = "Idempotent-Replay";

/** 1 to 200 printable ASCII characters. */
const keyPattern = /^[\x20-\x7e]{1,200}$/;

export const isValidIdempotencyKey = (key: string): boolean => keyPattern.test(key);

const keySymbol: unique symbol = Symbol.for("duty-ledger.http-kit.idempotency-key");
type WithKey = IncomingMessage & { [keySymbol]?: string };

/** The request's validated Idempotency-Key (set by `withIdempotency`), if it has one. */
export const idempotencyKeyOf = (req: IncomingMessage): string | undefined => (req as WithKey)[keySymbol];

/**
 * Whose keys these are: the principal's role, subject and (when it carries one) station, as one
 * unambiguous string. Two tokens with the same `sub` but another role (or station) never share an
 * idempotency record nor the event ids derived from a key. (Records stored before this scope was
 * used were keyed by the bare `sub`; they no longer match and expire with their TTL.)
 */
export const idempotencyScopeOf = (principal: Principal): string =>
  JSON.stringify(principal.stationId === undefined ? [principal.role, principal.id] : [principal.role, principal.id, principal.stationId]);

export interface WithIdempotencyOptions {
  /** Whose keys these are; default `idempotencyScopeOf` the principal (mount after `authenticate`). */
  readonly scopeOf?: (req: Request) => string;
  /** Where failures to record an answer are reported; default `req.log` (`requestLogging`). */
  readonly logger?: Logger;
}

const is2xx = (status: number): boolean => status >= 200 && status < 300;

/**
 * Express middleware for POST routes (after `authenticate` and body parsing). With an
 * `Idempotency-Key` header: the first request runs and its 2xx answer (status + JSON body) is
 * recorded; the same key with the same request (method, path, canonical body) replays it with
 * `Idempotent-Replay: true` without running the handler; the same key with another request is
 * 409; the same key while the first is still running is 409 with `Retry-After: 1`. Non-2xx
 * answers are not recorded, so a refused request may be retried with its key.
 */
export const withIdempotency = (store: IdempotencyStore, options: WithIdempotencyOptions = {}): RequestHandler => {
  const keyed = async (req: Request, res: Response, next: NextFunction, key: string): Promise<void> => {
    const scope = options.scopeOf?.(req) ?? idempotencyScopeOf(principalOf(req));
    const fingerprint = requestFingerprint({ method: req.method, url: req.originalUrl, body: req.body });
    const begun = await store.begin(scope, key, fingerprint);
    switch (begun.kind) {
      case "replay": {
        res.setHeader(idempotentReplayHeader, "true");
        res.status(begun.response.status);
        if (begun.response.body === null) res.end();
        else res.json(begun.response.body);
        return;
      }
      case "mismatch":
        throw new ConflictError(`this ${idempotencyKeyHeader} was already used with a different request`);
      case "in-flight":
        res.setHeader("Retry-After", "1");
        throw new ConflictError(`a request with this ${idempotencyKeyHeader} is still being processed; retry later`);
      case "started":
        break;
      default: {
        const _exhaustive: never = begun;
        throw new Error(`unexpected idempotency state ${JSON.stringify(_exhaustive)}`);
      }
    }

    (req as WithKey)[keySymbol] = key;
    const log = (): Logger | undefined => options.logger ?? (typeof req.log?.error === "function" ? req.log : undefined);
    const reportFailure = (error: unknown): void => {
      log()?.error({ err: error, idempotencyKey: key }, "could not update the idempotency record");
    };
    // Exactly one of complete/abandon per attempt: on the first 2xx `res.json`, or when the
    // answer ends otherwise. Nothing happens on a client's disconnect: the handler may still
    // append, so the record stays in flight until its answer (or the lease) settles it.
    let settled = false;
    const sendJson = res.json.bind(res);
    const endResponse = res.end.bind(res) as (...args: unknown[]) => Response;
    const recordThen = (response: { status: number; body: unknown }, send: () => void): void => {
      void store
        .complete(scope, key, begun.attempt, response)
        .catch(reportFailure)
        .then(() => {
          try {
            send();
          } catch (error) {
            next(error);
          }
        });
    };
    res.json = (body?: unknown): Response => {
      if (settled || !is2xx(res.statusCode)) return sendJson(body);
      settled = true;
      // Record first, answer after: a client that saw the answer finds the record on retry.
      recordThen({ status: res.statusCode, body: body ?? null }, () => sendJson(body));
      return res;
    };
    res.end = ((...args: unknown[]): Response => {
      if (settled) return endResponse(...args);
      settled = true;
      if (is2xx(res.statusCode)) {
        // A 2xx answered without `res.json` (e.g. 204): recorded with no body.
        recordThen({ status: res.statusCode, body: null }, () => endResponse(...args));
        return res;
      }
      store.abandon(scope, key, begun.attempt).catch(reportFailure);
      return endResponse(...args);
    }) as Response["end"];
    next();
  };

  // Without a key (most requests) nothing is awaited: no promise for express to watch.
  return (req, res, next) => {
    if (req.method !== "POST") return next();
    const key = req.headers["idempotency-key"];
    if (key === undefined) return next();
    if (typeof key !== "string" || !isValidIdempotencyKey(key)) {
      throw new ValidationError(`${idempotencyKeyHeader} must be 1 to 200 printable ASCII characters`);
    }
    return keyed(req, res, next, key);
  };
};
