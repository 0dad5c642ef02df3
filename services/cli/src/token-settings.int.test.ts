import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { finiteCommands, runFinite } from "./cli.js";
import { ensureStopped, freePort, spawnLedger, type LedgerProcess } from "./ledger-process.test-support.js";

/**
 * The security review's token settings through the real CLI: `duty-ledger start` refuses a JWKS
 * URL without issuer and audience, or on plain http:// off loopback, before serving; `duty-ledger
 * token` refuses a lifetime the server would refuse (DUTY_LEDGER_JWT_MAX_LIFETIME).
 */
describe("token settings of duty-ledger start and token (security review)", () => {
  const root = mkdtempSync(join(tmpdir(), "duty-ledger-token-settings-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const refusedStart = async (env: Record<string, string>): Promise<{ code: number | null; output: string }> => {
    let ledger: LedgerProcess | undefined;
    try {
      ledger = spawnLedger({ dataDir: join(root, `start-${Math.random().toString(36).slice(2)}`), port: await freePort(), env });
      const { code } = await ledger.exited;
      return { code, output: ledger.output() };
    } finally {
      await ensureStopped(ledger);
    }
  };

  it("start exits with a configuration error naming the missing issuer and audience of a JWKS", async () => {
    const { code, output } = await refusedStart({ DUTY_LEDGER_JWKS_URL: "https://idp.example/jwks.json" });
    expect(code).not.toBe(0);
    expect(output).toMatch(/DUTY_LEDGER_JWT_ISSUER: is required when DUTY_LEDGER_JWKS_URL is set/);
    expect(output).toMatch(/DUTY_LEDGER_JWT_AUDIENCE: is required when DUTY_LEDGER_JWKS_URL is set/);
  });

  it("start exits with a configuration error for an http:// JWKS off loopback", async () => {
    const { code, output } = await refusedStart({
      DUTY_LEDGER_JWKS_URL: "http://idp.example/jwks.json",
      DUTY_LEDGER_JWT_ISSUER: "http://idp.example",
      DUTY_LEDGER_JWT_AUDIENCE: "duty-ledger",
    });
    expect(code).not.toBe(0);
    expect(output).toMatch(/DUTY_LEDGER_JWKS_URL: must be https:\/\//);
  });

  const runToken = async (argv: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = "";
    let err = "";
    stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    const token = finiteCommands["token"];
    if (token === undefined) throw new Error("no token command");
    const code = await runFinite(token, { argv, env: { DUTY_LEDGER_DATA_DIR: join(root, "token"), ...env }, stdout, stderr });
    return { code, stdout: out, stderr: err };
  };

  it("token refuses a lifetime above DUTY_LEDGER_JWT_MAX_LIFETIME (default 24 h) and a sub with a newline", async () => {
    expect((await runToken(["--role", "office", "--sub", "O-1", "--expires", "24h"])).code).toBe(0);
    const tooLong = await runToken(["--role", "office", "--sub", "O-1", "--expires", "30d"]);
    expect(tooLong.code).toBe(1);
    expect(tooLong.stderr).toMatch(/DUTY_LEDGER_JWT_MAX_LIFETIME/);
    expect((await runToken(["--role", "office", "--sub", "O-1", "--expires", "2h"], { DUTY_LEDGER_JWT_MAX_LIFETIME: "3600" })).code).toBe(1);
    const newline = await runToken(["--role", "office", "--sub", "O-1\nforged", "--expires", "1h"]);
    expect(newline.code).toBe(1);
    expect(newline.stderr).toMatch(/sub/);
  });
});
