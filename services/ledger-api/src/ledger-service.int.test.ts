import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { signToken } from "@duty-ledger/http-kit";
import { afterAll, describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const tsx = require.resolve("tsx");
const main = join(import.meta.dirname, "main.ts");
const secret = "standalone-secret-of-at-least-32-bytes!!";
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const run = (env: Record<string, string>) =>
  spawn(process.execPath, ["--import", tsx, "--conditions=source", main], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });

describe("services/ledger-api main.ts, the standalone write service", () => {
  it("starts from the environment, appends, and exits 0 on SIGTERM", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "ledger-service-"));
    dirs.push(dataDir);
    const child = run({ DUTY_LEDGER_DATA_DIR: dataDir, DUTY_LEDGER_JWT_SECRET: secret, PORT: "0", LOG_LEVEL: "info" });
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    let url: string | undefined;
    for await (const line of createInterface({ input: child.stdout })) {
      const entry = JSON.parse(line) as { msg?: string; url?: string };
      if (entry.msg === "ledger-api: listening") {
        url = entry.url;
        break;
      }
    }
    expect(url).toBeDefined();
    const token = await signToken({ secret, sub: "OFFICE-1", role: "office", expiresIn: "1h" });
    const response = await fetch(`${url}/v1/units`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ unitId: "U-1", name: "县交通运输局" }),
    });
    expect(response.status).toBe(201);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });

  it("refuses to start on an invalid deadline policy file, naming the file, exit 1", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "ledger-service-"));
    dirs.push(dataDir);
    mkdirSync(join(dataDir, "deadline-policies"));
    writeFileSync(join(dataDir, "deadline-policies", "province.json"), JSON.stringify({ name: "province", version: 1, replyMonths: 2 }));
    const child = run({ DUTY_LEDGER_DATA_DIR: dataDir, DUTY_LEDGER_JWT_SECRET: secret, PORT: "0" });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(1);
    expect(stderr).toContain(`ledger-api: cannot start: deadline policy file ${join(dataDir, "deadline-policies", "province.json")} is not a deadline policy`);
  });

  it("refuses to start on a bad environment, naming the variable, exit 1", async () => {
    const child = run({ DUTY_LEDGER_STORE: "esdb", PORT: "0" });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(1);
    expect(stderr).toContain("EVENTSTORE_URL");
  });
});
