import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startAllInOne, type AllInOne } from "./all-in-one.test-support.js";
import { ensureStopped, freePort, spawnLedger, type LedgerProcess } from "./ledger-process.test-support.js";

/**
 * `DUTY_LEDGER_TRUST_PROXY` through the all-in-one server (issue 20, point 5): behind a TLS
 * proxy (here: this test, on 127.0.0.1, sending `X-Forwarded-For`) each client gets its own
 * per-address budget when the proxy is trusted, and none can pick an address when it is not;
 * a bad value stops the real `duty-ledger start`, naming the variable.
 */

let server: AllInOne | undefined;
let ledger: LedgerProcess | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
  await ensureStopped(ledger);
  ledger = undefined;
});

/** `count` health checks in order, as the proxy forwards them for `client`; their statuses. */
const healthFor = async (url: string, client: string, count: number): Promise<number[]> => {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${url}/v1/health`, { headers: { "x-forwarded-for": client } });
    await response.body?.cancel();
    statuses.push(response.status);
  }
  return statuses;
};

describe("DUTY_LEDGER_TRUST_PROXY", () => {
  for (const setting of ["1", "127.0.0.1", "loopback", "127.0.0.0/8, ::1"]) {
    it(`${JSON.stringify(setting)}: each forwarded client has its own per-address budget`, async () => {
      server = await startAllInOne({ DUTY_LEDGER_RATE_LIMIT_PER_IP: "3", DUTY_LEDGER_TRUST_PROXY: setting });
      expect(await healthFor(server.url, "203.0.113.7", 4)).toEqual([200, 200, 200, 429]);
      expect(await healthFor(server.url, "203.0.113.8", 3), "another client behind the same proxy").toEqual([200, 200, 200]);
      expect(await healthFor(server.url, "198.51.100.1, 203.0.113.7", 1), "the hop the proxy saw counts, not what the client claims").toEqual([429]);
    });
  }

  it("unset: the proxy is not trusted, so X-Forwarded-For changes nothing (one budget per peer address)", async () => {
    server = await startAllInOne({ DUTY_LEDGER_RATE_LIMIT_PER_IP: "3" });
    expect(await healthFor(server.url, "203.0.113.7", 3)).toEqual([200, 200, 200]);
    expect(await healthFor(server.url, "203.0.113.8", 1)).toEqual([429]);
  });

  it("a trusted address list that does not hold the peer believes no forwarded address", async () => {
    server = await startAllInOne({ DUTY_LEDGER_RATE_LIMIT_PER_IP: "3", DUTY_LEDGER_TRUST_PROXY: "10.0.0.0/8" });
    expect(await healthFor(server.url, "203.0.113.7", 3)).toEqual([200, 200, 200]);
    expect(await healthFor(server.url, "203.0.113.8", 1)).toEqual([429]);
  });

  it("a bad value stops duty-ledger start (exit 1), naming the variable", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "duty-ledger-trust-proxy-"));
    try {
      ledger = spawnLedger({ dataDir, port: await freePort(), env: { DUTY_LEDGER_TRUST_PROXY: "true" } });
      const exit = await ledger.exited;
      expect(exit.code).toBe(1);
      expect(ledger.output()).toMatch(/DUTY_LEDGER_TRUST_PROXY: trusting every hop/);

      ledger = spawnLedger({ dataDir, port: await freePort(), env: { DUTY_LEDGER_TRUST_PROXY: "proxy.example.org" } });
      expect((await ledger.exited).code).toBe(1);
      expect(ledger.output()).toMatch(/DUTY_LEDGER_TRUST_PROXY: must be a hop count or a comma-separated list of proxy addresses/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
