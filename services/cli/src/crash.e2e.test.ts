import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { verifyLog } from "@duty-ledger/audit";
import { createSqliteEventStore, type RecordedEvent } from "@duty-ledger/event-store";
import { createSqliteReadModelStore, readModelProjections, readModelsPath } from "@duty-ledger/projections";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ensureStopped,
  freePort,
  postJson,
  processToken,
  spawnLedger,
  waitUntilServing,
  type LedgerProcess,
} from "./ledger-process.test-support.js";

/**
 * Nothing acknowledged is lost (issue 5, point 1). The real `duty-ledger start` takes a steady
 * stream of appends from concurrent clients and is killed with SIGKILL at random moments, then
 * restarted on the same data folder. Every client sends each request with its own
 * Idempotency-Key and, after a connection error (or a 409 "still in flight" left by the crash),
 * sends the very same request again until it is answered. In the end:
 * - every request was answered 201, and its event is in the log exactly once, with the id,
 *   stream and position of the answer;
 * - the log holds nothing else (no duplicate from a retry, nothing unacknowledged);
 * - the per-stream hash chains verify (`verifyLog`, and GET /v1/audit/verify on the server);
 * - sending an answered request again with its key replays the original answer.
 */

const kills = 5;
const clientsCount = 6;
/** Longest wait for everything to be answered after the last restart: the 60 s lease of a
 * record left "in flight" by a kill, plus slack for a loaded machine. */
const drainLimitMs = 150_000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface WriteAnswer {
  readonly id: string;
  readonly eventIds: readonly string[];
  readonly position: number;
}

interface Planned {
  readonly key: string;
  readonly path: string;
  readonly token: string;
  readonly body: Record<string, unknown>;
  /** Unique text the request's event carries (`summary`, `note` or `body`). */
  readonly marker: string;
}

interface Outcome {
  readonly planned: Planned;
  status: number | null;
  answer: WriteAnswer | null;
  attempts: number;
  connectionErrors: number;
  inFlightConflicts: number;
  unexpected: string | null;
}

const t0 = "2024-03-01T09:00:00+08:00";
const t1 = "2024-03-02T09:00:00+08:00";
const t2 = "2024-04-01T09:00:00+08:00";

let dataDir: string;
let port: number;
let ledger: LedgerProcess | undefined;
let tokens: Record<"office" | "auditor" | "d1" | "d2" | "d3" | "u1" | "u2", string>;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "duty-ledger-crash-"));
  port = await freePort();
  tokens = {
    office: await processToken("office", "OFFICE-1"),
    auditor: await processToken("auditor", "AUDITOR-1"),
    d1: await processToken("deputy", "D-1"),
    d2: await processToken("deputy", "D-2"),
    d3: await processToken("deputy", "D-3"),
    u1: await processToken("unit", "U-1"),
    u2: await processToken("unit", "U-2"),
  };
});

afterAll(async () => {
  await ensureStopped(ledger);
  rmSync(dataDir, { recursive: true, force: true });
});

/** The rate limits are not what this test is about: off, so a fast stream is never 429. */
const start = async (): Promise<LedgerProcess> => {
  const started = spawnLedger({ dataDir, port, env: { DUTY_LEDGER_RATE_LIMIT_PER_IP: "0", DUTY_LEDGER_RATE_LIMIT_PER_SUBJECT: "0" } });
  ledger = started;
  await waitUntilServing(started);
  return started;
};

const setUp = async (url: string): Promise<void> => {
  const requests: [string, string, Record<string, unknown>][] = [
    ["/v1/stations", tokens.office, { stationId: "ST-1", name: "城关联络站", region: "城关镇" }],
    ...["D-1", "D-2", "D-3"].map((deputyId): [string, string, Record<string, unknown>] => [
      "/v1/deputies",
      tokens.office,
      { deputyId, name: `代表${deputyId}`, level: "county", term: "2021-2026", constituency: "城关镇", stationId: "ST-1" },
    ]),
    ["/v1/units", tokens.office, { unitId: "U-1", name: "县交通运输局" }],
    ["/v1/units", tokens.office, { unitId: "U-2", name: "县住建局" }],
  ];
  for (const id of ["S-1", "S-2", "S-3"]) {
    requests.push(
      ["/v1/suggestions", tokens.d1, { suggestionId: id, leadDeputyId: "D-1", coSignerIds: [], title: "改善公交线路", body: "建议增加班次。", phase: "session", session: "2024", submittedAt: t0 }],
      [`/v1/suggestions/${id}/pre-review`, tokens.office, { outcome: "accept", reason: "符合要求", reviewedAt: t1 }],
      [`/v1/suggestions/${id}/assignment`, tokens.office, { leadUnitId: "U-1", coUnitIds: ["U-2"], assignedAt: t1, complex: false }],
    );
  }
  for (const [path, token, body] of requests) {
    const response = await postJson(`${url}${path}`, token, body);
    expect(response.status, `${path}: ${JSON.stringify(response.body)}`).toBe(201);
  }
};

