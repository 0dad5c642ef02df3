import { signToken } from "@duty-ledger/http-kit";
import { ApiSpecification, type ApiResponse } from "@duty-ledger/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { otherSecret, startTestQuerySide, testSecret, type TestQuerySide } from "./test-query-side.test-support.js";

/**
 * Every read endpoint × every kind of caller → the status api-v1.md prescribes; a refusal
 * is problem+json, appends nothing and tells nothing about what was asked for.
 */

type Caller = "office" | "deputySelf" | "otherDeputy" | "unitRelated" | "unitUnrelated" | "clerk" | "auditor" | "noToken" | "badToken";
const callers: readonly Caller[] = ["office", "deputySelf", "otherDeputy", "unitRelated", "unitUnrelated", "clerk", "auditor", "noToken", "badToken"];

let side: TestQuerySide;
let tokens: Record<Caller, string | undefined>;
let coSigner: string;
let coUnit: string;

/** Strings of the fixture a refusal must never contain. */
const secrets = ["王芳", "李强", "城关镇公交线路", "增加早高峰班次", "已增加班次", "县交通运输局", "D-1", "D-3", "S-1", "U-1", "U-2", "C-1", "ST-1"];

beforeAll(async () => {
  side = await startTestQuerySide();
  const office = await side.token("office", "OFFICE-1");
  tokens = {
    office,
    deputySelf: await side.token("deputy", "D-1"),
    otherDeputy: await side.token("deputy", "D-2"),
    unitRelated: await side.token("unit", "U-1"),
    unitUnrelated: await side.token("unit", "U-9"),
    clerk: await side.token("clerk", "CLERK-1", "ST-1"),
    auditor: await side.token("auditor", "AUDITOR-1"),
    noToken: undefined,
    badToken: await signToken({ secret: otherSecret, role: "office", sub: "OFFICE-1", expiresIn: "1h" }),
  };
  coSigner = await side.token("deputy", "D-3");
  coUnit = await side.token("unit", "U-2");
  await side.write("/v1/stations", office, { stationId: "ST-1", name: "城关联络站", region: "城关镇" });
  for (const [deputyId, name] of [["D-1", "王芳"], ["D-2", "李强"], ["D-3", "张伟"]] as const) {
    await side.write("/v1/deputies", office, { deputyId, name, level: "county", term: "2021-2026", constituency: "城关镇", stationId: "ST-1" });
  }
  for (const [unitId, name] of [["U-1", "县交通运输局"], ["U-2", "县住建局"], ["U-9", "县教育局"]] as const) {
    await side.write("/v1/units", office, { unitId, name });
  }
  await side.write("/v1/contacts", tokens.deputySelf as string, {
    contactId: "C-1",
    deputyIds: ["D-1"],
    stationId: "ST-1",
    channel: "station",
    occurredAt: "2024-02-20T09:00:00+08:00",
    constituents: 12,
    topic: "公交出行",
    summary: "群众反映早高峰公交拥挤。",
    opinions: [{ opinionId: "OP-1", text: "增加班次" }],
  });
  await side.write("/v1/suggestions", tokens.deputySelf as string, {
    suggestionId: "S-1",
    leadDeputyId: "D-1",
    coSignerIds: ["D-3"],
    title: "改善城关镇公交线路",
    body: "建议增加早高峰班次。",
    phase: "session",
    session: "2024",
    submittedAt: "2024-03-01T09:00:00+08:00",
    sourceOpinionIds: ["OP-1"],
  });
  await side.write("/v1/suggestions/S-1/pre-review", office, { outcome: "accept", reason: "符合要求", reviewedAt: "2024-03-02T09:00:00+08:00" });
  await side.write("/v1/suggestions/S-1/assignment", office, { leadUnitId: "U-1", coUnitIds: ["U-2"], assignedAt: "2024-03-05T09:00:00+08:00", complex: false });
  await side.write("/v1/suggestions/S-1/reply", tokens.unitRelated as string, { unitId: "U-1", category: "A", repliedAt: "2024-04-01T09:00:00+08:00", text: "已增加班次。" });
  // A livelihood programme adopting LC-1 (U-1 responsible), with a milestone overdue at the side's clock.
  const at = "2024-12-20T12:00:00+08:00";
  const programme = "/v1/livelihood/programmes/LP-1";
  await side.write("/v1/livelihood/programmes", office, { programmeId: "LP-1", title: "2025年民生实事项目", year: 2025, session: "2025", slots: 1, electorateSize: 3, collectUntil: "2025-01-31T00:00:00+08:00" });
  for (const [candidateId, unitId] of [["LC-1", "U-1"], ["LC-2", "U-2"]] as const) {
    await side.write(`${programme}/candidates`, office, { candidateId, title: `项目 ${candidateId}`, description: "村道硬化", proposedBy: { kind: "public" }, estimatedBudgetYuan: 20_000_000, responsibleUnitId: unitId });
  }
  await side.write(`${programme}/shortlist`, office, { candidateIds: ["LC-1", "LC-2"], decidedAt: at, reason: "差额" });
  await side.write(`${programme}/attendance`, office, { deputyIds: ["D-1", "D-2", "D-3"], at });
  await side.write(`${programme}/ballot-boxes`, office, { boxId: "B-1", countedAt: at, ballots: [0, 1, 2].map(() => ({ choices: { "LC-1": "yes", "LC-2": "no" } })), invalid: 0 });
  await side.write(`${programme}/close-vote`, office, { closedAt: at });
  await side.write("/v1/livelihood/projects/LC-1/milestones", tokens.unitRelated as string, { milestoneId: "M-1", title: "开工", dueAt: "2024-12-01T00:00:00+08:00" });
  // 转办: the contact's opinion referred to U-1 by the station's clerk.
  await side.write("/v1/contacts/C-1/opinions/OP-1/referral", tokens.clerk as string, { unitId: "U-1", referredAt: "2024-02-21T09:00:00+08:00" });
  await side.settle();
});

