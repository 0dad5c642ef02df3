import type { z } from "zod";
import type { PrincipalRole } from "../principal.js";

/**
 * What the OpenAPI document says of one route (issue 21): the zod schemas the route itself
 * validates with (body, query string), the schemas of its answers, and who may call it. Each
 * router's module exports the descriptions of the routes it serves; the contract test checks
 * that the document lists exactly the routes the routers serve.
 */

export type HttpMethod = "get" | "post";

export interface AnswerDescription {
  readonly description: string;
  /** The answer's schema (output side); absent for an answer without a body. */
  readonly schema?: z.ZodType;
  /** Default `application/json`. */
  readonly contentType?: string;
}

export interface RouteDescription {
  readonly method: HttpMethod;
  /** The path as Express mounts it (`/v1/deputies/:id/record`, `/v1/events\\:void`). */
  readonly path: string;
  /** Groups routes in the reference (e.g. `writes`, `reads`, `audit`). */
  readonly tag: string;
  readonly summary: string;
  readonly description?: string;
  /** The roles whose token passes the role check; `"anyone"` for a route without a token. */
  readonly roles: readonly PrincipalRole[] | "anyone";
  /** Path parameters by name (each `:name` of the path); default: an id (`idSchema`). */
  readonly pathParams?: Readonly<Record<string, z.ZodType>>;
  /** The query string's schema (a zod object, input side), as the route parses it. */
  readonly query?: z.ZodObject;
  /** The JSON body's schema (input side), as the route parses it. */
  readonly body?: z.ZodType;
  /** Writes honour `Idempotency-Key`. */
  readonly idempotent?: boolean;
  /** The successful answers by status (`200`, `201`); the error answers are added from `refusals`. */
  readonly answers: Readonly<Record<number, AnswerDescription>>;
  /** The problem+json statuses the route may answer (besides 401/403 for token routes, added). */
  readonly refusals?: readonly number[];
}

/** The Express path of a route as an OpenAPI path template: `:id` → `{id}`, `\\:` → `:`. */
export const openApiPathOf = (expressPath: string): string =>
  expressPath.replace(/(^|\/)([^/]*)/g, (segment) => segment.replace(/(?<!\\):([A-Za-z_][A-Za-z0-9_]*)/g, "{$1}")).replaceAll("\\:", ":");

/** The names of the path parameters of an Express path (`:id` → `id`; `\\:void` is literal). */
export const pathParamNamesOf = (expressPath: string): string[] => [...expressPath.matchAll(/(?<!\\):([A-Za-z_][A-Za-z0-9_]*)/g)].map((match) => match[1] ?? "");
