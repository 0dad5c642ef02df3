import { sendApiRequest } from "@duty-ledger/testing";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  fixtureTokens,
  freshId,
  registerFixtureWorld,
  startFixtureLedger,
  t2,
  writeFixtures,
  type FixtureLedger,
  type FixtureTokens,
  type WriteFixture,
  type WriteRequest,
} from "./write-fixtures.test-support.js";

/**
 * Free text stays free of personal data (issue 20, PIPL; personal-data.md), through the real HTTP
 * server: for every write route, a body that carries a mainland mobile number or a resident ID
 * number in any of its strings is refused and appends nothing — in a free-text field with 422
 * `personal-data-in-free-text` naming the field, in any other string (an id, a time, an enum)
 * with a 4xx. The unaltered request of each route is accepted afterwards.
 */

const runsPerRoute = Number(process.env["PERSONAL_DATA_RUNS"] ?? 12);

/** The fields whose strings are free text (every other string is an id, a time, a url or an enum). */
const freeText = new Set(["summary", "topic", "text", "note", "reason", "title", "body", "comment", "name", "region", "constituency", "leadingOfficial", "supervisingOfficial"]);

/** The write routes of the people's router (the ledger router's are `writeFixtures`). */
const peopleFixtures: Readonly<Record<string, WriteFixture>> = {
  "/v1/people/:id/erasure": async (_l, t) => ({
    path: `/v1/people/${freshId("P")}/erasure`,
    token: t.office,
    role: "office",
    sub: "OFFICE-1",
    body: { at: t2, reason: "本人依法申请删除" },
  }),
};
const allFixtures = { ...writeFixtures, ...peopleFixtures };

let ledger: FixtureLedger;
let tokens: FixtureTokens;
const valid = new Map<string, WriteRequest>();

beforeAll(async () => {
  ledger = await startFixtureLedger();
  tokens = await fixtureTokens(ledger);
  await registerFixtureWorld(ledger, tokens);
  for (const [route, fixture] of Object.entries(allFixtures)) valid.set(route, await fixture(ledger, tokens));
});

afterAll(async () => {
  await ledger.close();
});

/** The dotted paths of every string leaf of `value`. */
const stringPaths = (value: unknown, path = ""): string[] => {
  if (typeof value === "string") return [path];
  if (Array.isArray(value)) return value.flatMap((item, index) => stringPaths(item, path === "" ? String(index) : `${path}.${index}`));
  if (value !== null && typeof value === "object") return Object.entries(value).flatMap(([key, item]) => stringPaths(item, path === "" ? key : `${path}.${key}`));
  return [];
};

/** `body` with the string at `path` replaced by `text`. */
const withText = (body: unknown, path: string, text: string): unknown => {
  const [head, ...rest] = path.split(".");
  if (head === undefined) return text;
  if (rest.length === 0) return Array.isArray(body) ? body.map((item, i) => (String(i) === head ? text : item)) : { ...(body as object), [head]: text };
  if (Array.isArray(body)) return body.map((item, i) => (String(i) === head ? withText(item, rest.join("."), text) : item));
  const record = body as Record<string, unknown>;
  return { ...record, [head]: withText(record[head], rest.join("."), text) };
};

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((ds) => ds.join(""));
const mobile = fc.tuple(fc.integer({ min: 3, max: 9 }), digits(9)).map(([second, rest]) => `1${second}${rest}`);
const residentId = fc
  .tuple(fc.constantFrom("110101", "310104", "440305", "510107"), fc.integer({ min: 1930, max: 2010 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), digits(3), fc.constantFrom(..."0123456789X"))
  .map(([region, year, month, day, sequence, check]) => `${region}${year}${String(month).padStart(2, "0")}${String(day).padStart(2, "0")}${sequence}${check}`);
/** The number inside a little text around it (no digits next to it). */
const carrying = fc.tuple(fc.constantFrom("", "电话", "联系人 ", "身份证号："), fc.oneof(mobile, residentId), fc.constantFrom("", "。", " 反映情况"));

describe.each(Object.keys(allFixtures))("POST %s with a phone or ID number in its text", (route) => {
  it(`is refused and appends nothing (${runsPerRoute} runs)`, async () => {
    const request = valid.get(route);
    if (request === undefined) throw new Error(`no valid request for ${route}`);
    const paths = stringPaths(request.body);
    expect(paths.length).toBeGreaterThan(0);
    const head = await ledger.headPosition();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), carrying, async (path, [before, number, after]) => {
        const body = withText(request.body, path, `${before}${number}${after}`);
        const answer = await sendApiRequest(ledger, { path: request.path, token: request.token, body });
        const label = `${path}: ${answer.text}`;
        expect(await ledger.headPosition(), `${path} appended`).toBe(head);
        const field = path.split(".").at(-1) ?? "";
        if (freeText.has(field)) {
          expect(answer.status, label).toBe(422);
          const problem = answer.body as { code?: string; errors?: { path: string }[] };
          expect(problem.code, label).toBe("personal-data-in-free-text");
          expect(problem.errors?.map((error) => error.path), label).toEqual([path]);
        } else {
          expect(answer.status, label).toBeGreaterThanOrEqual(400);
          expect(answer.status, label).toBeLessThan(500);
        }
      }),
      { numRuns: runsPerRoute },
    );
    const accepted = await sendApiRequest(ledger, { path: request.path, token: request.token, body: request.body });
    expect(accepted.status, accepted.text).toBe(201);
  });
});
