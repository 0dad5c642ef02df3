import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createAuditApi, createTransparencyApi, loadOrCreateSigningKey } from "@duty-ledger/audit";
import { createSqliteEventStore } from "@duty-ledger/event-store";
import { createSqliteIdempotencyStore, createTokenVerifier, type PrincipalRole } from "@duty-ledger/http-kit";
import { createLedgerApi, createLivelihoodApi, createRankingApi, createPeopleApi, createPeopleKeyStore, createVoiceApi } from "@duty-ledger/ledger-api";
import { createProjector } from "@duty-ledger/projector";
import { createLivelihoodQueryApi, createQueryApi, createVoiceQueryApi } from "@duty-ledger/query-api";
import type { Router } from "express";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAllInOne, type AllInOne } from "./all-in-one.test-support.js";

/**
 * docs/security.md's table "Who may call what" against the code (issue 5, point 5): the table
 * lists exactly the routes the ledger, query, audit and transparency routers serve, and for each the roles
 * that pass its role check — found by asking the all-in-one server with a token of every role
 * and seeing which are refused by the role check itself (403 "the <role> role may not do
 * this"; a finer refusal, e.g. a deputy reading another deputy's record, still counts as
 * allowed by role). `anyone` means no token is needed.
 */

const roles: readonly PrincipalRole[] = ["office", "deputy", "unit", "clerk", "auditor"];
const securityDoc = fileURLToPath(new URL("../../../docs/security.md", import.meta.url));
const roleRefusal = /^the (office|deputy|unit|clerk|auditor) role may not do this$/;

interface TableRow {
  readonly method: string;
  readonly path: string;
  /** Sorted; `["anyone"]` for endpoints without a token. */
  readonly roles: readonly string[];
}

