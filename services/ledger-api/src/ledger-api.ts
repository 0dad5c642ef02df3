import {
  createSuggestionDecider,
  DEFAULT_RECORDING_GRACE_MS,
  decideVoid,
  defaultWorkingCalendar,
  policies as builtInPolicies,
  type PolicyRegistry,
  type WorkingCalendar,
  deciders,
  NotFoundError,
  parseStreamId,
  requireMayRecordContact,
  requireMaySubmitSuggestion,
  requireNoPersonalDataInText,
  ValidationError,
  streamIdOf,
  type AnyDecider,
  type SuggestionCommand,
} from "@duty-ledger/domain";
import type { EventStore, RecordedEvent } from "@duty-ledger/event-store";
import {
  authenticate,
  parseBody,
  requireRole,
  withIdempotency,
  type IdempotencyStore,
  type PrincipalRole,
  type TokenVerifier,
} from "@duty-ledger/http-kit";
import { Router, type Request, type RequestHandler } from "express";
import type { z } from "zod";
import { takeBackfillId, underBackfill } from "./backfill-context.js";
import { createCommandHandler, type Handled } from "./command-handler.js";
import { createKeyedLock } from "./keyed-lock.js";
import { createOpinionIndex, requireCitedOpinions } from "./opinion-citations.js";
import type { PeopleKeyStore } from "./people/key-store.js";
import { sealContactPeople } from "./people/seal-people.js";
import { listReferences, requireRegistered, type Reference } from "./reference-checks.js";
import {
  assignmentBody,
  backfillBody,
  coSignatureBody,
  confirmationBody,
  contactFeedbackBody,
  correctDeputyBody,
  correctStationBody,
  correctUnitBody,
  evaluationBody,
  extensionBody,
  handlingStepBody,
  preReviewBody,
  publicationBody,
  recordContactBody,
  registerDeputyBody,
  registerStationBody,
  registerUnitBody,
  replyBody,
  reviseSuggestionBody,
  submitSuggestionBody,
  voidEventBody,
} from "./request-bodies.js";
import { deadlinePoliciesAnswer, deadlinePolicyReaders } from "./openapi/supervision-routes.js";
import { supervisionRoutes } from "./supervision-routes.js";
import { writeContextOf, type WriteContext } from "./write-context.js";

export interface LedgerApiOptions {
  readonly store: EventStore;
  readonly verifier: TokenVerifier;
  readonly idempotency: IdempotencyStore;
  /** The server's clock (tests pass a fixed one). Default: the system clock. */
  readonly clock?: () => Date;
  /** Attempts on a concurrent write to the same stream before 409. */
  readonly maxAttempts?: number;
  /** Extra middleware run after authentication on every write (e.g. a per-subject rate limit). */
  readonly afterAuth?: readonly RequestHandler[];
  /**
   * How far before the server's clock (ms) a claimed time may lie (`DUTY_LEDGER_RECORDING_GRACE`,
   * see `recording-grace.ts`). Default `P3D`.
   */
  readonly recordingGraceMs?: number;
  /** The people's key store (personal-data.md): without one, a body naming `people` is refused (422). */
  readonly people?: PeopleKeyStore;
  /** The deadline policies an assignment may name (built-in and `<dataDir>/deadline-policies/*.json`); default the built-in ones. */
  readonly policies?: PolicyRegistry;
  /** The working days a return request's window counts; default the built-in holiday years. */
  readonly calendar?: WorkingCalendar;
}

/** The 201 answer of every write: the entity, the events appended and the last position. */
export interface WriteAnswer {
  readonly id: string;
  readonly eventIds: readonly string[];
  readonly position: number;
  readonly [extra: string]: unknown;
}

interface WriteRoute<S extends z.ZodType> {
  readonly path: string;
  readonly roles: readonly PrincipalRole[];
  readonly body: S;
  readonly run: (body: z.infer<S>, context: WriteContext, req: Request) => Promise<WriteAnswer>;
  /** The body's `backfillId` names the backfill it grants, not one it is written under (POST /v1/backfills). */
  readonly grantsBackfill?: true;
}

const route = <S extends z.ZodType>(definition: WriteRoute<S>): WriteRoute<S> => definition;

const answer = (id: string, handled: Handled, extra: Record<string, unknown> = {}): WriteAnswer => ({
  id,
  eventIds: handled.eventIds,
  position: handled.position,
  ...extra,
});

/** Options of commands that start their stream (registrations): no read before the append. */
const startsStream = { expectNewStream: true } as const;

const pathId = (req: Request): string => {
  const id = req.params["id"];
  if (typeof id !== "string" || id.length === 0) throw new NotFoundError("no such entity");
  return id;
};

/**
 * Refuses any query string (400 on "query"): no write route documents a query parameter, and
 * one the handler ignored would be a request that does something else than it says. Even a bare
 * `?` is refused.
 */
