import { hasForbiddenTextCharacter } from "@duty-ledger/domain";
import { sendApiRequest } from "@duty-ledger/testing";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  brokenChains,
  fixtureTokens,
  freshId,
  registerFixtureWorld,
  startFixtureLedger,
  t0,
  writeFixtures as ledgerFixtures,
  writeRoutesOf,
  type FixtureLedger,
  type FixtureTokens,
  type WriteRequest,
} from "./write-fixtures.test-support.js";
import { voiceFixtures } from "./voice-fixtures.test-support.js";

/** The write routes of `createLedgerApi` and of `createVoiceApi` (转办, duty activities), served together. */
const writeFixtures = { ...ledgerFixtures, ...voiceFixtures };

/**
 * Hostile input never yields a 5xx and never appends (issue 5, point 4). For every write route
 * of the router (the fixture table must list exactly the router's routes), fast-check sends
 * near-misses of a request the ledger would accept: deep nesting, huge strings and arrays,
 * prototype-pollution keys, raw control characters, invalid UTF-8, wrong content types, numbers
 * out of range, impossible dates, hostile path ids. Each is refused with a 4xx problem and the
 * head of the log does not move. At the end the unaltered request of each route is accepted:
 * the fuzzing left every entity as it found it.
 */

const runsPerRoute = Number(process.env["HOSTILE_RUNS"] ?? 60);

let ledger: FixtureLedger;
let tokens: FixtureTokens;
const valid = new Map<string, WriteRequest>();

beforeAll(async () => {
  ledger = await startFixtureLedger();
  tokens = await fixtureTokens(ledger);
  await registerFixtureWorld(ledger, tokens);
  for (const [route, fixture] of Object.entries(writeFixtures)) valid.set(route, await fixture(ledger, tokens));
});

afterAll(async () => {
  await ledger.close();
});

interface Hostile {
  readonly label: string;
  readonly path: string;
  readonly body: string | Uint8Array;
  /** `null`: no Content-Type header at all. */
  readonly contentType: string | null;
}

const placeholder = '"@@hostile-value@@"';

/** The JSON text of `body` with `field` set to the raw JSON text `raw` (spliced in as is). */
const withRaw = (body: Record<string, unknown>, field: string, raw: string): string =>
  JSON.stringify({ ...body, [field]: "@@hostile-value@@" }).replace(placeholder, () => raw);

/** Bytes of `body` with `field` a string holding `inside` (raw bytes) between two letters. */
const withRawBytes = (body: Record<string, unknown>, field: string, inside: Uint8Array): Uint8Array => {
  const [before = "", after = ""] = JSON.stringify({ ...body, [field]: "@@hostile-value@@" }).split(placeholder);
  return Buffer.concat([Buffer.from(`${before}"ab`, "utf8"), inside, Buffer.from(`cd"${after}`, "utf8")]);
};

const enumFields = new Set(["level", "channel", "phase", "kind", "recordedVia", "category", "rating", "outcome", "url"]);
/** Fields whose values are ids, id lists, times, enums or URLs: any control character or free text is refused there. */
const isStrictField = (field: string): boolean => /(Id|Ids|At)$/.test(field) || enumFields.has(field);

const impossibleDates = [
  "2024-02-30T09:00:00+08:00",
  "2023-02-29T09:00:00+08:00",
  "2024-04-31T00:00:00Z",
  "2024-13-01T09:00:00+08:00",
  "2024-00-10T09:00:00+08:00",
  "2024-03-01T24:00:00+08:00",
  "2024-03-01T09:60:00+08:00",
  "2024-03-01T09:00:00+25:00",
  "2024-03-01T09:00:00",
  "2024-03-01",
  "2024-02-30",
  "0000-00-00T00:00:00Z",
  "+275760-09-13T00:00:01Z",
  "2024-03-01T09:00:00+08:00\n",
  "２０２４-03-01T09:00:00+08:00",
];

/** JSON number texts refused wherever they stand: `constituents` is 0–1 000 000, other fields are not numbers. */
const badNumbers = ["1e309", "-1e309", `1${"0".repeat(400)}`, "-1", "1.5", "1000001", "9007199254740993", "-9007199254740993", "1e-400e"];
/** Fields where a fraction is a value like any other (an activity's `hours`): "1.5" is not hostile there. */
const fractionalFields: ReadonlySet<string> = new Set(["hours"]);

