// A valid request for every write endpoint, and the endpoints as the router serves them
// (shared by the hostile-input, token and concurrency tests; excluded from the build).
import type { PolicyRegistry } from "@duty-ledger/domain";
import { verifyStreamChain, type EventStore, type RecordedEvent } from "@duty-ledger/event-store";
import type { PrincipalRole } from "@duty-ledger/http-kit";
import { sendApiRequest, type ApiRequest, type ApiTarget } from "@duty-ledger/testing";
import type { Router } from "express";
import { startTestLedger, type TestLedger } from "./test-ledger.test-support.js";

export const fixtureSecret = "write-fixtures-secret-of-at-least-32-bytes";

export type FixtureLedger = TestLedger;

/**
 * `startTestLedger` with tokens signed with `fixtureSecret`, carrying `issuer`/`audience` when
 * given (which the ledger then enforces).
 */
export const startFixtureLedger = (options: { issuer?: string; audience?: string; policies?: PolicyRegistry } = {}): Promise<FixtureLedger> =>
  startTestLedger({ ...options, secret: fixtureSecret });

interface RouteLayer {
  readonly route?: { readonly path: string; readonly methods: Readonly<Record<string, boolean>> };
}

export interface RouteOf {
  readonly method: string;
  /** The router's path, e.g. `/v1/suggestions/:id/steps`, `/v1/events\:void`. */
  readonly path: string;
}

/** Every (method, path) a router serves (its own routes, not nested routers). */
export const routesOf = (router: Router): RouteOf[] =>
  (router.stack as readonly RouteLayer[]).flatMap((layer) =>
    layer.route === undefined
      ? []
      : Object.keys(layer.route.methods).map((method) => ({ method: method.toUpperCase(), path: (layer.route as { path: string }).path })),
  );

/** The write routes (POST/PUT/PATCH/DELETE) of a router. */
export const writeRoutesOf = (router: Router): RouteOf[] => routesOf(router).filter((route) => route.method !== "GET" && route.method !== "HEAD");

/** The principals of the fixtures: ST-1, D-1 (at ST-1), D-2, U-1, U-2 are registered by `registerFixtureWorld`. */
export interface FixtureTokens {
  readonly office: string;
  readonly d1: string;
  readonly d2: string;
  readonly u1: string;
  readonly u2: string;
  readonly clerk: string;
  readonly auditor: string;
}

export const fixtureTokens = async (ledger: Pick<FixtureLedger, "token">): Promise<FixtureTokens> => ({
  office: await ledger.token("office", "OFFICE-1"),
  d1: await ledger.token("deputy", "D-1"),
  d2: await ledger.token("deputy", "D-2"),
  u1: await ledger.token("unit", "U-1"),
  u2: await ledger.token("unit", "U-2"),
  clerk: await ledger.token("clerk", "CLERK-1", "ST-1"),
  auditor: await ledger.token("auditor", "AUDITOR-1"),
});

export const t0 = "2024-03-01T09:00:00+08:00";
export const t1 = "2024-03-02T09:00:00+08:00";
export const t2 = "2024-04-01T09:00:00+08:00";
export const t3 = "2024-04-05T09:00:00+08:00";
/** Within 7 working days of the assignment at `t1` (Saturday 2 March 2024: the 7th is Tuesday 12 March). */
export const returnRequestedAt = "2024-03-05T09:00:00+08:00";
export const returnAnsweredAt = "2024-03-06T09:00:00+08:00";

const send = async (ledger: ApiTarget, request: ApiRequest): Promise<{ id: string; eventIds: string[] }> => {
  const response = await sendApiRequest(ledger, request);
  if (response.status !== 201) throw new Error(`fixture ${request.path} answered ${response.status}: ${response.text}`);
  return response.body as { id: string; eventIds: string[] };
};

/** Registers the fixtures' station, deputies and units. */
export const registerFixtureWorld = async (ledger: ApiTarget, tokens: FixtureTokens): Promise<void> => {
  const requests: ApiRequest[] = [
    { path: "/v1/stations", token: tokens.office, body: { stationId: "ST-1", name: "城关联络站", region: "城关镇" } },
    { path: "/v1/deputies", token: tokens.office, body: { deputyId: "D-1", name: "王芳", level: "county", term: "2021-2026", constituency: "城关镇", stationId: "ST-1" } },
    { path: "/v1/deputies", token: tokens.office, body: { deputyId: "D-2", name: "李强", level: "township", term: "2021-2026", constituency: "东乡" } },
    { path: "/v1/units", token: tokens.office, body: { unitId: "U-1", name: "县交通运输局" } },
    { path: "/v1/units", token: tokens.office, body: { unitId: "U-2", name: "县住建局" } },
  ];
  for (const request of requests) await send(ledger, request);
};

