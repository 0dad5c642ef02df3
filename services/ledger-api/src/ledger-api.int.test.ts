import { ApiSpecification, sendApiRequest, type ApiRequest } from "@duty-ledger/testing";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestLedger, type TestLedger } from "./test-ledger.test-support.js";

let ledger: TestLedger;
let tokens: Record<"office" | "d1" | "d2" | "u1" | "u2" | "u3" | "clerk" | "otherClerk" | "auditor", string>;
let counter = 0;
/** A new id that no fixture uses (fixtures are D-1, U-1, ST-1 …). */
const fresh = (prefix: string): string => `${prefix}-n${(counter += 1)}`;

const t0 = "2024-03-01T09:00:00+08:00";
const t1 = "2024-03-02T09:00:00+08:00";
const t2 = "2024-04-01T09:00:00+08:00";
const t3 = "2024-04-05T09:00:00+08:00";

beforeAll(async () => {
  ledger = await startTestLedger({ limitBytes: 16 * 1024 });
  tokens = {
    office: await ledger.token("office", "OFFICE-1"),
    d1: await ledger.token("deputy", "D-1"),
    d2: await ledger.token("deputy", "D-2"),
    u1: await ledger.token("unit", "U-1"),
    u2: await ledger.token("unit", "U-2"),
    u3: await ledger.token("unit", "U-3"),
    clerk: await ledger.token("clerk", "CLERK-1", "ST-1"),
    otherClerk: await ledger.token("clerk", "CLERK-2", "ST-2"),
    auditor: await ledger.token("auditor", "AUDITOR-1"),
  };
  const setup: ApiRequest[] = [
    { path: "/v1/stations", token: tokens.office, body: { stationId: "ST-1", name: "城关联络站", region: "城关镇" } },
    { path: "/v1/stations", token: tokens.office, body: { stationId: "ST-2", name: "东乡联络站", region: "东乡" } },
    { path: "/v1/deputies", token: tokens.office, body: { deputyId: "D-1", name: "王芳", level: "county", term: "2021-2026", constituency: "城关镇", stationId: "ST-1" } },
    { path: "/v1/deputies", token: tokens.office, body: { deputyId: "D-2", name: "李强", level: "township", term: "2021-2026", constituency: "东乡" } },
    { path: "/v1/units", token: tokens.office, body: { unitId: "U-1", name: "县交通运输局" } },
    { path: "/v1/units", token: tokens.office, body: { unitId: "U-2", name: "县住建局" } },
    { path: "/v1/units", token: tokens.office, body: { unitId: "U-3", name: "县教育局" } },
  ];
  for (const request of setup) {
    const response = await sendApiRequest(ledger, request);
    expect(response.status, response.text).toBe(201);
  }
});

afterAll(async () => {
  await ledger.close();
});

const spec = () => ApiSpecification.for(ledger);

/** Requests that bring a new suggestion to `stage`. */
const suggestionAt = (stage: "submitted" | "accepted" | "assigned" | "replied" | "closed", id = fresh("S")): { id: string; given: ApiRequest[] } => {
  const given: ApiRequest[] = [
    {
      path: "/v1/suggestions",
      token: tokens.d1,
      body: { suggestionId: id, leadDeputyId: "D-1", coSignerIds: ["D-2"], title: "改善城关镇公交线路", body: "建议增加早高峰班次。", phase: "session", session: "2024", submittedAt: t0 },
    },
  ];
  if (stage === "submitted") return { id, given };
  given.push({ path: `/v1/suggestions/${id}/pre-review`, token: tokens.office, body: { outcome: "accept", reason: "符合要求", reviewedAt: t1 } });
  if (stage === "accepted") return { id, given };
  given.push({ path: `/v1/suggestions/${id}/assignment`, token: tokens.office, body: { leadUnitId: "U-1", coUnitIds: ["U-2"], assignedAt: t1, complex: false } });
  if (stage === "assigned") return { id, given };
  given.push({ path: `/v1/suggestions/${id}/reply`, token: tokens.u1, body: { unitId: "U-1", category: "A", repliedAt: t2, text: "已增加班次。" } });
  if (stage === "replied") return { id, given };
  given.push({ path: `/v1/suggestions/${id}/evaluation`, token: tokens.d1, body: { rating: "satisfied", evaluatedAt: t3 } });
  return { id, given };
};

