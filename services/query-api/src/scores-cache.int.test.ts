import { request, type IncomingHttpHeaders } from "node:http";
import { buildScoresAnswer, defaultRuleSet, type SuggestionFacts } from "@duty-ledger/scoring";
import { seedStore } from "@duty-ledger/generator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestQuerySide, type TestQuerySide } from "./test-query-side.test-support.js";

/**
 * GET /v1/scores answers from a cache (scores-cache.ts): over a generated county history,
 * the answer must be byte for byte what scoring the read models' facts gives, for an asOf
 * at, just before and just after the facts' instants, and must follow a new write.
 */

let side: TestQuerySide;
let office: string;
let facts: SuggestionFacts[];

const scoresPath = (asOf: string): string => `/v1/scores?period=2024&asOf=${encodeURIComponent(asOf)}`;
/** The query side's clock during the reads: every answer's `knownAt` (the time of the request). */
const NOW = "2026-11-21T10:00:00.000+08:00";
const expected = (asOf: string, list = facts): string => JSON.stringify(buildScoresAnswer(list, { period: "2024", asOf, knownAt: NOW, ruleSet: defaultRuleSet }));

beforeAll(async () => {
  side = await startTestQuerySide({ now: "2024-01-01T00:00:00+08:00" });
  // recordedAt follows the simulated time, as with `duty-ledger seed`.
  await seedStore(side.store, { profile: "county", seed: 3 }, { clock: { now: () => new Date(), set: (ms) => side.setNow(new Date(ms).toISOString()) } });
  side.setNow("2026-11-21T10:00:00+08:00");
  await side.settle();
  office = await side.token("office", "OFFICE-1");
  facts = await side.readModels.listFacts("2024");
}, 180_000);

afterAll(async () => {
  await side?.close();
});

const plainRequest = (method: "GET" | "HEAD", path: string, headers: Record<string, string>): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> =>
  new Promise((resolve, reject) => {
    const sent = request(`${side.baseUrl}${path}`, { method, headers }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    sent.on("error", reject);
    sent.end();
  });

describe("GET /v1/scores from the scores cache", () => {
  it("answers exactly what scoring the facts answers, for asOf around the facts' instants", async () => {
    expect(facts.length).toBeGreaterThan(50);
    const instants = facts
      .flatMap((f) => [f.assignedAt, ...f.replies.map((r) => r.repliedAt), ...f.evaluations.map((e) => e.evaluatedAt), ...f.publications.map((p) => p.publishedAt), ...f.steps.map((s) => s.occurredAt)])
      .map((iso) => Date.parse(iso))
      .sort((a, b) => a - b);
    const picked = Array.from({ length: 25 }, (_, i) => instants[Math.floor((i * (instants.length - 1)) / 24)] as number);
    for (const ms of picked) {
      for (const asOf of [new Date(ms - 1).toISOString(), new Date(ms).toISOString(), new Date(ms + 1).toISOString()]) {
        const response = await side.get(scoresPath(asOf), office);
        expect(response.status).toBe(200);
        expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
        expect(response.text, asOf).toBe(expected(asOf));
      }
    }
  }, 120_000);

  it("sends the chunks with their length, 304 to a request holding the ETag, and HEAD without a body", async () => {
    const asOf = "2024-12-31T23:59:59.999+08:00";
    const first = await side.get(scoresPath(asOf), office);
    expect(first.status).toBe(200);
    expect(Number(first.headers.get("content-length"))).toBe(Buffer.byteLength(expected(asOf), "utf8"));
    const etag = first.headers.get("etag") ?? "";
    const authorization = `Bearer ${office}`;

    // node:http, not fetch: fetch adds `Cache-Control: no-cache` to a conditional request, and
    // the server rightly answers that one in full.
    const fresh = await plainRequest("GET", scoresPath(asOf), { authorization, "if-none-match": etag });
    expect(fresh.status).toBe(304);
    expect(fresh.body).toBe("");
    const stale = await plainRequest("GET", scoresPath(asOf), { authorization, "if-none-match": 'W/"0-stale"' });
    expect(stale.status).toBe(200);
    expect(stale.body).toBe(expected(asOf));

    const head = await plainRequest("HEAD", scoresPath(asOf), { authorization });
    expect(head.status).toBe(200);
    expect(head.headers["content-length"]).toBe(first.headers.get("content-length"));
    expect(head.headers["etag"]).toBe(etag);
    expect(head.body).toBe("");
  });

  it("answers the default asOf (now) the same each time, and a write's effect at once", async () => {
    const first = await side.get("/v1/scores?period=2024", office);
    const again = await side.get("/v1/scores?period=2024", office);
    const asOf = (first.body as { asOf: string }).asOf;
    expect(asOf).toBe("2026-11-21T10:00:00.000+08:00");
    expect(first.text).toBe(expected(asOf));
    expect(again.text).toBe(first.text);
    expect(again.headers.get("etag")).toMatch(/^W\/"/);
    expect(again.headers.get("etag")).toBe(first.headers.get("etag"));

    // Void a step whose absence changes the answer (found by scoring without it).
    const without = (eventId: string): SuggestionFacts[] => facts.map((f) => ({ ...f, steps: f.steps.filter((step) => step.eventId !== eventId) }));
    const step = facts
      .flatMap((f) => f.steps.filter((candidate) => candidate.unitId === f.leadUnitId))
      .find((candidate) => expected(asOf, without(candidate.eventId)) !== first.text);
    expect(step).toBeDefined();
    const written = await side.write("/v1/events:void", office, { eventId: step?.eventId, reason: "recorded twice" });
    const after = await side.get(`/v1/scores?period=2024&minPosition=${written.position}`, office);
    expect(after.status).toBe(200);
    expect(Number(after.headers.get("x-read-model-position"))).toBeGreaterThanOrEqual(written.position);
    expect(after.text).not.toBe(first.text);
    expect(after.headers.get("etag")).not.toBe(first.headers.get("etag"));
    expect(after.text).toBe(expected(asOf, await side.readModels.listFacts("2024")));
    expect(after.text).toBe(expected(asOf, without(step?.eventId ?? "")));
  }, 60_000);
});