/** The n-th request of client `client`: contacts, suggestions and handling steps, one event each. */
const plan = (client: number, n: number): Planned => {
  const key = `crash-${client}-${n}`;
  const marker = `marker ${key}`;
  switch (client % 6) {
    case 0:
    case 4: {
      const [token, deputyId] = client % 6 === 0 ? [tokens.d1, "D-1"] : [tokens.office, "D-3"];
      return {
        key,
        marker,
        token,
        path: "/v1/contacts",
        body: { deputyIds: [deputyId], channel: "visit", occurredAt: t0, constituents: n % 50, topic: "出行", summary: marker },
      };
    }
    case 1:
    case 5: {
      const [token, deputyId] = client % 6 === 1 ? [tokens.d2, "D-2"] : [tokens.d3, "D-3"];
      return {
        key,
        marker,
        token,
        path: "/v1/suggestions",
        body: { leadDeputyId: deputyId, coSignerIds: [], title: `建议 ${n}`, body: marker, phase: "recess", session: "2024", submittedAt: t0 },
      };
    }
    default: {
      const [token, unitId] = client % 6 === 2 ? [tokens.u1, "U-1"] : [tokens.u2, "U-2"];
      return {
        key,
        marker,
        token,
        path: `/v1/suggestions/S-${(n % 3) + 1}/steps`,
        body: { unitId, kind: "progress", occurredAt: t2, recordedVia: "online", note: marker },
      };
    }
  }
};

type Attempt =
  | { readonly kind: "answered"; readonly status: number; readonly body: unknown; readonly retryAfter: string | null }
  | { readonly kind: "connection"; readonly error: string };

const attempt = async (url: string, planned: Planned): Promise<Attempt> => {
  try {
    const response = await fetch(`${url}${planned.path}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${planned.token}`, "idempotency-key": planned.key },
      body: JSON.stringify(planned.body),
      signal: AbortSignal.timeout(20_000),
    });
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    return { kind: "answered", status: response.status, body, retryAfter: response.headers.get("retry-after") };
  } catch (error) {
    // Refused, reset, or cut off mid-answer: the request may or may not have been appended.
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { kind: "connection", error: cause?.code ?? cause?.message ?? String(error) };
  }
};

