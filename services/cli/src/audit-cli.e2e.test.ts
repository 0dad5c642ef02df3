import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The auditor's tools through the real CLI (`duty-ledger audit …`, as the README and
 * docs/audit.md document them): each subcommand wired, its exit code, and a clear message — not
 * a stack — for a store that is missing or not a database.
 */

const root = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../..");
const tsx = join(root, "node_modules", ".bin", "tsx");
const main = join(root, "services", "cli", "src", "main.ts");

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const cli = (args: readonly string[], env: Record<string, string> = {}): Run => {
  const result = spawnSync(tsx, ["--conditions=source", main, ...args], {
    env: { ...process.env, LOG_LEVEL: "silent", ...env },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};

let dataDir: string;
let events: number;

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), "duty-ledger-audit-cli-"));
  const seeded = cli(["seed", "--profile", "county"], { DUTY_LEDGER_DATA_DIR: dataDir });
  expect(seeded.code, seeded.stderr).toBe(0);
  const verified = cli(["audit", "verify", "--json"], { DUTY_LEDGER_DATA_DIR: dataDir });
  events = (JSON.parse(verified.stdout) as { events: number }).events;
  expect(events).toBeGreaterThan(1000);
}, 180_000);

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe("duty-ledger audit", () => {
  it("verify and seal a healthy log (exit 0); export, then import into an empty store, give the same seal", () => {
    const env = { DUTY_LEDGER_DATA_DIR: dataDir };
    const verify = cli(["audit", "verify"], env);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/OK\n$/);
    const seal = cli(["audit", "seal"], env);
    expect(seal.code).toBe(0);
    const sealed = /dlseal1:\d+:[0-9a-f]{64}/.exec(seal.stdout)?.[0];
    expect(sealed).toBeDefined();

    const exported = join(dataDir, "log.ndjson");
    expect(cli(["audit", "export", "--out", exported], env).code).toBe(0);
    expect(readFileSync(exported, "utf8").trim().split("\n")).toHaveLength(events);
    const copy = mkdtempSync(join(tmpdir(), "duty-ledger-audit-copy-"));
    try {
      const imported = cli(["audit", "import", exported], { DUTY_LEDGER_DATA_DIR: copy });
      expect(imported.code, imported.stderr).toBe(0);
      expect(imported.stdout).toContain(sealed as string);
      expect(cli(["audit", "verify", "--seal", sealed as string], { DUTY_LEDGER_DATA_DIR: copy }).code).toBe(0);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  }, 180_000);

  it("replay prints the scores as of a date as CSV", () => {
    const replay = cli(["audit", "replay", "--as-of", "2024-06-30", "--format", "csv", "--table", "scores"], { DUTY_LEDGER_DATA_DIR: dataDir });
    expect(replay.code, replay.stderr).toBe(0);
    const [header, first] = replay.stdout.split("\n");
    expect(header).toMatch(/^period,rules,asOf,unitId,rank,index/);
    expect(first).toMatch(/^2024,default-2024@1,2024-06-30T23:59:59\.999\+08:00,/);
  }, 120_000);

  it("a missing store, a file that is not a database and an unknown subcommand: a message and exit 2, no stack", () => {
    for (const args of [
      ["audit", "verify", "--store-url", join(dataDir, "no-such.sqlite")],
      ["audit", "verify", "--store-url", "/etc/passwd"],
      ["audit", "nope"],
    ]) {
      const run = cli(args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr).toMatch(/^duty-ledger audit: (no event store at|cannot open the event store|unknown audit command)/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  }, 120_000);
});
