import { z } from "zod";
import { problemContentType } from "../problem.js";
import type { AnswerDescription } from "./route-description.js";

/** The answers every route shares: problem+json (RFC 9457) and the 201 of a write. */

export const fieldErrorSchema = z.object({ path: z.string(), message: z.string() });

/** An RFC 9457 problem details document (`ProblemDetails`); extra members may follow (e.g. `wanted`, `reached`). */
export const problemSchema = z.looseObject({
  type: z.string().describe("`/problems/<kind>` for duty-ledger's kinds; `about:blank` for plain HTTP statuses"),
  title: z.string(),
  status: z.int().min(400).max(599),
  detail: z.string(),
  code: z.string().optional().describe("the kind of problem, as the last segment of `type`"),
  errors: z.array(fieldErrorSchema).optional().describe("the failing fields (400, 422)"),
  requestId: z.string().optional(),
});

/** The 201 answer of every write: the entity, the events appended, the last position; some writes add members (e.g. `dueAt`). */
export const writeAnswerSchema = z.looseObject({
  id: z.string(),
  eventIds: z.array(z.string()).min(1),
  position: z.int().min(0),
});

const problemTitles: Readonly<Record<number, string>> = {
  400: "Invalid request (body, query string or path)",
  401: "No valid bearer token",
  403: "The caller's role or identity may not do this",
  404: "No such entity",
  409: "Conflict (already recorded, concurrent write, idempotency key reused with another body)",
  413: "Body too large",
  415: "Not a JSON body",
  422: "Refused by a domain rule",
  429: "Too many requests",
  503: "Not available now (read models behind, a verification running); retry after `Retry-After`",
};

/** The problem+json answer of a status. */
export const problemAnswer = (status: number): AnswerDescription => ({
  description: problemTitles[status] ?? "Problem",
  schema: problemSchema,
  contentType: problemContentType,
});

export const writeAnswer = (description = "Recorded: the entity, the events appended and the last position"): AnswerDescription => ({ description, schema: writeAnswerSchema });