/** Content types the write API must refuse for a JSON body. */
const wrongContentTypes: (string | null)[] = [
  null,
  "text/plain",
  "text/json",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=xyz",
  "application/xml",
  "application/jsonx",
  "application/json-patch+json",
  "application/json; charset=latin1",
  "application/json; charset=utf-16le",
  "application/octet-stream",
];

const invalidUtf8: Uint8Array[] = [
  Uint8Array.of(0xff),
  Uint8Array.of(0xc0, 0xaf), // overlong "/"
  Uint8Array.of(0xe0, 0x80, 0xaf), // overlong
  Uint8Array.of(0xed, 0xa0, 0x80), // an encoded surrogate
  Uint8Array.of(0xe4, 0xb8), // truncated 中
  Uint8Array.of(0xf8, 0x88, 0x80, 0x80, 0x80), // 5-byte form
  Uint8Array.of(0x80),
  Uint8Array.of(0xf4, 0x90, 0x80, 0x80), // above U+10FFFF
];

const pollutionKeys = ["__proto__", "constructor", "prototype"] as const;

/** Path ids that name nothing (or cannot be decoded): the route must answer 404/400, never touch a stream. */
const hostileIds = fc.oneof(
  fc.constantFrom("__proto__", "constructor", "prototype", "%00", "%ff", "%C0%AF", "..", "%2e%2e", "%2F", "a%00b", "%E4%B8", "null", "undefined", "-1", "%20"),
  fc.integer({ min: 65, max: 6_000 }).map((length) => "x".repeat(length)),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 40 }).map((text) => encodeURIComponent(text)),
);

