import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { ensureStopped, freePort, postJson, processSecret, processToken, spawnLedger, waitUntilServing, type LedgerProcess } from "./ledger-process.test-support.js";

/**
 * The transparency log end to end: the real `duty-ledger start` serves signed tree heads and
 * issues one over the whole log when it stops; an auditor saves a head and later proves with
 * the real `duty-ledger audit verify --head` that the store still extends it — and that a
 * tampered copy does not, naming the first bad position.
 */

const root = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../..");
const tsx = join(root, "node_modules", ".bin", "tsx");
const main = join(root, "services", "cli", "src", "main.ts");
const cli = (args: readonly string[], env: Record<string, string>): { code: number | null; stdout: string; stderr: string } => {
  const result = spawnSync(tsx, ["--conditions=source", main, ...args], { env: { ...process.env, LOG_LEVEL: "silent", ...env }, encoding: "utf8", timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};

const dataDir = mkdtempSync(join(tmpdir(), "duty-ledger-transparency-"));
let ledger: LedgerProcess | undefined;
afterAll(async () => {
  await ensureStopped(ledger);
  rmSync(dataDir, { recursive: true, force: true });
});

const getJson = async (url: string, token: string): Promise<{ status: number; body: unknown }> => {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(30_000) });
  return { status: response.status, body: await response.json() };
};

describe("transparency log through the real ledger and CLI", () => {
  it("serves signed heads, keeps one at stop, and audit verify --head proves the store extends it", async () => {
    ledger = spawnLedger({ dataDir, port: await freePort(), env: { DUTY_LEDGER_LOG_ORIGIN: "duty-ledger/e2e.example" } });
    await waitUntilServing(ledger);
    const office = await processToken("office", "OFFICE-1");
    for (let i = 1; i <= 20; i++) {
      const created = await postJson(`${ledger.url}/v1/units`, office, { unitId: `U-${i}`, name: `单位${i}` });
      expect(created.status).toBe(201);
    }
    const auditor = await processToken("auditor", "AUDITOR-1");
    const head = await getJson(`${ledger.url}/v1/audit/tree-head?treeSize=20`, auditor);
    expect(head.status).toBe(200);
    const headFile = join(dataDir, "head-20.json");
    writeFileSync(headFile, JSON.stringify(head.body));
    const keys = (await getJson(`${ledger.url}/v1/audit/public-keys`, auditor)).body as { keys: { publicKey: string }[] };
    const publicKey = keys.keys[0]?.publicKey ?? "";
    await postJson(`${ledger.url}/v1/units`, office, { unitId: "U-21", name: "单位21" });

    ledger.child.kill("SIGTERM");
    expect((await ledger.exited).code).toBe(0);
    const kept = new Database(join(dataDir, "events.sqlite"), { readonly: true });
    try {
      expect(kept.prepare("SELECT max(tree_size) FROM tree_heads").pluck().get()).toBe(21); // issued at stop, over the whole log
    } finally {
      kept.close();
    }

    const env = { DUTY_LEDGER_DATA_DIR: dataDir, DUTY_LEDGER_JWT_SECRET: processSecret };
    const verified = cli(["audit", "verify", "--head", headFile, "--public-key", publicKey], env);
    expect(verified.stdout).toContain("tree head 20 OK");
    expect(verified.code, verified.stderr).toBe(0);

    const tampered = new Database(join(dataDir, "events.sqlite"));
    try {
      tampered.prepare("DELETE FROM events WHERE position >= 15").run();
    } finally {
      tampered.close();
    }
    const broken = cli(["audit", "verify", "--head", headFile], env);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain("first bad position: 15");
  }, 240_000);
});