interface Endpoint {
  readonly name: string;
  /** Setup requests and the path under test. */
  readonly prepare: () => { given: ApiRequest[]; path: string; unknownPath?: string };
  readonly token: () => string;
  readonly wrongRoleToken: () => string;
  readonly body: () => Record<string, unknown>;
  /** A required field, a field with an enum or typed value and a bad value for it. */
  readonly required: string;
  readonly badValue: readonly [field: string, value: unknown];
}

const contactBody = () => ({
  deputyIds: ["D-1"],
  stationId: "ST-1",
  channel: "station",
  occurredAt: t0,
  constituents: 12,
  topic: "公交出行",
  summary: "群众反映早高峰公交拥挤。",
  opinions: [{ opinionId: fresh("OP"), text: "增加班次" }],
});

const endpoints: Endpoint[] = [
  {
    name: "POST /v1/deputies",
    prepare: () => ({ given: [], path: "/v1/deputies" }),
    token: () => tokens.office,
    wrongRoleToken: () => tokens.d1,
    body: () => ({ deputyId: fresh("D"), name: "赵敏", level: "municipal", term: "2021-2026", constituency: "城关镇" }),
    required: "name",
    badValue: ["level", "galactic"],
  },
  {
    name: "POST /v1/units",
    prepare: () => ({ given: [], path: "/v1/units" }),
    token: () => tokens.office,
    wrongRoleToken: () => tokens.u1,
    body: () => ({ unitId: fresh("U"), name: "县水利局" }),
    required: "name",
    badValue: ["name", 42],
  },
  {
    name: "POST /v1/stations",
    prepare: () => ({ given: [], path: "/v1/stations" }),
    token: () => tokens.office,
    wrongRoleToken: () => tokens.clerk,
    body: () => ({ stationId: fresh("ST"), name: "西乡联络站", region: "西乡" }),
    required: "region",
    badValue: ["region", ["西乡"]],
  },
  {
    name: "POST /v1/contacts",
    prepare: () => ({ given: [], path: "/v1/contacts" }),
    token: () => tokens.d1,
    wrongRoleToken: () => tokens.u1,
    body: contactBody,
    required: "occurredAt",
    badValue: ["channel", "carrier-pigeon"],
  },
  {
    name: "POST /v1/contacts/:id/feedback",
    prepare: () => {
      const contactId = fresh("C");
      return {
        given: [{ path: "/v1/contacts", token: tokens.d1, body: { ...contactBody(), contactId, opinions: [{ opinionId: "OP1", text: "增加班次" }] } }],
        path: `/v1/contacts/${contactId}/feedback`,
        unknownPath: `/v1/contacts/${fresh("NOPE")}/feedback`,
      };
    },
    token: () => tokens.d1,
    wrongRoleToken: () => tokens.u1,
    body: () => ({ opinionIds: ["OP1"], feedbackAt: t2, text: "已反馈：新增两个班次。" }),
    required: "text",
    badValue: ["feedbackAt", "2024-02-30T09:00:00+08:00"],
  },
  {
    name: "POST /v1/suggestions",
    prepare: () => ({ given: [], path: "/v1/suggestions" }),
    token: () => tokens.d1,
    wrongRoleToken: () => tokens.auditor,
    body: () => ({ leadDeputyId: "D-1", coSignerIds: [], title: "修缮乡村道路", body: "建议修缮。", phase: "recess", session: "2024", submittedAt: t0 }),
    required: "title",
    badValue: ["phase", "holiday"],
  },
  {
    name: "POST /v1/suggestions/:id/revision",
    prepare: () => {
      const s = suggestionAt("submitted");
      return {
        given: [...s.given, { path: `/v1/suggestions/${s.id}/pre-review`, token: tokens.office, body: { outcome: "revise", reason: "请补充具体路段", reviewedAt: t1 } }],
        path: `/v1/suggestions/${s.id}/revision`,
        unknownPath: `/v1/suggestions/${fresh("NOPE")}/revision`,
      };
    },
    token: () => tokens.d1,
    wrongRoleToken: () => tokens.u1,
    body: () => ({ title: "改善城关镇公交线路（修改稿）", body: "建议增加 3 路、5 路早高峰班次。", revisedAt: t2 }),
    required: "body",
    badValue: ["revisedAt", "yesterday"],
  },
  {
    name: "POST /v1/deputies/:id/corrections",
    prepare: () => ({ given: [], path: "/v1/deputies/D-2/corrections", unknownPath: `/v1/deputies/${fresh("NOPE")}/corrections` }),
    token: () => tokens.office,
    wrongRoleToken: () => tokens.d2,
    body: () => ({ constituency: "东乡镇", reason: "选区名称更正" }),
    required: "reason",
    badValue: ["level", "galactic"],
  },
  {
    name: "POST /v1/suggestions/:id/pre-review",
    prepare: () => {
      const s = suggestionAt("submitted");
      return { given: s.given, path: `/v1/suggestions/${s.id}/pre-review`, unknownPath: `/v1/suggestions/${fresh("NOPE")}/pre-review` };
    },
    token: () => tokens.office,
    wrongRoleToken: () => tokens.d1,
    body: () => ({ outcome: "accept", reason: "符合要求", reviewedAt: t1 }),
    required: "reason",
    badValue: ["outcome", "maybe"],
  },
  {
    name: "POST /v1/suggestions/:id/assignment",
    prepare: () => {
      const s = suggestionAt("accepted");
      return { given: s.given, path: `/v1/suggestions/${s.id}/assignment`, unknownPath: `/v1/suggestions/${fresh("NOPE")}/assignment` };
    },
    token: () => tokens.office,
    wrongRoleToken: () => tokens.u1,
    body: () => ({ leadUnitId: "U-1", coUnitIds: ["U-2"], assignedAt: t1, complex: true }),
    required: "leadUnitId",
    badValue: ["complex", "yes"],
  },
  {
    name: "POST /v1/suggestions/:id/steps",
    prepare: () => {
      const s = suggestionAt("assigned");
      return { given: s.given, path: `/v1/suggestions/${s.id}/steps`, unknownPath: `/v1/suggestions/${fresh("NOPE")}/steps` };
    },
    token: () => tokens.u1,
    wrongRoleToken: () => tokens.office,
    body: () => ({ unitId: "U-1", kind: "consultation", occurredAt: t2, recordedVia: "online", deputyPresent: true }),
    required: "kind",
    badValue: ["recordedVia", "fax"],
  },
  {
    name: "POST /v1/suggestions/:id/reply",
    prepare: () => {
      const s = suggestionAt("assigned");
      return { given: s.given, path: `/v1/suggestions/${s.id}/reply`, unknownPath: `/v1/suggestions/${fresh("NOPE")}/reply` };
    },
    token: () => tokens.u1,
    wrongRoleToken: () => tokens.d1,
    body: () => ({ unitId: "U-1", category: "B", repliedAt: t2, text: "已列入明年计划。" }),
    required: "repliedAt",
    badValue: ["category", "E"],
  },
  {
    name: "POST /v1/suggestions/:id/publication",
    prepare: () => {
      const s = suggestionAt("replied");
      return { given: s.given, path: `/v1/suggestions/${s.id}/publication`, unknownPath: `/v1/suggestions/${fresh("NOPE")}/publication` };
    },
    token: () => tokens.u1,
    wrongRoleToken: () => tokens.d1,
    body: () => ({ publishedAt: t3, url: "https://example.org/replies/1" }),
    required: "publishedAt",
    badValue: ["url", "not a url"],
  },
  {
    name: "POST /v1/suggestions/:id/evaluation",
    prepare: () => {
      const s = suggestionAt("replied");
      return { given: s.given, path: `/v1/suggestions/${s.id}/evaluation`, unknownPath: `/v1/suggestions/${fresh("NOPE")}/evaluation` };
    },
    token: () => tokens.d1,
    wrongRoleToken: () => tokens.office,
    body: () => ({ rating: "basically-satisfied", evaluatedAt: t3 }),
    required: "rating",
    badValue: ["rating", "delighted"],
  },
  {
    name: "POST /v1/suggestions/:id/extension",
    prepare: () => {
      const s = suggestionAt("assigned");
      return { given: s.given, path: `/v1/suggestions/${s.id}/extension`, unknownPath: `/v1/suggestions/${fresh("NOPE")}/extension` };
    },
    token: () => tokens.office,
    wrongRoleToken: () => tokens.u1,
    body: () => ({ newDueAt: "2024-08-31T23:59:59.999+08:00", reason: "涉及多部门协调", grantedAt: t2 }),
    required: "newDueAt",
    badValue: ["grantedAt", 20240401],
  },
];