afterAll(async () => {
  await side.close();
});

const spec = () => ApiSpecification.for(side);

interface Endpoint {
  readonly path: string;
  readonly allowed: readonly Caller[];
  /** What a 200 answer must show. */
  readonly check: (body: Record<string, unknown>) => void;
}

const overseers: readonly Caller[] = ["office", "auditor"];

const endpoints: readonly Endpoint[] = [
  {
    path: "/v1/deputies/D-1/record?year=2024",
    allowed: [...overseers, "deputySelf"],
    check: (body) => expect(body).toMatchObject({ deputyId: "D-1", year: 2024, contacts: { total: 1 }, suggestions: { led: 1 } }),
  },
  {
    path: "/v1/deputies/D-1/timeline",
    allowed: [...overseers, "deputySelf"],
    check: (body) => expect((body["entries"] as unknown[]).length).toBeGreaterThanOrEqual(6),
  },
  {
    path: "/v1/scores?period=2024",
    allowed: overseers,
    check: (body) => expect(body).toMatchObject({ rules: "default-2024", period: "2024", units: [{ unitId: "U-1", assigned: 1 }] }),
  },
  {
    path: "/v1/units/U-1/scores?period=2024",
    allowed: [...overseers, "unitRelated"],
    check: (body) => expect(body).toMatchObject({ unitId: "U-1", assigned: 1, indicators: { completion: { numerator: 1, denominator: 1, suggestionIds: ["S-1"] } } }),
  },
  {
    path: "/v1/suggestions/S-1",
    allowed: [...overseers, "deputySelf", "unitRelated"],
    check: (body) => expect(body).toMatchObject({ suggestionId: "S-1", state: "replied", status: "replied", leadDeputyId: "D-1" }),
  },
  {
    path: "/v1/suggestions?status=replied&asOf=2024-05-01T00:00:00%2B08:00",
    allowed: overseers,
    check: (body) => expect(body).toMatchObject({ status: "replied", items: [{ suggestionId: "S-1", status: "replied" }] }),
  },
  {
    path: "/v1/units/U-1/suggestions?status=replied&asOf=2024-05-01T00:00:00%2B08:00",
    allowed: [...overseers, "unitRelated"],
    check: (body) => expect(body).toMatchObject({ unitId: "U-1", status: "replied", items: [{ suggestionId: "S-1", status: "replied", leadUnitId: "U-1" }] }),
  },
  {
    path: "/v1/rule-sets",
    allowed: [...overseers, "unitRelated", "unitUnrelated"],
    check: (body) => expect(body).toMatchObject({ default: "default-2024" }),
  },
  {
    path: "/v1/deadline-policies",
    allowed: [...overseers, "deputySelf", "otherDeputy", "unitRelated", "unitUnrelated"],
    check: (body) => expect(body).toMatchObject({ default: "national-default", policies: [{ name: "national-default", version: 1 }, { name: "session-close", version: 1 }] }),
  },
  {
    path: "/v1/units",
    allowed: [...overseers, "unitRelated", "unitUnrelated", "clerk", "deputySelf", "otherDeputy"],
    check: (body) =>
      expect(body).toEqual({
        units: [
          { unitId: "U-1", name: "县交通运输局", registeredAt: expect.any(String), correctedAt: null },
          { unitId: "U-2", name: "县住建局", registeredAt: expect.any(String), correctedAt: null },
          { unitId: "U-9", name: "县教育局", registeredAt: expect.any(String), correctedAt: null },
        ],
      }),
  },
  {
    path: "/v1/deputies?q=D-1",
    allowed: [...overseers, "deputySelf", "otherDeputy", "clerk", "unitRelated", "unitUnrelated"],
    check: (body) => expect(body).toMatchObject({ deputies: [{ deputyId: "D-1", stationId: "ST-1" }], nextCursor: null }),
  },
  {
    path: "/v1/me",
    allowed: ["office", "deputySelf", "otherDeputy", "unitRelated", "unitUnrelated", "clerk", "auditor"],
    check: (body) => expect(Object.keys(body).sort()).toEqual(["id", "level", "name", "role", "stationId", "stationName"]),
  },
  {
    // Only the deputy who was at C-1 (and the office): not another deputy, not the clerk, not an auditor.
    path: "/v1/deputies/D-1/opinions?year=2024",
    allowed: ["office", "deputySelf"],
    check: (body) => expect(body).toMatchObject({ deputyId: "D-1", year: 2024, items: [{ contactId: "C-1", opinionId: "OP-1", text: "增加班次", referral: { unitId: "U-1" } }] }),
  },
  {
    path: "/v1/stations/ST-1/opinions?year=2024",
    allowed: ["office", "clerk"],
    check: (body) => expect(body).toMatchObject({ stationId: "ST-1", year: 2024, items: [{ contactId: "C-1", opinionId: "OP-1" }], nextCursor: null }),
  },
  {
    path: "/v1/stations",
    allowed: overseers,
    check: (body) => expect(body).toMatchObject({ stations: [{ stationId: "ST-1", name: "城关联络站" }] }),
  },
  {
    path: "/v1/rankings",
    allowed: overseers,
    check: (body) => expect(body).toEqual({ period: null, rankings: [] }),
  },
  {
    path: "/v1/opinions?asOf=2024-03-01T00:00:00%2B08:00",
    allowed: ["office", "unitRelated", "unitUnrelated", "clerk"],
    // A unit lists only the opinions referred to it: U-9 an empty list.
    check: (body) => expect((body["items"] as { unitId: string }[]).every((item) => item.unitId === "U-1")).toBe(true),
  },
  {
    path: "/v1/stations/ST-1/record?year=2024",
    allowed: [...overseers, "clerk"],
    check: (body) => expect(body).toMatchObject({ stationId: "ST-1", year: 2024, receptions: 1, constituentsReceived: 12, opinions: 1, referred: 1, deputiesActive: 1 }),
  },
  {
    path: "/v1/units/U-1/livelihood-projects",
    allowed: [...overseers, "unitRelated"],
    check: (body) => expect(body).toMatchObject({ unitId: "U-1", projects: [{ projectId: "LC-1", programmeId: "LP-1", overdueMilestones: 1, milestones: [{ milestoneId: "M-1", overdue: true }] }] }),
  },
  {
    path: "/v1/livelihood/programmes/LP-1",
    allowed: [...overseers, "deputySelf", "otherDeputy", "unitRelated", "unitUnrelated", "clerk"],
    check: (body) => expect(body).toMatchObject({ programmeId: "LP-1", stage: "closed", attendance: 3, result: { adopted: ["LC-1"] } }),
  },
  {
    path: "/v1/health",
    allowed: callers,
    check: (body) => expect(body).toMatchObject({ status: "ok", lag: 0 }),
  },
];

