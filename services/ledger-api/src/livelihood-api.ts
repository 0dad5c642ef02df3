import {
  DEFAULT_RECORDING_GRACE_MS,
  deciders,
  NotFoundError,
  requireNoPersonalDataInText,
  streamIdOf,
  ValidationError,
  type ProgrammeCommand,
  type ProjectCommand,
} from "@duty-ledger/domain";
import type { EventStore } from "@duty-ledger/event-store";
import { authenticate, parseBody, requireRole, withIdempotency, type IdempotencyStore, type PrincipalRole, type TokenVerifier } from "@duty-ledger/http-kit";
import { Router, type Request, type RequestHandler } from "express";
import type { z } from "zod";
import { takeBackfillId, underBackfill } from "./backfill-context.js";
import { createCommandHandler, type Handled } from "./command-handler.js";
import { createKeyedLock } from "./keyed-lock.js";
import {
  livelihoodAttendanceBody,
  livelihoodBallotBoxBody,
  livelihoodCandidateBody,
  livelihoodCloseVoteBody,
  livelihoodEvaluationBody,
  livelihoodEvaluationRoundBody,
  livelihoodInspectionBody,
  livelihoodMilestoneBody,
  livelihoodProgrammeBody,
  livelihoodProgressBody,
  livelihoodShortlistBody,
} from "./livelihood-bodies.js";
import { findProject } from "./livelihood-projects.js";
import { listReferences, requireRegistered, type Reference } from "./reference-checks.js";
import { writeContextOf, type WriteContext } from "./write-context.js";

export interface LivelihoodApiOptions {
  readonly store: EventStore;
  readonly verifier: TokenVerifier;
  /** The write API's idempotency store (one for every write). */
  readonly idempotency: IdempotencyStore;
  readonly clock?: () => Date;
  readonly maxAttempts?: number;
  readonly afterAuth?: readonly RequestHandler[];
  readonly recordingGraceMs?: number;
}

interface LivelihoodRoute<S extends z.ZodType> {
  readonly path: string;
  readonly roles: readonly PrincipalRole[];
  readonly body: S;
  readonly run: (body: z.infer<S>, context: WriteContext, id: string) => Promise<{ readonly handled: Handled; readonly extra?: Record<string, unknown> }>;
}

const route = <S extends z.ZodType>(definition: LivelihoodRoute<S>): LivelihoodRoute<S> => definition;

const pathId = (req: Request): string => {
  const id = req.params["id"];
  if (typeof id !== "string" || id.length === 0) throw new NotFoundError("no such entity");
  return id;
};

/** As every write route: no query string (400 on "query"). */
const refuseQuery = (req: Request): void => {
  if (req.originalUrl.includes("?")) {
    throw new ValidationError("the write API takes no query parameters", { errors: [{ path: "query", message: "query parameters are not accepted on a write" }] });
  }
};

/**
 * The write routes of 民生实事项目票决 (design/livelihood.md): programmes (collect, screen,
 * attendance, ballot boxes, close, evaluation rounds) and their projects (milestones, progress,
 * inspections, evaluations). As every write: query and body validated (400), role checked
 * (401/403), free text without personal data (422), `Idempotency-Key` honoured, `backfillId`
 * for claimed times, a refusal appends nothing. Voiding is `POST /v1/events:void`'s.
 */
