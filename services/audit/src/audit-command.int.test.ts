import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { copyStoreFiles } from "@duty-ledger/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAuditCommand } from "./audit-command.js";
import { captureIo, openStore, rowsOf, sink, streamWithEvents, tamper, tempDir, writeSampleStore, type EventRow } from "./audit.test-support.js";
import type { ExportedEvent } from "./exported-event.js";
import type { Replay } from "./replay.js";
import type { LogVerification } from "./verify-log.js";

let temp: ReturnType<typeof tempDir>;
let source: string;
let head: number;

beforeAll(async () => {
  temp = tempDir("cli");
  source = join(temp.dir, "events.sqlite");
  head = await writeSampleStore(source);
});

afterAll(() => temp.remove());

const run = async (argv: readonly string[], env: Record<string, string> = {}) => {
  const io = captureIo(argv, env);
  const code = await runAuditCommand(io);
  return { code, out: io.out.text(), err: io.err.text() };
};

describe("duty-ledger audit verify / seal", () => {
  it("opens DUTY_LEDGER_DATA_DIR/events.sqlite by default and says OK", async () => {
    const result = await run(["verify"], { DUTY_LEDGER_DATA_DIR: temp.dir });
    expect(result.code).toBe(0);
    expect(result.out).toContain(`verified ${head} events`);
    expect(result.out.trim().endsWith("OK")).toBe(true);
  });

  it("prints the seal, which verify --seal then accepts (exit 0) and refuses once an event is altered (exit 1)", async () => {
    const path = join(temp.dir, "sealed.sqlite");
    copyStoreFiles(source, path);
    const sealed = await run(["seal", "--store-url", path]);
    expect(sealed.code).toBe(0);
    const seal = sealed.out.trim();
    expect(seal).toMatch(/^dlseal1:\d+:[0-9a-f]{64}$/);
    expect(sealed.err).toContain(`sealed ${head} events`);

    expect((await run(["verify", "--store-url", path, "--seal", seal])).code).toBe(0);
    tamper(path, (db) => {
      const row = rowsOf(db, streamWithEvents(db, 3))[0] as EventRow;
      db.prepare("UPDATE events SET type = ? WHERE position = ?").run("SomethingElse", row.position);
    });
    const broken = await run(["verify", "--store-url", path, "--seal", seal, "--json"]);
    expect(broken.code).toBe(1);
    const report = JSON.parse(broken.out) as LogVerification;
    expect(report).toMatchObject({ ok: false, firstBroken: { revision: 0, problem: "altered" }, sealCheck: { ok: false } });

    const refused = await run(["seal", "--store-url", path]);
    expect(refused.code).toBe(1);
    expect(refused.out).toBe("");
    expect(refused.err).toContain("no seal printed");
  });

  it("refuses a missing store, a bad seal and unknown options with exit 2", async () => {
    expect((await run(["verify", "--store-url", join(temp.dir, "nothing.sqlite")])).code).toBe(2);
    expect(existsSync(join(temp.dir, "nothing.sqlite"))).toBe(false);
    expect((await run(["verify", "--store-url", source, "--seal", "abc"])).code).toBe(2);
    expect((await run(["verify", "--store-url", source, "--bogus"])).code).toBe(2);
    expect((await run(["frobnicate"])).code).toBe(2);
    expect((await run(["verify", "--store-url", "http://example.invalid/x"])).code).toBe(2);
  });
});

