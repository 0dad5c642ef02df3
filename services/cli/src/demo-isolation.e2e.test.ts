import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTokenVerifier, demoTokenAudience, demoTokenIssuer, signToken } from "@duty-ledger/http-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureStopped, freePort, processSecret, processToken, spawnLedger, waitUntilServing, type LedgerProcess } from "./ledger-process.test-support.js";

/**
 * The real `duty-ledger demo` next to a real `duty-ledger start` given the same
 * `DUTY_LEDGER_JWT_SECRET` (issue 20, point 1): the demo hands its identities' tokens to anyone,
 * so none of them may open the real ledger; the demo keeps its data in its own folder and says
 * where. On the old code the demo signed with `DUTY_LEDGER_JWT_SECRET`: its office token was
 * accepted by the real ledger.
 */

interface DemoIdentities {
  readonly identities: readonly { readonly role: string; readonly sub: string; readonly token: string }[];
}

let root: string;
let ledgerDir: string;
let demoDir: string;
let demo: LedgerProcess | undefined;
let real: LedgerProcess | undefined;
let identities: DemoIdentities["identities"];

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "duty-ledger-demo-isolation-"));
  ledgerDir = join(root, "ledger");
  demoDir = join(root, "demo");
  demo = spawnLedger({ command: "demo", dataDir: ledgerDir, port: await freePort(), env: { DUTY_LEDGER_DEMO_DATA_DIR: demoDir } });
  const started = performance.now();
  await waitUntilServing(demo, 240_000);
  console.info(`demo isolation: the demo seeded and served in ${Math.round(performance.now() - started)} ms`);
  const answer = await fetch(`${demo.url}/v1/demo/identities`);
  expect(answer.status).toBe(200);
  identities = ((await answer.json()) as DemoIdentities).identities;
}, 300_000);

afterAll(async () => {
  await ensureStopped(demo);
  await ensureStopped(real);
  rmSync(root, { recursive: true, force: true });
});

const claimsOf = (token: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as Record<string, unknown>;

const status = async (url: string, token: string): Promise<number> => {
  const response = await fetch(`${url}/v1/rule-sets`, { headers: { authorization: `Bearer ${token}` } });
  await response.body?.cancel();
  return response.status;
};

describe("duty-ledger demo", () => {
  it("says where its data lives, and writes nothing into DUTY_LEDGER_DATA_DIR", () => {
    const output = demo?.output() ?? "";
    expect(output).toContain(`The demo's data lives in ${demoDir}`);
    expect(output).toContain(`demo data folder: ${demoDir}`);
    expect(output).toContain(`DUTY_LEDGER_DATA_DIR (${ledgerDir}) is the real ledger's`);
    expect(readdirSync(demoDir)).toEqual(expect.arrayContaining(["events.sqlite", "demo-store", "demo-jwt-secret"]));
    expect(readdirSync(demoDir)).not.toContain("jwt-secret");
    expect(() => readdirSync(ledgerDir), "the real ledger's folder is never created by the demo").toThrow(/ENOENT/);
  });

  it("mints tokens of its own: its issuer and audience, not signed with DUTY_LEDGER_JWT_SECRET; the demo accepts them", async () => {
    const roles = identities.map((identity) => identity.role);
    expect(roles).toEqual(expect.arrayContaining(["office", "auditor"]));
    // A verifier with DUTY_LEDGER_JWT_SECRET that would take the demo's issuer: the signature still fails.
    const withTheLedgersSecret = createTokenVerifier({ secret: processSecret, issuer: demoTokenIssuer, audience: demoTokenAudience });
    for (const identity of identities) {
      const claims = claimsOf(identity.token);
      expect(claims["iss"]).toBe(demoTokenIssuer);
      expect(claims["aud"]).toBe(demoTokenAudience);
      await expect(withTheLedgersSecret.verify(identity.token)).rejects.toThrow("token signature invalid");
    }
    const office = identities.find((identity) => identity.role === "office");
    expect(await status(demo!.url, office!.token)).toBe(200);
    expect(await status(demo!.url, await processToken("office", "OFFICE-1")), "a real ledger's token on the demo").toBe(401);
  });

  it("no demo token opens a real ledger with the same DUTY_LEDGER_JWT_SECRET, nor one forged with the demo's issuer or audience", async () => {
    real = spawnLedger({ dataDir: ledgerDir, port: await freePort() });
    await waitUntilServing(real);
    expect(await status(real.url, await processToken("office", "OFFICE-1")), "the real ledger's own token").toBe(200);
    for (const identity of identities) expect(await status(real.url, identity.token), `demo ${identity.role} ${identity.sub}`).toBe(401);
    // Signed with the real ledger's own secret, but naming the demo: refused all the same.
    for (const claims of [{ issuer: demoTokenIssuer, audience: demoTokenAudience }, { issuer: demoTokenIssuer }, { audience: demoTokenAudience }]) {
      const forged = await signToken({ secret: processSecret, role: "office", sub: "OFFICE-1", expiresIn: "1h", ...claims });
      const response = await fetch(`${real.url}/v1/rule-sets`, { headers: { authorization: `Bearer ${forged}` } });
      expect(response.status, JSON.stringify(claims)).toBe(401);
      expect(((await response.json()) as { detail: string }).detail).toBe("token minted by the demo; refused outside the demo");
    }
  });

  it("refuses the real ledger's folder, and a store it did not seed, naming the folder", async () => {
    // The real ledger above created its store in ledgerDir.
    const same = spawnLedger({ command: "demo", dataDir: ledgerDir, port: await freePort(), env: { DUTY_LEDGER_DEMO_DATA_DIR: ledgerDir } });
    expect((await same.exited).code).toBe(1);
    expect(same.output()).toContain(`the demo's data folder ${ledgerDir} is the ledger's (DUTY_LEDGER_DATA_DIR)`);
    const foreign = spawnLedger({ command: "demo", dataDir: join(root, "elsewhere"), port: await freePort(), env: { DUTY_LEDGER_DEMO_DATA_DIR: ledgerDir } });
    expect((await foreign.exited).code).toBe(1);
    expect(foreign.output()).toContain(`${ledgerDir} holds an event store the demo did not seed`);
  });
});