/** The hostile variants of one valid request. */
const hostileOf = (request: WriteRequest): fc.Arbitrary<Hostile> => {
  const fields = Object.keys(request.body);
  const field = fc.constantFrom(...fields);
  const json = "application/json";
  const at = (label: string, body: string | Uint8Array, contentType: string | null = json): Hostile => ({ label, path: request.path, body, contentType });
  const variants: fc.Arbitrary<Hostile>[] = [
    // Nesting deeper than 32, in a field or as the body itself.
    fc.tuple(field, fc.integer({ min: 33, max: 4_000 }), fc.boolean()).map(([f, depth, arrays]) =>
      at(`nesting ${depth} in ${f}`, withRaw(request.body, f, arrays ? `${"[".repeat(depth)}${"]".repeat(depth)}` : `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`)),
    ),
    fc.integer({ min: 33, max: 4_000 }).map((depth) => at(`body nested ${depth}`, `${'{"a":'.repeat(depth)}{}${"}".repeat(depth)}`)),
    // Strings longer than any field allows (20 000), under and over the 64 KiB body limit.
    fc.tuple(field, fc.integer({ min: 20_001, max: 150_000 }), fc.constantFrom("x", "中", " ", "\\u0000", "\\n", "😀")).map(([f, length, unit]) =>
      at(`string of ${length} "${unit}" in ${f}`, withRaw(request.body, f, `"${unit.repeat(length)}"`)),
    ),
    fc.integer({ min: 1_000, max: 60_000 }).map((length) => at(`key of ${length} characters`, withRaw(request.body, "k".repeat(length), "1"))),
    // Arrays longer than any list allows (1 000), or a body that is an array.
    fc.tuple(field, fc.integer({ min: 1_001, max: 20_000 }), fc.constantFrom("0", '"a"', "{}", "null", "[]")).map(([f, length, item]) =>
      at(`array of ${length} ${item} in ${f}`, withRaw(request.body, f, `[${Array.from({ length }, () => item).join(",")}]`)),
    ),
    fc.integer({ min: 0, max: 5_000 }).map((length) => at(`body is an array of ${length}`, JSON.stringify(Array.from({ length }, () => request.body)).slice(0, 60_000).replace(/,?\{?[^}\]]*$/, "]"))),
    // Prototype pollution: at the top, in a field, nested in arrays.
    fc.tuple(fc.constantFrom(...pollutionKeys), fc.constantFrom('{"role":"office"}', "1", '{"prototype":{"admin":true}}', "null")).map(([key, value]) =>
      at(`top-level ${key}`, JSON.stringify(request.body).replace(/^\{/, `{"${key}":${value},`)),
    ),
    fc.tuple(field, fc.constantFrom(...pollutionKeys), fc.integer({ min: 0, max: 5 })).map(([f, key, depth]) =>
      at(`${key} at depth ${depth + 1} in ${f}`, withRaw(request.body, f, `${"[".repeat(depth)}{"${key}":{"polluted":true}}${"]".repeat(depth)}`)),
    ),
    // Raw (unescaped) control characters inside a JSON string: not JSON.
    fc.tuple(field, fc.integer({ min: 0, max: 0x1f })).map(([f, code]) => at(`raw control character ${code} in ${f}`, withRawBytes(request.body, f, Uint8Array.of(code)))),
    // Invalid UTF-8 inside a string.
    fc.tuple(field, fc.constantFrom(...invalidUtf8)).map(([f, bytes]) => at(`invalid UTF-8 ${Buffer.from(bytes).toString("hex")} in ${f}`, withRawBytes(request.body, f, bytes))),
    // A valid body under a content type that is not JSON in UTF-8.
    fc.constantFrom(...wrongContentTypes).map((type) => at(`content type ${String(type)}`, Buffer.from(JSON.stringify(request.body), "utf8"), type)),
    fc.constantFrom(...wrongContentTypes.filter((type) => type !== null)).map((type) =>
      at(`form body as ${String(type)}`, new URLSearchParams(Object.entries(request.body).map(([k, v]): [string, string] => [k, String(v)])).toString(), type),
    ),
    // Numbers out of range (or numbers where none belong).
    fc
      .tuple(field, fc.constantFrom(...badNumbers))
      .filter(([f, number]) => !(number === "1.5" && fractionalFields.has(f)))
      .map(([f, number]) => at(`number ${number.slice(0, 12)} in ${f}`, withRaw(request.body, f, number))),
    // Not a JSON object at all.
    fc.constantFrom("", "null", "true", "42", '"text"', "[]", "{", '{"a":1}{"b":2}', "\uFEFF{}", "{'single':'quotes'}", "NaN", "Infinity").map((text) => at(`body ${JSON.stringify(text)}`, text)),
  ];
  const dateFields = fields.filter((f) => /At$/.test(f));
  if (dateFields.length > 0) {
    variants.push(fc.tuple(fc.constantFrom(...dateFields), fc.constantFrom(...impossibleDates)).map(([f, date]) => at(`date ${JSON.stringify(date)} in ${f}`, withRaw(request.body, f, JSON.stringify(date)))));
  }
  const strict = fields.filter(isStrictField);
  if (strict.length > 0) {
    // Escaped control characters, lone surrogates and other junk where only ids, times and enums belong.
    const junk = fc.oneof(
      fc.constantFrom("\u0000", "\u0007", "\u001b[31m", "\u007f", "\ud800", "\udfff", "\u202e", "\n", "a\u0000b", "D-1\u0000", " D-1", "D-1\r\n"),
      fc.string({ unit: "binary", minLength: 1, maxLength: 20 }).filter((text) => /[\u0000-\u001f\u007f-\u009f\ud800-\udfff]/.test(text)),
    );
    variants.push(
      fc.tuple(fc.constantFrom(...strict), junk, fc.boolean()).map(([f, text, inList]) => {
        const listField = /Ids$/.test(f);
        return at(`control characters ${JSON.stringify(text)} in ${f}`, withRaw(request.body, f, JSON.stringify(listField || inList ? [text] : text)));
      }),
    );
  }
  const idSegment = /^(\/v1\/[a-z-]+\/)([^/]+)(\/.*)$/.exec(request.path);
  if (idSegment !== null) {
    variants.push(hostileIds.map((id) => ({ label: `path id ${id.slice(0, 40)}`, path: `${idSegment[1]}${id}${idSegment[3]}`, body: JSON.stringify(request.body), contentType: json })));
  }
  return fc.oneof(...variants);
};

