import {
  DEFAULT_RECORDING_GRACE_MS,
  deciders,
  defaultWorkingCalendar,
  NotFoundError,
  requireMayRecordActivity,
  requireNoPersonalDataInText,
  streamIdOf,
  ValidationError,
  type ActivityCommand,
  type ContactCommand,
  type WorkingCalendar,
} from "@duty-ledger/domain";
import type { EventStore } from "@duty-ledger/event-store";
import { authenticate, parseBody, requireRole, withIdempotency, type IdempotencyStore, type PrincipalRole, type TokenVerifier } from "@duty-ledger/http-kit";
import { Router, type Request, type RequestHandler } from "express";
import type { z } from "zod";
import { takeBackfillId, underBackfill } from "./backfill-context.js";
import { createCommandHandler, type Handled } from "./command-handler.js";
import { createKeyedLock } from "./keyed-lock.js";
import { listReferences, requireRegistered } from "./reference-checks.js";
import { activityBody, activityConfirmationBody, constituentFeedbackBody, opinionAnswerBody, opinionReferralBody } from "./voice-bodies.js";
import { writeContextOf, type WriteContext } from "./write-context.js";

export interface VoiceApiOptions {
  readonly store: EventStore;
  readonly verifier: TokenVerifier;
  /** The write API's idempotency store (one for every write). */
  readonly idempotency: IdempotencyStore;
  /** The working days deadlines are counted in (statutory holidays as data). Default: the built-in years. */
  readonly workingCalendar?: WorkingCalendar;
  readonly clock?: () => Date;
  readonly maxAttempts?: number;
  readonly afterAuth?: readonly RequestHandler[];
  readonly recordingGraceMs?: number;
}

interface VoiceRoute<S extends z.ZodType> {
  readonly path: string;
  readonly roles: readonly PrincipalRole[];
  readonly body: S;
  readonly run: (body: z.infer<S>, context: WriteContext, req: Request) => Promise<{ readonly id: string; readonly handled: Handled; readonly extra?: Record<string, unknown> }>;
}

const route = <S extends z.ZodType>(definition: VoiceRoute<S>): VoiceRoute<S> => definition;

const param = (req: Request, name: string): string => {
  const value = req.params[name];
  if (typeof value !== "string" || value.length === 0) throw new NotFoundError("no such entity");
  return value;
};

/** As every write route: no query string (400 on "query"). */
const refuseQuery = (req: Request): void => {
  if (req.originalUrl.includes("?")) {
    throw new ValidationError("the write API takes no query parameters", { errors: [{ path: "query", message: "query parameters are not accepted on a write" }] });
  }
};

/** A field of the first event the write appended, when it has it. */
const fieldOf = (handled: Handled, field: string): Record<string, unknown> => {
  const value = (handled.events[0]?.data as Record<string, unknown> | undefined)?.[field];
  return value === undefined ? {} : { [field]: value };
};

const opinionPath = "/v1/contacts/:id/opinions/:opinionId";

/**
 * The write routes of 听民意 (design/voice-and-supervision.md): an opinion of a contact referred
 * to a unit (转办), the unit's answer, the constituent's feedback; and the deputies' other duty
 * activities with their confirmations. As every write: query and body validated (400), role
 * checked (401/403), free text without personal data (422), `Idempotency-Key` honoured,
 * `backfillId` for claimed times, a refusal appends nothing. Voiding is `POST /v1/events:void`'s.
 */