const expectNoLeak = (response: ApiResponse): void => {
  expect(Object.keys(response.body as object).sort()).toEqual(["code", "detail", "requestId", "status", "title", "type"]);
  for (const secret of secrets) expect(response.text, `a refusal mentions ${secret}`).not.toContain(secret);
};

const expectedStatus = (endpoint: Endpoint, caller: Caller): number => {
  if (endpoint.allowed.includes(caller)) return 200;
  return caller === "noToken" || caller === "badToken" ? 401 : 403;
};

describe("access matrix of the read side", () => {
  const cases = endpoints.flatMap((endpoint) => callers.map((caller) => ({ endpoint, caller, status: expectedStatus(endpoint, caller) })));

  it.each(cases.map((c) => [c.endpoint.path, c.caller, c.status, c] as const))("GET %s as %s → %i", async (_path, caller, status, { endpoint }) => {
    const request = { path: endpoint.path, token: tokens[caller] };
    if (status === 200) {
      await spec()
        .when(request)
        .then((response) => {
          expect(response.status, response.text).toBe(200);
          expect(response.headers.get("content-type")).toContain("application/json");
          endpoint.check(response.body as Record<string, unknown>);
        });
      return;
    }
    const response = await spec().when(request).thenRefused(status);
    if (status === 401) expect(response.headers.get("www-authenticate")).toBe('Bearer realm="duty-ledger"');
    expectNoLeak(response);
  });

  it("every endpoint was tried with every caller", () => {
    expect(cases).toHaveLength(endpoints.length * callers.length);
    expect(new Set(cases.map((c) => c.status))).toEqual(new Set([200, 401, 403]));
  });
});