describe("SIGKILL during a stream of appends", () => {
  it(
    "loses no acknowledged append, doubles none, and replays the original answers",
    async () => {
      let current = await start();
      await setUp(current.url);
      const url = current.url;
      const setupHead = await (async () => {
        const response = await fetch(`${url}/v1/audit/events?limit=1`, { headers: { authorization: `Bearer ${tokens.auditor}` } });
        return ((await response.json()) as { head: number }).head;
      })();

      const outcomes: Outcome[] = [];
      let streaming = true;
      const hardDeadline = { at: Number.POSITIVE_INFINITY };
      let answered = 0;

      /** One client: new requests while streaming; a request not yet answered is sent again (same key, same body). */
      const client = async (index: number): Promise<void> => {
        const pending: { outcome: Outcome; dueAt: number }[] = [];
        let n = 0;
        while ((streaming || pending.length > 0) && Date.now() < hardDeadline.at) {
          const now = Date.now();
          const dueIndex = pending.findIndex((item) => item.dueAt <= now);
          let outcome: Outcome;
          if (dueIndex !== -1) {
            outcome = pending.splice(dueIndex, 1)[0]!.outcome;
          } else if (streaming) {
            outcome = { planned: plan(index, n), status: null, answer: null, attempts: 0, connectionErrors: 0, inFlightConflicts: 0, unexpected: null };
            n += 1;
            outcomes.push(outcome);
          } else {
            await sleep(Math.max(10, Math.min(...pending.map((item) => item.dueAt)) - now));
            continue;
          }
          let result = await attempt(url, outcome.planned);
          outcome.attempts += 1;
          while (result.kind === "connection" && Date.now() < hardDeadline.at) {
            // The server is down or restarting: send the same request again shortly.
            outcome.connectionErrors += 1;
            await sleep(200);
            result = await attempt(url, outcome.planned);
            outcome.attempts += 1;
          }
          if (result.kind === "connection") continue;
          if (result.status === 409 && result.retryAfter !== null) {
            // The first attempt's idempotency record is still "in flight" (the process died
            // under it): retry after Retry-After; the record is taken over once its lease ends.
            outcome.inFlightConflicts += 1;
            pending.push({ outcome, dueAt: Date.now() + Number(result.retryAfter) * 1000 });
            continue;
          }
          outcome.status = result.status;
          if (result.status === 201) {
            outcome.answer = result.body as WriteAnswer;
            answered += 1;
          } else {
            outcome.unexpected = `${result.status}: ${JSON.stringify(result.body)}`;
          }
        }
      };

      const clients = Array.from({ length: clientsCount }, (_, i) => client(i));
      const killLog: { afterMs: number; answeredBefore: number }[] = [];
      let killed = false;
      try {
        for (let k = 0; k < kills; k += 1) {
          // Let the stream run a random while (and make sure appends are being answered), then kill.
          const answeredAtRestart = answered;
          const afterMs = 600 + Math.floor(Math.random() * 2_500);
          await sleep(afterMs);
          const waitLimit = Date.now() + 60_000;
          while (answered < answeredAtRestart + 5 && Date.now() < waitLimit) await sleep(50);
          expect(answered, "appends are answered between kills").toBeGreaterThan(answeredAtRestart);
          current.child.kill("SIGKILL");
          const ended = await current.exited;
          expect(ended.signal).toBe("SIGKILL");
          killLog.push({ afterMs, answeredBefore: answered });
          await sleep(Math.floor(Math.random() * 400));
          current = await start();
        }
        await sleep(2_000);
        killed = true;
      } finally {
        // Stop new requests; answer what is pending (or, after a failure, stop at once).
        streaming = false;
        hardDeadline.at = Date.now() + (killed ? drainLimitMs : 0);
      }
      const drainStarted = Date.now();
      await Promise.all(clients);
      const drainMs = Date.now() - drainStarted;

      const retried = outcomes.filter((o) => o.connectionErrors > 0 || o.inFlightConflicts > 0);
      console.info(
        `crash test: ${outcomes.length} requests, ${kills} kills ${JSON.stringify(killLog)}; ` +
          `${retried.length} retried after a connection error or an in-flight 409 ` +
          `(${outcomes.reduce((sum, o) => sum + o.inFlightConflicts, 0)} in-flight 409s); all answered ${drainMs} ms after the last restart's stream ended`,
      );
      // Every request was answered, and answered 201.
      expect(outcomes.filter((o) => o.unexpected !== null).map((o) => `${o.planned.key} ${o.unexpected}`)).toEqual([]);
      expect(outcomes.filter((o) => o.status === null).map((o) => o.planned.key), "requests never answered").toEqual([]);
      expect(retried.length, "some requests were caught by a kill").toBeGreaterThan(0);

      // The same key again: the original answer, replayed (a sample plus every retried request).
      const sample = [...retried, ...outcomes.filter((_, i) => i % 25 === 0)];
      for (const outcome of sample) {
        const again = await attempt(url, outcome.planned);
        expect(again.kind === "answered" ? again.status : again.error, outcome.planned.key).toBe(201);
        if (again.kind === "answered") expect(again.body, outcome.planned.key).toEqual(outcome.answer);
      }

      // The server's own auditor endpoint verifies every chain.
      const verified = await fetch(`${url}/v1/audit/verify`, { headers: { authorization: `Bearer ${tokens.auditor}` } });
      expect(verified.status).toBe(200);
      expect(await verified.json()).toMatchObject({ ok: true });

      current.child.kill("SIGTERM");
      expect(await current.exited, current.output()).toEqual({ code: 0, signal: null });

      // The log itself: each acknowledged append exactly once, nothing else.
      const store = createSqliteEventStore({ path: join(dataDir, "events.sqlite"), durability: "normal" });
      try {
        const byMarker = new Map<string, RecordedEvent[]>();
        let total = 0;
        for await (const event of store.readAll()) {
          total += 1;
          const data = event.data as { summary?: unknown; note?: unknown; body?: unknown };
          const marker = [data.summary, data.note, data.body].find((value) => typeof value === "string" && value.startsWith("marker crash-"));
          if (typeof marker === "string") byMarker.set(marker, [...(byMarker.get(marker) ?? []), event]);
        }
        for (const outcome of outcomes) {
          const events = byMarker.get(outcome.planned.marker) ?? [];
          expect(events.length, `${outcome.planned.key}: events in the log`).toBe(1);
          const [event] = events;
          expect([event?.id], outcome.planned.key).toEqual(outcome.answer?.eventIds);
          expect(event?.position, outcome.planned.key).toBe(outcome.answer?.position);
          expect(event?.streamId.endsWith(`-${outcome.answer?.id ?? ""}`), outcome.planned.key).toBe(true);
        }
        expect(total, "the log holds the set-up and one event per answered request, nothing more").toBe(setupHead + outcomes.length);
        const verification = await verifyLog(store);
        expect(verification.ok, JSON.stringify(verification.firstBroken)).toBe(true);
        expect(verification.events).toBe(total);
        // After the kills, the projector resumed from its checkpoints and reached the head at the stop.
        const readModels = createSqliteReadModelStore({ path: readModelsPath(dataDir), readonly: true });
        try {
          const checkpoints = await readModels.checkpoints();
          expect(checkpoints.map((c) => c.projection)).toEqual(expect.arrayContaining([...readModelProjections]));
          expect(checkpoints.map((c) => [c.projection, c.position])).toEqual(checkpoints.map((c) => [c.projection, total]));
        } finally {
          await readModels.close();
        }
      } finally {
        await store.close();
      }
    },
    420_000,
  );
});
