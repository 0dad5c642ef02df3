import { ValidationError } from "@duty-ledger/domain";
import type { EventStore } from "@duty-ledger/event-store";
import { authenticate, fieldErrorsOf, requireRole, sendProblem, type ProblemAnswer, type TokenVerifier } from "@duty-ledger/http-kit";
import { Router, type Request, type RequestHandler, type Response } from "express";
import { z } from "zod";
import { toExportedEvent, type ExportedEvent } from "./exported-event.js";
import { auditEventsQuery, verifyQuery } from "./audit-queries.js";
import { parseSeal } from "./seal.js";
import { createVerifyGate } from "./verify-gate.js";
import { verifyLog } from "./verify-log.js";
import type { VerifyRunner } from "./verify-thread.js";

/**
 * The auditor's endpoints of api-v1.md (auditor role only: 401 without a valid token, 403
 * for any other role). Both only read the log.
 *
 * - `GET /v1/audit/events?from=&limit=`: the log in order from position `from` (inclusive,
 *   default the start), at most `limit` events (1–1000, default 100), each whole (data,
 *   metadata, hash; the NDJSON export's shape); `nextFrom` is the `from` of the next page,
 *   `null` at the head.
 * - `GET /v1/audit/verify[?upTo=&seal=]`: `verifyLog` over the log (up to `upTo`), optionally
 *   checking a seal: `{ok, streams, events, firstBroken?, …}`. One verification runs at a
 *   time, off the event loop when the server passes `verify: verifyInWorkerThread(settings)`;
 *   while one runs, another is answered 503 `/problems/verification-running` with `Retry-After`.
 */

export interface AuditApiOptions {
  readonly store: EventStore;
  readonly verifier: TokenVerifier;
  /** Largest `limit` of /v1/audit/events. Default 1000. */
  readonly maxLimit?: number;
  /** Extra middleware after authentication (e.g. a per-subject rate limit). */
  readonly afterAuth?: readonly RequestHandler[];
  /**
   * Runs a verification of `/v1/audit/verify`. Default: `verifyLog` over `store` on this thread
   * (tests, small stores); a server passes `verifyInWorkerThread(storeSettings)`.
   */
  readonly verify?: VerifyRunner;
}

export interface AuditEventsPage {
  readonly events: readonly ExportedEvent[];
  /** Pass as `from` for the next page; `null` when this page reaches the head. */
  readonly nextFrom: number | null;
  /** The head of the log when the page was read. */
  readonly head: number;
}

const queryOf = <S extends z.ZodType>(schema: S, req: Request): z.infer<S> => {
  const present = Object.fromEntries(Object.entries(req.query as Record<string, unknown>).filter(([, value]) => value !== ""));
  const result = schema.safeParse(present);
  if (!result.success) {
    const errors = fieldErrorsOf(result.error);
    throw new ValidationError(`invalid query string: ${errors.map((e) => e.path).join(", ")}`, { errors });
  }
  return result.data;
};

/** The answer while a verification runs: 503, come back after `retryAfterSeconds`. */
const verificationRunning = (retryAfterSeconds: number): ProblemAnswer => ({
  problem: {
    type: "/problems/verification-running",
    title: "A verification is running",
    status: 503,
    detail: `a verification of the log is running (one at a time); retry after ${retryAfterSeconds} s`,
  },
  headers: { "Retry-After": String(retryAfterSeconds) },
  internal: false,
});

const noStore = (res: Response): void => {
  res.setHeader("Cache-Control", "private, no-store");
};

export const createAuditApi = (options: AuditApiOptions): Router => {
  const { store } = options;
  const maxLimit = options.maxLimit ?? 1000;
  const eventsQuery = auditEventsQuery(maxLimit);
  const gate = createVerifyGate(options.verify ?? ((request) => verifyLog(store, request)));
  const auditor = [authenticate(options.verifier), ...(options.afterAuth ?? []), requireRole("auditor")];

  const router = Router();

  router.get("/v1/audit/events", ...auditor, async (req, res) => {
    const query = queryOf(eventsQuery, req);
    const limit = query.limit ?? 100;
    const head = await store.headPosition();
    const events: ExportedEvent[] = [];
    let more = false;
    for await (const event of store.readAll({ ...(query.from === undefined ? {} : { fromPosition: query.from }), maxCount: limit + 1 })) {
      if (events.length === limit) {
        more = true;
        break;
      }
      events.push(toExportedEvent(event));
    }
    const last = events[events.length - 1];
    const page: AuditEventsPage = { events, nextFrom: more && last !== undefined ? last.position + 1 : null, head };
    noStore(res);
    res.json(page);
  });

  router.get("/v1/audit/verify", ...auditor, async (req, res) => {
    const query = queryOf(verifyQuery, req);
    const seal = query.seal === undefined ? undefined : (parseSeal(query.seal) ?? undefined);
    const verification = gate.tryVerify({ ...(query.upTo === undefined ? {} : { upTo: query.upTo }), ...(seal === undefined ? {} : { seal }) });
    if (verification === null) {
      sendProblem(res, verificationRunning(gate.retryAfterSeconds()), typeof req.id === "string" ? req.id : undefined);
      return;
    }
    const result = await verification;
    noStore(res);
    res.json(result);
  });

  return router;
};
