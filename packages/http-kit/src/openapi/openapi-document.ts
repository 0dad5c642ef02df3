import { idSchema } from "@duty-ledger/domain";
import type { z } from "zod";
import { problemAnswer, problemSchema } from "./common-answers.js";
import { jsonSchemaOf, type JsonSchema } from "./json-schema-of.js";
import { openApiPathOf, pathParamNamesOf, type AnswerDescription, type RouteDescription } from "./route-description.js";

export interface OpenApiInfo {
  readonly title: string;
  readonly version: string;
  readonly description: string;
}

export type OpenApiDocument = Record<string, unknown> & { readonly paths: Record<string, Record<string, unknown>> };

const bearer = "bearer";

const problemResponseName = (status: number): string => `Problem${status}`;

/** The problem+json answers the operations refer to, once each. */
const problemResponses = (paths: Record<string, Record<string, unknown>>): Record<string, unknown> => {
  const used = new Set(JSON.stringify(paths).match(/#\/components\/responses\/Problem\d{3}/g) ?? []);
  const statuses = [...used].map((ref) => Number(ref.slice(-3))).sort((a, b) => a - b);
  return Object.fromEntries(
    statuses.map((status) => {
      const { description, contentType } = problemAnswer(status);
      return [problemResponseName(status), { description, content: { [contentType ?? "application/json"]: { schema: { $ref: "#/components/schemas/Problem" } } } }];
    }),
  );
};

const parameter = (location: "path" | "query", name: string, schema: JsonSchema, required: boolean): Record<string, unknown> => {
  const { description, ...rest } = schema;
  return { name, in: location, required, schema: rest, ...(typeof description === "string" ? { description } : {}) };
};

const queryParameters = (query: z.ZodObject): Record<string, unknown>[] => {
  const schema = jsonSchemaOf(query, "input");
  const properties = (schema["properties"] ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema["required"] ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => parameter("query", name, property, required.has(name)));
};

const answerOf = (answer: AnswerDescription): Record<string, unknown> => ({
  description: answer.description,
  ...(answer.schema === undefined ? {} : { content: { [answer.contentType ?? "application/json"]: { schema: jsonSchemaOf(answer.schema, "output") } } }),
});

const rolesText = (roles: RouteDescription["roles"]): string => (roles === "anyone" ? "No token needed." : `Roles: ${roles.join(", ")}.`);

/** A stable operationId from method and path: `get /v1/deputies/:id/record` → `getDeputiesIdRecord`. */
export const operationIdOf = (route: Pick<RouteDescription, "method" | "path">): string =>
  route.method +
  openApiPathOf(route.path)
    .replace(/^\/v1/, "")
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== "")
    .map((word) => word[0]?.toUpperCase() + word.slice(1))
    .join("");

const operationOf = (route: RouteDescription): Record<string, unknown> => {
  const names = pathParamNamesOf(route.path);
  const parameters = [
    ...names.map((name) => parameter("path", name, jsonSchemaOf(route.pathParams?.[name] ?? idSchema, "input"), true)),
    ...(route.query === undefined ? [] : queryParameters(route.query)),
    ...(route.idempotent === true
      ? [{ name: "Idempotency-Key", in: "header", required: false, description: "Replays the first answer for a repeated key and body (409 for another body).", schema: { type: "string", minLength: 1, maxLength: 255 } }]
      : []),
  ];
  // Every route may be rate limited (429); a route with a token may be refused it (401, 403).
  const refusals = new Set([429, ...(route.roles === "anyone" ? [] : [401, 403]), ...(route.refusals ?? []), ...(route.query === undefined && names.length === 0 && route.body === undefined ? [] : [400])]);
  const responses: Record<string, unknown> = {};
  for (const [status, answer] of Object.entries(route.answers)) responses[status] = answerOf(answer);
  for (const status of [...refusals].sort((a, b) => a - b)) responses[String(status)] = { $ref: `#/components/responses/${problemResponseName(status)}` };
  return {
    operationId: operationIdOf(route),
    tags: [route.tag],
    summary: route.summary,
    description: [route.description, rolesText(route.roles)].filter((text) => text !== undefined).join("\n\n"),
    ...(route.roles === "anyone" ? { security: [] } : {}),
    ...(parameters.length === 0 ? {} : { parameters }),
    ...(route.body === undefined ? {} : { requestBody: { required: true, content: { "application/json": { schema: jsonSchemaOf(route.body, "input") } } } }),
    responses,
    ...(route.roles === "anyone" ? {} : { "x-roles": [...route.roles].sort() }),
  };
};

/**
 * The OpenAPI 3.1 document of the routes described (issue 21): bodies, query strings and path
 * parameters from the zod schemas the routes validate with, answers from their answer schemas,
 * problem+json for the refusals. One route per method and path; a duplicate is an error.
 */
export const buildOpenApiDocument = (info: OpenApiInfo, routes: readonly RouteDescription[], tags: readonly { name: string; description: string }[]): OpenApiDocument => {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = openApiPathOf(route.path);
    const item = (paths[path] ??= {});
    if (item[route.method] !== undefined) throw new Error(`${route.method.toUpperCase()} ${path} is described twice`);
    item[route.method] = operationOf(route);
  }
  return {
    openapi: "3.1.1",
    info: { title: info.title, version: info.version, description: info.description, license: { name: "UNLICENSED", identifier: "UNLICENSED" }, contact: { name: "duty-ledger" } },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    servers: [{ url: "/", description: "this server" }],
    tags: tags.map((tag) => ({ ...tag })),
    security: [{ [bearer]: [] }],
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    components: {
      schemas: { Problem: jsonSchemaOf(problemSchema, "output") },
      responses: problemResponses(paths),
      securitySchemes: { [bearer]: { type: "http", scheme: "bearer", bearerFormat: "JWT", description: "A token of the configured issuer (or `duty-ledger token`)." } },
    },
  };
};