describe.each(endpoints)("$name", (endpoint) => {
  it("accepts a valid request: 201 with id, eventIds and position", async () => {
    const { given, path } = endpoint.prepare();
    const response = await spec().given(...given).when({ path, token: endpoint.token(), body: endpoint.body() }).thenAccepted(201);
    expect(response.body).toMatchObject({ id: expect.any(String), eventIds: [expect.any(String)], position: expect.any(Number) });
  });

  it("refuses a request without a token (401)", async () => {
    const { given, path } = endpoint.prepare();
    await spec().given(...given).when({ path, body: endpoint.body() }).thenRefused(401);
  });

  it("refuses an invalid token (401)", async () => {
    const { given, path } = endpoint.prepare();
    await spec().given(...given).when({ path, token: `${endpoint.token()}x`, body: endpoint.body() }).thenRefused(401);
  });

  it("refuses a role that may not write here (403)", async () => {
    const { given, path } = endpoint.prepare();
    await spec().given(...given).when({ path, token: endpoint.wrongRoleToken(), body: endpoint.body() }).thenRefused(403);
  });

  it("refuses an auditor (403)", async () => {
    const { given, path } = endpoint.prepare();
    await spec().given(...given).when({ path, token: tokens.auditor, body: endpoint.body() }).thenRefused(403);
  });

  it("refuses malformed JSON (400)", async () => {
    const { given, path } = endpoint.prepare();
    await spec().given(...given).when({ path, token: endpoint.token(), rawBody: '{"name": "unterminated' }).thenRefused(400);
  });

  it("refuses a body that is not JSON by content type (400)", async () => {
    const { given, path } = endpoint.prepare();
    await spec()
      .given(...given)
      .when({ path, token: endpoint.token(), rawBody: JSON.stringify(endpoint.body()), headers: { "content-type": "text/plain" } })
      .thenRefused(400);
  });

  it("refuses a missing required field, naming it (400)", async () => {
    const { given, path } = endpoint.prepare();
    const body = endpoint.body();
    delete body[endpoint.required];
    await spec().given(...given).when({ path, token: endpoint.token(), body }).thenRefused(400, { fields: [endpoint.required] });
  });

  it("refuses a wrong type or unknown enum value, naming the field (400)", async () => {
    const { given, path } = endpoint.prepare();
    const [field, value] = endpoint.badValue;
    await spec().given(...given).when({ path, token: endpoint.token(), body: { ...endpoint.body(), [field]: value } }).thenRefused(400, { fields: [field] });
  });

  it("refuses an unknown field rather than dropping it (400)", async () => {
    const { given, path } = endpoint.prepare();
    await spec().given(...given).when({ path, token: endpoint.token(), body: { ...endpoint.body(), colour: "red" } }).thenRefused(400);
  });

  it("refuses an oversized body (413)", async () => {
    const { given, path } = endpoint.prepare();
    await spec().given(...given).when({ path, token: endpoint.token(), body: { ...endpoint.body(), padding: "x".repeat(20 * 1024) } }).thenRefused(413);
  });

  it("refuses a prototype-pollution key (400)", async () => {
    const { given, path } = endpoint.prepare();
    const raw = JSON.stringify(endpoint.body()).replace(/^\{/, '{"__proto__":{"role":"office"},');
    await spec().given(...given).when({ path, token: endpoint.token(), rawBody: raw }).thenRefused(400);
  });

});

describe.each(endpoints.filter((endpoint) => endpoint.name.includes(":id")))("$name on an unknown id", (endpoint) => {
  // The office may act on everything: 404. Anyone else may not act on what does not exist,
  // and hears the 403 it would hear on another's (security.md, "refusals reveal nothing").
  it("answers 404 to the office, 403 to anyone else, and appends nothing", async () => {
    const { unknownPath } = endpoint.prepare();
    expect(unknownPath).toBeDefined();
    const status = endpoint.token() === tokens.office ? 404 : 403;
    await spec().when({ path: unknownPath ?? "", token: endpoint.token(), body: endpoint.body() }).thenRefused(status);
  });
});

describe("domain rules and references", () => {
  it("refuses a contact naming an unregistered deputy (422, names the field)", async () => {
    await spec().when({ path: "/v1/contacts", token: tokens.office, body: { ...contactBody(), deputyIds: ["D-1", "D-404"] } }).thenRefused(422, { fields: ["deputyIds.1"] });
  });

  it("refuses an assignment to an unregistered unit (422)", async () => {
    const s = suggestionAt("accepted");
    await spec()
      .given(...s.given)
      .when({ path: `/v1/suggestions/${s.id}/assignment`, token: tokens.office, body: { leadUnitId: "U-404", coUnitIds: [], assignedAt: t1, complex: false } })
      .thenRefused(422, { fields: ["leadUnitId"] });
  });

  it("refuses assigning a suggestion that was not accepted (409)", async () => {
    const s = suggestionAt("submitted");
    await spec()
      .given(...s.given)
      .when({ path: `/v1/suggestions/${s.id}/assignment`, token: tokens.office, body: { leadUnitId: "U-1", coUnitIds: [], assignedAt: t1, complex: false } })
      .thenRefused(409);
  });

  it("refuses a step before assignment (403: the unit is not on it yet, and learns nothing of its state)", async () => {
    const s = suggestionAt("accepted");
    await spec()
      .given(...s.given)
      .when({ path: `/v1/suggestions/${s.id}/steps`, token: tokens.u1, body: { unitId: "U-1", kind: "plan", occurredAt: t2, recordedVia: "online" } })
      .thenRefused(403);
  });

  it("refuses a reply by a co-unit (403) and a step by an unrelated unit (403)", async () => {
    const s = suggestionAt("assigned");
    await spec()
      .given(...s.given)
      .when({ path: `/v1/suggestions/${s.id}/reply`, token: tokens.u2, body: { unitId: "U-2", category: "A", repliedAt: t2, text: "已办理" } })
      .thenRefused(403);
    await spec()
      .when({ path: `/v1/suggestions/${s.id}/steps`, token: tokens.u3, body: { unitId: "U-3", kind: "plan", occurredAt: t2, recordedVia: "online" } })
      .thenRefused(403);
  });

  it("refuses a unit acting in another unit's name (403)", async () => {
    const s = suggestionAt("assigned");
    await spec()
      .given(...s.given)
      .when({ path: `/v1/suggestions/${s.id}/reply`, token: tokens.u2, body: { unitId: "U-1", category: "A", repliedAt: t2, text: "已办理" } })
      .thenRefused(403);
  });

  it("refuses a second reply while the first awaits evaluation (409)", async () => {
    const s = suggestionAt("replied");
    await spec()
      .given(...s.given)
      .when({ path: `/v1/suggestions/${s.id}/reply`, token: tokens.u1, body: { unitId: "U-1", category: "B", repliedAt: t3, text: "补充答复" } })
      .thenRefused(409);
  });

  it("refuses evaluation by a co-signer (403) and any handling of a closed suggestion (409)", async () => {
    const s = suggestionAt("closed");
    await spec()
      .given(...s.given)
      .when({ path: `/v1/suggestions/${s.id}/evaluation`, token: tokens.d2, body: { rating: "satisfied", evaluatedAt: t3 } })
      .thenRefused(403);
    await spec()
      .when({ path: `/v1/suggestions/${s.id}/steps`, token: tokens.u1, body: { unitId: "U-1", kind: "progress", occurredAt: t3, recordedVia: "online" } })
      .thenRefused(409);
  });

  it("refuses a deputy submitting in another deputy's name (403)", async () => {
    await spec()
      .when({
        path: "/v1/suggestions",
        token: tokens.d2,
        body: { leadDeputyId: "D-1", coSignerIds: [], title: "冒名建议", body: "…", phase: "recess", session: "2024", submittedAt: t0 },
      })
      .thenRefused(403);
  });

  it("refuses a clerk recording at another station (403) and accepts one at their own", async () => {
    await spec().when({ path: "/v1/contacts", token: tokens.otherClerk, body: contactBody() }).thenRefused(403);
    await spec().when({ path: "/v1/contacts", token: tokens.clerk, body: contactBody() }).thenAccepted(201);
  });

  it("refuses publishing the reply of a confidential suggestion (422 on confidential, nothing appended); a non-confidential one is published", async () => {
    const s = suggestionAt("replied");
    const [submission, ...rest] = s.given;
    const confidential = { ...submission, body: { ...(submission?.body as Record<string, unknown>), confidential: true } } as ApiRequest;
    const publication = { publishedAt: t3, url: "https://example.org/replies/confidential" };
    for (const token of [tokens.u1, tokens.office]) {
      const response = await spec()
        .given(...(token === tokens.u1 ? [confidential, ...rest] : []))
        .when({ path: `/v1/suggestions/${s.id}/publication`, token, body: publication })
        .thenRefused(422, { fields: ["confidential"] });
      expect(response.body).toMatchObject({ type: expect.stringContaining("domain-rule") });
    }
    const open = suggestionAt("replied");
    await spec()
      .given(...open.given)
      .when({ path: `/v1/suggestions/${open.id}/publication`, token: tokens.office, body: publication })
      .thenAccepted(201);
  });

  it("refuses an extension that does not move the due date later (422)", async () => {
    const s = suggestionAt("assigned");
    await spec()
      .given(...s.given)
      .when({ path: `/v1/suggestions/${s.id}/extension`, token: tokens.office, body: { newDueAt: "2024-03-05T23:59:59+08:00", reason: "…", grantedAt: t2 } })
      .thenRefused(422, { fields: ["newDueAt"] });
  });

  it("answers an assignment with the due date and the policy that set it", async () => {
    const s = suggestionAt("accepted");
    const response = await spec()
      .given(...s.given)
      .when({ path: `/v1/suggestions/${s.id}/assignment`, token: tokens.office, body: { leadUnitId: "U-1", coUnitIds: [], assignedAt: "2024-11-30T10:00:00+08:00", complex: false } })
      .thenAccepted(201);
    expect(response.body).toMatchObject({ dueAt: "2025-02-28T23:59:59.999+08:00", policy: { name: "national-default", version: 1 } });
  });

  it("voids a mistaken reply: the suggestion can be replied to again; voiding twice is 409", async () => {
    const s = suggestionAt("replied");
    for (const request of s.given) expect((await sendApiRequest(ledger, request)).status).toBe(201);
    const events = [];
    for await (const event of ledger.store.readStream(`suggestion-${s.id}`)) events.push(event);
    const reply = events.find((event) => event.type === "SuggestionReplied");
    expect(reply).toBeDefined();
    await spec().when({ path: "/v1/events:void", token: tokens.office, body: { eventId: reply?.id, reason: "答复文件有误" } }).thenAccepted(201);
    await spec().when({ path: "/v1/events:void", token: tokens.office, body: { eventId: reply?.id, reason: "again" } }).thenRefused(409);
    await spec().when({ path: "/v1/events:void", token: tokens.office, body: { eventId: "no-such-event", reason: "?" } }).thenRefused(404);
    await spec()
      .when({ path: `/v1/suggestions/${s.id}/reply`, token: tokens.u1, body: { unitId: "U-1", category: "A", repliedAt: t3, text: "更正后的答复" } })
      .thenAccepted(201);
  });

  it("a voided registration stops counting in the reference checks: a voided unit cannot be assigned (422, nothing appended)", async () => {
    await spec().when({ path: "/v1/units", token: tokens.office, body: { unitId: "U-VOIDED", name: "误登记的单位" } }).thenAccepted(201);
    const [registration] = await (async () => {
      const events = [];
      for await (const event of ledger.store.readStream("unit-U-VOIDED")) events.push(event);
      return events;
    })();
    await spec().when({ path: "/v1/events:void", token: tokens.office, body: { eventId: registration?.id, reason: "登记错误" } }).thenAccepted(201);
    const s = suggestionAt("accepted");
    for (const request of s.given) expect((await sendApiRequest(ledger, request)).status).toBe(201);
    const before = await ledger.store.streamRevision(`suggestion-${s.id}`);
    await spec()
      .when({ path: `/v1/suggestions/${s.id}/assignment`, token: tokens.office, body: { leadUnitId: "U-VOIDED", coUnitIds: [], assignedAt: t3, complex: false } })
      .thenRefused(422);
    expect(await ledger.store.streamRevision(`suggestion-${s.id}`)).toBe(before);
  });
});

describe("idempotency", () => {
  it("the same key and body twice: the same answer and one event; another body: 409", async () => {
    const key = fresh("key");
    const body = { deputyId: fresh("D"), name: "周杰", level: "county", term: "2021-2026", constituency: "城关镇" };
    const first = await spec().when({ path: "/v1/deputies", token: tokens.office, body, headers: { "idempotency-key": key } }).thenAccepted(201);
    const before = await ledger.headPosition();
    const second = await sendApiRequest(ledger, { path: "/v1/deputies", token: tokens.office, body, headers: { "idempotency-key": key } });
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(await ledger.headPosition()).toBe(before);
    await spec()
      .when({ path: "/v1/deputies", token: tokens.office, body: { ...body, name: "周杰伦" }, headers: { "idempotency-key": key } })
      .thenRefused(409);
  });

  it("a retry whose first attempt appended but was never recorded gets the original events back", async () => {
    // Simulates a crash between the append and the idempotency record: the same request with
    // the same key, sent to a fresh idempotency store, must not append again.
    const key = fresh("key");
    const s = suggestionAt("assigned");
    for (const request of s.given) expect((await sendApiRequest(ledger, request)).status).toBe(201);
    const request: ApiRequest = {
      path: `/v1/suggestions/${s.id}/reply`,
      token: tokens.u1,
      body: { unitId: "U-1", category: "A", repliedAt: t2, text: "已解决" },
      headers: { "idempotency-key": key },
    };
    const first = await sendApiRequest(ledger, request);
    expect(first.status).toBe(201);
    const other = await startTestLedger();
    try {
      // Same events, other idempotency store: copy the suggestion's stream into the other ledger's store.
      const copied = [];
      for await (const event of ledger.store.readAll()) copied.push(event);
      for (const event of copied) {
        await other.store.append(event.streamId, [{ id: event.id, type: event.type, data: event.data, metadata: { actor: event.metadata.actor } }]);
      }
      const before = await other.headPosition();
      const retry = await sendApiRequest(other, { ...request, token: tokens.u1 });
      expect(retry.status, retry.text).toBe(201);
      expect((retry.body as { eventIds: string[] }).eventIds).toEqual((first.body as { eventIds: string[] }).eventIds);
      expect(await other.headPosition()).toBe(before);
    } finally {
      await other.close();
    }
  });
});

describe("concurrency", () => {
  it("many racing replies and steps on one suggestion: one reply wins, losers get 409, no step lost", async () => {
    const s = suggestionAt("assigned");
    for (const request of s.given) expect((await sendApiRequest(ledger, request)).status).toBe(201);
    const replies = Array.from({ length: 20 }, (_, i) =>
      sendApiRequest(ledger, { path: `/v1/suggestions/${s.id}/reply`, token: tokens.u1, body: { unitId: "U-1", category: "A", repliedAt: t2, text: `答复 ${i}` } }),
    );
    const steps = Array.from({ length: 30 }, (_, i) =>
      sendApiRequest(ledger, {
        path: `/v1/suggestions/${s.id}/steps`,
        token: i % 2 === 0 ? tokens.u1 : tokens.u2,
        body: { unitId: i % 2 === 0 ? "U-1" : "U-2", kind: "progress", occurredAt: t2, recordedVia: "online", note: `step ${i}` },
      }),
    );
    const replyStatuses = (await Promise.all(replies)).map((r) => r.status);
    const stepStatuses = (await Promise.all(steps)).map((r) => r.status);
    expect(replyStatuses.filter((status) => status === 201)).toHaveLength(1);
    expect(replyStatuses.filter((status) => status === 409)).toHaveLength(19);
    expect(stepStatuses.every((status) => status === 201 || status === 409)).toBe(true);

    const events = [];
    for await (const event of ledger.store.readStream(`suggestion-${s.id}`)) events.push(event);
    expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
    expect(events.filter((e) => e.type === "SuggestionReplied")).toHaveLength(1);
    const accepted = stepStatuses.filter((status) => status === 201).length;
    expect(events.filter((e) => e.type === "HandlingStepRecorded")).toHaveLength(accepted);
  });
});

describe("property: random invalid bodies never append", () => {
  const targets = ["/v1/deputies", "/v1/units", "/v1/stations", "/v1/contacts", "/v1/suggestions"];
  it("any JSON value that is not a valid body is refused with a 4xx and appends nothing", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...targets), fc.jsonValue({ maxDepth: 4 }), async (path, body) => {
        const before = await ledger.headPosition();
        const response = await sendApiRequest(ledger, { path, token: tokens.office, rawBody: JSON.stringify(body) ?? "null" });
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        expect(await ledger.headPosition()).toBe(before);
      }),
      { numRuns: 150 },
    );
  });

  it("a valid body with one field replaced by a random value is refused or accepted, never a 5xx, and refusals append nothing", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("deputyIds", "channel", "occurredAt", "constituents", "topic", "summary", "opinions", "stationId"),
        fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string()), fc.object()),
        async (field, value) => {
          const before = await ledger.headPosition();
          const response = await sendApiRequest(ledger, { path: "/v1/contacts", token: tokens.office, body: { ...contactBody(), [field]: value } });
          expect(response.status).toBeLessThan(500);
          if (response.status >= 400) expect(await ledger.headPosition()).toBe(before);
        },
      ),
      { numRuns: 150 },
    );
  });
});
