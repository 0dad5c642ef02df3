import { spawnSync } from "node:child_process";
import { createDecipheriv } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureStopped, freePort, postJson, processToken, spawnLedger, waitUntilServing, type LedgerProcess } from "./ledger-process.test-support.js";

/**
 * Erasure proved from the outside (issue 20, PIPL; personal-data.md): the real `duty-ledger
 * start` records a contact naming a person (under an Idempotency-Key, read back by the office so
 * the access log and the caches see it), scores and records are read; the office erases the
 * person. Then no file of the data folder — event store, its WAL, the read models, the key
 * store, the idempotency records, the master key, and the server's own log written there —
 * holds the person's name, phone or ID number, in UTF-8 or UTF-16; every record and score reads
 * as before; the contact's people read `[已删除]`; and `duty-ledger audit verify` still passes.
 */

const root = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../..");
const tsx = join(root, "node_modules", ".bin", "tsx");
const main = join(root, "services", "cli", "src", "main.ts");

const person = { personId: "P-ERASE-1", name: "欧阳娜娜", phone: "13912345678", idNumber: "110101199003071234" };
const secrets = [person.name, person.phone, person.idNumber];

let dataDir: string;
let ledger: LedgerProcess | undefined;
let tokens: Record<"office" | "d1" | "clerk" | "u1" | "auditor", string>;

const iso = (msAgo: number): string => new Date(Date.now() - msAgo).toISOString();

const getJson = async (path: string, token: string): Promise<{ status: number; body: unknown; text: string }> => {
  const response = await fetch(`${ledger?.url ?? ""}${path}`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(30_000) });
  const text = await response.text();
  return { status: response.status, body: text === "" ? undefined : (JSON.parse(text) as unknown), text };
};

const post = async (path: string, token: string, body: unknown, headers: Record<string, string> = {}): Promise<{ id: string; position: number }> => {
  const answer = await postJson(`${ledger?.url ?? ""}${path}`, token, body, headers);
  expect(answer.status, `${path}: ${JSON.stringify(answer.body)}`).toBe(201);
  return answer.body as { id: string; position: number };
};

/** Every file under `dir` (recursively). */
const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });

/** The files of the data folder holding any of `needles` (strings in UTF-8 or UTF-16LE, or bytes), with the needle found. */
const filesHolding = (needles: readonly (string | Buffer)[]): string[] =>
  filesUnder(dataDir).flatMap((file) => {
    const bytes = readFileSync(file);
    return needles.flatMap((needle) => {
      const forms = typeof needle === "string" ? [Buffer.from(needle, "utf8"), Buffer.from(needle, "utf16le")] : [needle];
      return forms.some((form) => bytes.includes(form)) ? [`${file}: ${typeof needle === "string" ? needle : needle.toString("hex")}`] : [];
    });
  });

/** AES-256-GCM as personal-data.md documents it: IV (12) | ciphertext | tag (16), with associated data. */
const open = (key: Buffer, sealed: Buffer, associated: string): Buffer => {
  const decipher = createDecipheriv("aes-256-gcm", key, sealed.subarray(0, 12));
  decipher.setAAD(Buffer.from(associated, "utf8"));
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  return Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()]);
};

/**
 * What an operator with the data folder finds of the person's key, as documented: the wrapped
 * key in people-keys.sqlite, unwrapped with master.key, which opens the person's sealed entry of
 * the event log. (Read from outside the process, read-only.)
 */
const personKeyFromTheFolder = (): { wrapped: Buffer; key: Buffer; opened: string } | undefined => {
  const keys = new Database(join(dataDir, "people-keys.sqlite"), { readonly: true, fileMustExist: true });
  const row = keys.prepare<[string], { wrapped: Buffer }>("SELECT wrapped FROM person_keys WHERE person_id = ?").get(person.personId);
  keys.close();
  if (row === undefined) return undefined;
  const master = Buffer.from(readFileSync(join(dataDir, "master.key"), "utf8").trim(), "hex");
  const key = open(master, row.wrapped, `duty-ledger/data-key/v1:${person.personId}`);
  const events = new Database(join(dataDir, "events.sqlite"), { readonly: true, fileMustExist: true });
  const rows = events.prepare<[], { data: string | Buffer }>("SELECT data FROM events").all();
  events.close();
  const recorded = rows.map((r) => String(r.data)).find((data) => data.includes(`"personId":"${person.personId}"`) && data.includes('"sealed"'));
  const sealed = recorded === undefined ? undefined : (JSON.parse(recorded) as { people: { sealed: string }[] }).people[0]?.sealed;
  if (sealed === undefined) throw new Error("no sealed entry of the person in the event log");
  const opened = open(key, Buffer.from(sealed.slice(3), "base64url"), `duty-ledger/person/v1:${person.personId}`).toString("utf8");
  return { wrapped: row.wrapped, key, opened };
};

/** An answer without the fields that name when it was asked (the clock), for comparing. */
const timeless = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(timeless);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).filter(([key]) => !["asOf", "knownAt", "position", "generatedAt"].includes(key)).map(([key, item]) => [key, timeless(item)]));
  }
  return value;
};

