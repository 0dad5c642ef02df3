/**
 * `pnpm bench:soak`: the real `duty-ledger start` (a child process: the write and read APIs and
 * the projector in one process, SQLite store with durability `full`) under mixed writes and
 * reads from autocannon on loopback for SOAK_SECONDS (default 300). Prints throughput, errors,
 * latency percentiles, the projector's lag, and the server's memory (RSS and V8 heap after a
 * forced GC, via `memory-probe.ts`) at the start, every minute and at the end. Goals: zero
 * errors, and no memory growth beyond noise in the second half of the run (caches fill early).
 *
 * Settings: SOAK_SECONDS (300), SOAK_CONNECTIONS (16), SOAK_WARMUP_SECONDS (30). The rate limits
 * are turned off (DUTY_LEDGER_RATE_LIMIT_PER_IP/_PER_SUBJECT=0): the soak measures capacity.
 * Not run by `pnpm bench` without the filter "soak".
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { signToken, type PrincipalRole } from "@duty-ledger/http-kit";
import autocannon from "autocannon";
import { freePort } from "../src/ledger-process.test-support.js";

const seconds = Number(process.env["SOAK_SECONDS"] ?? 300);
const connections = Number(process.env["SOAK_CONNECTIONS"] ?? 16);
const warmupSeconds = Math.min(Number(process.env["SOAK_WARMUP_SECONDS"] ?? 30), Math.floor(seconds / 3));
const secret = "soak-bench-secret-of-at-least-32-bytes!!";
const deputies = 50;
const units = 20;
const suggestions = 200;

const mainFile = fileURLToPath(new URL("../src/main.ts", import.meta.url));
const probeFile = fileURLToPath(new URL("./memory-probe.ts", import.meta.url));
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

interface Memory {
  readonly rss: number;
  readonly heapTotal: number;
  readonly heapUsed: number;
  readonly external: number;
  readonly arrayBuffers: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);
const pad = (n: number): string => String(n).padStart(3, "0");

/** The server, with a way to read its memory. */
const startServer = async (dataDir: string, port: number) => {
  const child: ChildProcess = spawn(process.execPath, ["--expose-gc", "--import", tsxLoader, "--import", pathToFileURL(probeFile).href, "--conditions=source", mainFile, "start"], {
    env: {
      PATH: process.env["PATH"] ?? "",
      HOME: process.env["HOME"] ?? "",
      DUTY_LEDGER_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: "127.0.0.1",
      DUTY_LEDGER_JWT_SECRET: secret,
      DUTY_LEDGER_RATE_LIMIT_PER_IP: "0",
      DUTY_LEDGER_RATE_LIMIT_PER_SUBJECT: "0",
      LOG_LEVEL: "warn",
      // glibc's allocator arenas (to tell allocator retention from growth in RSS).
      ...(process.env["MALLOC_ARENA_MAX"] === undefined ? {} : { MALLOC_ARENA_MAX: process.env["MALLOC_ARENA_MAX"] }),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const waiting: ((memory: Memory) => void)[] = [];
  const log: string[] = [];
  let buffered = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    buffered += chunk.toString("utf8");
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const line of lines) {
      if (line.startsWith('{"soakMemory"')) waiting.shift()?.((JSON.parse(line) as { soakMemory: Memory }).soakMemory);
      else if (log.push(line) > 200) log.shift();
    }
  });
  let banner = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    banner += chunk.toString("utf8");
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const deadline = Date.now() + 120_000;
  while (!banner.includes("is listening on")) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the server did not start:\n${log.join("\n")}`);
    await sleep(100);
  }
  return {
    child,
    exited,
    url: `http://127.0.0.1:${port}`,
    log,
    memory: (): Promise<Memory> =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("no memory answer from the server")), 30_000);
        waiting.push((memory) => {
          clearTimeout(timer);
          resolve(memory);
        });
        child.kill("SIGUSR2");
      }),
  };
};

const token = (role: PrincipalRole, sub: string): Promise<string> => signToken({ secret, role, sub, expiresIn: "12h" });

const post = async (url: string, auth: string, body: unknown): Promise<void> => {
  const response = await fetch(url, { method: "POST", headers: { authorization: `Bearer ${auth}`, "content-type": "application/json" }, body: JSON.stringify(body) });
  if (response.status !== 201) throw new Error(`set-up ${url}: ${response.status} ${await response.text()}`);
};

const health = async (url: string): Promise<{ status: string; position: number; lag: number }> =>
  (await (await fetch(`${url}/v1/health`)).json()) as { status: string; position: number; lag: number };

const waitForProjector = async (url: string, limitMs: number): Promise<number> => {
  const started = Date.now();
  while (Date.now() - started < limitMs) {
    if ((await health(url)).lag === 0) return Date.now() - started;
    await sleep(200);
  }
  return Number.NaN;
};

