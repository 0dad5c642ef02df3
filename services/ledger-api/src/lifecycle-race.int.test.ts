import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { countingEvents, foldStream, parseEvent, suggestionDecider, type SuggestionEvent, type SuggestionState } from "@duty-ledger/domain";
import { createSqliteEventStore, isWrongExpectedRevision, type EventStore, type RecordedEvent, type SqliteEventStore } from "@duty-ledger/event-store";
import { createHttpApp, createSqliteIdempotencyStore, createTokenVerifier, signToken, type IdempotencyStore } from "@duty-ledger/http-kit";
import { sendApiRequest, type ApiRequest, type ApiResponse, type ApiTarget } from "@duty-ledger/testing";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLedgerApi } from "./ledger-api.js";
import { FIXTURE_RECORDING_GRACE_MS } from "./test-ledger.test-support.js";
import { brokenChains, fixtureSecret, fixtureTokens, registerFixtureWorld, suggestionAt, type FixtureTokens } from "./write-fixtures.test-support.js";

/**
 * Racing commands leave every stream valid (issue 5, point 3). Two ledger APIs — each with its
 * own store connection to the same SQLite file, like two processes — take hundreds of concurrent
 * commands on the same suggestions: handling steps, replies, evaluations (satisfied, or
 * unsatisfied and re-handled), publications and extensions, plus commands that are never
 * allowed (a co-unit's reply, an unrelated unit's step). Every loser gets 409, 403 or 422, never
 * a 5xx. Afterwards every stream is replayed through the suggestion decider: each counting
 * event must be one `admits` allows in the state before it (no step after closure, one reply
 * per round, an evaluation only of a reply…), and each 201 answer's events are in the log once.
 */

const suggestionsCount = 10;

interface Instance {
  readonly server: Server;
  readonly store: SqliteEventStore;
  readonly idempotency: IdempotencyStore;
  readonly target: ApiTarget;
}

let dataDir: string;
let instances: Instance[];
let tokens: FixtureTokens;
let u3: string;
/** Appends refused because the other API wrote the stream first (caught, decided again). */
let revisionConflicts = 0;

/** The store, counting appends refused for a stale expected revision. */
const countingConflicts = (store: EventStore): EventStore =>
  new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (property !== "append" || typeof value !== "function") return typeof value === "function" ? value.bind(target) : value;
      return async (...args: Parameters<EventStore["append"]>) => {
        try {
          return await target.append(...args);
        } catch (error) {
          if (isWrongExpectedRevision(error)) revisionConflicts += 1;
          throw error;
        }
      };
    },
  });

const startInstance = async (): Promise<Instance> => {
  const store = createSqliteEventStore({ path: join(dataDir, "events.sqlite"), durability: "normal" });
  const idempotency = createSqliteIdempotencyStore({ dataDir });
  const api = createLedgerApi({ store: countingConflicts(store), verifier: createTokenVerifier({ secret: fixtureSecret }), idempotency, recordingGraceMs: FIXTURE_RECORDING_GRACE_MS });
  const app = createHttpApp({ logger: pino({ level: "silent" }), routes: [api], rateLimitPerIp: false });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return { server, store, idempotency, target: { baseUrl: `http://127.0.0.1:${port}`, headPosition: () => store.headPosition() } };
};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "duty-ledger-race-"));
  instances = [await startInstance(), await startInstance()];
  const sign = (role: "office" | "deputy" | "unit" | "clerk" | "auditor", sub: string, stationId?: string) =>
    signToken({ secret: fixtureSecret, role, sub, stationId, expiresIn: "1h" });
  tokens = await fixtureTokens({ token: sign });
  u3 = await sign("unit", "U-3");
  await registerFixtureWorld(instances[0]!.target, tokens);
});

afterAll(async () => {
  for (const instance of instances) {
    instance.server.closeAllConnections();
    await new Promise<void>((resolve) => instance.server.close(() => resolve()));
    instance.idempotency.close();
    await instance.store.close();
  }
  rmSync(dataDir, { recursive: true, force: true });
});

