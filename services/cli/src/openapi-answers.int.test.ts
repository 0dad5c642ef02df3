import { openApiPathOf, type OpenApiDocument, type PrincipalRole } from "@duty-ledger/http-kit";
import { sendApiRequest, type ApiRequest, type ApiTarget } from "@duty-ledger/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureTokens, registerFixtureWorld, suggestionAt, t0, writeFixtures, type FixtureTokens } from "../../ledger-api/src/write-fixtures.test-support.js";
import { voiceFixtures } from "../../ledger-api/src/voice-fixtures.test-support.js";
import { startAllInOne, type AllInOne } from "./all-in-one.test-support.js";
import { ago, ballot, candidateBody, programmeBody } from "./livelihood.test-support.js";
import { createAnswerChecker, type AnswerChecker } from "./openapi-answers.test-support.js";

/**
 * Real answers of the all-in-one server against its own OpenAPI document (issue 21): every
 * route asked by every role with an empty body (the access matrix: refusals and what gets
 * through), then a history written through every write route and read back through every
 * read route. Each answer's status must be documented for its route and its body must
 * validate against the documented schema (ajv, JSON Schema 2020-12); every route must have
 * answered a documented success at least once.
 */

const roles: readonly PrincipalRole[] = ["office", "deputy", "unit", "clerk", "auditor"];

let server: AllInOne;
let document: OpenApiDocument;
let checker: AnswerChecker;
let target: ApiTarget;
let tokens: FixtureTokens;
const problems: string[] = [];
/** `METHOD template` of every route that answered a 2xx that fits the document. */
const succeeded = new Set<string>();

/** Sends `request` and checks its answer against the document. */
const ask = async (request: ApiRequest): Promise<{ status: number; body: unknown }> => {
  const method = request.method ?? (request.body === undefined && request.rawBody === undefined ? "GET" : "POST");
  const response = await sendApiRequest(target, request);
  const found = checker.problemsOf(method, request.path, response);
  problems.push(...found);
  if (found.length === 0 && response.status < 300) succeeded.add(`${method} ${checker.templateOf(request.path) ?? request.path}`);
  return { status: response.status, body: response.body };
};

const expectCreated = async (request: ApiRequest): Promise<{ id: string; eventIds: string[]; position: number }> => {
  const answer = await ask(request);
  expect(answer.status, `${request.path}: ${JSON.stringify(answer.body)}`).toBe(201);
  return answer.body as { id: string; eventIds: string[]; position: number };
};

beforeAll(async () => {
  // Claimed times of the fixtures lie in 2024: a recording grace that reaches them.
  server = await startAllInOne({ DUTY_LEDGER_RECORDING_GRACE: "P5000D" });
  target = { baseUrl: server.url, headPosition: () => server.store.headPosition() };
  document = (await (await fetch(`${server.url}/v1/openapi.json`)).json()) as OpenApiDocument;
  checker = createAnswerChecker(document);
  tokens = await fixtureTokens(server);
  await registerFixtureWorld(target, tokens);
});

afterAll(async () => {
  await server.close();
});

const operations = (): { method: string; template: string }[] =>
  Object.entries(document.paths).flatMap(([template, item]) => Object.keys(item).map((method) => ({ method: method.toUpperCase(), template })));

