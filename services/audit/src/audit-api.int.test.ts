import { join } from "node:path";
import type { SqliteEventStore } from "@duty-ledger/event-store";
import { createTokenVerifier, principalRoles, signToken, type PrincipalRole } from "@duty-ledger/http-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuditApi, type AuditEventsPage } from "./audit-api.js";
import { openStore, rowsOf, serveRoutes, streamWithEvents, tamper, tempDir, writeSampleStore, type EventRow } from "./audit.test-support.js";
import { exportedEventLine } from "./exported-event.js";
import type { LogVerification } from "./verify-log.js";

const secret = "audit-test-secret-of-at-least-32-bytes!";

let temp: ReturnType<typeof tempDir>;
let path: string;
let store: SqliteEventStore;
let served: Awaited<ReturnType<typeof serveRoutes>>;
let baseUrl: string;
let head: number;

beforeAll(async () => {
  temp = tempDir("api");
  path = join(temp.dir, "events.sqlite");
  head = await writeSampleStore(path);
  store = openStore(path);
  served = await serveRoutes([createAuditApi({ store, verifier: createTokenVerifier({ secret }) })]);
  baseUrl = served.baseUrl;
});

afterAll(async () => {
  await served.close();
  await store.close();
  temp.remove();
});

const token = (role: PrincipalRole): Promise<string> => signToken({ secret, role, sub: `${role}-1`, stationId: role === "clerk" ? "ST-1" : undefined, expiresIn: "1h" });

const get = async (path: string, role?: PrincipalRole): Promise<{ status: number; body: unknown }> => {
  const response = await fetch(`${baseUrl}${path}`, role === undefined ? {} : { headers: { authorization: `Bearer ${await token(role)}` } });
  return { status: response.status, body: await response.json() };
};

describe("auditor endpoints: access", () => {
  for (const endpoint of ["/v1/audit/events", "/v1/audit/verify"]) {
    it(`${endpoint}: 401 without a token, 403 for every role but auditor, 200 for an auditor`, async () => {
      expect((await get(endpoint)).status).toBe(401);
      for (const role of principalRoles.filter((r) => r !== "auditor")) {
        const refused = await get(endpoint, role);
        expect(refused.status, role).toBe(403);
      }
      expect((await get(endpoint, "auditor")).status).toBe(200);
    });
  }
});

describe("GET /v1/audit/events", () => {
  it("pages through the whole log in order, each event whole, as in the export", async () => {
    const lines: string[] = [];
    let from: number | null = 1;
    let pages = 0;
    while (from !== null) {
      const page = (await get(`/v1/audit/events?from=${from}&limit=37`, "auditor")).body as AuditEventsPage;
      expect(page.events.length).toBeLessThanOrEqual(37);
      for (const event of page.events) lines.push(`${JSON.stringify(event)}\n`);
      from = page.nextFrom;
      pages++;
    }
    expect(pages).toBe(Math.ceil(head / 37));
    const expected: string[] = [];
    for await (const event of store.readAll()) expected.push(exportedEventLine(event));
    expect(lines).toEqual(expected);
  });

  it("answers 400 to a bad or unknown parameter", async () => {
    for (const query of ["limit=0", "limit=1001", "from=-1", "from=abc", "cursor=1"]) {
      const answer = await get(`/v1/audit/events?${query}`, "auditor");
      expect(answer.status, query).toBe(400);
    }
  });
});

describe("GET /v1/audit/verify", () => {
  it("reports the log whole, then the first broken event once a row is altered", async () => {
    const fine = (await get("/v1/audit/verify", "auditor")).body as LogVerification;
    expect(fine).toMatchObject({ ok: true, events: head, problemCount: 0 });
    expect(fine.firstBroken).toBeUndefined();

    const sealed = await get(`/v1/audit/verify?seal=${encodeURIComponent(fine.seal)}`, "auditor");
    expect(sealed.body).toMatchObject({ ok: true, sealCheck: { ok: true } });

    const target = tamper(path, (db) => {
      const row = rowsOf(db, streamWithEvents(db, 3))[1] as EventRow;
      db.prepare("UPDATE events SET data = ? WHERE position = ?").run(row.data.replace(/:"(.)/, ':"~'), row.position);
      return row;
    });
    const broken = (await get("/v1/audit/verify", "auditor")).body as LogVerification;
    expect(broken).toMatchObject({ ok: false, streams: fine.streams, events: head });
    expect(broken.firstBroken).toMatchObject({ streamId: target.stream_id, revision: 1, eventId: target.event_id, position: target.position, problem: "altered" });
    expect((await get("/v1/audit/verify?seal=nope", "auditor")).status).toBe(400);
  });
});