/** A small deterministic generator, so that a failing mix can be replayed. */
const random = (() => {
  let seed = 20241121;
  return (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
})();
const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const replyTimes = ["2024-04-10T10:00:00+08:00", "2024-05-10T10:00:00+08:00", "2024-06-10T10:00:00+08:00"];
const evaluationTimes = ["2024-04-20T10:00:00+08:00", "2024-05-20T10:00:00+08:00", "2024-06-20T10:00:00+08:00"];

/** The racing commands on one suggestion (the set-up left it assigned to U-1, co-unit U-2). */
const commandsOn = (id: string): (ApiRequest & { kind: string })[] => {
  const path = (tail: string): string => `/v1/suggestions/${id}/${tail}`;
  const commands: (ApiRequest & { kind: string })[] = [];
  for (let i = 0; i < 18; i += 1) {
    const lead = i % 2 === 0;
    commands.push({
      kind: i < 12 ? "step" : "late step",
      path: path("steps"),
      token: lead ? tokens.u1 : tokens.u2,
      body: { unitId: lead ? "U-1" : "U-2", kind: pick(["plan", "progress", "consultation", "site-visit", "co-unit-opinion"]), occurredAt: pick(replyTimes), recordedVia: "online", note: `step ${i}` },
    });
  }
  for (let i = 0; i < 6; i += 1) {
    commands.push({ kind: "reply", path: path("reply"), token: tokens.u1, body: { unitId: "U-1", category: pick(["A", "B", "C", "D"]), repliedAt: pick(replyTimes), text: `reply ${i}` } });
    commands.push({
      kind: "evaluation",
      path: path("evaluation"),
      token: tokens.d1,
      body: { rating: pick(["satisfied", "basically-satisfied", "unsatisfied", "unsatisfied"]), evaluatedAt: pick(evaluationTimes), comment: `evaluation ${i}` },
    });
  }
  for (let i = 0; i < 3; i += 1) {
    commands.push({ kind: "publication", path: path("publication"), token: i === 0 ? tokens.office : tokens.u1, body: { publishedAt: "2024-06-30T10:00:00+08:00" } });
  }
  for (let i = 0; i < 2; i += 1) {
    commands.push({ kind: "extension", path: path("extension"), token: tokens.office, body: { newDueAt: pick(["2024-09-30T23:59:59+08:00", "2024-10-31T23:59:59+08:00"]), reason: "协调", grantedAt: "2024-05-01T10:00:00+08:00" } });
  }
  // Never allowed, whatever the state: a co-unit replying, an unrelated unit recording a step.
  commands.push({ kind: "forbidden", path: path("reply"), token: tokens.u2, body: { unitId: "U-2", category: "A", repliedAt: replyTimes[0], text: "co-unit reply" } });
  commands.push({ kind: "forbidden", path: path("steps"), token: u3, body: { unitId: "U-3", kind: "progress", occurredAt: replyTimes[0], recordedVia: "online" } });
  return commands;
};

const readStream = async (store: SqliteEventStore, streamId: string): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for await (const event of store.readStream(streamId)) events.push(event);
  return events;
};

/** Why each counting event of a suggestion stream is admissible in the state before it (null: all are). */
const firstInadmissible = (events: readonly RecordedEvent[]): string | null => {
  let state: SuggestionState = suggestionDecider.initialState;
  for (const stored of countingEvents(events)) {
    const event = parseEvent(stored.type, stored.data) as SuggestionEvent;
    if (!suggestionDecider.admits(state, event)) return `revision ${stored.revision} ${stored.type} in state ${state.status} (round ${state.round})`;
    state = suggestionDecider.evolve(state, event);
  }
  return null;
};