const readFigures = async (minPosition: number): Promise<unknown[]> => {
  const year = new Date().getFullYear();
  const paths = [
    [`/v1/deputies/D-1/record?year=${year}&minPosition=${minPosition}`, tokens.office],
    [`/v1/deputies/D-1/timeline?minPosition=${minPosition}`, tokens.office],
    [`/v1/scores?minPosition=${minPosition}`, tokens.office],
    [`/v1/units/U-1/scores?minPosition=${minPosition}`, tokens.office],
  ] as const;
  const answers: unknown[] = [];
  for (const [path, token] of paths) {
    const answer = await getJson(path, token);
    expect(answer.status, `${path}: ${answer.text}`).toBe(200);
    answers.push(timeless(answer.body));
  }
  return answers;
};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "duty-ledger-erasure-"));
  ledger = spawnLedger({ dataDir, port: await freePort(), env: { LOG_LEVEL: "info" } });
  await waitUntilServing(ledger);
  tokens = {
    office: await processToken("office", "OFFICE-1"),
    d1: await processToken("deputy", "D-1"),
    clerk: await processToken("clerk", "CLERK-1", "ST-1"),
    u1: await processToken("unit", "U-1"),
    auditor: await processToken("auditor", "AUDITOR-1"),
  };
}, 120_000);

afterAll(async () => {
  await ensureStopped(ledger);
  rmSync(dataDir, { recursive: true, force: true });
});

describe("a person's erasure, seen from outside the ledger", () => {
  it("leaves their name, phone and ID number in no file of the data folder, every figure unchanged, the log verifying", async () => {
    await post("/v1/stations", tokens.office, { stationId: "ST-1", name: "城关联络站", region: "城关镇" });
    await post("/v1/deputies", tokens.office, { deputyId: "D-1", name: "王芳", level: "county", term: "2021-2026", constituency: "城关镇", stationId: "ST-1" });
    await post("/v1/units", tokens.office, { unitId: "U-1", name: "县交通运输局" });
    const contact = {
      contactId: "C-1",
      deputyIds: ["D-1"],
      stationId: "ST-1",
      channel: "station",
      occurredAt: iso(3 * 3_600_000),
      constituents: 3,
      topic: "公交出行",
      summary: "群众反映早高峰公交拥挤。",
      people: [person],
      opinions: [{ opinionId: "OP-1", text: "增加早高峰班次", people: [person] }],
    };
    await post("/v1/contacts", tokens.clerk, contact, { "idempotency-key": "contact-with-person-1" });
    await post("/v1/contacts", tokens.clerk, { ...contact, contactId: "C-2", people: undefined, opinions: [{ opinionId: "OP-2", text: "修路" }] });
    await post("/v1/suggestions", tokens.d1, {
      suggestionId: "S-1",
      leadDeputyId: "D-1",
      coSignerIds: [],
      title: "增加公交班次",
      body: "建议增加早高峰班次。",
      phase: "recess",
      session: String(new Date().getFullYear()),
      submittedAt: iso(2 * 3_600_000),
      sourceOpinionIds: ["OP-1"],
    });
    await post("/v1/suggestions/S-1/pre-review", tokens.office, { outcome: "accept", reason: "符合要求", reviewedAt: iso(100 * 60_000) });
    await post("/v1/suggestions/S-1/assignment", tokens.office, { leadUnitId: "U-1", coUnitIds: [], assignedAt: iso(90 * 60_000), complex: false });
    const replied = await post("/v1/suggestions/S-1/reply", tokens.u1, { unitId: "U-1", category: "A", repliedAt: iso(60 * 60_000), text: "已增加班次。" });

    // Read in clear by the office (access log), sealed by an auditor.
    const shown = await getJson("/v1/contacts/C-1/people", tokens.office);
    expect(shown.status, shown.text).toBe(200);
    expect(shown.text).toContain(person.name);
    const before = await readFigures(replied.position);
    // The key is there before: wrapped in the key store, and it opens the log's sealed entry.
    const found = personKeyFromTheFolder();
    expect(found?.opened).toContain(person.name);
    const keyBytes = [found?.wrapped ?? Buffer.alloc(0), found?.key ?? Buffer.alloc(0)];

    const erased = await post(`/v1/people/${person.personId}/erasure`, tokens.office, { at: iso(60_000), reason: "本人依法申请删除个人信息" });
    const after = await readFigures(erased.position);
    expect(after).toEqual(before);

    const read = await getJson("/v1/contacts/C-1/people", tokens.office);
    expect(read.body).toEqual({
      contactId: "C-1",
      people: [{ personId: person.personId, name: "[已删除]", erased: true }],
      opinions: [{ opinionId: "OP-1", text: "增加早高峰班次", people: [{ personId: person.personId, name: "[已删除]", erased: true }] }],
    });
    const accesses = await getJson(`/v1/people/${person.personId}/access-log`, tokens.office);
    expect((accesses.body as { accesses: { actorId: string }[] }).accesses.map((a) => a.actorId)).toEqual(["OFFICE-1"]);

    // While it runs: no file holds them, nor the person's key, wrapped or not.
    expect(filesHolding(secrets)).toEqual([]);
    expect(filesHolding(keyBytes)).toEqual([]);
    expect(personKeyFromTheFolder()).toBeUndefined();

    // Stopped, its log written into the data folder: still none, and the log verifies.
    ledger?.child.kill("SIGTERM");
    expect((await ledger?.exited)?.code).toBe(0);
    mkdirSync(join(dataDir, "logs"));
    writeFileSync(join(dataDir, "logs", "ledger.log"), ledger?.output() ?? "");
    const files = filesUnder(dataDir).map((file) => file.slice(dataDir.length + 1));
    expect(files).toEqual(expect.arrayContaining(["events.sqlite", "idempotency.sqlite", "people-keys.sqlite", "master.key", "logs/ledger.log"]));
    expect(filesHolding([...secrets, ...keyBytes])).toEqual([]);
    const verify = spawnSync(tsx, ["--conditions=source", main, "audit", "verify"], { env: { ...process.env, LOG_LEVEL: "silent", DUTY_LEDGER_DATA_DIR: dataDir }, encoding: "utf8", timeout: 120_000 });
    expect(verify.status, verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/OK\n$/);
  }, 180_000);
});
