/**
 * The child process of the transparency benchmark: the transparency endpoints served over HTTP
 * from the cached province store, and timed requests to them from this same process (one
 * keep-alive connection, one request at a time: each time includes the client's own work).
 *
 *     node <tsx loader> transparency-process.ts <events.sqlite> <requests per kind>
 *
 * Reports `{kinds: [{name, count, p50Ms, p99Ms, maxMs}], treeSize}` to the parent.
 */
import { generateKeyPairSync } from "node:crypto";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { createSqliteEventStore } from "@duty-ledger/event-store";
import { createHttpApp, createTokenVerifier, signToken } from "@duty-ledger/http-kit";
import { reportToParent } from "@duty-ledger/testing/bench";
import { pino } from "pino";
import { Agent, get as httpGet } from "node:http";
import { signerOf } from "../src/transparency/signing-key.js";
import { createTransparencyApi } from "../src/transparency/transparency-api.js";

export interface LatencyRow {
  readonly name: string;
  readonly count: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export interface TransparencyRunResult {
  readonly treeSize: number;
  readonly kinds: readonly LatencyRow[];
}

const quantile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

/** A deterministic pseudo-random sequence (the same requests in every run). */
const randomFrom = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const run = async (logPath: string, perKind: number): Promise<TransparencyRunResult> => {
  const secret = "transparency-bench-secret-of-32-bytes!!";
  const store = createSqliteEventStore({ path: logPath, durability: "normal", pollIntervalMs: 0 });
  const app = createHttpApp({
    logger: pino({ level: "silent" }),
    rateLimitPerIp: false,
    routes: [createTransparencyApi({ store, verifier: createTokenVerifier({ secret }), signer: signerOf(generateKeyPairSync("ed25519").privateKey), origin: "duty-ledger/bench" })],
  });
  const server = await new Promise<import("node:http").Server>((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const head = await store.headPosition();
    const { treeSize } = await store.transparencyLog!.treeHead(head);
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const authorization = `Bearer ${await signToken({ secret, role: "auditor", sub: "AUDITOR-BENCH", expiresIn: "1h" })}`;
    const get = (path: string): Promise<number> =>
      new Promise((resolve, reject) => {
        const start = performance.now();
        httpGet(`${base}${path}`, { agent, headers: { authorization } }, (response) => {
          response.resume();
          response.on("error", reject);
          response.on("end", () => (response.statusCode === 200 ? resolve(performance.now() - start) : reject(new Error(`${path}: ${response.statusCode}`))));
        }).on("error", reject);
      });
    const random = randomFrom(19);
    const between = (low: number, high: number): number => low + Math.floor(random() * (high - low + 1));
    const kinds: [string, () => string][] = [
      ["tree head, current size", () => "/v1/audit/tree-head"],
      ["tree head, any size", () => `/v1/audit/tree-head?treeSize=${between(1, treeSize)}`],
      [
        "inclusion proof",
        () => {
          const size = between(1, treeSize);
          return `/v1/audit/proofs/inclusion?position=${between(1, size)}&treeSize=${size}`;
        },
      ],
      [
        "consistency proof",
        () => {
          const to = between(1, treeSize);
          return `/v1/audit/proofs/consistency?from=${between(1, to)}&to=${to}`;
        },
      ],
      ["constant route (public keys), for the HTTP floor", () => "/v1/audit/public-keys"],
    ];
    for (let i = 0; i < 300; i++) await get((kinds[i % kinds.length] as [string, () => string])[1]()); // warm-up
    const rows: LatencyRow[] = [];
    for (const [name, path] of kinds) {
      const times: number[] = [];
      for (let i = 0; i < perKind; i++) times.push(await get(path()));
      times.sort((a, b) => a - b);
      rows.push({ name, count: times.length, p50Ms: quantile(times, 0.5), p99Ms: quantile(times, 0.99), maxMs: times[times.length - 1] ?? Number.NaN });
    }
    return { treeSize, kinds: rows };
  } finally {
    agent.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await store.close();
  }
};

const [logPath, perKind] = process.argv.slice(2);
await reportToParent(async () => {
  if (logPath === undefined) throw new Error("usage: transparency-process.ts <events.sqlite> [requests per kind]");
  return run(logPath, Number(perKind ?? 2000));
});
