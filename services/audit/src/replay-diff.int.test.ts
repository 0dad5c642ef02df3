import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { streamIdOf } from "@duty-ledger/domain";
import type { RecordedEvent, SqliteEventStore } from "@duty-ledger/event-store";
import { createHttpApp, createTokenVerifier, signToken } from "@duty-ledger/http-kit";
import { allProjections, createProjectionEngine, createReadModels, createSqliteReadModelStore, type ProjectionEngine, type SqliteReadModelStore } from "@duty-ledger/projections";
import { createQueryApi } from "@duty-ledger/query-api";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAuditCommand } from "./audit-command.js";
import { captureIo, openStore, tempDir, writeSampleStore } from "./audit.test-support.js";

// `replay --diff` against the real query API, fed by the real projection engine.

const secret = "audit-diff-test-secret-of-32-bytes!!!";

let temp: ReturnType<typeof tempDir>;
let path: string;
let store: SqliteEventStore;
let readModelStore: SqliteReadModelStore;
let engine: ProjectionEngine;
let server: Server;
let baseUrl: string;
let head: number;

beforeAll(async () => {
  temp = tempDir("diff");
  path = join(temp.dir, "events.sqlite");
  head = await writeSampleStore(path);
  store = openStore(path);
  readModelStore = createSqliteReadModelStore({ path: join(temp.dir, "read-models.sqlite") });
  engine = createProjectionEngine({ store, readModels: readModelStore, projections: allProjections, logger: pino({ level: "silent" }), maxBatchWaitMs: 5 });
  await engine.start();
  expect(await engine.waitFor(head, 20_000)).toBe(true);
  const api = createQueryApi({ readModels: createReadModels(readModelStore), projector: engine, verifier: createTokenVerifier({ secret }) });
  const app = createHttpApp({ logger: pino({ level: "silent" }), routes: [api], rateLimitPerIp: false });
  server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await engine.stop();
  await readModelStore.close();
  await store.close();
  temp.remove();
});

const run = async (argv: readonly string[]) => {
  const io = captureIo(["replay", "--store-url", path, ...argv]);
  const code = await runAuditCommand(io);
  return { code, out: io.out.text(), err: io.err.text() };
};

const auditor = (): Promise<string> => signToken({ secret, role: "auditor", sub: "AUD-1", expiresIn: "1h" });

describe("replay --diff", () => {
  it("finds no difference with the query API serving the same log (exit 0)", async () => {
    const result = await run(["--scores-as-of", "2025-03-31", "--diff", baseUrl, "--token", await auditor()]);
    expect(result.err).not.toContain("refused");
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^SAME: \d+ answers compared, no difference\n$/);
    expect(Number(/SAME: (\d+)/.exec(result.out)?.[1])).toBeGreaterThan(10);
  });

  it("lists the served figures that an event recorded after the replayed moment changed (exit 1)", async () => {
    let contact: RecordedEvent<string, { contactId: string; deputyIds: string[]; occurredAt: string; opinions: { opinionId: string }[] }> | undefined;
    for await (const event of store.readAll({ filter: { eventTypes: ["ContactRecorded"] }, maxCount: 1 })) contact = event as typeof contact;
    if (contact === undefined) throw new Error("the sample log has no contact");
    const deputyId = contact.data.deputyIds[0] as string;
    const year = Number(new Date(Date.parse(contact.data.occurredAt) + 8 * 3_600_000).toISOString().slice(0, 4));
    const added = await store.append(streamIdOf.contact("C-LATE"), [
      {
        id: "late-contact-event",
        type: "ContactRecorded",
        data: { ...contact.data, contactId: "C-LATE", deputyIds: [deputyId], opinions: contact.data.opinions.map((o, i) => ({ ...o, opinionId: `OP-LATE-${i}` })) },
        metadata: { actor: { id: "OFF-1", role: "office" } },
      },
    ]);
    expect(await engine.waitFor(added.position, 20_000)).toBe(true);

    const result = await run(["--as-of", String(head), "--deputy", deputyId, "--year", String(year), "--period", "1999", "--diff", baseUrl, "--token", await auditor(), "--json"]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.out) as { same: boolean; compared: number; differences: { path: string; replayed: unknown; served: unknown }[] };
    expect(report.same).toBe(false);
    expect(report.compared).toBe(1);
    const total = report.differences.find((d) => d.path.endsWith(" contacts.total"));
    expect(total?.path).toBe(`/v1/deputies/${deputyId}/record?year=${year}&minPosition=${head} contacts.total`);
    expect(total?.served).toBe((total?.replayed as number) + 1);
  });

  it("stops when the API refuses the token (exit 1)", async () => {
    const deputy = await signToken({ secret, role: "deputy", sub: "D-NOBODY", expiresIn: "1h" });
    const result = await run(["--diff", baseUrl, "--token", deputy]);
    expect(result.code).toBe(1);
    expect(result.err).toContain("the query API refused the token (403)");
  });
});
