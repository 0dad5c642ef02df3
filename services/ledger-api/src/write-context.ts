import type { CommandMetadata } from "@duty-ledger/domain";
import { newEventId } from "@duty-ledger/event-store";
import { deterministicEventId, idempotencyKeyOf, idempotencyScopeOf, principalOf, requestFingerprint, requestIdFor } from "@duty-ledger/http-kit";
import type { Request } from "express";
import type { EventIdSource } from "./command-handler.js";

/** Server-side facts of one write request: who, when, and the ids it may mint. */
export interface WriteContext {
  readonly metadata: CommandMetadata;
  readonly eventIds: EventIdSource;
  /** An id for a new entity (contact, suggestion) whose body named none. */
  newEntityId(prefix: string): string;
  readonly correlationId: string;
}

/**
 * Builds the command metadata from the authenticated principal, the server's clock and the
 * recording grace (a backfill, if the body names one, is added by `underBackfill`). Under an
 * `Idempotency-Key`, event and entity ids derive from (principal's role + subject + station, key,
 * request), so a retry after
 * a crash addresses the same stream with the same event ids and the store dedupes it;
 * without one they are fresh time-ordered UUIDs.
 */
export const writeContextOf = (req: Request, now: Date, recordingGraceMs: number): WriteContext => {
  const principal = principalOf(req);
  const key = idempotencyKeyOf(req);
  // The request logging gave the request its id (X-Request-Id or a fresh one); it correlates the events.
  const correlationId = typeof req.id === "string" ? req.id : requestIdFor(req.headers["x-request-id"]);
  const metadata: CommandMetadata = {
    actor: { id: principal.id, role: principal.role, stationId: principal.stationId },
    now: now.toISOString(),
    recordingGraceMs,
    correlationId,
  };
  if (key === undefined) {
    const ids: string[] = [];
    return {
      metadata,
      correlationId,
      eventIds: (index) => (ids[index] ??= newEventId()),
      newEntityId: (prefix) => `${prefix}-${newEventId()}`,
    };
  }
  const fingerprint = requestFingerprint({ method: req.method, url: req.originalUrl, body: req.body });
  // The idempotency record's scope: tokens with the same `sub` but another role never share ids.
  const scope = idempotencyScopeOf(principal);
  return {
    metadata,
    correlationId,
    eventIds: (index) => deterministicEventId("duty-ledger/event", scope, key, fingerprint, String(index)),
    newEntityId: (prefix) => `${prefix}-${deterministicEventId("duty-ledger/entity", scope, key, fingerprint)}`,
  };
};
