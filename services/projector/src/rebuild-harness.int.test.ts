import { fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createSqliteEventStore, EVENTS_FILE_NAME } from "@duty-ledger/event-store";
import { createSqliteReadModelStore, readModelsPath } from "@duty-ledger/projections";
import { appendSampleLog, generateSampleLog } from "@duty-ledger/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RebuildResult } from "./rebuild-harness.js";

/** The rebuild bench's child process, on source, over a small log: what it reports and what it leaves. */
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const harness = fileURLToPath(new URL("./rebuild-harness.ts", import.meta.url));

const run = (args: readonly string[]): Promise<{ code: number | null; message: RebuildResult | { error: string } | undefined }> =>
  new Promise((resolve, reject) => {
    const child = fork(harness, [...args], { execArgv: ["--import", tsxLoader, "--conditions=source"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
    let message: RebuildResult | { error: string } | undefined;
    child.on("message", (received) => {
      message = received as RebuildResult | { error: string };
    });
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, message }));
  });

describe("the rebuild harness", () => {
  const dir = mkdtempSync(join(tmpdir(), "rebuild-harness-"));
  const logPath = join(dir, EVENTS_FILE_NAME);
  let head = 0;
  beforeAll(async () => {
    const store = createSqliteEventStore({ path: logPath, durability: "normal", pollIntervalMs: 0 });
    try {
      head = await appendSampleLog(store, generateSampleLog({ seed: 5, deputies: 15, units: 4, stations: 2, contacts: 80, suggestions: 60, voidRate: 0.05 }));
    } finally {
      await store.close();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(["engine", "threads"] as const)("in mode %s, rebuilds the log to its head and reports it", async (mode) => {
    const target = join(dir, mode === "engine" ? "engine.sqlite" : "threads");
    const { code, message } = await run([mode, logPath, target]);
    expect(code).toBe(0);
    expect(message).toMatchObject({ events: head, threads: mode === "engine" ? 1 : expect.any(Number) });
    const result = message as RebuildResult;
    expect(result.seconds).toBeGreaterThan(0);
    expect(result.startSeconds).toBeLessThanOrEqual(result.seconds);
    expect(result.maxRssKiB).toBeGreaterThan(0);
    const readModels = createSqliteReadModelStore({ path: mode === "engine" ? target : readModelsPath(target), readonly: true });
    try {
      expect((await readModels.checkpoints()).every((c) => c.position === head)).toBe(true);
    } finally {
      await readModels.close();
    }
  });

  it("refuses a mode it does not know, with its usage, exit 2", async () => {
    const { code, message } = await run(["sideways", logPath, join(dir, "x")]);
    expect(code).toBe(2);
    expect(message).toBeUndefined();
  });
});
