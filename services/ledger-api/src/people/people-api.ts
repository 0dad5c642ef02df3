import { DEFAULT_RECORDING_GRACE_MS, deciders, isLedgerErrorOf, NotFoundError, requireNoPersonalDataInText, streamIdOf, ValidationError } from "@duty-ledger/domain";
import type { EventStore } from "@duty-ledger/event-store";
import { authenticate, parseBody, principalOf, requireRole, withIdempotency, type IdempotencyStore, type TokenVerifier } from "@duty-ledger/http-kit";
import { Router, type Request, type RequestHandler } from "express";
import { createCommandHandler } from "../command-handler.js";
import { createKeyedLock } from "../keyed-lock.js";
import { writeContextOf } from "../write-context.js";
import { readContactPeople } from "./contact-people.js";
import type { PeopleKeyStore } from "./key-store.js";
import { erasureBody } from "./people-bodies.js";
import { createReferralIndex } from "./referrals.js";

export interface PeopleApiOptions {
  readonly store: EventStore;
  readonly verifier: TokenVerifier;
  /** The write API's idempotency store: an erasure forgets the answers of the writes that named the person. */
  readonly idempotency: IdempotencyStore;
  readonly keys: PeopleKeyStore;
  readonly clock?: () => Date;
  readonly afterAuth?: readonly RequestHandler[];
  readonly recordingGraceMs?: number;
}

const idOf = (req: Request): string => {
  const id = req.params["id"];
  if (typeof id !== "string" || id.length === 0) throw new NotFoundError("no such entity");
  return id;
};

const refuseQuery = (req: Request): void => {
  if (req.originalUrl.includes("?")) {
    throw new ValidationError("this endpoint takes no query parameters", { errors: [{ path: "query", message: "query parameters are not accepted here" }] });
  }
};

/**
 * The people's endpoints (personal-data.md): `POST /v1/people/:id/erasure` (office) appends
 * `PersonErased`, then destroys the person's key and forgets the idempotency answers of the
 * writes that named them; `GET /v1/people/:id/access-log` (office) lists the reads that returned
 * their data; `GET /v1/contacts/:id/people` shows a contact's people to those who may see them.
 */
export const createPeopleApi = (options: PeopleApiOptions): Router => {
  const { store, verifier, idempotency, keys } = options;
  const clock = options.clock ?? (() => new Date());
  const recordingGraceMs = options.recordingGraceMs ?? DEFAULT_RECORDING_GRACE_MS;
  const commands = createCommandHandler({ store, lock: createKeyedLock() });
  const referrals = createReferralIndex(store);
  const authenticated = [authenticate(verifier), ...(options.afterAuth ?? [])];
  const router = Router();

  router.post(
    "/v1/people/:id/erasure",
    ...authenticated,
    requireRole("office"),
    (req, _res, next) => {
      refuseQuery(req);
      req.body = parseBody(erasureBody, req);
      requireNoPersonalDataInText(req.body);
      next();
    },
    withIdempotency(idempotency),
    async (req, res) => {
      const personId = idOf(req);
      const body = erasureBody.parse(req.body);
      const context = writeContextOf(req, clock(), recordingGraceMs);
      const erase = async () => {
        const mentioned = keys.destroy(personId, body.at);
        await idempotency.forgetAnswersFor(mentioned);
      };
      let handled;
      try {
        handled = await commands.handle(
          deciders.person,
          streamIdOf.person(personId),
          { type: "ErasePerson", data: { personId, at: body.at, reason: body.reason }, metadata: context.metadata },
          context.eventIds,
          { correlationId: context.correlationId, expectNewStream: true },
        );
      } catch (error) {
        // Erased before (409): make sure the key is gone, should the last attempt have stopped between the two.
        if (isLedgerErrorOf(error, "CONFLICT")) await erase();
        throw error;
      }
      await erase();
      res.status(201).json({ id: personId, eventIds: handled.eventIds, position: handled.position });
    },
  );

  router.get("/v1/people/:id/access-log", ...authenticated, requireRole("office"), (req, res) => {
    refuseQuery(req);
    const personId = idOf(req);
    res.json({ personId, accesses: keys.accessLog(personId) });
  });

  router.get("/v1/contacts/:id/people", ...authenticated, requireRole("office", "deputy", "clerk", "auditor", "unit"), async (req, res) => {
    refuseQuery(req);
    res.json(await readContactPeople(store, keys, referrals, principalOf(req), idOf(req), clock().toISOString()));
  });

  return router;
};