/** The rows of the markdown table under the heading "## Who may call what". */
const documentedRows = (markdown: string): TableRow[] => {
  const section = markdown.split(/^## /m).find((part) => part.startsWith("Who may call what"));
  if (section === undefined) throw new Error('docs/security.md has no section "## Who may call what"');
  const rows = section
    .split("\n")
    .filter((line) => line.startsWith("|"))
    .map((line) => line.split("|").slice(1, -1).map((cell) => cell.trim()));
  const [header, separator, ...body] = rows;
  expect(header?.slice(0, 3)).toEqual(["method", "path", "roles"]);
  expect(separator?.every((cell) => /^:?-+:?$/.test(cell))).toBe(true);
  return body.map((cells) => ({
    method: cells[0] ?? "",
    path: (cells[1] ?? "").replaceAll("`", ""),
    roles: (cells[2] ?? "")
      .split(",")
      .map((role) => role.trim())
      .filter((role) => role !== "")
      .sort(),
  }));
};

interface RouteLayer {
  readonly route?: { readonly path: string; readonly methods: Readonly<Record<string, boolean>> };
}

const routesOf = (router: Router): { method: string; path: string }[] =>
  (router.stack as readonly RouteLayer[]).flatMap((layer) =>
    layer.route === undefined
      ? []
      : Object.keys(layer.route.methods).map((method) => ({ method: method.toUpperCase(), path: (layer.route as { path: string }).path.replaceAll("\\", "") })),
  );

let routers: { name: string; router: Router }[];
let cleanup: () => Promise<void>;
let server: AllInOne;

beforeAll(async () => {
  // The routers as `startServer` builds them, for their route lists (nothing is served from these).
  const dir = mkdtempSync(join(tmpdir(), "duty-ledger-routes-"));
  const store = createSqliteEventStore({ path: join(dir, "events.sqlite"), durability: "normal" });
  const idempotency = createSqliteIdempotencyStore({ dataDir: dir });
  const verifier = createTokenVerifier({ secret: "routes-only-secret-of-at-least-32-bytes!" });
  const projector = createProjector({ store, dataDir: dir, logger: pino({ level: "silent" }) });
  routers = [
    { name: "ledger-api", router: createLedgerApi({ store, verifier, idempotency }) },
    { name: "people", router: createPeopleApi({ store, verifier, idempotency, keys: createPeopleKeyStore({ dataDir: dir, masterKey: Buffer.alloc(32) }) }) },
    { name: "rankings", router: createRankingApi({ store, verifier, idempotency, computeRanking: () => Promise.reject(new Error("routes only")) }) },
    { name: "livelihood", router: createLivelihoodApi({ store, verifier, idempotency }) },
    { name: "query-api", router: createQueryApi({ readModels: projector.readModels, projector: projector.engine, verifier }) },
    { name: "livelihood-reads", router: createLivelihoodQueryApi({ readModels: projector.readModels, projector: projector.engine, verifier }) },
    { name: "voice", router: createVoiceApi({ store, verifier, idempotency }) },
    { name: "voice-reads", router: createVoiceQueryApi({ readModels: projector.readModels, projector: projector.engine, verifier }) },
    { name: "audit", router: createAuditApi({ store, verifier }) },
    { name: "transparency", router: createTransparencyApi({ store, verifier, signer: loadOrCreateSigningKey({ dataDir: dir }), origin: "duty-ledger/routes" }) },
  ];
  cleanup = async () => {
    await projector.stop();
    idempotency.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  };
  server = await startAllInOne();
});

afterAll(async () => {
  await server.close();
  await cleanup();
});

/** The roles whose token gets past the route's role check on the running server; `["anyone"]` when no token is needed. */
const rolesAllowed = async (method: string, path: string): Promise<string[]> => {
  const url = `${server.url}${path.replaceAll(":id", "X-1")}`;
  const init = (token?: string): RequestInit => ({
    method,
    headers: { ...(token === undefined ? {} : { authorization: `Bearer ${token}` }), ...(method === "POST" ? { "content-type": "application/json" } : {}) },
    ...(method === "POST" ? { body: "{}" } : {}),
  });
  const anonymous = await fetch(url, init());
  await anonymous.body?.cancel();
  if (anonymous.status !== 401) return ["anyone"];
  const allowed: string[] = [];
  for (const role of roles) {
    const response = await fetch(url, init(await server.token(role, `${role.toUpperCase()}-PROBE`, role === "clerk" ? "ST-PROBE" : undefined)));
    const text = await response.text();
    expect(response.status, `${role} on ${method} ${path}: ${text}`).not.toBe(401);
    expect(response.status, `${role} on ${method} ${path}: ${text}`).toBeLessThan(500);
    const detail = response.status === 403 ? String((JSON.parse(text) as { detail?: unknown }).detail) : "";
    if (!roleRefusal.test(detail)) allowed.push(role);
  }
  return allowed.sort();
};

describe("docs/security.md, Who may call what", () => {
  it("lists exactly the routes the ledger, query, audit and transparency routers serve", () => {
    const documented = documentedRows(readFileSync(securityDoc, "utf8")).map((row) => `${row.method} ${row.path}`);
    const served = routers.flatMap(({ router }) => routesOf(router)).map((route) => `${route.method} ${route.path}`);
    expect(served.length).toBeGreaterThanOrEqual(28);
    expect(new Set(documented).size, "each route once").toBe(documented.length);
    expect([...documented].sort()).toEqual([...served].sort());
  });

  it("names, for every route, exactly the roles the running server lets past its role check", async () => {
    const rows = documentedRows(readFileSync(securityDoc, "utf8"));
    const mismatches: string[] = [];
    for (const row of rows) {
      const actual = await rolesAllowed(row.method, row.path);
      if (actual.join(",") !== row.roles.join(",")) mismatches.push(`${row.method} ${row.path}: documented ${row.roles.join(", ")}; the code allows ${actual.join(", ")}`);
    }
    expect(mismatches).toEqual([]);
  });
});
