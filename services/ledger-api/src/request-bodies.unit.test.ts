import { describe, expect, it } from "vitest";
import {
  assignmentBody,
  contactFeedbackBody,
  evaluationBody,
  extensionBody,
  handlingStepBody,
  preReviewBody,
  publicationBody,
  recordContactBody,
  registerDeputyBody,
  registerStationBody,
  registerUnitBody,
  replyBody,
  requestBodySchemas,
  reviseSuggestionBody,
  submitSuggestionBody,
  voidEventBody,
} from "./request-bodies.js";

const T = "2024-03-01T09:30:00+08:00";

/** A minimal valid body of every endpoint of api-v1.md, with exactly its field names. */
const valid = [
  [registerDeputyBody, { deputyId: "D-1", name: "Li Ming", level: "township", term: "18th", constituency: "Jiangxi" }],
  [registerUnitBody, { unitId: "U-1", name: "Transport Bureau" }],
  [registerStationBody, { stationId: "ST-1", name: "Station", region: "Chun'an" }],
  [recordContactBody, { deputyIds: ["D-1"], channel: "visit", occurredAt: T, constituents: 3, topic: "Roads", summary: "A visit." }],
  [contactFeedbackBody, { opinionIds: ["OP-1"], feedbackAt: T, text: "Done." }],
  [submitSuggestionBody, { leadDeputyId: "D-1", coSignerIds: [], title: "Bridge", body: "Fix it", phase: "session", session: "2024", submittedAt: T }],
  [reviseSuggestionBody, { title: "Bridge", body: "Fix it", revisedAt: T }],
  [preReviewBody, { outcome: "return", reason: "not within competence", reviewedAt: T }],
  [assignmentBody, { leadUnitId: "U-1", coUnitIds: [], assignedAt: T, complex: false }],
  [handlingStepBody, { unitId: "U-1", kind: "head-led", occurredAt: T, recordedVia: "online" }],
  [replyBody, { unitId: "U-1", category: "B", repliedAt: T, text: "Planned for 2025." }],
  [publicationBody, { publishedAt: T }],
  [evaluationBody, { rating: "basically-satisfied", evaluatedAt: T }],
  [extensionBody, { newDueAt: T, reason: "budget", grantedAt: T }],
  [voidEventBody, { eventId: "0193b3c4-1111-7000-8000-000000000000", reason: "entered twice" }],
] as const;

describe("request bodies", () => {
  it.each(valid.map(([schema, body], i) => [i, schema, body] as const))("#%i accepts a minimal valid body", (_i, schema, body) => {
    expect(schema.safeParse(body).success).toBe(true);
  });

  it.each(valid.map(([schema, body], i) => [i, schema, body] as const))("#%i refuses an unknown field (a misspelt optional one)", (_i, schema, body) => {
    expect(schema.safeParse({ ...body, sation: "x" }).success).toBe(false);
  });

  it.each(valid.map(([schema, body], i) => [i, schema, body] as const))("#%i refuses a body missing any required field", (_i, schema, body) => {
    for (const key of Object.keys(body)) {
      const { [key]: _dropped, ...rest } = body as Record<string, unknown>;
      expect(schema.safeParse(rest).success, key).toBe(false);
    }
  });

  it("accepts every optional field of api-v1.md", () => {
    expect(registerDeputyBody.safeParse({ ...valid[0][1], stationId: "ST-1" }).success).toBe(true);
    expect(recordContactBody.safeParse({ ...valid[3][1], contactId: "C-1", stationId: "ST-1", opinions: [{ opinionId: "OP-1", text: "x" }] }).success).toBe(true);
    expect(submitSuggestionBody.safeParse({ ...valid[5][1], suggestionId: "S-1", sourceOpinionIds: ["OP-1"], confidential: true }).success).toBe(true);
    expect(assignmentBody.safeParse({ ...valid[8][1], leadingOfficial: "Wang", supervisingOfficial: "Zhao" }).success).toBe(true);
    expect(handlingStepBody.safeParse({ ...valid[9][1], note: "n", deputyPresent: true }).success).toBe(true);
    expect(publicationBody.safeParse({ publishedAt: T, url: "https://gov.example/r/1" }).success).toBe(true);
    expect(evaluationBody.safeParse({ ...valid[12][1], comment: "ok" }).success).toBe(true);
  });

  it("refuses enum values outside api-v1.md", () => {
    expect(registerDeputyBody.safeParse({ ...valid[0][1], level: "village" }).success).toBe(false);
    expect(recordContactBody.safeParse({ ...valid[3][1], channel: "letter" }).success).toBe(false);
    expect(submitSuggestionBody.safeParse({ ...valid[5][1], phase: "other" }).success).toBe(false);
    expect(preReviewBody.safeParse({ ...valid[7][1], outcome: "reject" }).success).toBe(false);
    expect(handlingStepBody.safeParse({ ...valid[9][1], kind: "dinner" }).success).toBe(false);
    expect(handlingStepBody.safeParse({ ...valid[9][1], recordedVia: "fax" }).success).toBe(false);
    expect(replyBody.safeParse({ ...valid[10][1], category: "E" }).success).toBe(false);
    expect(evaluationBody.safeParse({ ...valid[12][1], rating: "happy" }).success).toBe(false);
  });

  it("refuses wrong types, impossible dates and duplicates", () => {
    expect(assignmentBody.safeParse({ ...valid[8][1], complex: "yes" }).success).toBe(false);
    expect(recordContactBody.safeParse({ ...valid[3][1], constituents: "3" }).success).toBe(false);
    expect(recordContactBody.safeParse({ ...valid[3][1], deputyIds: [] }).success).toBe(false);
    expect(recordContactBody.safeParse({ ...valid[3][1], deputyIds: ["D-1", "D-1"] }).success).toBe(false);
    expect(recordContactBody.safeParse({ ...valid[3][1], occurredAt: "2024-02-30T10:00:00+08:00" }).success).toBe(false);
    expect(contactFeedbackBody.safeParse({ ...valid[4][1], opinionIds: [] }).success).toBe(false);
    expect(submitSuggestionBody.safeParse({ ...valid[5][1], submittedAt: "2024-03-01T09:30:00" }).success).toBe(false);
  });

  it("maps every write endpoint of api-v1.md to its schema", () => {
    const endpoints = [
      "POST /v1/deputies",
      "POST /v1/units",
      "POST /v1/stations",
      "POST /v1/contacts",
      "POST /v1/contacts/:id/feedback",
      "POST /v1/suggestions",
      "POST /v1/suggestions/:id/pre-review",
      "POST /v1/suggestions/:id/assignment",
      "POST /v1/suggestions/:id/steps",
      "POST /v1/suggestions/:id/reply",
      "POST /v1/suggestions/:id/publication",
      "POST /v1/suggestions/:id/evaluation",
      "POST /v1/suggestions/:id/extension",
      "POST /v1/events:void",
    ];
    for (const endpoint of endpoints) expect(Object.keys(requestBodySchemas), endpoint).toContain(endpoint);
  });
});