let counter = 0;
/** A new id no fixture used before. */
export const freshId = (prefix: string): string => `${prefix}-f${(counter += 1)}`;

export type SuggestionStage = "submitted" | "revising" | "accepted" | "assigned" | "replied";

/** A new suggestion of D-1 (co-signer D-2) brought to `stage`; assigned to U-1 (lead) and U-2. */
export const suggestionAt = async (ledger: ApiTarget, tokens: FixtureTokens, stage: SuggestionStage, id = freshId("S")): Promise<string> => {
  await send(ledger, {
    path: "/v1/suggestions",
    token: tokens.d1,
    body: { suggestionId: id, leadDeputyId: "D-1", coSignerIds: ["D-2"], title: "改善公交线路", body: "建议增加早高峰班次。", phase: "session", session: "2024", submittedAt: t0 },
  });
  if (stage === "submitted") return id;
  const outcome = stage === "revising" ? "revise" : "accept";
  await send(ledger, { path: `/v1/suggestions/${id}/pre-review`, token: tokens.office, body: { outcome, reason: "审查意见", reviewedAt: t1 } });
  if (stage === "revising" || stage === "accepted") return id;
  await send(ledger, { path: `/v1/suggestions/${id}/assignment`, token: tokens.office, body: { leadUnitId: "U-1", coUnitIds: ["U-2"], assignedAt: t1, complex: false } });
  if (stage === "assigned") return id;
  await send(ledger, { path: `/v1/suggestions/${id}/reply`, token: tokens.u1, body: { unitId: "U-1", category: "A", repliedAt: t2, text: "已增加班次。" } });
  return id;
};

/** A request that the ledger accepts (201) with `token`, once its set-up has run. */
export interface WriteRequest {
  readonly path: string;
  readonly token: string;
  readonly body: Record<string, unknown>;
  /** The role of `token`. */
  readonly role: PrincipalRole;
  /** The subject of `token`. */
  readonly sub: string;
}

export type WriteFixture = (ledger: ApiTarget, tokens: FixtureTokens) => Promise<WriteRequest>;

const contact = (contactId?: string): Record<string, unknown> => ({
  ...(contactId === undefined ? {} : { contactId }),
  deputyIds: ["D-1"],
  stationId: "ST-1",
  channel: "station",
  occurredAt: t0,
  constituents: 12,
  topic: "公交出行",
  summary: "群众反映早高峰公交拥挤。",
  opinions: [{ opinionId: "OP-1", text: "增加班次" }],
});

/**
 * One fixture per write route of `createLedgerApi`, keyed by the router's path: it prepares a
 * fresh entity in the right state and returns a request the ledger accepts. The tests check
 * that this table and the router list the same routes, so a new endpoint needs a fixture.
 */