const send = async (token: string, hostile: Hostile): Promise<{ status: number; contentType: string; text: string }> => {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (hostile.contentType !== null) headers["content-type"] = hostile.contentType;
  const response = await fetch(`${ledger.baseUrl}${hostile.path}`, {
    method: "POST",
    headers,
    // A Uint8Array body gets no default Content-Type; a string would be sent as text/plain.
    body: typeof hostile.body === "string" ? Buffer.from(hostile.body, "utf8") : hostile.body,
  });
  return { status: response.status, contentType: response.headers.get("content-type") ?? "", text: (await response.text()).slice(0, 300) };
};

describe("the hostile-input fuzz covers the router", () => {
  it("has a fixture for every write route of createLedgerApi, and no other", () => {
    const served = [...writeRoutesOf(ledger.router), ...writeRoutesOf(ledger.voiceRouter)].map((route) => `${route.method} ${route.path}`).sort();
    expect(served.length).toBeGreaterThanOrEqual(14);
    expect(Object.keys(writeFixtures).map((path) => `POST ${path}`).sort()).toEqual(served);
  });
});

describe("path ids that are not percent-encoded UTF-8", () => {
  it("are refused with 400 on every route with an id, and nothing is appended", async () => {
    const withId = [...valid.values()].filter((request) => /^\/v1\/[a-z-]+\/[^/]+\//.test(request.path));
    expect(withId.length).toBeGreaterThanOrEqual(11);
    const head = await ledger.headPosition();
    for (const request of withId) {
      for (const id of ["%E4%B8", "%ff", "%C0%AF", "%"]) {
        const path = request.path.replace(/^(\/v1\/[a-z-]+\/)[^/]+/, `$1${id}`);
        const answer = await send(request.token, { label: path, path, body: JSON.stringify(request.body), contentType: "application/json" });
        expect(answer.status, `${path}: ${answer.text}`).toBe(400);
        expect(answer.contentType).toContain("application/problem+json");
      }
    }
    expect(await ledger.headPosition()).toBe(head);
  });
});

describe.each(Object.keys(writeFixtures))("POST %s under hostile input", (route) => {
  it(`is refused with a 4xx problem and appends nothing (${runsPerRoute} runs)`, async () => {
    const request = valid.get(route);
    if (request === undefined) throw new Error(`no valid request for ${route}`);
    const head = await ledger.headPosition();
    await fc.assert(
      fc.asyncProperty(hostileOf(request), async (hostile) => {
        const answer = await send(request.token, hostile);
        expect(answer.status, `${hostile.label}: ${answer.text}`).toBeGreaterThanOrEqual(400);
        expect(answer.status, `${hostile.label}: ${answer.text}`).toBeLessThan(500);
        expect(answer.contentType, hostile.label).toContain("application/problem+json");
        expect(await ledger.headPosition(), `${hostile.label} appended`).toBe(head);
      }),
      { numRuns: runsPerRoute },
    );
  });
});

/** Sends `request` as it is, but with its raw JSON text `text` and at `path`; answers the status, the problem's field paths and whether the log moved. */
const sendRaw = async (request: WriteRequest, path: string, text: string): Promise<{ status: number; contentType: string; fields: string[]; appended: boolean; text: string }> => {
  const head = await ledger.headPosition();
  const answer = await sendApiRequest(ledger, { method: "POST", path, token: request.token, rawBody: text });
  const fields = ((answer.body as { errors?: { path: string }[] } | undefined)?.errors ?? []).map((error) => error.path);
  return { status: answer.status, contentType: answer.headers.get("content-type") ?? "", fields, appended: (await ledger.headPosition()) !== head, text: answer.text };
};

describe("duplicate JSON keys (security review: the last one used to win)", () => {
  it.each(Object.keys(writeFixtures))("POST %s: a body with a field twice is refused (400 naming it), nothing appended", async (route) => {
    const request = valid.get(route);
    if (request === undefined) throw new Error(`no valid request for ${route}`);
    const [field = ""] = Object.keys(request.body);
    // The first value is junk, the last the valid one: were the last to win, the request would be accepted.
    const twice = JSON.stringify(request.body).replace(/^\{/, () => `{${JSON.stringify(field)}:"@@first@@",`);
    const escaped = JSON.stringify(request.body).replace(/^\{/, () => `{${JSON.stringify(field).replace(/^"(.)/, (_m, c: string) => `"\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)}:"@@first@@",`);
    for (const text of [twice, escaped]) {
      const answer = await sendRaw(request, request.path, text);
      expect(answer.status, `${text}: ${answer.text}`).toBe(400);
      expect(answer.contentType).toContain("application/problem+json");
      expect(answer.text).toContain("/problems/validation");
      expect(answer.fields).toEqual([field]);
      expect(answer.appended).toBe(false);
    }
  });

  it("a key twice in a nested object is refused with its path (opinions.0.text)", async () => {
    const request = valid.get("/v1/contacts");
    if (request === undefined) throw new Error("no contact fixture");
    const body = { ...request.body, contactId: freshId("C"), opinions: [{ opinionId: freshId("OP"), text: "@@first@@" }] };
    const text = JSON.stringify(body).replace('"text":"@@first@@"', () => '"text":"先写的意见", "text" :"后写的意见"');
    const answer = await sendRaw(request, request.path, text);
    expect(answer.status, answer.text).toBe(400);
    expect(answer.fields).toEqual(["opinions.0.text"]);
    expect(answer.appended).toBe(false);
    // The same body without the duplicate is accepted: the key, not the body, was refused.
    const accepted = await sendRaw(request, request.path, text.replace('"text":"先写的意见", ', ""));
    expect(accepted.status, accepted.text).toBe(201);
  });
});

describe("query strings on writes (security review: they used to be ignored)", () => {
  it.each(Object.keys(writeFixtures))("POST %s with a query string is refused (400 on query), nothing appended", async (route) => {
    const request = valid.get(route);
    if (request === undefined) throw new Error(`no valid request for ${route}`);
    for (const query of ["?dryRun=true", "?x=1&y=2", "?minPosition=0", "?a", "?cursor="]) {
      const answer = await sendRaw(request, `${request.path}${query}`, JSON.stringify(request.body));
      expect(answer.status, `${query}: ${answer.text}`).toBe(400);
      expect(answer.contentType).toContain("application/problem+json");
      expect(answer.fields).toEqual(["query"]);
      expect(answer.appended).toBe(false);
    }
  });
});

describe("after the fuzzing", () => {
  it("accepts each route's unaltered request: the hostile requests left every entity as it was", async () => {
    for (const [route, request] of valid) {
      const response = await sendApiRequest(ledger, { path: request.path, token: request.token, body: request.body });
      expect(response.status, `${route}: ${response.text}`).toBe(201);
    }
  });
});

describe("odd but valid text", () => {
  let other: FixtureLedger;
  let otherTokens: FixtureTokens;

  beforeAll(async () => {
    other = await startFixtureLedger();
    otherTokens = await fixtureTokens(other);
    await registerFixtureWorld(other, otherTokens);
  });

  afterAll(async () => {
    await other.close();
  });

  it("free text with control characters, lone surrogates or bidi overrides is refused (400); other text is stored as sent; the chains verify", async () => {
    const text = fc.string({ unit: "binary", minLength: 1, maxLength: 60 }); // <= 120 UTF-16 units: within every field's length limit
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("summary", "topic"), text, async (field, value) => {
        const before = await other.headPosition();
        const body = { contactId: freshId("C"), deputyIds: ["D-1"], channel: "visit", occurredAt: t0, constituents: 1, topic: "出行", summary: "摘要", [field]: value };
        const response = await sendApiRequest(other, { path: "/v1/contacts", token: otherTokens.office, body });
        if (hasForbiddenTextCharacter(value)) {
          expect(response.status, response.text).toBe(400);
          expect(await other.headPosition()).toBe(before);
          refused += 1;
          return;
        }
        if (value.trim() === "") {
          expect(response.status, response.text).toBe(400);
          return;
        }
        expect(response.status).toBe(201);
        accepted += 1;
        const events = [];
        for await (const event of other.store.readStream(`contact-${body.contactId}`)) events.push(event);
        expect(events).toHaveLength(1);
        // Stored as sent (the schema trims free text).
        expect((events[0]?.data as Record<string, unknown>)[field]).toBe(value.trim());
      }),
      { numRuns: 150 },
    );
    expect(accepted).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
    expect(await brokenChains(other.store)).toEqual([]);
  });
});