export const createLivelihoodApi = (options: LivelihoodApiOptions): Router => {
  const { store, verifier, idempotency } = options;
  const clock = options.clock ?? (() => new Date());
  const recordingGraceMs = options.recordingGraceMs ?? DEFAULT_RECORDING_GRACE_MS;
  const commands = createCommandHandler({ store, lock: createKeyedLock(), maxAttempts: options.maxAttempts });
  const check = (references: readonly Reference[]): Promise<void> => requireRegistered(store, references);

  const programme = (programmeId: string, context: WriteContext, command: Pick<ProgrammeCommand, "type" | "data">, expectNewStream = false): Promise<Handled> =>
    commands.handle(deciders.programme, streamIdOf.programme(programmeId), { ...command, metadata: context.metadata } as ProgrammeCommand, context.eventIds, {
      correlationId: context.correlationId,
      expectNewStream,
    });
  const project = (projectId: string, context: WriteContext, command: Pick<ProjectCommand, "type" | "data">): Promise<Handled> =>
    commands.handle(deciders.project, streamIdOf.project(projectId), { ...command, metadata: context.metadata } as ProjectCommand, context.eventIds, {
      correlationId: context.correlationId,
    });

  const programmes = "/v1/livelihood/programmes";
  const projects = "/v1/livelihood/projects";
  const routes = [
    route({
      path: programmes,
      roles: ["office"],
      body: livelihoodProgrammeBody,
      run: async (body, context) => ({ handled: await programme(body.programmeId, context, { type: "OpenLivelihoodProgramme", data: body }, true) }),
    }),
    route({
      path: `${programmes}/:id/candidates`,
      roles: ["office", "deputy"],
      body: livelihoodCandidateBody,
      run: async (body, context, programmeId) => {
        const proposer = body.proposedBy.kind === "deputy" && body.proposedBy.id !== undefined ? [{ kind: "deputy" as const, id: body.proposedBy.id, path: "proposedBy.id" }] : [];
        await check([{ kind: "unit", id: body.responsibleUnitId, path: "responsibleUnitId" }, ...proposer]);
        return { handled: await programme(programmeId, context, { type: "ProposeLivelihoodCandidate", data: { ...body, programmeId } }) };
      },
    }),
    route({
      path: `${programmes}/:id/shortlist`,
      roles: ["office"],
      body: livelihoodShortlistBody,
      run: async (body, context, programmeId) => ({ handled: await programme(programmeId, context, { type: "ShortlistLivelihoodCandidates", data: { ...body, programmeId } }) }),
    }),
    route({
      path: `${programmes}/:id/attendance`,
      roles: ["office", "clerk"],
      body: livelihoodAttendanceBody,
      run: async (body, context, programmeId) => {
        await check(listReferences("deputy", "deputyIds", body.deputyIds));
        return { handled: await programme(programmeId, context, { type: "RecordLivelihoodAttendance", data: { ...body, programmeId } }) };
      },
    }),
    route({
      path: `${programmes}/:id/ballot-boxes`,
      roles: ["office"],
      body: livelihoodBallotBoxBody,
      run: async (body, context, programmeId) => ({ handled: await programme(programmeId, context, { type: "CountLivelihoodBallotBox", data: { ...body, programmeId } }) }),
    }),
    route({
      path: `${programmes}/:id/close-vote`,
      roles: ["office"],
      body: livelihoodCloseVoteBody,
      run: async (body, context, programmeId) => {
        const handled = await programme(programmeId, context, { type: "CloseLivelihoodVote", data: { ...body, programmeId } });
        const closed = handled.events.find((event) => event.type === "LivelihoodVoteClosed");
        return { handled, extra: closed === undefined ? {} : { ...(closed.data as { readonly result: Record<string, unknown> }).result } };
      },
    }),
    route({
      path: `${programmes}/:id/evaluation-rounds`,
      roles: ["office"],
      body: livelihoodEvaluationRoundBody,
      run: async (body, context, programmeId) => ({ handled: await programme(programmeId, context, { type: "OpenLivelihoodEvaluationRound", data: { ...body, programmeId } }) }),
    }),
    route({
      path: `${projects}/:id/milestones`,
      roles: ["unit"],
      body: livelihoodMilestoneBody,
      run: async (body, context, projectId) => {
        const found = await findProject(store, projectId);
        return { handled: await project(projectId, context, { type: "SetLivelihoodMilestone", data: { ...body, projectId, project: found.project } }) };
      },
    }),
    route({
      path: `${projects}/:id/progress`,
      roles: ["unit"],
      body: livelihoodProgressBody,
      run: async (body, context, projectId) => {
        const found = await findProject(store, projectId);
        return { handled: await project(projectId, context, { type: "ReportLivelihoodProgress", data: { ...body, projectId, project: found.project } }) };
      },
    }),
    route({
      path: `${projects}/:id/inspections`,
      roles: ["deputy", "office"],
      body: livelihoodInspectionBody,
      run: async (body, context, projectId) => {
        await check(listReferences("deputy", "deputyIds", body.deputyIds));
        const found = await findProject(store, projectId);
        return { handled: await project(projectId, context, { type: "RecordLivelihoodInspection", data: { ...body, projectId, project: found.project } }) };
      },
    }),
    route({
      path: `${projects}/:id/evaluations`,
      roles: ["deputy"],
      body: livelihoodEvaluationBody,
      run: async (body, context, projectId) => {
        const found = await findProject(store, projectId);
        const round = found.programme.rounds.get(body.roundId);
        return { handled: await project(projectId, context, { type: "EvaluateLivelihoodProject", data: { ...body, projectId, project: found.project, round } }) };
      },
    }),
  ];

  const router = Router();
  const authenticated = [authenticate(verifier), ...(options.afterAuth ?? [])];
  for (const { path, roles, body, run } of routes as readonly LivelihoodRoute<z.ZodType>[]) {
    router.post(
      path,
      ...authenticated,
      requireRole(...roles),
      (req, _res, next) => {
        refuseQuery(req);
        req.body = parseBody(body, req);
        requireNoPersonalDataInText(req.body);
        next();
      },
      withIdempotency(idempotency),
      async (req, res) => {
        const { backfillId, body: command } = takeBackfillId(req.body);
        const context = await underBackfill(store, writeContextOf(req, clock(), recordingGraceMs), backfillId);
        const id = path === programmes ? (command as { readonly programmeId: string }).programmeId : pathId(req);
        const { handled, extra = {} } = await run(command, context, id);
        res.status(201).json({ id, eventIds: handled.eventIds, position: handled.position, ...extra });
      },
    );
  }
  return router;
};
