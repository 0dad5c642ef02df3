import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createSqliteEventStore } from "@duty-ledger/event-store";
import { createSqliteReadModelStore, readModelsPath } from "@duty-ledger/projections";
import { appendSampleLog, generateSampleLog } from "@duty-ledger/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProjector } from "./create-projector.js";

/**
 * The crash test: a projector child process catches up over a ~30k-event log and is killed
 * with SIGKILL at random moments (mid-batch, mid-commit, between batches), restarted each
 * time; in the end its read models must be identical, document for document and index
 * entry for index entry, to a clean rebuild of the same log.
 */
const harness = fileURLToPath(new URL("./crash-harness.ts", import.meta.url));
// `node --import tsx` (what `tsx` runs), not the tsx CLI: the CLI relays to a child process,
// and SIGKILL must hit the process that writes.
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

let dir: string;
let eventsPath: string;
let head: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "projector-crash-"));
  eventsPath = join(dir, "events.sqlite");
  const store = createSqliteEventStore({ path: eventsPath, durability: "normal", pollIntervalMs: 0 });
  head = await appendSampleLog(
    store,
    generateSampleLog({ seed: 77, deputies: 120, units: 20, stations: 10, contacts: 8_000, suggestions: 2_400, voidRate: 0.03 }),
    2_000,
  );
  await store.close();
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  readonly child: ChildProcess;
  /** Resolves with the positions the child reported and how it ended. */
  readonly ended: Promise<{ code: number | null; signal: NodeJS.Signals | null; positions: number[]; caughtUp: boolean; stderr: string }>;
  /** Resolves at the child's first committed batch. */
  readonly firstProgress: Promise<void>;
}

const run = (dataDir: string): Run => {
  const child = spawn(process.execPath, ["--import", tsxLoader, "--conditions=source", harness, "--events", eventsPath, "--data", dataDir, "--batch", "400"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const positions: number[] = [];
  let caughtUp = false;
  let stderr = "";
  let onFirst: () => void = () => {};
  const firstProgress = new Promise<void>((resolve) => {
    onFirst = resolve;
  });
  let buffered = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    buffered += chunk.toString("utf8");
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const line of lines) {
      const message = JSON.parse(line) as { progress?: number; caughtUp?: number };
      if (message.progress !== undefined) {
        positions.push(message.progress);
        onFirst();
      }
      if (message.caughtUp !== undefined) caughtUp = true;
    }
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null; positions: number[]; caughtUp: boolean; stderr: string }>((resolve) => {
    child.on("exit", (code, signal) => {
      onFirst();
      resolve({ code, signal, positions, caughtUp, stderr });
    });
  });
  return { child, ended, firstProgress };
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe("projector crash safety", () => {
  it("killed with SIGKILL at random moments and restarted, it ends with the read models of a clean rebuild", async () => {
    expect(head).toBeGreaterThan(20_000);
    const crashedDir = join(dir, "crashed");
    const kills: { after: number; delayMs: number; lastReported: number }[] = [];
    // Kill at least 5 times while catching up; restart after each kill.
    let seed = 12345;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    let attempts = 0;
    while (kills.length < 5) {
      attempts++;
      if (attempts > 40) expect.fail(`only ${kills.length} of 5 kills landed before the catch-up ended, in ${attempts - 1} attempts`);
      const attempt = run(crashedDir);
      await attempt.firstProgress;
      const delayMs = Math.floor(random() * 300);
      await sleep(delayMs);
      attempt.child.kill("SIGKILL");
      const result = await attempt.ended;
      if (result.caughtUp) {
        // The catch-up ended before the kill: start again from empty read models, so that the
        // five kills all land while it catches up (a restart at the head would have nothing to do).
        rmSync(crashedDir, { recursive: true, force: true });
        kills.length = 0;
        continue;
      }
      expect(result.signal, result.stderr).toBe("SIGKILL");
      kills.push({ after: result.positions[0] ?? 0, delayMs, lastReported: result.positions.at(-1) ?? 0 });
    }
    // The checkpoint moved between kills: each restart continued where the last commit left off.
    expect(new Set(kills.map((k) => k.lastReported)).size).toBeGreaterThan(1);

    const final = run(crashedDir);
    const result = await final.ended;
    expect(result.code, result.stderr).toBe(0);
    expect(result.caughtUp).toBe(true);
    expect(result.positions[0]).toBeGreaterThan(kills[0]!.after);

    // A clean rebuild of the same log, in process.
    const cleanDir = join(dir, "clean");
    const store = createSqliteEventStore({ path: eventsPath, durability: "normal", pollIntervalMs: 0 });
    const projector = createProjector({ store, dataDir: cleanDir, logger: silent });
    await projector.start();
    expect(await projector.engine.waitFor(head, 60_000)).toBe(true);
    await projector.stop();
    await store.close();

    const crashed = createSqliteReadModelStore({ path: readModelsPath(crashedDir), readonly: true });
    const clean = createSqliteReadModelStore({ path: readModelsPath(cleanDir), readonly: true });
    const a = crashed.snapshot();
    const b = clean.snapshot();
    await crashed.close();
    await clean.close();
    expect(a.checkpoints).toEqual(b.checkpoints);
    expect(a.checkpoints.every((c) => c.position === head)).toBe(true);
    expect(a.docs.length).toBe(b.docs.length);
    expect(a.docs.length).toBeGreaterThan(2_000);
    expect(a.index.length).toBe(b.index.length);
    // Compare in chunks so that a difference names its documents.
    for (let i = 0; i < a.docs.length; i += 2_000) expect(a.docs.slice(i, i + 2_000)).toEqual(b.docs.slice(i, i + 2_000));
    for (let i = 0; i < a.index.length; i += 5_000) expect(a.index.slice(i, i + 5_000)).toEqual(b.index.slice(i, i + 5_000));
    console.info(`crash test: ${head} events, ${kills.length} kills at ${JSON.stringify(kills)}`);
  }, 300_000);
});
