import { describe, expect, it } from "vitest";
import { z } from "zod";
import { buildOpenApiDocument, operationIdOf } from "./openapi-document.js";
import { openApiPathOf, pathParamNamesOf, type RouteDescription } from "./route-description.js";

const info = { title: "t", version: "1", description: "d" };

const route = (overrides: Partial<RouteDescription> = {}): RouteDescription => ({
  method: "get",
  path: "/v1/things/:id",
  tag: "reads",
  summary: "a thing",
  roles: ["office"],
  answers: { 200: { description: "the thing", schema: z.strictObject({ id: z.string() }) } },
  ...overrides,
});

describe("buildOpenApiDocument", () => {
  it("turns Express paths into path templates (an escaped colon is literal)", () => {
    expect(openApiPathOf("/v1/deputies/:id/record")).toBe("/v1/deputies/{id}/record");
    expect(openApiPathOf("/v1/events\\:void")).toBe("/v1/events:void");
    expect(pathParamNamesOf("/v1/events\\:void")).toEqual([]);
    expect(operationIdOf({ method: "post", path: "/v1/suggestions/:id/pre-review" })).toBe("postSuggestionsIdPreReview");
  });

  it("describes path ids, query parameters (input side, required or not), the body and the answers with problem+json refusals", () => {
    const query = z.strictObject({ limit: z.string().regex(/^\d+$/).transform(Number).describe("how many").optional(), from: z.string() });
    const body = z.strictObject({ name: z.string().min(1) });
    const doc = buildOpenApiDocument(info, [route({ method: "post", query, body, idempotent: true, refusals: [404] })], [{ name: "reads", description: "r" }]);
    const operation = doc.paths["/v1/things/{id}"]?.["post"] as Record<string, any>;
    expect(operation["parameters"].map((p: any) => [p.name, p.in, p.required])).toEqual([
      ["id", "path", true],
      ["limit", "query", false],
      ["from", "query", true],
      ["Idempotency-Key", "header", false],
    ]);
    expect(operation["parameters"][1].description).toBe("how many");
    expect(operation["requestBody"].content["application/json"].schema).toMatchObject({ type: "object", required: ["name"], additionalProperties: false });
    expect(Object.keys(operation["responses"])).toEqual(["200", "400", "401", "403", "404", "429"]);
    expect(operation["responses"]["404"]).toEqual({ $ref: "#/components/responses/Problem404" });
    expect(operation["x-roles"]).toEqual(["office"]);
    expect((doc["components"] as any).responses["Problem404"].content["application/problem+json"].schema).toEqual({ $ref: "#/components/schemas/Problem" });
  });

  it("marks routes without a token (security: [], no 401/403) and refuses a route described twice", () => {
    const doc = buildOpenApiDocument(info, [route({ path: "/v1/health", roles: "anyone" })], []);
    const operation = doc.paths["/v1/health"]?.["get"] as Record<string, any>;
    expect(operation["security"]).toEqual([]);
    expect(Object.keys(operation["responses"])).toEqual(["200", "429"]);
    expect(() => buildOpenApiDocument(info, [route(), route()], [])).toThrow(/described twice/);
  });
});
