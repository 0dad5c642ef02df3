import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { OpenApiDocument } from "@duty-ledger/http-kit";
import { Validator } from "@seriousme/openapi-schema-validator";
import { Spectral } from "@stoplight/spectral-core";
import { oas } from "@stoplight/spectral-rulesets";
import { beforeAll, describe, expect, it } from "vitest";
import { buildApiDocument } from "./api-document.js";

/**
 * The OpenAPI document of the all-in-one server (issue 21): a valid OpenAPI 3.1 document,
 * clean under Spectral's `oas` ruleset, each route with the roles docs/security.md gives it.
 * That it lists exactly the routes the server serves: openapi-answers.int.test.ts.
 */

const securityDoc = fileURLToPath(new URL("../../../docs/security.md", import.meta.url));

let document: OpenApiDocument;

beforeAll(() => {
  document = buildApiDocument();
});

const operations = (doc: OpenApiDocument): { key: string; operation: Record<string, unknown> }[] =>
  Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, operation: operation as Record<string, unknown> })));

describe("GET /v1/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const result = await new Validator().validate(structuredClone(document) as Parameters<Validator["validate"]>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(document["openapi"]).toMatch(/^3\.1\./);
  });

  it("passes Spectral's oas ruleset without an error or a warning", async () => {
    const spectral = new Spectral();
    // The package types `oas` apart from what `setRuleset` takes (a ruleset definition without `extends`).
    spectral.setRuleset(oas as unknown as Parameters<Spectral["setRuleset"]>[0]);
    const results = await spectral.run(JSON.stringify(document));
    // severity: 0 error, 1 warning, 2 information, 3 hint
    const findings = results.filter((result) => result.severity <= 1).map((result) => `${result.code} at ${result.path.join(".")}: ${result.message}`);
    expect(findings).toEqual([]);
  });

  it("gives each route the roles of docs/security.md's table", () => {
    const table = readFileSync(securityDoc, "utf8").split(/^## /m).find((part) => part.startsWith("Who may call what")) ?? "";
    const rows = table
      .split("\n")
      .filter((line) => /^\| (GET|POST) /.test(line))
      .map((line) => line.split("|").map((cell) => cell.trim()))
      // The table writes `/v1/events:void` unescaped: only a `:name` that starts a segment is a parameter there.
      .map(([, method, path, roles]) => [`${method} ${(path ?? "").replaceAll("`", "").replace(/\/:([A-Za-z_]\w*)/g, "/{$1}")}`, (roles ?? "").split(",").map((role) => role.trim()).sort().join(",")]);
    const documented = new Map(rows as [string, string][]);
    const mismatches = operations(document).flatMap(({ key, operation }) => {
      if (key === "GET /v1/openapi.json") return operation["security"] === undefined ? [`${key}: needs no token`] : [];
      const roles = operation["x-roles"] === undefined ? "anyone" : (operation["x-roles"] as string[]).join(",");
      const expected = documented.get(key);
      return expected === roles ? [] : [`${key}: the document says ${roles}, docs/security.md ${expected ?? "nothing"}`];
    });
    expect(mismatches).toEqual([]);
  });
});