describe("duty-ledger audit export / import", () => {
  it("exports NDJSON whose hash lines give the seal, and re-imports it into an empty store with the same seal and figures", async () => {
    const exported = await run(["export", "--store-url", source]);
    expect(exported.code).toBe(0);
    const lines = exported.out.trimEnd().split("\n");
    expect(lines).toHaveLength(head);
    const first = JSON.parse(lines[0] as string) as ExportedEvent;
    expect(Object.keys(first)).toEqual(["position", "streamId", "revision", "id", "type", "data", "metadata", "hash"]);
    expect(first.hash).toBe(first.metadata.hash);

    const seal = (await run(["seal", "--store-url", source])).out.trim();
    const recipe = createHash("sha256")
      .update(lines.map((line) => `${(JSON.parse(line) as ExportedEvent).hash}\n`).join(""))
      .digest("hex");
    expect(seal).toBe(`dlseal1:${head}:${recipe}`);

    const file = join(temp.dir, "export.ndjson");
    writeFileSync(file, exported.out);
    const target = join(temp.dir, "reimported.sqlite");
    const imported = await run(["import", file, "--store-url", target]);
    expect(imported.code).toBe(0);
    expect(imported.out.trim()).toBe(seal);
    expect((await run(["seal", "--store-url", target])).out.trim()).toBe(seal);

    const asOf = "2025-01-31T12:00:00+08:00";
    const original = JSON.parse((await run(["replay", "--store-url", source, "--scores-as-of", asOf])).out) as Replay;
    const copy = JSON.parse((await run(["replay", "--store-url", target, "--scores-as-of", asOf])).out) as Replay;
    expect(original.scores.length).toBeGreaterThan(0);
    expect(original.deputyRecords.length).toBeGreaterThan(0);
    expect(copy).toEqual(original);

    // A second import into the now non-empty store is refused.
    const again = await run(["import", file, "--store-url", target]);
    expect(again.code).toBe(1);
    expect(again.err).toContain("import needs an empty store");
  });

  it("exports a range of positions or of recording times", async () => {
    const range = await run(["export", "--store-url", source, "--from", "5", "--to", "9"]);
    expect(range.out.trimEnd().split("\n").map((line) => (JSON.parse(line) as ExportedEvent).position)).toEqual([5, 6, 7, 8, 9]);
    expect(range.err).toContain("exported 5 events, positions 5..9");
    const none = await run(["export", "--store-url", source, "--until", "2000-01-01"]);
    expect(none.out).toBe("");
    const all = await run(["export", "--store-url", source, "--since", "2000-01-01", "--out", join(temp.dir, "since.ndjson")]);
    expect(readFileSync(join(temp.dir, "since.ndjson"), "utf8").trimEnd().split("\n")).toHaveLength(head);
    expect(all.out).toBe("");
  });

  it("refuses to import an altered export and stores nothing of the refused batch", async () => {
    const lines = (await run(["export", "--store-url", source])).out.trimEnd().split("\n");
    const event = JSON.parse(lines[3] as string) as ExportedEvent;
    lines[3] = JSON.stringify({ ...event, data: { ...(event.data as object), forged: true } });
    const file = join(temp.dir, "forged.ndjson");
    writeFileSync(file, `${lines.join("\n")}\n`);
    const target = join(temp.dir, "forged.sqlite");
    const result = await run(["import", file, "--store-url", target]);
    expect(result.code).toBe(1);
    expect(result.err).toContain(event.id);
    const store = openStore(target);
    expect(await store.headPosition()).toBe(0);
    await store.close();
  });
});

describe("duty-ledger audit replay", () => {
  it("writes the figures as CSV tables", async () => {
    const scores = await run(["replay", "--store-url", source, "--format", "csv", "--table", "scores", "--scores-as-of", "2025-06-30"]);
    expect(scores.code).toBe(0);
    const [header, ...rows] = scores.out.trimEnd().split("\r\n");
    expect(header).toBe("period,rules,asOf,unitId,rank,index,indicators.attention,indicators.completion,indicators.consultation,indicators.satisfaction,indicators.resolution,indicators.publication,indicators.digital,insufficientData,assigned");
    expect(rows.length).toBeGreaterThan(0);

    const folder = join(temp.dir, "csv");
    expect((await run(["replay", "--store-url", source, "--format", "csv", "--out", folder])).code).toBe(0);
    for (const table of ["records", "scores", "unit-scores"]) expect(readFileSync(join(folder, `${table}.csv`), "utf8").length).toBeGreaterThan(0);
    expect(readFileSync(join(folder, "records.csv"), "utf8")).toMatch(/^deputyId,year,deputy\.deputyId,/);

    // JSON into a file: the text printed to stdout (written in pieces, never as one string).
    const jsonFile = join(temp.dir, "replay.json");
    const printed = await run(["replay", "--store-url", source, "--as-of", "40"]);
    expect((await run(["replay", "--store-url", source, "--as-of", "40", "--out", jsonFile])).code).toBe(0);
    expect(readFileSync(jsonFile, "utf8")).toBe(printed.out);
    expect((JSON.parse(printed.out) as Replay).deputyRecords.length).toBeGreaterThan(0);

    expect((await run(["replay", "--store-url", source, "--format", "csv"])).code).toBe(2);
    expect((await run(["replay", "--store-url", source, "--as-of", "last tuesday"])).code).toBe(2);
  });

  it("shows on a terminal the fold's progress, then the records' deputy by deputy", async () => {
    const io = captureIo(["replay", "--store-url", source]);
    const err = sink(true);
    expect(await runAuditCommand({ ...io, stderr: err })).toBe(0);
    const replay = JSON.parse(io.out.text()) as Replay;
    const deputies = new Set(replay.deputyRecords.map((record) => record.deputyId)).size;
    const text = err.text();
    expect(text).toMatch(new RegExp(`replay \\[#+\\] 100\\.0% ${head} events`));
    expect(text).toMatch(/records \[#+\] 100\.0% \d+ deputies/);
    expect(text.indexOf("records [")).toBeGreaterThan(text.lastIndexOf("replay ["));
    expect(Number(/(\d+) deputies/.exec(text.slice(text.lastIndexOf("records [")))?.[1])).toBeGreaterThanOrEqual(deputies);
  });

  it("replays as of a position: the log up to there, scores as of its recording time", async () => {
    const replay = JSON.parse((await run(["replay", "--store-url", source, "--as-of", "40"])).out) as Replay;
    expect(replay.cut).toEqual({ by: "position", at: 40, position: 40, events: 40 });
    const recordedAt = tamper(source, (db) => JSON.parse(db.prepare("SELECT metadata FROM events WHERE position = 40").pluck().get() as string) as { recordedAt: string }).recordedAt;
    expect(Date.parse(replay.asOf)).toBe(Date.parse(recordedAt));
  });
});