describe("the answers of the all-in-one server fit its OpenAPI document", () => {
  it("lists exactly the API routes the server serves (a route added without its description fails here)", () => {
    const served = server
      .routes()
      .map((route) => route.split(" "))
      .filter(([, path]) => path?.startsWith("/v1/"))
      .map(([method, path]) => `${method} ${openApiPathOf(path ?? "")}`);
    expect(served.length).toBeGreaterThanOrEqual(56);
    expect(new Set(served).size, "each route once").toBe(served.length);
    expect(operations().map(({ method, template }) => `${method} ${template}`).sort()).toEqual([...served].sort());
  });

  it("for every route asked by every role (and no token) with an empty body", async () => {
    for (const { method, template } of operations()) {
      const path = template.replace(/\{[^}]+\}/g, "X-1");
      for (const role of [undefined, ...roles]) {
        const token = role === undefined ? undefined : await server.token(role, `${role.toUpperCase()}-PROBE`, role === "clerk" ? "ST-PROBE" : undefined);
        await ask({ method: method as "GET" | "POST", path, token, ...(method === "POST" ? { body: {} } : {}) });
      }
    }
    expect(problems).toEqual([]);
  });

  it("for a history written through every write route and read through every read route", async () => {
    for (const [route, fixture] of Object.entries({ ...writeFixtures, ...voiceFixtures })) {
      const request = await fixture(target, tokens);
      await expectCreated({ path: request.path, token: request.token, body: request.body });
      expect(route).toBeTruthy();
    }
    // A contact naming people, read back and one of them erased.
    const people = await expectCreated({
      path: "/v1/contacts",
      token: tokens.d1,
      body: {
        contactId: "C-PEOPLE",
        deputyIds: ["D-1"],
        stationId: "ST-1",
        channel: "station",
        occurredAt: t0,
        constituents: 2,
        topic: "公交出行",
        summary: "群众反映早高峰公交拥挤。",
        people: [{ personId: "P-ZHANG", name: "张三丰", phone: "13812345678" }],
        opinions: [{ opinionId: "OP-9", text: "增加班次", people: [{ personId: "P-LI", name: "李四光" }] }],
      },
    });
    await ask({ path: "/v1/contacts/C-PEOPLE/people", token: tokens.office });
    await ask({ path: "/v1/contacts/C-PEOPLE/people", token: tokens.auditor });
    await ask({ path: "/v1/people/P-ZHANG/access-log", token: tokens.office });
    await expectCreated({ path: "/v1/people/P-LI/erasure", token: tokens.office, body: { at: new Date().toISOString(), reason: "本人申请删除" } });
    await ask({ path: "/v1/contacts/C-PEOPLE/people", token: tokens.office });

    // A livelihood programme voted, its adopted project followed and evaluated.
    for (const deputyId of ["D-3", "D-4", "D-5"]) await expectCreated({ path: "/v1/deputies", token: tokens.office, body: { deputyId, name: `代表 ${deputyId}`, level: "county", term: "2021-2026", constituency: "第一选区" } });
    const programme = "/v1/livelihood/programmes/LP-1";
    await expectCreated({ path: "/v1/livelihood/programmes", token: tokens.office, body: programmeBody("LP-1") });
    for (const [id, unit] of [["C-1", "U-1"], ["C-2", "U-2"], ["C-3", "U-1"]] as const) await expectCreated({ path: `${programme}/candidates`, token: tokens.office, body: candidateBody(id, unit) });
    await expectCreated({ path: `${programme}/shortlist`, token: tokens.office, body: { candidateIds: ["C-1", "C-2", "C-3"], decidedAt: ago(2), reason: "差额票决" } });
    await expectCreated({ path: `${programme}/attendance`, token: tokens.office, body: { deputyIds: ["D-1", "D-2", "D-3", "D-4"], at: ago(1.5) } });
    const yes = ballot({ "C-1": "yes", "C-2": "yes", "C-3": "no" });
    await expectCreated({ path: `${programme}/ballot-boxes`, token: tokens.office, body: { boxId: "B-1", countedAt: ago(1), ballots: [yes, yes, yes], invalid: 0 } });
    await expectCreated({ path: `${programme}/close-vote`, token: tokens.office, body: { closedAt: ago(0.5) } });
    await expectCreated({ path: `${programme}/evaluation-rounds`, token: tokens.office, body: { roundId: "R-1", opensAt: ago(1), closesAt: ago(-24) } });
    const project = "/v1/livelihood/projects/C-1";
    await expectCreated({ path: `${project}/milestones`, token: tokens.u1, body: { milestoneId: "M-1", title: "开工", dueAt: ago(-24 * 30) } });
    await expectCreated({ path: `${project}/progress`, token: tokens.u1, body: { percent: 50, spentYuan: 3_000_000, note: "路基完成", reportedAt: ago(0.3) } });
    await expectCreated({ path: `${project}/inspections`, token: tokens.d1, body: { inspectionId: "I-1", deputyIds: ["D-1"], at: ago(0.3), findings: "进度正常" } });
    await expectCreated({ path: `${project}/evaluations`, token: tokens.d1, body: { roundId: "R-1", rating: "satisfied", evaluatedAt: ago(0.2) } });

    const suggestionId = await suggestionAt(target, tokens, "replied");
    const head = await server.store.headPosition();
    const wait = `minPosition=${Math.max(head, people.position)}`;
    await ask({ path: `/v1/deputies/D-1/record?year=2024&${wait}`, token: tokens.office });
    await ask({ path: `/v1/deputies/D-1/timeline?limit=5&${wait}`, token: tokens.d1 });
    await ask({ path: `/v1/scores?period=2024&${wait}`, token: tokens.office });
    await ask({ path: `/v1/scores?period=2024&knownAt=${encodeURIComponent(new Date().toISOString())}&${wait}`, token: tokens.auditor });
    await ask({ path: `/v1/units/U-1/scores?period=2024&${wait}`, token: tokens.u1 });
    await ask({ path: `/v1/suggestions/${suggestionId}?${wait}`, token: tokens.d1 });
    await ask({ path: `/v1/suggestions/${suggestionId}?asOf=2024-04-02T00:00:00Z&${wait}`, token: tokens.office });
    for (const status of ["overdue", "due-soon", "open", "replied", "closed"]) await ask({ path: `/v1/suggestions?status=${status}&asOf=2024-06-30T00:00:00Z&${wait}`, token: tokens.office });
    await ask({ path: `/v1/units/U-1/suggestions?status=replied&${wait}`, token: tokens.u1 });
    await ask({ path: `/v1/units?${wait}`, token: tokens.office });
    await ask({ path: `/v1/rule-sets?${wait}`, token: tokens.u1 });
    await ask({ path: `${programme}?${wait}`, token: tokens.d1 });
    await ask({ path: `/v1/livelihood/programmes?year=2026&${wait}`, token: tokens.auditor });
    for (const status of ["", "status=open&", "status=answered&"]) await ask({ path: `/v1/opinions?${status}asOf=2024-03-13T00:00:00Z&${wait}`, token: tokens.office });
    await ask({ path: `/v1/opinions?limit=1&${wait}`, token: tokens.u1 });
    await ask({ path: `/v1/opinions?${wait}`, token: tokens.clerk });
    await ask({ path: `/v1/stations/ST-1/record?year=2024&${wait}`, token: tokens.clerk });
    await ask({ path: `/v1/stations/ST-1/record?year=2024&asOf=2024-03-13T00:00:00Z&${wait}`, token: tokens.auditor });
    await ask({ path: `/v1/stations/ST-1/opinions?year=2024&referred=false&${wait}`, token: tokens.clerk });
    await ask({ path: `/v1/deputies/D-1/opinions?year=2024&limit=1&${wait}`, token: tokens.d1 });
    for (const token of [tokens.d1, tokens.u1, tokens.clerk, tokens.office]) await ask({ path: `/v1/me?${wait}`, token });
    await ask({ path: `/v1/deputies?q=D&${wait}`, token: tokens.d1 });
    await ask({ path: "/v1/health" });

    const ranking = await expectCreated({ path: "/v1/rankings", token: tokens.office, body: { rankingId: "R-2024", period: "2024", asOf: "2024-12-31T23:59:59+08:00" } });
    await ask({ path: `/v1/rankings/R-2024?minPosition=${ranking.position}`, token: tokens.u2 });

    const size = await server.store.headPosition();
    await ask({ path: "/v1/audit/events?limit=3", token: tokens.auditor });
    await ask({ path: "/v1/audit/verify", token: tokens.auditor });
    await ask({ path: "/v1/audit/tree-head", token: tokens.auditor });
    await ask({ path: `/v1/audit/tree-head?treeSize=${size - 1}`, token: tokens.office });
    await ask({ path: "/v1/audit/tree-heads", token: tokens.office });
    await ask({ path: "/v1/audit/public-keys", token: tokens.d1 });
    await ask({ path: "/v1/audit/checkpoint", token: tokens.auditor });
    await ask({ path: `/v1/audit/proofs/inclusion?position=2&treeSize=${size}`, token: tokens.auditor });
    await ask({ path: `/v1/audit/proofs/consistency?from=3&to=${size}`, token: tokens.auditor });
    await ask({ path: "/v1/openapi.json" });

    // Refusals past the role check: 404, 409, 422.
    await ask({ path: "/v1/suggestions/S-NONE", token: tokens.office });
    await ask({ path: "/v1/rankings", token: tokens.office, body: { rankingId: "R-2024", period: "2024", asOf: "2024-12-31T23:59:59+08:00" } });
    await ask({ path: "/v1/units", token: tokens.office, body: { unitId: "U-LATER", name: "县文旅局" }, headers: { "idempotency-key": "k-1" } });
    await ask({ path: "/v1/suggestions", token: tokens.d1, body: { leadDeputyId: "D-1", coSignerIds: [], title: "t", body: "b", phase: "recess", session: "2024", submittedAt: "2099-01-01T00:00:00Z" } });

    expect(problems).toEqual([]);
    const missing = operations()
      .map(({ method, template }) => `${method} ${template}`)
      .filter((operation) => !succeeded.has(operation));
    expect(missing).toEqual([]);
  });

  it("for hostile requests (the hostile-input suite's kinds): malformed, oversized, mistyped, doubled", async () => {
    const before = problems.length;
    const big = JSON.stringify({ unitId: "U-BIG", name: "x".repeat(2_000_000) });
    const hostile: ApiRequest[] = [
      { path: "/v1/units", token: tokens.office, rawBody: "{not json" },
      { path: "/v1/units", token: tokens.office, rawBody: big },
      { path: "/v1/units", token: tokens.office, rawBody: '{"unitId":"U-9","unitId":"U-8","name":"x"}' },
      { path: "/v1/units", token: tokens.office, rawBody: new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]) },
      { path: "/v1/units", token: tokens.office, rawBody: "unitId=U-9", headers: { "content-type": "application/x-www-form-urlencoded" } },
      { path: "/v1/units", token: tokens.office, body: [] },
      { path: "/v1/units?dryRun=1", token: tokens.office, body: { unitId: "U-9", name: "x" } },
      { path: "/v1/units", token: tokens.office, body: { unitId: "U 9", name: "", extra: true } },
      { path: "/v1/units", token: "not-a-jwt", body: { unitId: "U-9", name: "x" } },
      { path: "/v1/scores?period=2024&period=2025", token: tokens.office },
      { path: "/v1/scores?perod=2024", token: tokens.office },
      { path: "/v1/suggestions?limit=1e2", token: tokens.office },
      { path: "/v1/audit/proofs/inclusion?position=0&treeSize=1", token: tokens.auditor },
      { path: "/v1/audit/proofs/inclusion?position=1&treeSize=999999", token: tokens.auditor },
      { path: "/v1/deputies/D-NONE/record", token: tokens.office },
      { path: "/v1/deputies/D-1/timeline?cursor=garbage", token: tokens.d1 },
    ];
    for (const request of hostile) {
      const answer = await ask(request);
      expect(answer.status, request.path).toBeGreaterThanOrEqual(400);
    }
    expect(problems.slice(before)).toEqual([]);
  });

  it("serves the interactive reference at /docs from swagger-ui-dist, under a strict CSP", async () => {
    const page = await fetch(`${server.url}/docs`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    const policy = page.headers.get("content-security-policy") ?? "";
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("default-src 'none'");
    expect(policy).not.toMatch(/unsafe-|https?:/);
    expect(html).not.toMatch(/https?:\/\//);
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? "");
    expect(sources.length).toBeGreaterThanOrEqual(4);
    for (const source of sources) {
      const asset = await fetch(`${server.url}${source}`);
      expect(asset.status, source).toBe(200);
      await asset.arrayBuffer();
    }
    const init = await (await fetch(`${server.url}/docs/assets/reference-init.js`)).text();
    expect(init).toContain('"/v1/openapi.json"');
  });
});
