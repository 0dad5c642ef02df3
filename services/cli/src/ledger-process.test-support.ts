// The real `duty-ledger start` in a child process, for the process-level tests (excluded from the build).
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { signToken, type PrincipalRole } from "@duty-ledger/http-kit";

/** The HS256 secret the child verifies tokens with (`DUTY_LEDGER_JWT_SECRET`). */
export const processSecret = "cli-process-test-secret-of-at-least-32-bytes";

const mainFile = fileURLToPath(new URL("./main.ts", import.meta.url));
// `node --import tsx` runs the CLI in this very process (the tsx CLI would relay to a child):
// a signal sent to `child.pid` reaches the server itself.
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

export interface LedgerProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly url: string;
  /** Resolves when the process has exited. */
  readonly exited: Promise<{ readonly code: number | null; readonly signal: NodeJS.Signals | null }>;
  /** What the process wrote to stdout and stderr so far (the last 64 KiB). */
  output(): string;
}

export interface SpawnLedgerOptions {
  readonly dataDir: string;
  readonly port: number;
  /** More environment (e.g. `DUTY_LEDGER_RATE_LIMIT_PER_IP`). */
  readonly env?: Readonly<Record<string, string>>;
  /** The command run. Default `start`. */
  readonly command?: "start" | "demo";
}

/** A TCP port that was free a moment ago (the kernel's choice for port 0). */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address !== null ? resolve(address.port) : reject(new Error("no port"))));
    });
  });

/** Starts `duty-ledger start` (node --import tsx --conditions=source services/cli/src/main.ts start), or `demo`. */
export const spawnLedger = ({ dataDir, port, env = {}, command = "start" }: SpawnLedgerOptions): LedgerProcess => {
  const child = spawn(process.execPath, ["--import", tsxLoader, "--conditions=source", mainFile, command], {
    env: {
      PATH: process.env["PATH"] ?? "",
      HOME: process.env["HOME"] ?? "",
      DUTY_LEDGER_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: "127.0.0.1",
      DUTY_LEDGER_JWT_SECRET: processSecret,
      // The process tests write a history dated 2024: a grace wide enough for it (the grace itself is tested in ledger-api).
      DUTY_LEDGER_RECORDING_GRACE: "P3650D",
      LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (child.pid === undefined) throw new Error("could not start the ledger process");
  let output = "";
  const collect = (chunk: Buffer): void => {
    output = (output + chunk.toString("utf8")).slice(-64 * 1024);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });
  return { child, pid: child.pid, url: `http://127.0.0.1:${port}`, exited, output: () => output };
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once the process answers HTTP on its port (any status of /v1/health); rejects if it exits first. */
export const waitUntilServing = async (ledger: LedgerProcess, timeoutMs = 90_000): Promise<void> => {
  let exited = false;
  void ledger.exited.then(() => {
    exited = true;
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`the ledger exited before serving:\n${ledger.output()}`);
    try {
      const response = await fetch(`${ledger.url}/v1/health`, { signal: AbortSignal.timeout(2_000) });
      await response.body?.cancel();
      return;
    } catch {
      await sleep(100);
    }
  }
  throw new Error(`the ledger did not serve within ${timeoutMs} ms:\n${ledger.output()}`);
};

/** Kills the process (if still running) and waits for it: cleanup after a failed test. */
export const ensureStopped = async (ledger: LedgerProcess | undefined): Promise<void> => {
  if (ledger === undefined || ledger.child.exitCode !== null || ledger.child.signalCode !== null) return;
  ledger.child.kill("SIGKILL");
  await ledger.exited;
};

export const processToken = (role: PrincipalRole, sub: string, stationId?: string): Promise<string> =>
  signToken({ secret: processSecret, role, sub, stationId, expiresIn: "2h" });

/** A POST with a JSON body; `undefined` body parsing when the answer is not JSON. */
export const postJson = async (
  url: string,
  token: string,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): Promise<{ status: number; body: unknown; headers: Headers }> => {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, body: parsed, headers: response.headers };
};
