import { generateKeyPairSync, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import { freePort, spawnLedger, waitUntilServing, type LedgerProcess } from "../src/ledger-process.test-support.js";

/**
 * The processes of the scale-out bench: real `duty-ledger start`s on one PostgreSQL database,
 * each with its DUTY_LEDGER_PARTS (as `scale-out.e2e.test.ts` starts them), the write servers
 * sharing the signing and master keys, rate limits off (the load comes from one address and one
 * token). And the write load: autocannon against each server at once.
 */

export interface Servers {
  readonly processes: readonly LedgerProcess[];
  readonly urls: readonly string[];
  stop(): Promise<void>;
}

const stopProcess = async (ledger: LedgerProcess): Promise<void> => {
  if (ledger.child.exitCode !== null || ledger.child.signalCode !== null) return;
  const timer = setTimeout(() => ledger.child.kill("SIGKILL"), 15_000);
  ledger.child.kill("SIGTERM");
  await ledger.exited;
  clearTimeout(timer);
};

/** Starts `count` processes running `parts` on the database at `databaseUrl`; resolves once each answers HTTP. */
export async function startServers(databaseUrl: string, parts: string, count: number): Promise<Servers> {
  const folders: string[] = [];
  const folder = (): string => {
    const made = mkdtempSync(join(tmpdir(), "duty-ledger-bench-scale-out-"));
    folders.push(made);
    return made;
  };
  const keys = folder();
  writeFileSync(join(keys, "signing-key.pem"), generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }), { mode: 0o600 });
  writeFileSync(join(keys, "master.key"), randomBytes(32).toString("hex"), { mode: 0o600 });
  const env = {
    DUTY_LEDGER_STORE: "postgres",
    DATABASE_URL: databaseUrl,
    DUTY_LEDGER_PARTS: parts,
    DUTY_LEDGER_SIGNING_KEY_FILE: join(keys, "signing-key.pem"),
    DUTY_LEDGER_MASTER_KEY_FILE: join(keys, "master.key"),
    DUTY_LEDGER_RATE_LIMIT_PER_IP: "0",
    DUTY_LEDGER_RATE_LIMIT_PER_SUBJECT: "0",
  };
  const processes: LedgerProcess[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(processes.map(stopProcess));
    for (const made of folders) rmSync(made, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < count; i++) processes.push(spawnLedger({ dataDir: folder(), port: await freePort(), env }));
    await Promise.all(processes.map((p) => waitUntilServing(p)));
  } catch (error) {
    await stop();
    throw error;
  }
  return { processes, urls: processes.map((p) => p.url), stop };
}

export interface WriteLoadResult {
  readonly created: number;
  /** From the start to the last answer. */
  readonly seconds: number;
  /** Latency of every answer (ms), as autocannon times it from the send. */
  readonly times: number[];
}

/**
 * `appends` unit registrations (one event in a new stream each) over `clients` keep-alive
 * connections, spread evenly over `urls` (one autocannon each, run at once). Fails unless every
 * answer is 201. `prefix` keeps the unit ids of every round apart.
 */
export async function writeLoad(urls: readonly string[], token: string, clients: number, appends: number, prefix: string): Promise<WriteLoadResult> {
  const times: number[] = [];
  let sent = 0;
  const start = performance.now();
  let last = start;
  const results = await Promise.all(
    urls.map(
      (url, i) =>
        new Promise<autocannon.Result>((resolve, reject) => {
          const share = (total: number): number => Math.floor(total / urls.length) + (i < total % urls.length ? 1 : 0);
          const instance = autocannon(
            {
              url: `${url}/v1/units`,
              connections: Math.max(1, share(clients)),
              amount: share(appends),
              method: "POST",
              headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
              requests: [{ setupRequest: (request) => ({ ...request, body: JSON.stringify({ unitId: `${prefix}-${(sent += 1)}`, name: "县交通运输局" }) }) }],
            },
            (error, result) => (error !== null && error !== undefined ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(result)),
          );
          instance.on("response", (_client, _status, _bytes, responseTime) => {
            last = performance.now();
            times.push(responseTime);
          });
        }),
    ),
  );
  const created = results.reduce((sum, result) => sum + result["2xx"], 0);
  const failed = results.reduce((sum, result) => sum + result.non2xx + result.errors, 0);
  if (created !== appends || failed > 0) throw new Error(`${created} of ${appends} appends answered 201 (${failed} other answers or errors)`);
  return { created, seconds: (last - start) / 1000, times };
}
