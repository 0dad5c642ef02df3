/**
 * `pnpm bench read-load`: the read API under load on loopback (issue 3). Goal: p99 ≤ 10 ms at
 * 500 requests/s for a deputy's duty record and for the scores of all units.
 *
 * A generated city history (`seedStore`, ~51k events at BENCH_SCALE=1, which multiplies the
 * city's populations) is projected to the head, then served by the real query API in a child
 * process (`read-load-server.ts`: event store, projector and `createQueryApi` in
 * `createHttpApp`, as `pnpm start` mounts them). autocannon, in this process, sends:
 *  - `GET /bench/static`: a constant JSON answer through the same app (the HTTP stack's floor);
 *  - `GET /v1/deputies/:id/record?year=Y`, rotating through every registered deputy;
 *  - `GET /v1/scores?period=Y` (every unit, `asOf` defaulting to the server's clock);
 * each once at a fixed rate (`overallRate`, BENCH_READ_RATE, default 500/s, for
 * BENCH_READ_SECONDS, default 20) and once unthrottled (BENCH_READ_MAX_SECONDS, default 10),
 * over BENCH_READ_CONNECTIONS keep-alive connections (default 10), after an uncounted warm-up.
 * Latency percentiles are computed here from every 2xx response time autocannon reports
 * (exact, not its 1 ms histogram). Any non-2xx answer or socket error counts as an error.
 *
 * BENCH_READ_DATA_DIR=<dir> keeps the prepared data there (and reuses it on the next run);
 * BENCH_CPU_PROF=<dir> runs the server with `node --cpu-prof` writing its profile there.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { loadavg } from "node:os";
import { join } from "node:path";
import { createInterface, type Interface } from "node:readline";
import { pathToFileURL } from "node:url";
import autocannon from "autocannon";
import { benchScale, median, withTempDir } from "@duty-ledger/testing/bench";
import { prepareReadLoadData, type ReadLoadData } from "./read-load-data.js";

const envNumber = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number, got "${raw}"`);
  return value;
};

const rate = envNumber("BENCH_READ_RATE", 500);
const fixedSeconds = envNumber("BENCH_READ_SECONDS", 20);
const maxSeconds = envNumber("BENCH_READ_MAX_SECONDS", 10);
const connections = envNumber("BENCH_READ_CONNECTIONS", 10);
const goalP99Ms = 10;
const goalRate = 500;

interface Server {
  readonly child: ChildProcess;
  readonly url: string;
  readonly token: string;
  cpuMs(): Promise<number>;
  stop(): Promise<void>;
}

const startServer = async (dataDir: string): Promise<Server> => {
  const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  const profileDir = process.env["BENCH_CPU_PROF"];
  const flags = profileDir === undefined || profileDir === "" ? [] : ["--cpu-prof", `--cpu-prof-dir=${profileDir}`];
  const child = spawn(process.execPath, [...flags, "--import", tsxLoader, "--conditions=source", join(import.meta.dirname, "read-load-server.ts"), dataDir], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines: Interface = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const iterator = lines[Symbol.asyncIterator]();
  const next = async (): Promise<Record<string, unknown>> => {
    const line = await iterator.next();
    if (line.done === true) throw new Error("the benchmark server exited");
    return JSON.parse(line.value) as Record<string, unknown>;
  };
  const started = await next();
  return {
    child,
    url: String(started["url"]),
    token: String(started["token"]),
    async cpuMs() {
      child.kill("SIGUSR2");
      return Number((await next())["cpuMs"]);
    },
    async stop() {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
      lines.close();
    },
  };
};

interface Endpoint {
  readonly name: string;
  readonly path: () => string;
  /** The goal applies to its fixed-rate run. */
  readonly goal: boolean;
}

interface RunResult {
  readonly endpoint: string;
  readonly target: number | null;
  readonly seconds: number;
  readonly ok: number;
  readonly errors: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly cpuMsPerRequest: number;
  readonly load: number;
}

const percentile = (sorted: Float64Array, p: number): number => {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
};

const load = async (server: Server, endpoint: Endpoint, target: number | null, seconds: number): Promise<RunResult> => {
  const times: number[] = [];
  const cpuBefore = await server.cpuMs();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: server.url,
        connections,
        duration: seconds,
        ...(target === null ? {} : { overallRate: target }),
        headers: { authorization: `Bearer ${server.token}` },
        // GETs only: a new path per request, taken in turn by every connection.
        requests: [{ method: "GET", setupRequest: (request) => ({ ...request, path: endpoint.path() }) }],
      },
      (error, finished) => (error === null || error === undefined ? resolve(finished) : reject(error instanceof Error ? error : new Error(String(error)))),
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) times.push(responseTime);
    });
  });
  const cpuMs = (await server.cpuMs()) - cpuBefore;
  const sorted = Float64Array.from(times).sort();
  const total = result.requests.total;
  return {
    endpoint: endpoint.name,
    target,
    seconds: result.duration,
    ok: sorted.length,
    errors: result.errors + result.timeouts + result.non2xx,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.length === 0 ? Number.NaN : (sorted[sorted.length - 1] as number),
    cpuMsPerRequest: total > 0 ? cpuMs / total : Number.NaN,
    load: loadavg()[0] ?? Number.NaN,
  };
};