describe("suggestions: its deputies and units, and unknown ids", () => {
  it("a co-signer and a co-unit read the suggestion; the co-signer still not the lead's record", async () => {
    expect((await side.get("/v1/suggestions/S-1", coSigner)).status).toBe(200);
    expect((await side.get("/v1/suggestions/S-1", coUnit)).status).toBe(200);
    const refused = await spec().when({ path: "/v1/deputies/D-1/record", token: coSigner }).thenRefused(403);
    expectNoLeak(refused);
    expectNoLeak(await spec().when({ path: "/v1/units/U-1/scores", token: coUnit }).thenRefused(403));
    // The co-unit finds S-1 in its own list, yet may not read the lead unit's.
    const own = await side.get("/v1/units/U-2/suggestions?status=replied", coUnit);
    expect(own.status, own.text).toBe(200);
    expect(own.body).toMatchObject({ unitId: "U-2", items: [{ suggestionId: "S-1", leadUnitId: "U-1", coUnitIds: ["U-2"] }] });
    expectNoLeak(await spec().when({ path: "/v1/units/U-1/suggestions", token: coUnit }).thenRefused(403));
  });

  it("an unknown suggestion is 404 for any reader role, 403 for a clerk (who reads no suggestion)", async () => {
    for (const caller of ["office", "auditor", "deputySelf", "otherDeputy", "unitRelated", "unitUnrelated"] as const) {
      await spec().when({ path: "/v1/suggestions/S-404", token: tokens[caller] }).thenRefused(404);
    }
    await spec().when({ path: "/v1/suggestions/S-404", token: tokens.clerk }).thenRefused(403);
  });

  it("a deputy asking for another deputy is refused whether or not that deputy exists", async () => {
    for (const tail of ["timeline", "opinions"]) {
      const existing = await spec().when({ path: `/v1/deputies/D-3/${tail}`, token: tokens.otherDeputy }).thenRefused(403);
      const missing = await spec().when({ path: `/v1/deputies/D-404/${tail}`, token: tokens.otherDeputy }).thenRefused(403);
      expect((existing.body as { detail: string }).detail).toBe((missing.body as { detail: string }).detail);
    }
  });

  it("a deputy lists no opinion of a contact it was not at; the co-signer of S-1 sees none of C-1's", async () => {
    expect((await side.get("/v1/deputies/D-3/opinions?year=2024", coSigner)).body).toMatchObject({ deputyId: "D-3", items: [] });
  });

  it("an unknown deputy is 404 for the office", async () => {
    await spec().when({ path: "/v1/deputies/D-404/record", token: tokens.office }).thenRefused(404);
    await spec().when({ path: "/v1/deputies/D-404/timeline", token: tokens.office }).thenRefused(404);
  });

  it("expired and malformed tokens are 401", async () => {
    const expired = await signToken({ secret: testSecret, role: "office", sub: "OFFICE-1", expiresIn: -60 });
    for (const token of [expired, "not-a-jwt", ""]) {
      await spec().when({ path: "/v1/scores", token }).thenRefused(401);
    }
  });
});