describe("hundreds of racing commands on the same suggestions", () => {
  it("leave every stream valid under the lifecycle rules; losers get 409/403/422, never a 5xx", async () => {
    const ids: string[] = [];
    for (let i = 0; i < suggestionsCount; i += 1) ids.push(await suggestionAt(instances[0]!.target, tokens, "assigned"));
    const setupHead = await instances[0]!.store.headPosition();

    const all = ids.flatMap((id) => commandsOn(id).map((command) => ({ id, command })));
    const shuffled = <T,>(items: T[]): T[] => {
      for (let i = items.length - 1; i > 0; i -= 1) {
        const j = Math.floor(random() * (i + 1));
        [items[i], items[j]] = [items[j]!, items[i]!];
      }
      return items;
    };
    // Two waves, each fired all at once, alternating between the two APIs: first the steps
    // (all admissible: only the race on the streams' revisions decides), then everything else.
    const waves = [shuffled(all.filter((c) => c.command.kind === "step")), shuffled(all.filter((c) => c.command.kind !== "step"))];
    const commands = waves.flat();
    expect(commands.length).toBeGreaterThanOrEqual(300);
    const answers: ApiResponse[] = [];
    for (const wave of waves) answers.push(...(await Promise.all(wave.map(({ command }, i) => sendApiRequest(instances[i % 2]!.target, command)))));

    const byStatus = new Map<number, number>();
    for (const answer of answers) byStatus.set(answer.status, (byStatus.get(answer.status) ?? 0) + 1);
    const reasons = new Map<string, number>();
    answers.forEach((answer, i) => {
      if (answer.status === 201) return;
      const detail = String((answer.body as { detail?: unknown } | undefined)?.detail ?? "").replace(/[A-Z]+-f?\d+|\d{4}-\S+/g, "…");
      const reason = `${commands[i]!.command.kind} ${answer.status} ${detail.slice(0, 70)}`;
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    });
    console.info(`race: ${commands.length} commands on ${ids.length} suggestions; statuses ${JSON.stringify(Object.fromEntries(byStatus))}`);
    console.info([...reasons].map(([reason, count]) => `  ${count} × ${reason}`).join("\n"));
    answers.forEach((answer, i) => {
      const { command } = commands[i]!;
      expect([201, 403, 409, 422], `${command.kind} ${command.path}: ${answer.text}`).toContain(answer.status);
      if (command.kind === "forbidden") expect(answer.status, answer.text).toBe(403);
    });
    expect(byStatus.get(409) ?? 0, "some commands lost a race").toBeGreaterThan(0);
    console.info(`race: ${revisionConflicts} appends met a stale revision (the other API wrote first) and were decided again`);
    expect(revisionConflicts, "the two APIs raced on the same streams").toBeGreaterThan(0);

    const store = instances[0]!.store;
    const acceptedEventIds = answers.flatMap((answer) => (answer.status === 201 ? (answer.body as { eventIds: string[] }).eventIds : []));
    expect(await store.headPosition(), "one event per accepted command, nothing else").toBe(setupHead + acceptedEventIds.length);
    for (const id of ids) {
      const events = await readStream(store, `suggestion-${id}`);
      expect(events.map((e) => e.revision), id).toEqual(events.map((_, i) => i));
      expect(firstInadmissible(events), id).toBeNull();
      const state = foldStream(suggestionDecider, events);
      // One reply per round, and round 1 has one: the first reply won, the others lost.
      const replies = events.filter((e) => e.type === "SuggestionReplied").map((e) => (e.data as { round: number }).round);
      expect(new Set(replies).size, `${id}: one reply per round`).toBe(replies.length);
      expect(replies[0], id).toBe(1);
      // Nothing but publications after a closing evaluation.
      const closing = events.findIndex((e) => e.type === "SuggestionEvaluated" && (e.data as { rating: string }).rating !== "unsatisfied");
      if (closing !== -1) {
        expect(state.status, id).toBe("closed");
        expect(events.slice(closing + 1).filter((e) => e.type !== "ReplyPublished").map((e) => e.type), id).toEqual([]);
      }
      // What the answers said was accepted is what the stream holds.
      const streamIds = new Set(events.map((e) => e.id));
      answers.forEach((answer, i) => {
        if (answer.status === 201 && commands[i]!.id === id) {
          for (const eventId of (answer.body as { eventIds: string[] }).eventIds) expect(streamIds.has(eventId), `${id} ${eventId}`).toBe(true);
        }
      });
    }
    expect(new Set(acceptedEventIds).size).toBe(acceptedEventIds.length);
    expect(await brokenChains(store)).toEqual([]);
  }, 120_000);
});