export const createVoiceApi = (options: VoiceApiOptions): Router => {
  const { store, verifier, idempotency } = options;
  const clock = options.clock ?? (() => new Date());
  const recordingGraceMs = options.recordingGraceMs ?? DEFAULT_RECORDING_GRACE_MS;
  const calendar = options.workingCalendar ?? defaultWorkingCalendar();
  const commands = createCommandHandler({ store, lock: createKeyedLock(), maxAttempts: options.maxAttempts });

  const contact = (contactId: string, context: WriteContext, command: Pick<ContactCommand, "type" | "data">): Promise<Handled> =>
    commands.handle(deciders.contact, streamIdOf.contact(contactId), { ...command, metadata: context.metadata } as ContactCommand, context.eventIds, { correlationId: context.correlationId });
  const activity = (activityId: string, context: WriteContext, command: Pick<ActivityCommand, "type" | "data">, expectNewStream = false): Promise<Handled> =>
    commands.handle(deciders.activity, streamIdOf.activity(activityId), { ...command, metadata: context.metadata } as ActivityCommand, context.eventIds, {
      correlationId: context.correlationId,
      expectNewStream,
    });

  const routes = [
    route({
      path: `${opinionPath}/referral`,
      roles: ["office", "clerk", "deputy"],
      body: opinionReferralBody,
      run: async (body, context, req) => {
        const contactId = param(req, "id");
        const opinionId = param(req, "opinionId");
        await requireRegistered(store, [{ kind: "unit", id: body.unitId, path: "unitId" }]);
        const handled = await contact(contactId, context, { type: "ReferOpinion", data: { ...body, contactId, opinionId, calendar } });
        return { id: opinionId, handled, extra: fieldOf(handled, "dueAt") };
      },
    }),
    route({
      path: `${opinionPath}/answer`,
      roles: ["unit"],
      body: opinionAnswerBody,
      run: async (body, context, req) => {
        const contactId = param(req, "id");
        const opinionId = param(req, "opinionId");
        return { id: opinionId, handled: await contact(contactId, context, { type: "AnswerOpinion", data: { ...body, contactId, opinionId } }) };
      },
    }),
    route({
      path: `${opinionPath}/constituent-feedback`,
      roles: ["clerk", "deputy"],
      body: constituentFeedbackBody,
      run: async (body, context, req) => {
        const contactId = param(req, "id");
        const opinionId = param(req, "opinionId");
        const handled = await contact(contactId, context, { type: "RecordConstituentFeedback", data: { ...body, contactId, opinionId, calendar } });
        return { id: opinionId, handled, extra: fieldOf(handled, "reopenedDueAt") };
      },
    }),
    route({
      path: "/v1/activities",
      roles: ["office", "clerk", "deputy"],
      body: activityBody,
      run: async (body, context) => {
        // Permission first: a deputy naming unknown others is refused as naming known ones (403).
        requireMayRecordActivity(context.metadata.actor, body.deputyIds);
        await requireRegistered(store, listReferences("deputy", "deputyIds", body.deputyIds));
        return { id: body.activityId, handled: await activity(body.activityId, context, { type: "RecordActivity", data: body }, true) };
      },
    }),
    route({
      path: "/v1/activities/:id/confirmation",
      roles: ["deputy"],
      body: activityConfirmationBody,
      run: async (body, context, req) => {
        const activityId = param(req, "id");
        return { id: activityId, handled: await activity(activityId, context, { type: "ConfirmActivityParticipation", data: { ...body, activityId } }) };
      },
    }),
  ];

  const router = Router();
  const authenticated = [authenticate(verifier), ...(options.afterAuth ?? [])];
  for (const { path, roles, body, run } of routes as readonly VoiceRoute<z.ZodType>[]) {
    router.post(
      path,
      ...authenticated,
      requireRole(...roles),
      (req, _res, next) => {
        refuseQuery(req);
        req.body = parseBody(body, req);
        // Personal data goes in `people` (encrypted), never in free text: 422, nothing stored.
        requireNoPersonalDataInText(req.body);
        next();
      },
      withIdempotency(idempotency),
      async (req, res) => {
        const { backfillId, body: command } = takeBackfillId(req.body);
        const context = await underBackfill(store, writeContextOf(req, clock(), recordingGraceMs), backfillId);
        const { id, handled, extra = {} } = await run(command, context, req);
        res.status(201).json({ id, eventIds: handled.eventIds, position: handled.position, ...extra });
      },
    );
  }
  return router;
};
