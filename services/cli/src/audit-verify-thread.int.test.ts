import { appendSampleLog, generateSampleLog } from "@duty-ledger/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAllInOne, type AllInOne } from "./all-in-one.test-support.js";

/**
 * `GET /v1/audit/verify` through the all-in-one server of `pnpm start` (issue 20, point 8): the
 * verification runs on a worker thread, one at a time. While it runs, `/v1/health` answers at
 * once, and a second verification is refused 503 with `Retry-After`. On the old code both
 * verifications ran on the request thread (the second shared the first's, 200) and a health
 * check waited for them.
 */

let server: AllInOne;
let head: number;
let auditor: string;

beforeAll(async () => {
  server = await startAllInOne({ DUTY_LEDGER_RATE_LIMIT_PER_IP: "0", DUTY_LEDGER_RATE_LIMIT_PER_SUBJECT: "0" });
  head = await appendSampleLog(server.store, generateSampleLog({ seed: 20, deputies: 300, units: 40, stations: 20, contacts: 3_000, suggestions: 1_200 }));
  auditor = await server.token("auditor", "AUDITOR-1");
  // The projector's threads catch up first: their work is not the verification's.
  for (let lag = Number.POSITIVE_INFINITY; lag > 0; ) {
    lag = ((await (await fetch(`${server.url}/v1/health`)).json()) as { lag: number }).lag;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}, 180_000);

afterAll(async () => {
  await server.close();
});

const verify = async (query = ""): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> => {
  const response = await fetch(`${server.url}/v1/audit/verify${query}`, { headers: { authorization: `Bearer ${auditor}` } });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
};

/** Health checks one after the other until `done` settles; each one's latency, ms. */
const healthWhile = async (done: Promise<unknown>): Promise<number[]> => {
  let settled = false;
  void done.finally(() => (settled = true));
  const latencies: number[] = [];
  while (!settled) {
    const started = performance.now();
    const response = await fetch(`${server.url}/v1/health`);
    await response.body?.cancel();
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return latencies;
};

describe("GET /v1/audit/verify off the event loop", () => {
  it("keeps /v1/health answering while a verification runs; a second one meanwhile is 503 with Retry-After", async () => {
    expect(head).toBeGreaterThanOrEqual(5_000);
    const started = performance.now();
    const first = verify();
    const health = healthWhile(first);
    await new Promise((resolve) => setTimeout(resolve, 50));

    const second = await verify("?upTo=10");
    expect(second.status).toBe(503);
    expect(second.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(second.body).toMatchObject({ type: "/problems/verification-running", status: 503 });
    expect(Number(second.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);

    const report = await first;
    const verifyMs = performance.now() - started;
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ ok: true, events: head, upTo: head });
    const timeline = await health;
    console.info(`health latencies in order (ms): ${timeline.map((ms) => Math.round(ms)).join(" ")}`);
    const latencies = [...timeline].sort((a, b) => a - b);
    const max = latencies.at(-1) ?? 0;
    console.info(
      `audit verify: ${head} events verified in ${Math.round(verifyMs)} ms on a worker thread; ` +
        `${latencies.length} health checks meanwhile, median ${latencies[Math.floor(latencies.length / 2)]?.toFixed(1)} ms, max ${max.toFixed(1)} ms`,
    );
    expect(latencies.length).toBeGreaterThanOrEqual(5);
    expect(max, "a health check during the verification (the old code: seconds)").toBeLessThan(500);

    // Done: the next one runs (and a seal of it verifies).
    const again = await verify(`?seal=${encodeURIComponent(String(report.body["seal"]))}`);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ ok: true, sealCheck: { ok: true } });
  });

  it("20 verifications at once: one runs, 19 are 503, health stays quick", async () => {
    const started = performance.now();
    const all = Promise.all(Array.from({ length: 20 }, (_, i) => verify(`?upTo=${head - i}`)));
    const latencies = await healthWhile(all);
    const answers = await all;
    const max = Math.max(...latencies);
    console.info(`audit verify: 20 at once answered in ${Math.round(performance.now() - started)} ms; health max ${max.toFixed(1)} ms over ${latencies.length} checks`);
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 503)).toHaveLength(19);
    expect(max, "a health check during the verification (the old code: seconds)").toBeLessThan(500);
  });
});
