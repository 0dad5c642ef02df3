import { createHash } from "node:crypto";
import { join } from "node:path";
import { Writable } from "node:stream";
import { runAuditCommand } from "@duty-ledger/audit";
import { shanghaiYearOf } from "@duty-ledger/domain";
import { canonicalJson } from "@duty-ledger/event-store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAllInOne, type AllInOne } from "./all-in-one.test-support.js";

/**
 * A ranking published through the real all-in-one server (`duty-ledger start`), then recomputed
 * by the auditor's CLI (`duty-ledger audit replay --ranking`, through `runAuditCommand`) from the
 * first `treeSize` events of the store — after a back-dated reply was recorded, which changes
 * the live scores as of that date but neither the published ranking nor its replay. A
 * publication forged into the store (an answer its log does not yield) is a mismatch, exit 1.
 */

let server: AllInOne;
let office: string;
const started = Date.now();
const ago = (hours: number): string => new Date(started - hours * 3_600_000).toISOString();
const period = String(shanghaiYearOf(ago(58)));
const asOf = ago(1);

const post = async (path: string, token: string, body: unknown): Promise<{ status: number; body: Record<string, unknown>; text: string }> => {
  const response = await fetch(`${server.url}${path}`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as Record<string, unknown>, text };
};
const written = async (path: string, token: string, body: unknown): Promise<Record<string, unknown>> => {
  const response = await post(path, token, body);
  expect(response.status, `${path}: ${response.text}`).toBe(201);
  return response.body;
};
const get = async (path: string, token: string): Promise<{ status: number; text: string }> => {
  const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, text: await response.text() };
};

const audit = async (...argv: string[]): Promise<{ code: number; out: string; err: string }> => {
  const capture = () => {
    const chunks: Buffer[] = [];
    const stream = new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        chunks.push(Buffer.from(chunk));
        done();
      },
    });
    return { stream, text: () => Buffer.concat(chunks).toString("utf8") };
  };
  const out = capture();
  const err = capture();
  const code = await runAuditCommand({ argv, env: {}, stdout: out.stream, stderr: err.stream });
  return { code, out: out.text(), err: err.text() };
};

beforeAll(async () => {
  server = await startAllInOne({ DUTY_LEDGER_RATE_LIMIT_PER_IP: "0", DUTY_LEDGER_RATE_LIMIT_PER_SUBJECT: "0" });
  office = await server.token("office", "OFFICE-1");
  const d1 = await server.token("deputy", "D-1");
  const u1 = await server.token("unit", "U-1");
  await written("/v1/deputies", office, { deputyId: "D-1", name: "王芳", level: "county", term: "2021-2026", constituency: "城关镇" });
  await written("/v1/units", office, { unitId: "U-1", name: "县交通运输局" });
  for (let i = 1; i <= 5; i += 1) {
    const id = `S-${i}`;
    await written("/v1/suggestions", d1, { suggestionId: id, leadDeputyId: "D-1", coSignerIds: [], title: `建议 ${id}`, body: "建议内容。", phase: "recess", session: period, submittedAt: ago(60) });
    await written(`/v1/suggestions/${id}/pre-review`, office, { outcome: "accept", reason: "符合要求", reviewedAt: ago(59) });
    await written(`/v1/suggestions/${id}/assignment`, office, { leadUnitId: "U-1", coUnitIds: [], assignedAt: ago(58), complex: false });
  }
  await written("/v1/suggestions/S-1/reply", u1, { unitId: "U-1", category: "A", repliedAt: ago(50), text: "已解决。" });
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe("a published ranking, replayed by the auditor's CLI", () => {
  let published: Record<string, unknown>;
  let served: string;

  it("is published through the real server and served byte for byte, unchanged by a back-dated reply recorded later", async () => {
    published = await written("/v1/rankings", office, { rankingId: "R-E2E", period, asOf });
    // Computed on the log before its own event: the first position - 1 events.
    expect(published["treeSize"]).toBe(Number(published["position"]) - 1);
    const first = await get(`/v1/rankings/R-E2E?minPosition=${String(published["position"])}`, office);
    expect(first.status, first.text).toBe(200);
    served = first.text;

    const u1 = await server.token("unit", "U-1");
    const late = await written("/v1/suggestions/S-2/reply", u1, { unitId: "U-1", category: "A", repliedAt: ago(57), text: "已解决（补录）。" });
    const scores = await get(`/v1/scores?period=${period}&asOf=${encodeURIComponent(asOf)}&minPosition=${String(late["position"])}`, office);
    const answer = (JSON.parse(served) as { answer: { units: { indicators: { completion: number } }[] } }).answer;
    expect((JSON.parse(scores.text) as { units: { indicators: { completion: number } }[] }).units[0]?.indicators.completion).not.toBe(answer.units[0]?.indicators.completion);
    expect((await get(`/v1/rankings/R-E2E?minPosition=${String(late["position"])}`, office)).text).toBe(served);
  });

  it("audit replay --ranking recomputes it from the first treeSize events: same answer, digest and root (exit 0)", async () => {
    const result = await audit("replay", "--ranking", "R-E2E", "--store-url", join(server.dataDir, "events.sqlite"));
    expect(result.code, result.err + result.out).toBe(0);
    expect(result.out).toContain(`answer MATCHES: published sha-256 ${String(published["answerDigest"])}`);
    expect(result.out).toContain(`root MATCHES: published ${String(published["rootHash"])}`);
    expect(result.out.trim().endsWith("OK")).toBe(true);

    const json = await audit("replay", "--ranking", "R-E2E", "--json", "--store-url", join(server.dataDir, "events.sqlite"));
    expect(JSON.parse(json.out)).toMatchObject({ rankingId: "R-E2E", treeSize: published["treeSize"], answerMatches: true, rootMatches: true, differences: [], ok: true });
  });

  it("a publication its log does not yield is a MISMATCH naming the figure (exit 1); an unknown ranking is exit 1; other replay flags are a usage error (exit 2)", async () => {
    const { answer } = JSON.parse(served) as { answer: { units: { index: number }[] } & Record<string, unknown> };
    const forged = { ...answer, units: answer.units.map((unit) => ({ ...unit, index: 99 })) };
    const head = await server.store.headPosition();
    const root = (await server.store.transparencyLog?.treeHead(head))?.rootHash ?? "";
    await server.store.append("ranking-R-FORGED", [
      {
        id: "forged-1",
        type: "RankingPublished",
        data: { ...published, rankingId: "R-FORGED", period, rules: "default-2024@1", asOf, knownAt: answer["knownAt"], treeSize: head, rootHash: root, answerDigest: createHash("sha256").update(canonicalJson(forged)).digest("hex"), answer: forged },
        metadata: { actor: { id: "OFFICE-1", role: "office" } },
      },
    ].map(({ data, ...event }) => ({ ...event, data: Object.fromEntries(Object.entries(data).filter(([key]) => !["id", "eventIds", "position"].includes(key))) })));
    const forgedRun = await audit("replay", "--ranking", "R-FORGED", "--store-url", join(server.dataDir, "events.sqlite"));
    expect(forgedRun.code).toBe(1);
    expect(forgedRun.out).toContain("answer DIFFERS");
    expect(forgedRun.out).toContain("index");
    expect(forgedRun.out.trim().endsWith("MISMATCH")).toBe(true);

    const missing = await audit("replay", "--ranking", "R-NONE", "--store-url", join(server.dataDir, "events.sqlite"));
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("no ranking R-NONE");
    expect((await audit("replay", "--ranking", "R-E2E", "--as-of", "5", "--store-url", join(server.dataDir, "events.sqlite"))).code).toBe(2);
  });
});