const refuseQuery = (req: Request): void => {
  if (req.originalUrl.includes("?")) {
    throw new ValidationError("the write API takes no query parameters", {
      errors: [{ path: "query", message: "query parameters are not accepted on a write" }],
    });
  }
};

/**
 * The write API of api-v1.md: every POST refuses a query string and validates its body (400), checks the role (401/403),
 * honours `Idempotency-Key`, decides the command on its stream (404/409/422) and appends.
 * A refused request appends nothing.
 */
export const createLedgerApi = (options: LedgerApiOptions): Router => {
  const { store, verifier, idempotency } = options;
  const clock = options.clock ?? (() => new Date());
  const recordingGraceMs = options.recordingGraceMs ?? DEFAULT_RECORDING_GRACE_MS;
  const commands = createCommandHandler({ store, lock: createKeyedLock(), maxAttempts: options.maxAttempts });
  const opinions = createOpinionIndex(store);
  const suggestionDecider = createSuggestionDecider({ policies: options.policies ?? builtInPolicies, calendar: options.calendar ?? defaultWorkingCalendar() });

  const suggestion = (
    id: string,
    context: WriteContext,
    command: (suggestionId: string) => Pick<SuggestionCommand, "type" | "data">,
    expectNewStream = false,
  ): Promise<Handled> =>
    commands.handle(suggestionDecider, streamIdOf.suggestion(id), { ...command(id), metadata: context.metadata } as SuggestionCommand, context.eventIds, {
      correlationId: context.correlationId,
      expectNewStream,
    });

  const check = (references: readonly Reference[]): Promise<void> => requireRegistered(store, references);

  const routes = [
    route({
      path: "/v1/deputies",
      roles: ["office"],
      body: registerDeputyBody,
      run: async (body, context) => {
        if (body.stationId !== undefined) await check([{ kind: "station", id: body.stationId, path: "stationId" }]);
        const handled = await commands.handle(deciders.deputy, streamIdOf.deputy(body.deputyId), { type: "RegisterDeputy", data: body, metadata: context.metadata }, context.eventIds, startsStream);
        return answer(body.deputyId, handled);
      },
    }),
    route({
      path: "/v1/deputies/:id/corrections",
      roles: ["office"],
      body: correctDeputyBody,
      run: async (body, context, req) => {
        const deputyId = pathId(req);
        if (typeof body.stationId === "string") await check([{ kind: "station", id: body.stationId, path: "stationId" }]);
        const handled = await commands.handle(deciders.deputy, streamIdOf.deputy(deputyId), { type: "CorrectDeputy", data: { ...body, deputyId }, metadata: context.metadata }, context.eventIds);
        return answer(deputyId, handled);
      },
    }),
    route({
      path: "/v1/units",
      roles: ["office"],
      body: registerUnitBody,
      run: async (body, context) => {
        const handled = await commands.handle(deciders.unit, streamIdOf.unit(body.unitId), { type: "RegisterUnit", data: body, metadata: context.metadata }, context.eventIds, startsStream);
        return answer(body.unitId, handled);
      },
    }),
    route({
      path: "/v1/units/:id/corrections",
      roles: ["office"],
      body: correctUnitBody,
      run: async (body, context, req) => {
        const unitId = pathId(req);
        const handled = await commands.handle(deciders.unit, streamIdOf.unit(unitId), { type: "CorrectUnit", data: { ...body, unitId }, metadata: context.metadata }, context.eventIds);
        return answer(unitId, handled);
      },
    }),
    route({
      path: "/v1/stations",
      roles: ["office"],
      body: registerStationBody,
      run: async (body, context) => {
        const handled = await commands.handle(deciders.station, streamIdOf.station(body.stationId), { type: "RegisterStation", data: body, metadata: context.metadata }, context.eventIds, startsStream);
        return answer(body.stationId, handled);
      },
    }),
    route({
      path: "/v1/stations/:id/corrections",
      roles: ["office"],
      body: correctStationBody,
      run: async (body, context, req) => {
        const stationId = pathId(req);
        const handled = await commands.handle(deciders.station, streamIdOf.station(stationId), { type: "CorrectStation", data: { ...body, stationId }, metadata: context.metadata }, context.eventIds);
        return answer(stationId, handled);
      },
    }),
    route({
      path: "/v1/contacts",
      roles: ["deputy", "clerk", "office"],
      body: recordContactBody,
      run: async (body, context) => {
        const contactId = body.contactId ?? context.newEntityId("C");
        // Permission first: a clerk at an unknown station is refused as at another's (403).
        requireMayRecordContact(context.metadata.actor, body.deputyIds, body.stationId);
        await check([
          ...listReferences("deputy", "deputyIds", body.deputyIds),
          ...(body.stationId === undefined ? [] : [{ kind: "station" as const, id: body.stationId, path: "stationId" }]),
        ]);
        // People are sealed under their own keys here: the command and the log hold ciphertext only.
        const sealed = sealContactPeople(options.people, body, context.metadata.now);
        for (const personId of sealed.personIds) options.people?.noteMention(personId, contactId);
        const { contactId: _omitted, people: _clear, opinions: _opinions, ...rest } = body;
        const handled = await commands.handle(
          deciders.contact,
          streamIdOf.contact(contactId),
          {
            type: "RecordContact",
            data: { ...rest, contactId, opinions: sealed.opinions, ...(sealed.people === undefined ? {} : { people: sealed.people }) },
            metadata: context.metadata,
          },
          context.eventIds,
          { correlationId: context.correlationId, expectNewStream: true },
        );
        return answer(contactId, handled);
      },
    }),
    route({
      path: "/v1/contacts/:id/feedback",
      roles: ["deputy", "clerk", "office"],
      body: contactFeedbackBody,
      run: async (body, context, req) => {
        const contactId = pathId(req);
        const handled = await commands.handle(
          deciders.contact,
          streamIdOf.contact(contactId),
          { type: "GiveContactFeedback", data: { ...body, contactId }, metadata: context.metadata },
          context.eventIds,
          { correlationId: context.correlationId },
        );
        return answer(contactId, handled);
      },
    }),
    route({
      path: "/v1/contacts/:id/confirmation",
      roles: ["deputy"],
      body: confirmationBody,
      run: async (body, context, req) => {
        const contactId = pathId(req);
        const handled = await commands.handle(
          deciders.contact,
          streamIdOf.contact(contactId),
          { type: "ConfirmContactParticipation", data: { ...body, contactId }, metadata: context.metadata },
          context.eventIds,
          { correlationId: context.correlationId },
        );
        return answer(contactId, handled);
      },
    }),
    route({
      path: "/v1/suggestions",
      roles: ["deputy", "office"],
      body: submitSuggestionBody,
      run: async (body, context) => {
        const suggestionId = body.suggestionId ?? context.newEntityId("S");
        // Permission first: an unknown lead deputy is refused as a known other one (403).
        requireMaySubmitSuggestion(context.metadata.actor, body.leadDeputyId);
        await check([{ kind: "deputy", id: body.leadDeputyId, path: "leadDeputyId" }, ...listReferences("deputy", "coSignerIds", body.coSignerIds)]);
        await requireCitedOpinions(store, opinions, body.leadDeputyId, body.sourceOpinionIds ?? []);
        const { suggestionId: _omitted, ...rest } = body;
        const handled = await suggestion(suggestionId, context, (id) => ({ type: "SubmitSuggestion", data: { ...rest, suggestionId: id } }), true);
        return answer(suggestionId, handled);
      },
    }),
    route({
      path: "/v1/suggestions/:id/co-signature",
      roles: ["deputy"],
      body: coSignatureBody,
      run: async (body, context, req) => {
        const id = pathId(req);
        return answer(id, await suggestion(id, context, (suggestionId) => ({ type: "DecideCoSignature", data: { ...body, suggestionId } })));
      },
    }),
    route({
      path: "/v1/suggestions/:id/revision",
      roles: ["deputy", "office"],
      body: reviseSuggestionBody,
      run: async (body, context, req) => {
        const id = pathId(req);
        return answer(id, await suggestion(id, context, (suggestionId) => ({ type: "ReviseSuggestion", data: { ...body, suggestionId } })));
      },
    }),
    route({
      path: "/v1/suggestions/:id/pre-review",
      roles: ["office"],
      body: preReviewBody,
      run: async (body, context, req) => {
        const id = pathId(req);
        return answer(id, await suggestion(id, context, (suggestionId) => ({ type: "PreReviewSuggestion", data: { ...body, suggestionId } })));
      },
    }),
    route({
      path: "/v1/suggestions/:id/assignment",
      roles: ["office"],
      body: assignmentBody,
      run: async (body, context, req) => {
        const id = pathId(req);
        await check([{ kind: "unit", id: body.leadUnitId, path: "leadUnitId" }, ...listReferences("unit", "coUnitIds", body.coUnitIds)]);
        const handled = await suggestion(id, context, (suggestionId) => ({ type: "AssignSuggestion", data: { ...body, suggestionId } }));
        const assigned = handled.events.find((event) => event.type === "SuggestionAssigned") as RecordedEvent<string, { dueAt: string; policy: unknown }> | undefined;
        return answer(id, handled, assigned === undefined ? {} : { dueAt: assigned.data.dueAt, policy: assigned.data.policy });
      },
    }),
    route({
      path: "/v1/suggestions/:id/steps",
      roles: ["unit"],
      body: handlingStepBody,
      run: async (body, context, req) => {
        const id = pathId(req);
        return answer(id, await suggestion(id, context, (suggestionId) => ({ type: "RecordHandlingStep", data: { ...body, suggestionId } })));
      },
    }),
    route({
      path: "/v1/suggestions/:id/reply",
      roles: ["unit"],
      body: replyBody,
      run: async (body, context, req) => {
        const id = pathId(req);
        return answer(id, await suggestion(id, context, (suggestionId) => ({ type: "ReplyToSuggestion", data: { ...body, suggestionId } })));
      },
    }),
    route({
      path: "/v1/suggestions/:id/publication",
      roles: ["unit", "office"],
      body: publicationBody,
      run: async (body, context, req) => {
        const id = pathId(req);
        return answer(id, await suggestion(id, context, (suggestionId) => ({ type: "PublishReply", data: { ...body, suggestionId } })));
      },
    }),
    route({
      path: "/v1/suggestions/:id/evaluation",
      roles: ["deputy"],
      body: evaluationBody,
      run: async (body, context, req) => {
        const id = pathId(req);
        const handled = await suggestion(id, context, (suggestionId) => ({ type: "EvaluateReply", data: { ...body, suggestionId } }));
        const evaluated = handled.events.find((event) => event.type === "SuggestionEvaluated") as RecordedEvent<string, { rehandleDueAt?: string }> | undefined;
        const rehandleDueAt = evaluated?.data.rehandleDueAt;
        return answer(id, handled, rehandleDueAt === undefined ? {} : { rehandleDueAt });
      },
    }),
    route({
      path: "/v1/suggestions/:id/extension",
      roles: ["office"],
      body: extensionBody,
      run: async (body, context, req) => {
        const id = pathId(req);
        return answer(id, await suggestion(id, context, (suggestionId) => ({ type: "ExtendDeadline", data: { ...body, suggestionId } })));
      },
    }),
    ...supervisionRoutes({ suggestion, check, pathId }),
    route({
      path: "/v1/backfills",
      roles: ["office"],
      body: backfillBody,
      grantsBackfill: true,
      run: async (body, context) => {
        if (body.actorRole === "deputy" || body.actorRole === "unit") await check([{ kind: body.actorRole, id: body.actorId, path: "actorId" }]);
        const handled = await commands.handle(deciders.backfill, streamIdOf.backfill(body.backfillId), { type: "GrantBackfill", data: body, metadata: context.metadata }, context.eventIds, {
          correlationId: context.correlationId,
          expectNewStream: true,
        });
        return answer(body.backfillId, handled);
      },
    }),
    route({
      path: "/v1/events\\:void",
      roles: ["office"],
      body: voidEventBody,
      run: async (body, context) => {
        const target = await store.readEvent(body.eventId);
        const stream = target === null ? null : parseStreamId(target.streamId);
        if (target === null || stream === null) throw new NotFoundError(`no event ${body.eventId}`);
        const decider: AnyDecider = stream.category === "suggestion" ? suggestionDecider : deciders[stream.category];
        const command = { type: "VoidEvent" as const, data: body, metadata: context.metadata };
        const handled = await commands.handleWith(decider, target.streamId, command, context.eventIds, { correlationId: context.correlationId }, (_state, history) =>
          decideVoid(decider, target.streamId, history, command),
        );
        return answer(body.eventId, handled);
      },
    }),
  ];

  const router = Router();
  const authenticated = [authenticate(verifier), ...(options.afterAuth ?? [])];
  for (const { path, roles, body, run, grantsBackfill } of routes as readonly WriteRoute<z.ZodType>[]) {
    router.post(path, ...authenticated, requireRole(...roles), (req, _res, next) => {
      refuseQuery(req);
      req.body = parseBody(body, req);
      // Personal data goes in `people` (encrypted), never in free text: 422, nothing stored.
      requireNoPersonalDataInText(req.body);
      next();
    }, withIdempotency(idempotency), async (req, res) => {
      // A body may name the backfill it is written under: its window replaces the recording grace.
      const { backfillId, body: command } = grantsBackfill === true ? { backfillId: undefined, body: req.body as unknown } : takeBackfillId(req.body);
      const context = await underBackfill(store, writeContextOf(req, clock(), recordingGraceMs), backfillId);
      res.status(201).json(await run(command, context, req));
    });
  }
  // The deadline policies an assignment may name (read by the roles that assign, handle, propose or audit).
  const deadlinePolicies = deadlinePoliciesAnswer(options.policies ?? builtInPolicies);
  router.get("/v1/deadline-policies", ...authenticated, requireRole(...deadlinePolicyReaders), (req, res) => {
    refuseQuery(req);
    res.json(deadlinePolicies);
  });
  return router;
};