export const writeFixtures: Readonly<Record<string, WriteFixture>> = {
  "/v1/deputies": async (_l, t) => ({
    path: "/v1/deputies",
    token: t.office,
    role: "office",
    sub: "OFFICE-1",
    body: { deputyId: freshId("D"), name: "赵敏", level: "municipal", term: "2021-2026", constituency: "城关镇", stationId: "ST-1" },
  }),
  "/v1/deputies/:id/corrections": async (l, t) => {
    const deputyId = freshId("D");
    await send(l, { path: "/v1/deputies", token: t.office, body: { deputyId, name: "赵敏", level: "municipal", term: "2021-2026", constituency: "城关镇" } });
    return { path: `/v1/deputies/${deputyId}/corrections`, token: t.office, role: "office", sub: "OFFICE-1", body: { constituency: "东乡镇", reason: "选区名称更正" } };
  },
  "/v1/units": async (_l, t) => ({ path: "/v1/units", token: t.office, role: "office", sub: "OFFICE-1", body: { unitId: freshId("U"), name: "县水利局" } }),
  "/v1/units/:id/corrections": async (l, t) => {
    const unitId = freshId("U");
    await send(l, { path: "/v1/units", token: t.office, body: { unitId, name: "县水利局" } });
    return { path: `/v1/units/${unitId}/corrections`, token: t.office, role: "office", sub: "OFFICE-1", body: { name: "县水务局", reason: "机构更名" } };
  },
  "/v1/stations": async (_l, t) => ({
    path: "/v1/stations",
    token: t.office,
    role: "office",
    sub: "OFFICE-1",
    body: { stationId: freshId("ST"), name: "西乡联络站", region: "西乡" },
  }),
  "/v1/stations/:id/corrections": async (l, t) => {
    const stationId = freshId("ST");
    await send(l, { path: "/v1/stations", token: t.office, body: { stationId, name: "西乡联络站", region: "西乡" } });
    return { path: `/v1/stations/${stationId}/corrections`, token: t.office, role: "office", sub: "OFFICE-1", body: { region: "西乡镇", reason: "地名更正" } };
  },
  "/v1/contacts": async (_l, t) => ({ path: "/v1/contacts", token: t.d1, role: "deputy", sub: "D-1", body: contact(freshId("C")) }),
  "/v1/contacts/:id/feedback": async (l, t) => {
    const contactId = freshId("C");
    await send(l, { path: "/v1/contacts", token: t.d1, body: contact(contactId) });
    return { path: `/v1/contacts/${contactId}/feedback`, token: t.d1, role: "deputy", sub: "D-1", body: { opinionIds: ["OP-1"], feedbackAt: t2, text: "已反馈：新增两个班次。" } };
  },
  "/v1/suggestions": async (_l, t) => ({
    path: "/v1/suggestions",
    token: t.d1,
    role: "deputy",
    sub: "D-1",
    body: { suggestionId: freshId("S"), leadDeputyId: "D-1", coSignerIds: ["D-2"], title: "修缮乡村道路", body: "建议修缮。", phase: "recess", session: "2024", submittedAt: t0 },
  }),
  "/v1/suggestions/:id/revision": async (l, t) => ({
    path: `/v1/suggestions/${await suggestionAt(l, t, "revising")}/revision`,
    token: t.d1,
    role: "deputy",
    sub: "D-1",
    body: { title: "改善公交线路（修改稿）", body: "建议增加 3 路早高峰班次。", revisedAt: t2 },
  }),
  "/v1/suggestions/:id/pre-review": async (l, t) => ({
    path: `/v1/suggestions/${await suggestionAt(l, t, "submitted")}/pre-review`,
    token: t.office,
    role: "office",
    sub: "OFFICE-1",
    body: { outcome: "accept", reason: "符合要求", reviewedAt: t1 },
  }),
  "/v1/suggestions/:id/assignment": async (l, t) => ({
    path: `/v1/suggestions/${await suggestionAt(l, t, "accepted")}/assignment`,
    token: t.office,
    role: "office",
    sub: "OFFICE-1",
    body: { leadUnitId: "U-1", coUnitIds: ["U-2"], assignedAt: t1, complex: true, leadingOfficial: "张局长" },
  }),
  "/v1/suggestions/:id/steps": async (l, t) => ({
    path: `/v1/suggestions/${await suggestionAt(l, t, "assigned")}/steps`,
    token: t.u1,
    role: "unit",
    sub: "U-1",
    body: { unitId: "U-1", kind: "consultation", occurredAt: t2, recordedVia: "online", deputyPresent: true, note: "座谈" },
  }),
  "/v1/suggestions/:id/reply": async (l, t) => ({
    path: `/v1/suggestions/${await suggestionAt(l, t, "assigned")}/reply`,
    token: t.u1,
    role: "unit",
    sub: "U-1",
    body: { unitId: "U-1", category: "B", repliedAt: t2, text: "已列入明年计划。" },
  }),
  "/v1/suggestions/:id/publication": async (l, t) => ({
    path: `/v1/suggestions/${await suggestionAt(l, t, "replied")}/publication`,
    token: t.u1,
    role: "unit",
    sub: "U-1",
    body: { publishedAt: t3, url: "https://example.org/replies/1" },
  }),
  "/v1/suggestions/:id/evaluation": async (l, t) => ({
    path: `/v1/suggestions/${await suggestionAt(l, t, "replied")}/evaluation`,
    token: t.d1,
    role: "deputy",
    sub: "D-1",
    body: { rating: "basically-satisfied", evaluatedAt: t3, comment: "基本满意" },
  }),
  "/v1/suggestions/:id/extension": async (l, t) => ({
    path: `/v1/suggestions/${await suggestionAt(l, t, "assigned")}/extension`,
    token: t.office,
    role: "office",
    sub: "OFFICE-1",
    body: { newDueAt: "2024-08-31T23:59:59.999+08:00", reason: "涉及多部门协调", grantedAt: t2 },
  }),
  "/v1/suggestions/:id/supervision": async (l, t) => ({
    path: `/v1/suggestions/${await suggestionAt(l, t, "assigned")}/supervision`,
    token: t.office,
    role: "office",
    sub: "OFFICE-1",
    body: { supervisionId: freshId("SV"), kind: "warning", at: t2, by: "王主任", note: "请加快办理。" },
  }),
  "/v1/suggestions/:id/extension-request": async (l, t) => ({
    path: `/v1/suggestions/${await suggestionAt(l, t, "assigned")}/extension-request`,
    token: t.u1,
    role: "unit",
    sub: "U-1",
    body: { requestedDueAt: "2024-08-31T23:59:59.999+08:00", reason: "涉及多部门协调", at: t2 },
  }),
  "/v1/suggestions/:id/extension-request/refusal": async (l, t) => {
    const id = await suggestionAt(l, t, "assigned");
    await send(l, { path: `/v1/suggestions/${id}/extension-request`, token: t.u1, body: { requestedDueAt: "2024-08-31T23:59:59.999+08:00", reason: "涉及多部门协调", at: t2 } });
    return { path: `/v1/suggestions/${id}/extension-request/refusal`, token: t.office, role: "office", sub: "OFFICE-1", body: { at: t3, reason: "理由不充分" } };
  },
  "/v1/suggestions/:id/return-request": async (l, t) => ({
    path: `/v1/suggestions/${await suggestionAt(l, t, "assigned")}/return-request`,
    token: t.u1,
    role: "unit",
    sub: "U-1",
    body: { reason: "不属于本单位职责", at: returnRequestedAt },
  }),
  "/v1/suggestions/:id/return-request/refusal": async (l, t) => {
    const id = await suggestionAt(l, t, "assigned");
    await send(l, { path: `/v1/suggestions/${id}/return-request`, token: t.u1, body: { reason: "不属于本单位职责", at: returnRequestedAt } });
    return { path: `/v1/suggestions/${id}/return-request/refusal`, token: t.office, role: "office", sub: "OFFICE-1", body: { at: returnAnsweredAt, reason: "属于本单位职责" } };
  },
  "/v1/suggestions/:id/reassignment": async (l, t) => {
    const id = await suggestionAt(l, t, "assigned");
    await send(l, { path: `/v1/suggestions/${id}/return-request`, token: t.u1, body: { reason: "不属于本单位职责", at: returnRequestedAt } });
    return {
      path: `/v1/suggestions/${id}/reassignment`,
      token: t.office,
      role: "office",
      sub: "OFFICE-1",
      body: { leadUnitId: "U-2", coUnitIds: [], assignedAt: returnAnsweredAt, complex: false, supervisingOfficial: "李副县长" },
    };
  },
  "/v1/contacts/:id/confirmation": async (l, t) => {
    // D-1 records a contact naming D-2: D-2's part counts once D-2 confirms.
    const contactId = freshId("C");
    await send(l, { path: "/v1/contacts", token: t.d1, body: { ...contact(contactId), deputyIds: ["D-1", "D-2"] } });
    return { path: `/v1/contacts/${contactId}/confirmation`, token: t.d2, role: "deputy", sub: "D-2", body: { confirmedAt: t1 } };
  },
  "/v1/suggestions/:id/co-signature": async (l, t) => ({
    path: `/v1/suggestions/${await suggestionAt(l, t, "submitted")}/co-signature`,
    token: t.d2,
    role: "deputy",
    sub: "D-2",
    body: { decision: "accept", at: t1 },
  }),
  "/v1/backfills": async (_l, t) => ({
    path: "/v1/backfills",
    token: t.office,
    role: "office",
    sub: "OFFICE-1",
    body: { backfillId: freshId("B"), actorRole: "unit", actorId: "U-1", from: "2023-01-01T00:00:00+08:00", to: t0, reason: "补录 2023 年纸质台账", expiresAt: "2099-01-01T00:00:00+08:00" },
  }),
  "/v1/events\\:void": async (l, t) => {
    const id = await suggestionAt(l, t, "assigned");
    const step = await send(l, { path: `/v1/suggestions/${id}/steps`, token: t.u1, body: { unitId: "U-1", kind: "progress", occurredAt: t2, recordedVia: "online" } });
    return { path: "/v1/events:void", token: t.office, role: "office", sub: "OFFICE-1", body: { eventId: step.eventIds[0], reason: "误录" } };
  },
};

/** Every stream of the log, in revision order. */
export const streamsOf = async (store: EventStore): Promise<Map<string, RecordedEvent[]>> => {
  const streams = new Map<string, RecordedEvent[]>();
  for await (const event of store.readAll()) {
    const events = streams.get(event.streamId) ?? [];
    events.push(event);
    streams.set(event.streamId, events);
  }
  return streams;
};

/** The streams whose hash chain does not verify, with the reason (empty: all verify). */
export const brokenChains = async (store: EventStore): Promise<string[]> =>
  [...(await streamsOf(store))].flatMap(([streamId, events]) => {
    const verification = verifyStreamChain(events);
    return verification.ok ? [] : [`${streamId}: ${verification.reason} ${verification.detail}`];
  });
