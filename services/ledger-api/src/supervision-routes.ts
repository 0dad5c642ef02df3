import type { SuggestionCommand } from "@duty-ledger/domain";
import type { PrincipalRole } from "@duty-ledger/http-kit";
import type { Request } from "express";
import type { z } from "zod";
import type { Handled } from "./command-handler.js";
import { listReferences, type Reference } from "./reference-checks.js";
import { extensionRequestBody, reassignmentBody, requestRefusalBody, returnRequestBody, supervisionBody } from "./supervision-bodies.js";
import type { WriteContext } from "./write-context.js";

/**
 * The write routes of 督办 and the lead unit's requests (design/voice-and-supervision.md): the
 * office's supervision acts, the lead unit's extension and return (退回/改办) requests, and the
 * office's answers (a refusal, or the existing extension, or a reassignment). `createLedgerApi`
 * serves them as its other suggestion routes (query refused, body validated, role checked,
 * `Idempotency-Key` honoured, a refusal appends nothing).
 */

export interface SupervisionRoute<S extends z.ZodType> {
  readonly path: string;
  readonly roles: readonly PrincipalRole[];
  readonly body: S;
  readonly run: (body: z.infer<S>, context: WriteContext, req: Request) => Promise<{ readonly id: string; readonly eventIds: readonly string[]; readonly position: number; readonly [extra: string]: unknown }>;
}

export interface SupervisionRouteDeps {
  /** Decides a command on the suggestion's stream and appends. */
  readonly suggestion: (id: string, context: WriteContext, command: (suggestionId: string) => Pick<SuggestionCommand, "type" | "data">) => Promise<Handled>;
  /** 422 naming the field for an unregistered reference. */
  readonly check: (references: readonly Reference[]) => Promise<void>;
  readonly pathId: (req: Request) => string;
}

const route = <S extends z.ZodType>(definition: SupervisionRoute<S>): SupervisionRoute<S> => definition;

const answer = (id: string, handled: Handled, extra: Record<string, unknown> = {}) => ({ id, eventIds: handled.eventIds, position: handled.position, ...extra });

export const supervisionRoutes = ({ suggestion, check, pathId }: SupervisionRouteDeps) => [
  route({
    path: "/v1/suggestions/:id/supervision",
    roles: ["office"],
    body: supervisionBody,
    run: async (body, context, req) => {
      const id = pathId(req);
      return answer(id, await suggestion(id, context, (suggestionId) => ({ type: "RecordSupervision", data: { ...body, suggestionId } })));
    },
  }),
  route({
    path: "/v1/suggestions/:id/extension-request",
    roles: ["unit"],
    body: extensionRequestBody,
    run: async (body, context, req) => {
      const id = pathId(req);
      return answer(id, await suggestion(id, context, (suggestionId) => ({ type: "RequestExtension", data: { ...body, suggestionId } })));
    },
  }),
  route({
    path: "/v1/suggestions/:id/extension-request/refusal",
    roles: ["office"],
    body: requestRefusalBody,
    run: async (body, context, req) => {
      const id = pathId(req);
      return answer(id, await suggestion(id, context, (suggestionId) => ({ type: "RefuseExtensionRequest", data: { ...body, suggestionId } })));
    },
  }),
  route({
    path: "/v1/suggestions/:id/return-request",
    roles: ["unit"],
    body: returnRequestBody,
    run: async (body, context, req) => {
      const id = pathId(req);
      return answer(id, await suggestion(id, context, (suggestionId) => ({ type: "RequestReturn", data: { ...body, suggestionId } })));
    },
  }),
  route({
    path: "/v1/suggestions/:id/return-request/refusal",
    roles: ["office"],
    body: requestRefusalBody,
    run: async (body, context, req) => {
      const id = pathId(req);
      return answer(id, await suggestion(id, context, (suggestionId) => ({ type: "RefuseReturnRequest", data: { ...body, suggestionId } })));
    },
  }),
  route({
    path: "/v1/suggestions/:id/reassignment",
    roles: ["office"],
    body: reassignmentBody,
    run: async (body, context, req) => {
      const id = pathId(req);
      await check([{ kind: "unit", id: body.leadUnitId, path: "leadUnitId" }, ...listReferences("unit", "coUnitIds", body.coUnitIds)]);
      const handled = await suggestion(id, context, (suggestionId) => ({ type: "ReassignSuggestion", data: { ...body, suggestionId } }));
      const reassigned = handled.events.find((event) => event.type === "SuggestionReassigned");
      const data = reassigned?.data as { readonly dueAt: string; readonly policy: unknown } | undefined;
      return answer(id, handled, data === undefined ? {} : { dueAt: data.dueAt, policy: data.policy });
    },
  }),
];