const ms = (value: number): string => (Number.isNaN(value) ? "—" : value < 10 ? `${value.toFixed(2)} ms` : `${value.toFixed(1)} ms`);
const rps = (value: number): string => `${Math.round(value)}/s`;

const table = (header: readonly string[], rows: readonly (readonly string[])[]): string => {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
};

const verdict = (run: RunResult, goal: boolean): string => {
  if (!goal || run.target === null) return "";
  const met = run.p99 <= goalP99Ms && run.ok / run.seconds >= 0.98 * goalRate && run.errors === 0;
  return met ? "pass" : "**fail**";
};

const bench = async (data: ReadLoadData): Promise<void> => {
  let deputy = 0;
  const endpoints: readonly Endpoint[] = [
    { name: "GET /bench/static (floor)", path: () => "/bench/static", goal: false },
    {
      name: `GET /v1/deputies/:id/record?year=${data.year} (${data.deputyIds.length} deputies in turn)`,
      path: () => `/v1/deputies/${encodeURIComponent(data.deputyIds[deputy++ % data.deputyIds.length] as string)}/record?year=${data.year}`,
      goal: true,
    },
    { name: `GET /v1/scores?period=${data.year} (all units)`, path: () => `/v1/scores?period=${data.year}`, goal: true },
  ];
  const server = await startServer(data.dataDir);
  try {
    // What the answers hold (and that they are answers at all).
    const probe = async (path: string): Promise<Record<string, unknown>> => {
      const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${server.token}` } });
      if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as Record<string, unknown>;
    };
    const scores = await probe(`/v1/scores?period=${data.year}`);
    const units = scores["units"] as unknown[];
    const scoresBytes = JSON.stringify(scores).length;
    const record = await probe(`/v1/deputies/${encodeURIComponent(data.deputyIds[0] as string)}/record?year=${data.year}`);
    console.log(
      `answers: scores ${units.length} units, ${Math.round(scoresBytes / 1024)} KiB; record of ${String(record["deputyId"])} ${JSON.stringify(record).length} bytes`,
    );

    for (const endpoint of endpoints) await load(server, endpoint, null, 2); // warm-up, not counted
    const runs: { run: RunResult; goal: boolean }[] = [];
    for (const endpoint of endpoints) {
      for (const target of [rate, null]) {
        const run = await load(server, endpoint, target, target === null ? maxSeconds : fixedSeconds);
        console.log(`  ${endpoint.name}, ${target === null ? "unthrottled" : `${target}/s`}: ${rps(run.ok / run.seconds)}, p99 ${ms(run.p99)}, load ${run.load.toFixed(2)}`);
        runs.push({ run, goal: endpoint.goal });
      }
    }

    console.log(
      `\n## Read API under load (${data.events} events, city profile × ${data.history.scale ?? 1}; ${connections} connections; node ${process.version})\n`,
    );
    console.log(
      table(
        ["endpoint", "target rate", "achieved rate", "p50", "p99", "max", "errors", "server CPU / request", "load avg (1 min)", `goal p99 ≤ ${goalP99Ms} ms at ${goalRate}/s`],
        runs.map(({ run, goal }) => [
          run.endpoint,
          run.target === null ? "unthrottled" : rps(run.target),
          rps(run.ok / run.seconds),
          ms(run.p50),
          ms(run.p99),
          ms(run.max),
          String(run.errors),
          ms(run.cpuMsPerRequest),
          run.load.toFixed(2),
          verdict(run, goal),
        ]),
      ),
    );
    const floor = runs.filter(({ run }) => run.endpoint === endpoints[0]?.name);
    const floorFixed = floor.find(({ run }) => run.target !== null)?.run;
    const floorMax = floor.find(({ run }) => run.target === null)?.run;
    if (floorFixed !== undefined && floorMax !== undefined) {
      console.log("\nAgainst the floor (the static route on the same server, same run):");
      for (const endpoint of endpoints.slice(1)) {
        const fixed = runs.find(({ run }) => run.endpoint === endpoint.name && run.target !== null)?.run;
        const max = runs.find(({ run }) => run.endpoint === endpoint.name && run.target === null)?.run;
        if (fixed === undefined || max === undefined) continue;
        console.log(
          `  ${endpoint.name}: p99 at ${rate}/s ${(fixed.p99 / floorFixed.p99).toFixed(1)}× the floor's; max rate ${((max.ok / max.seconds) / (floorMax.ok / floorMax.seconds)).toFixed(2)} of the floor's; CPU per request ${(max.cpuMsPerRequest / floorMax.cpuMsPerRequest).toFixed(1)}×`,
        );
      }
    }
    console.log(`\nMedian p50 over the fixed-rate runs: ${ms(median(runs.filter(({ run }) => run.target !== null).map(({ run }) => run.p50)))}`);
  } finally {
    await server.stop();
  }
};

const history = { profile: "city" as const, seed: 1, scale: benchScale() };
const log = (line: string): void => console.log(line);
console.log(`# Read API under load: ${rate}/s for ${fixedSeconds} s and unthrottled for ${maxSeconds} s, ${connections} connections`);
const keep = process.env["BENCH_READ_DATA_DIR"];
if (keep !== undefined && keep !== "") {
  await bench(await prepareReadLoadData(keep, history, log));
} else {
  await withTempDir("read-load", async (dir) => bench(await prepareReadLoadData(dir, history, log)));
}