describe("opinions and station records: a unit its own, a clerk its station", () => {
  it("the unit referred to lists the opinion; another unit lists nothing and may not ask for U-1's", async () => {
    const own = await side.get("/v1/opinions?asOf=2024-03-01T00:00:00%2B08:00", tokens.unitRelated);
    expect(own.body).toMatchObject({ unitId: "U-1", items: [{ contactId: "C-1", opinionId: "OP-1", unitId: "U-1", status: "open", stationId: "ST-1" }] });
    expect((await side.get("/v1/opinions", tokens.unitUnrelated)).body).toMatchObject({ unitId: "U-9", items: [] });
    expectNoLeak(await spec().when({ path: "/v1/opinions?unitId=U-1", token: tokens.unitUnrelated }).thenRefused(403));
  });

  it("a clerk reads its station's opinions and record, not another station's, whether it exists or not", async () => {
    expect((await side.get("/v1/opinions?asOf=2024-03-01T00:00:00%2B08:00", tokens.clerk)).body).toMatchObject({ stationId: "ST-1", items: [{ opinionId: "OP-1" }] });
    const otherClerk = await side.token("clerk", "CLERK-2", "ST-2");
    expect((await side.get("/v1/opinions", otherClerk)).body).toMatchObject({ stationId: "ST-2", items: [] });
    expectNoLeak(await spec().when({ path: "/v1/opinions?stationId=ST-1", token: otherClerk }).thenRefused(403));
    for (const tail of ["record", "opinions"]) {
      const existing = await spec().when({ path: `/v1/stations/ST-1/${tail}`, token: otherClerk }).thenRefused(403);
      const missing = await spec().when({ path: `/v1/stations/ST-404/${tail}`, token: otherClerk }).thenRefused(403);
      expectNoLeak(existing);
      expect((existing.body as { detail: string }).detail).toBe((missing.body as { detail: string }).detail);
    }
    // The clerk still reads no deputy's record.
    expectNoLeak(await spec().when({ path: "/v1/deputies/D-1/record", token: tokens.clerk }).thenRefused(403));
  });

  it("the office lists by status as of asOf, and an unknown station's record is 404", async () => {
    expect((await side.get("/v1/opinions?status=overdue&asOf=2024-12-01T00:00:00%2B08:00", tokens.office)).body).toMatchObject({ items: [{ opinionId: "OP-1", status: "overdue" }] });
    expect((await side.get("/v1/opinions?status=open&asOf=2024-12-01T00:00:00%2B08:00", tokens.office)).body).toMatchObject({ items: [] });
    await spec().when({ path: "/v1/stations/ST-404/record", token: tokens.office }).thenRefused(404);
    await spec().when({ path: "/v1/stations/ST-404/opinions", token: tokens.office }).thenRefused(404);
    await spec().when({ path: "/v1/deputies/D-404/opinions", token: tokens.office }).thenRefused(404);
  });
});