const main = async (): Promise<void> => {
  const dataDir = mkdtempSync(join(tmpdir(), "duty-ledger-soak-"));
  const port = await freePort();
  console.log(`# soak: ${seconds} s, ${connections} connections, warm-up ${warmupSeconds} s; node ${process.version}; data in ${dataDir}`);
  const server = await startServer(dataDir, port);
  try {
    const { url } = server;
    const office = await token("office", "OFFICE-1");
    const deputyTokens = await Promise.all(Array.from({ length: deputies }, (_, i) => token("deputy", `D-${pad(i)}`)));
    const unitTokens = await Promise.all(Array.from({ length: units }, (_, i) => token("unit", `U-${pad(i)}`)));
    const auditor = await token("auditor", "AUDITOR-1");

    // Set-up: a county's registry and assigned suggestions to handle.
    const setupStarted = Date.now();
    await post(`${url}/v1/stations`, office, { stationId: "ST-1", name: "城关联络站", region: "城关镇" });
    for (let i = 0; i < deputies; i += 1) {
      await post(`${url}/v1/deputies`, office, { deputyId: `D-${pad(i)}`, name: `代表${i}`, level: "county", term: "2021-2026", constituency: "城关镇", stationId: "ST-1" });
    }
    for (let i = 0; i < units; i += 1) await post(`${url}/v1/units`, office, { unitId: `U-${pad(i)}`, name: `单位${i}` });
    for (let i = 0; i < suggestions; i += 1) {
      const id = `S-${pad(i)}`;
      await post(`${url}/v1/suggestions`, deputyTokens[i % deputies]!, {
        suggestionId: id,
        leadDeputyId: `D-${pad(i % deputies)}`,
        coSignerIds: [],
        title: `建议 ${i}`,
        body: "建议改善公共服务。",
        phase: "session",
        session: "2024",
        submittedAt: "2024-03-01T09:00:00+08:00",
      });
      await post(`${url}/v1/suggestions/${id}/pre-review`, office, { outcome: "accept", reason: "符合要求", reviewedAt: "2024-03-02T09:00:00+08:00" });
      await post(`${url}/v1/suggestions/${id}/assignment`, office, { leadUnitId: `U-${pad(i % units)}`, coUnitIds: [], assignedAt: "2024-03-03T09:00:00+08:00", complex: false });
    }
    await waitForProjector(url, 60_000);
    console.log(`set-up: ${(await health(url)).position} events in ${((Date.now() - setupStarted) / 1000).toFixed(1)} s`);

    const samples: { label: string; at: number; memory: Memory }[] = [];
    const sample = async (label: string): Promise<void> => {
      samples.push({ label, at: Date.now(), memory: await server.memory() });
    };
    await sample("idle, before load");

    const pick = (n: number): number => Math.floor(Math.random() * n);
    const json = (auth: string) => ({ authorization: `Bearer ${auth}`, "content-type": "application/json" });
    const get = (auth: string) => ({ authorization: `Bearer ${auth}` });
    const deputy = (): { id: string; auth: string } => {
      const i = pick(deputies);
      return { id: `D-${pad(i)}`, auth: deputyTokens[i]! };
    };
    const handled = (): { id: string; unit: string; auth: string } => {
      const i = pick(suggestions);
      return { id: `S-${pad(i)}`, unit: `U-${pad(i % units)}`, auth: unitTokens[i % units]! };
    };
    // 3 writes and 5 reads, each connection cycling through them.
    const requests: autocannon.Request[] = [
      {
        method: "POST",
        setupRequest: (request) => {
          const d = deputy();
          const body = JSON.stringify({ deputyIds: [d.id], channel: "visit", occurredAt: "2024-04-01T10:00:00+08:00", constituents: 1 + pick(30), topic: "出行", summary: "群众反映公交班次少。", opinions: [{ opinionId: "OP-1", text: "增加班次" }] });
          return { ...request, path: "/v1/contacts", headers: json(d.auth), body };
        },
      },
      {
        method: "GET",
        setupRequest: (request) => {
          const d = deputy();
          return { ...request, path: `/v1/deputies/${d.id}/record?year=2024`, headers: get(d.auth) };
        },
      },
      {
        method: "POST",
        setupRequest: (request) => {
          const s = handled();
          const body = JSON.stringify({ unitId: s.unit, kind: pick(2) === 0 ? "progress" : "site-visit", occurredAt: "2024-04-02T10:00:00+08:00", recordedVia: "online", note: "办理进展" });
          return { ...request, path: `/v1/suggestions/${s.id}/steps`, headers: json(s.auth), body };
        },
      },
      {
        method: "GET",
        setupRequest: (request) => {
          const s = handled();
          return { ...request, path: `/v1/suggestions/${s.id}`, headers: get(s.auth) };
        },
      },
      {
        method: "GET",
        setupRequest: (request) => {
          const d = deputy();
          return { ...request, path: `/v1/deputies/${d.id}/timeline?limit=20`, headers: get(d.auth) };
        },
      },
      { method: "GET", setupRequest: (request) => ({ ...request, path: "/v1/scores?period=2024", headers: get(office) }) },
      { method: "GET", setupRequest: (request) => ({ ...request, path: "/v1/suggestions?status=open&limit=50", headers: get(office) }) },
      {
        method: "POST",
        setupRequest: (request) => {
          const d = deputy();
          const body = JSON.stringify({ leadDeputyId: d.id, coSignerIds: [], title: "建议", body: "建议增设路灯。", phase: "recess", session: "2024", submittedAt: "2024-05-01T09:00:00+08:00" });
          return { ...request, path: "/v1/suggestions", headers: json(d.auth), body };
        },
      },
    ];

    const statuses = new Map<number, number>();
    const loadStarted = Date.now();
    let finish: (result: autocannon.Result) => void = () => {};
    let fail: (error: unknown) => void = () => {};
    const finished = new Promise<autocannon.Result>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
    const instance = autocannon({ url, connections, duration: seconds, timeout: 30, requests }, (error, result) => (error ? fail(error) : finish(result)));
    instance.on("response", (_client: unknown, statusCode: number) => {
      statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
    });
    const marks = [warmupSeconds, ...Array.from({ length: Math.floor(seconds / 60) }, (_, i) => (i + 1) * 60)].filter((mark, i) => i === 0 || (mark > warmupSeconds && mark < seconds - 5));
    const sampler = (async () => {
      for (const mark of marks) {
        await sleep(Math.max(0, loadStarted + mark * 1000 - Date.now()));
        await sample(mark === warmupSeconds ? `after ${warmupSeconds} s warm-up` : `${mark / 60} min`);
      }
    })();
    const result = await finished;
    await sampler;
    await sample("end of load");
    const lagAtEnd = (await health(url)).lag;
    const catchUpMs = await waitForProjector(url, 120_000);
    await sleep(5_000);
    await sample("5 s after the load");

    const verify = await fetch(`${url}/v1/audit/verify`, { headers: { authorization: `Bearer ${auditor}` } });
    const verified = (await verify.json()) as { ok: boolean; events: number; streams: number };
    const stopAt = Date.now();
    server.child.kill("SIGTERM");
    const exit = await server.exited;

    const errors = result.errors + result.timeouts + result.non2xx;
    // Bounded caches (the projector keeps up to 10 000 documents, SQLite its pages) fill in the
    // first minutes; a leak keeps growing. So the goal compares the second half: the heap after
    // GC at the end against the first sample at or after half the run.
    const warm = samples.find((s) => s.label.startsWith("after"))?.memory ?? samples[0]!.memory;
    const half = samples.find((s) => s.at - loadStarted >= (seconds * 1000) / 2)?.memory ?? warm;
    const end = samples.at(-1)!.memory;
    const heapGrowth = (end.heapUsed - half.heapUsed) / half.heapUsed;
    console.log("");
    console.log(`load: ${result.requests.total} requests in ${result.duration.toFixed(0)} s = ${result.requests.average.toFixed(0)} req/s (3 writes : 5 reads)`);
    console.log(`statuses: ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}; errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}`);
    console.log(`latency ms: p50 ${result.latency.p50}, p90 ${result.latency.p90}, p99 ${result.latency.p99}, max ${result.latency.max}`);
    console.log(`projector: lag ${lagAtEnd} events when the load stopped, caught up ${Number.isNaN(catchUpMs) ? "NOT within 120 s" : `after ${catchUpMs} ms`}`);
    console.log(`log: ${verified.events} events in ${verified.streams} streams, verify ok=${String(verified.ok)}; stop: exit ${String(exit.code)} after ${Date.now() - stopAt} ms`);
    console.log("");
    console.log("| when | RSS MB | heap used MB (after GC) | heap total MB | external MB |");
    console.log("| --- | --- | --- | --- | --- |");
    for (const s of samples) {
      const at = s.label;
      console.log(`| ${at} | ${mb(s.memory.rss)} | ${mb(s.memory.heapUsed)} | ${mb(s.memory.heapTotal)} | ${mb(s.memory.external)} |`);
    }
    console.log("");
    console.log(`goal zero errors: ${errors === 0 ? "pass" : `FAIL (${errors})`}`);
    const growthOk = heapGrowth <= 0.1 || end.heapUsed - half.heapUsed < 2 * 1024 * 1024;
    console.log(
      `goal no memory growth beyond noise (heap after GC, end vs half-way, at most +10 % or +2 MB): ${growthOk ? "pass" : "FAIL"} ` +
        `(${mb(half.heapUsed)} -> ${mb(end.heapUsed)} MB, ${(heapGrowth * 100).toFixed(1)} %; since warm-up ${mb(warm.heapUsed)} MB; RSS ${mb(warm.rss)} -> ${mb(end.rss)} MB)`,
    );
    if (errors > 0) console.log(`server log (last lines):\n${server.log.slice(-20).join("\n")}`);
  } finally {
    if (server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill("SIGKILL");
      await server.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
};

await main();
